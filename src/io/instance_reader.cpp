#include "io/instance_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/travel_time.hpp"
#include "io/special_file.hpp"

namespace coverplan::io {

using placement::k_no_service;
using placement::Problem;

namespace {

[[noreturn]] void fail(const std::filesystem::path& file, long long line, const std::string& en, const std::string& zh) {
    Where w(file.string());
    w.line = line;
    throw InputError(w, {en, zh});
}

std::ifstream open_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw InputError({file.string() + ": is a folder, expected an instance file", file.string() + "：是文件夹，应为问题实例文件"});
    if (const auto kind = special_file_kind(file))
        throw InputError({file.string() + ": is " + kind->en + ", expected an instance file", file.string() + "：是" + kind->zh + "，应为问题实例文件"});
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({file.string() + ": cannot be opened for reading", file.string() + "：无法打开读取"});
    return in;
}

// A whitespace-separated token stream that knows its line, for OR-Library files.
class Tokens {
public:
    explicit Tokens(const std::filesystem::path& file) : m_file(file), m_in(open_file(file)) {}

    double number(const char* what) {
        std::string tok;
        while (!(m_line_stream >> tok)) {
            std::string line;
            if (!std::getline(m_in, line))
                fail(m_file, m_line, std::string("the file ends where ") + what + " was expected",
                     std::string("文件在应为") + what + "处结束");
            ++m_line;
            m_line_stream = std::istringstream(line);
        }
        char* end = nullptr;
        const double v = std::strtod(tok.c_str(), &end);
        if (end == tok.c_str() || *end != '\0' || !std::isfinite(v))
            fail(m_file, m_line, std::string("expected ") + what + ", found \"" + tok + "\"",
                 std::string("应为") + what + "，实际为 \"" + tok + "\"");
        return v;
    }

    long long integer(const char* what, long long lo, long long hi) {
        const double v = number(what);
        if (v != std::floor(v) || v < static_cast<double>(lo) || v > static_cast<double>(hi))
            fail(m_file, m_line,
                 std::string("expected ") + what + " as a whole number in " + std::to_string(lo) + " … " + std::to_string(hi) +
                     ", found " + std::to_string(v),
                 std::string("应为 ") + std::to_string(lo) + " … " + std::to_string(hi) + " 之间的整数（" + what + "），实际为 " +
                     std::to_string(v));
        return static_cast<long long>(v);
    }

    long long line() const { return m_line; }

private:
    std::filesystem::path m_file;
    std::ifstream m_in;
    std::istringstream m_line_stream;
    long long m_line = 0;
};

// Caps that keep a broken header from asking for terabytes.
constexpr long long k_max_points = 20'000;

// A dense demand × candidate cost matrix (8 bytes a pair, and `extra` bytes a pair of working
// space) must fit the memory budget before it is allocated.
void require_matrix(const MemoryBudget& memory, const std::filesystem::path& file, double rows, double cols, double extra = 0) {
    const std::string size = format_decimal(rows, 0) + " × " + format_decimal(cols, 0);
    memory.require(rows * cols * (sizeof(double) + extra), {file.string() + ": the cost matrix (" + size + ")", file.string() + "：成本矩阵（" + size + "）"},
                   {"solve a smaller instance, or raise the budget", "请求解更小的实例，或提高内存预算"});
}

// The shortest-path costs between every pair of vertices of an undirected graph with costs ≥ 0:
// one run of the road engine's Dijkstra per source (O(n · m log n), where Floyd–Warshall is O(n³)
// whatever the number of edges).
std::vector<double> all_pairs(std::size_t n, const std::vector<Arc>& arcs) {
    RoadGraph g;
    g.node_xy.resize(n);  // positions play no part: the costs are given
    g.arcs = make_arcs(static_cast<std::uint32_t>(n), arcs);
    std::vector<double> d(n * n, k_no_service);
    Dijkstra search(g);
    for (std::size_t s = 0; s < n; ++s) {
        search.run({{static_cast<std::uint32_t>(s), 0.0, 0}}, k_unreached);
        double* row = &d[s * n];
        for (std::size_t v = 0; v < n; ++v)
            if (const double t = search.node_time(static_cast<std::uint32_t>(v)); t != k_unreached) row[v] = t;
    }
    return d;
}

Problem read_pmed(const std::filesystem::path& file, const MemoryBudget& memory) {
    Tokens t(file);
    const auto n = static_cast<std::size_t>(t.integer("the number of vertices", 1, k_max_points));
    const long long edges = t.integer("the number of edges", 0, 100'000'000);
    Problem pr;
    pr.p = static_cast<int>(t.integer("p", 1, static_cast<long long>(n)));
    pr.demands = pr.candidates = n;
    require_matrix(memory, file, static_cast<double>(n), static_cast<double>(n));
    // OR-Library convention: a repeated edge's last cost counts.
    std::map<std::pair<std::uint32_t, std::uint32_t>, double> cost;
    for (long long e = 0; e < edges; ++e) {
        const auto i = static_cast<std::uint32_t>(t.integer("an edge's first vertex", 1, static_cast<long long>(n)) - 1);
        const auto j = static_cast<std::uint32_t>(t.integer("an edge's second vertex", 1, static_cast<long long>(n)) - 1);
        const double c = t.number("an edge's cost");
        if (c < 0) fail(file, t.line(), "expected a cost ≥ 0, found " + std::to_string(c), "成本应 ≥ 0，实际为 " + std::to_string(c));
        if (i == j) continue;
        cost[{std::min(i, j), std::max(i, j)}] = c;
    }
    std::vector<Arc> arcs;
    for (const auto& [ij, c] : cost) {
        arcs.push_back({ij.first, ij.second, c});
        arcs.push_back({ij.second, ij.first, c});
    }
    pr.cost = all_pairs(n, arcs);
    return pr;
}

struct XyPoint {
    std::string id;
    double x, y, demand;
};

Problem euclidean(std::vector<XyPoint> pts, bool truncate, const MemoryBudget& memory, const std::filesystem::path& file) {
    Problem pr;
    const std::size_t n = pts.size();
    require_matrix(memory, file, static_cast<double>(n), static_cast<double>(n));
    pr.demands = pr.candidates = n;
    pr.cost.resize(n * n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            const double d = std::hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y);
            pr.cost[i * n + j] = truncate ? std::floor(d) : d;
        }
    for (const auto& p : pts) {
        pr.demand_names.push_back(p.id);
        pr.weight.push_back(p.demand);
    }
    pr.candidate_names = pr.demand_names;
    return pr;
}

Problem read_pmedcap(const std::filesystem::path& file, const MemoryBudget& memory) {
    Tokens t(file);
    t.number("the problem number");
    t.number("the best known value");
    const auto n = t.integer("the number of points", 1, k_max_points);
    const int p = static_cast<int>(t.integer("p", 1, n));
    const double q = t.number("the capacity");
    std::vector<XyPoint> pts;
    for (long long k = 0; k < n; ++k) {
        const long long id = t.integer("a point id", 0, 1'000'000'000);
        const double x = t.number("x"), y = t.number("y"), demand = t.number("a demand");
        pts.push_back({std::to_string(id), x, y, demand});
    }
    // Floor of the Euclidean distance: the convention the published optima hold under.
    Problem pr = euclidean(std::move(pts), true, memory, file);
    pr.model = placement::Model::capacitated_p_median;
    pr.p = p;
    pr.size = pr.weight;  // demand uses capacity; the objective counts distance once per point
    pr.weight.clear();
    pr.capacity.assign(pr.candidates, q);
    pr.home.resize(pr.candidates);
    for (std::size_t j = 0; j < pr.candidates; ++j) pr.home[j] = static_cast<std::int32_t>(j);
    return pr;
}

Problem read_points(const std::filesystem::path& file, const MemoryBudget& memory) {
    Tokens t(file);
    const auto n = t.integer("the number of points", 1, k_max_points);
    std::vector<XyPoint> pts;
    for (long long k = 0; k < n; ++k) {
        const long long id = t.integer("a point id", 0, 1'000'000'000);
        const double x = t.number("x"), y = t.number("y"), demand = t.number("a demand weight");
        pts.push_back({std::to_string(id), x, y, demand});
    }
    return euclidean(std::move(pts), false, memory, file);
}

// RFC 4180 fields of one record (quotes, doubled quotes); a UTF-8 BOM on the first line is dropped.
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t k = 0; k < line.size(); ++k) {
        const char ch = line[k];
        if (quoted) {
            if (ch == '"' && k + 1 < line.size() && line[k + 1] == '"') {
                out.back() += '"';
                ++k;
            } else if (ch == '"') {
                quoted = false;
            } else {
                out.back() += ch;
            }
        } else if (ch == '"') {
            quoted = true;
        } else if (ch == ',') {
            out.emplace_back();
        } else if (ch != '\r') {
            out.back() += ch;
        }
    }
    return out;
}

struct Csv {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<long long> lines;
};

Csv read_csv(const std::filesystem::path& file) {
    std::ifstream in = open_file(file);
    Csv csv;
    std::string line;
    long long no = 0;
    while (std::getline(in, line)) {
        ++no;
        if (no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto f = csv_fields(line);
        if (csv.header.empty()) {
            csv.header = std::move(f);
            continue;
        }
        if (f.size() != csv.header.size())
            fail(file, no, "expected " + std::to_string(csv.header.size()) + " fields as in the header, found " + std::to_string(f.size()),
                 "应有 " + std::to_string(csv.header.size()) + " 个字段（与表头一致），实际为 " + std::to_string(f.size()));
        csv.rows.push_back(std::move(f));
        csv.lines.push_back(no);
    }
    if (csv.header.empty()) fail(file, 1, "the file is empty, expected a header row", "文件为空，应有表头行");
    return csv;
}

std::size_t column(const Csv& csv, const std::filesystem::path& file, const std::string& name) {
    auto it = std::find(csv.header.begin(), csv.header.end(), name);
    if (it == csv.header.end()) {
        std::string have;
        for (const auto& h : csv.header) have += (have.empty() ? "" : ", ") + h;
        fail(file, 1, "no column \"" + name + "\" (columns: " + have + ")", "没有列 \"" + name + "\"（现有列：" + have + "）");
    }
    return static_cast<std::size_t>(it - csv.header.begin());
}

double csv_number(const std::string& text, const std::filesystem::path& file, long long line, const std::string& field) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v) || v < 0)
        fail(file, line, "field \"" + field + "\": expected a number ≥ 0, found \"" + text + "\"",
             "字段 \"" + field + "\"：应为 ≥ 0 的数，实际为 \"" + text + "\"");
    return v;
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

std::size_t index_of(const std::vector<std::string>& sorted, const std::string& key) {
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), key) - sorted.begin());
}

Problem read_csv_long(const std::filesystem::path& file, const CsvColumns& cols, const MemoryBudget& memory) {
    const Csv csv = read_csv(file);
    const std::size_t cd = column(csv, file, cols.demand), cc = column(csv, file, cols.candidate), cv = column(csv, file, cols.cost);
    const std::size_t cw = cols.weight.empty() ? csv.header.size() : column(csv, file, cols.weight);
    std::vector<std::string> ds, cs;
    for (const auto& r : csv.rows) {
        ds.push_back(r[cd]);
        cs.push_back(r[cc]);
    }
    Problem pr;
    pr.demand_names = sorted_unique(std::move(ds));
    pr.candidate_names = sorted_unique(std::move(cs));
    pr.demands = pr.demand_names.size();
    pr.candidates = pr.candidate_names.size();
    if (pr.demands == 0) fail(file, 2, "no rows after the header", "表头之后没有数据行");
    require_matrix(memory, file, static_cast<double>(pr.demands), static_cast<double>(pr.candidates), sizeof(char));
    pr.cost.assign(pr.demands * pr.candidates, k_no_service);  // pairs not listed cannot serve
    std::vector<char> seen(pr.cost.size(), 0);
    if (cw < csv.header.size()) pr.weight.assign(pr.demands, k_no_service);
    for (std::size_t k = 0; k < csv.rows.size(); ++k) {
        const auto& r = csv.rows[k];
        const std::size_t i = index_of(pr.demand_names, r[cd]), j = index_of(pr.candidate_names, r[cc]);
        const std::size_t at = i * pr.candidates + j;
        if (seen[at]) fail(file, csv.lines[k], "the pair " + r[cd] + " / " + r[cc] + " appears twice", "组合 " + r[cd] + " / " + r[cc] + " 重复出现");
        seen[at] = 1;
        pr.cost[at] = csv_number(r[cv], file, csv.lines[k], cols.cost);
        if (cw < csv.header.size()) {
            const double w = csv_number(r[cw], file, csv.lines[k], cols.weight);
            if (std::isfinite(pr.weight[i]) && pr.weight[i] != w)
                fail(file, csv.lines[k], "demand " + r[cd] + " has two different weights", "需求点 " + r[cd] + " 有两个不同的权重");
            pr.weight[i] = w;
        }
    }
    return pr;
}

Problem read_csv_wide(const std::filesystem::path& file) {
    const Csv csv = read_csv(file);
    if (csv.header.size() < 2) fail(file, 1, "expected a demand column and one column per candidate", "应有需求点列及每个候选点一列");
    Problem pr;
    pr.candidate_names.assign(csv.header.begin() + 1, csv.header.end());
    pr.candidates = pr.candidate_names.size();
    for (std::size_t k = 0; k < csv.rows.size(); ++k) {
        const auto& r = csv.rows[k];
        pr.demand_names.push_back(r[0]);
        for (std::size_t j = 1; j < r.size(); ++j)
            pr.cost.push_back(r[j].empty() ? k_no_service : csv_number(r[j], file, csv.lines[k], csv.header[j]));
    }
    pr.demands = pr.demand_names.size();
    if (pr.demands == 0) fail(file, 2, "no rows after the header", "表头之后没有数据行");
    return pr;
}

// name,value pairs for the demands or candidates of `names`.
std::vector<double> read_values(const std::filesystem::path& file, const std::vector<std::string>& names) {
    const Csv csv = read_csv(file);
    if (csv.header.size() < 2) fail(file, 1, "expected two columns: name and value", "应有两列：名称和数值");
    std::map<std::string, std::size_t> at;
    for (std::size_t k = 0; k < names.size(); ++k) at.emplace(names[k], k);
    std::vector<double> out(names.size(), std::nan(""));
    for (std::size_t k = 0; k < csv.rows.size(); ++k) {
        auto it = at.find(csv.rows[k][0]);
        if (it == at.end())
            fail(file, csv.lines[k], "\"" + csv.rows[k][0] + "\" is not in the instance", "实例中没有 \"" + csv.rows[k][0] + "\"");
        out[it->second] = csv_number(csv.rows[k][1], file, csv.lines[k], csv.header[1]);
    }
    for (std::size_t k = 0; k < names.size(); ++k)
        if (std::isnan(out[k]))
            fail(file, -1, "no value for \"" + names[k] + "\", expected one row per name", "缺少 \"" + names[k] + "\" 的数值，应每个名称一行");
    return out;
}

}  // namespace

bool parse_instance_format(const std::string& key, InstanceFormat& out) {
    static const std::map<std::string, InstanceFormat> formats{{"orlib-pmed", InstanceFormat::orlib_pmed},
                                                               {"orlib-pmedcap", InstanceFormat::orlib_pmedcap},
                                                               {"points", InstanceFormat::points},
                                                               {"csv-long", InstanceFormat::csv_long},
                                                               {"csv-wide", InstanceFormat::csv_wide},
                                                               {"solomon", InstanceFormat::solomon}};
    auto it = formats.find(key);
    if (it == formats.end()) return false;
    out = it->second;
    return true;
}

Problem read_instance(const InstanceInput& in) {
    Problem pr;
    switch (in.format) {
        case InstanceFormat::orlib_pmed: pr = read_pmed(in.file, in.memory); break;
        case InstanceFormat::orlib_pmedcap: pr = read_pmedcap(in.file, in.memory); break;
        case InstanceFormat::points: pr = read_points(in.file, in.memory); break;
        case InstanceFormat::csv_long: pr = read_csv_long(in.file, in.columns, in.memory); break;
        case InstanceFormat::csv_wide: pr = read_csv_wide(in.file); break;
        case InstanceFormat::solomon:
            throw UsageError({"a routing instance is read by read_routing_instance", "路径问题实例由 read_routing_instance 读取"});
    }
    if (pr.demand_names.empty())
        for (std::size_t i = 0; i < pr.demands; ++i) pr.demand_names.push_back(std::to_string(i + 1));
    if (pr.candidate_names.empty())
        for (std::size_t j = 0; j < pr.candidates; ++j) pr.candidate_names.push_back(std::to_string(j + 1));
    if (!in.weights.empty()) pr.weight = read_values(in.weights, pr.demand_names);
    if (!in.capacities.empty()) pr.capacity = read_values(in.capacities, pr.candidate_names);
    return pr;
}

routing::Problem read_routing_instance(const std::filesystem::path& file, const MemoryBudget& memory) {
    Tokens t(file);
    const long long type = t.integer("the problem type", 0, 100);
    if (type != 4)
        fail(file, t.line(), "expected problem type 4 (VRPTW), found " + std::to_string(type),
             "问题类型应为 4（带时间窗的车辆路径问题），实际为 " + std::to_string(type));
    const long long vehicles = t.integer("the number of vehicles", 1, k_max_points);
    const long long n = t.integer("the number of customers", 1, k_max_points);
    t.integer("the number of days", 1, 1);  // one day: one `D Q` line
    routing::Problem p;
    p.customers = static_cast<std::size_t>(n);
    p.max_routes = static_cast<std::size_t>(vehicles);
    const double duration = t.number("the longest route (D)");
    const double capacity = t.number("the vehicle capacity (Q)");
    if (duration < 0 || capacity < 0) fail(file, t.line(), "expected D and Q ≥ 0", "D 与 Q 应 ≥ 0");
    p.max_duration = duration == 0 ? routing::k_unlimited : duration;
    p.capacity = capacity == 0 ? routing::k_unlimited : capacity;
    const auto nodes = static_cast<std::size_t>(n) + 1;
    require_matrix(memory, file, static_cast<double>(nodes), static_cast<double>(nodes));
    std::vector<double> x(nodes), y(nodes);
    p.demand.resize(nodes);
    p.service.resize(nodes);
    p.ready.resize(nodes);
    p.due.resize(nodes);
    for (std::size_t i = 0; i < nodes; ++i) {
        const long long id = t.integer("a node id", 0, n);
        if (id != static_cast<long long>(i))
            fail(file, t.line(), "expected node " + std::to_string(i) + " (ids 0 … n in order), found " + std::to_string(id),
                 "应为节点 " + std::to_string(i) + "（编号 0 … n 依次排列），实际为 " + std::to_string(id));
        x[i] = t.number("x");
        y[i] = t.number("y");
        if (std::abs(x[i]) > 1e12 || std::abs(y[i]) > 1e12)
            fail(file, t.line(), "expected coordinates within ±10¹², found " + format_decimal(x[i], 0) + ", " + format_decimal(y[i], 0),
                 "坐标应在 ±10¹² 以内，实际为 " + format_decimal(x[i], 0) + ", " + format_decimal(y[i], 0));
        p.service[i] = t.number("a service duration");
        p.demand[i] = t.number("a demand");
        t.number("a visit frequency");
        const long long combinations = t.integer("the number of visit combinations", 0, 1000);
        for (long long c = 0; c < combinations; ++c) t.number("a visit combination");
        p.ready[i] = t.number("a window's start");
        p.due[i] = t.number("a window's end");
        if (p.service[i] < 0 || p.demand[i] < 0)
            fail(file, t.line(), "expected a service duration and a demand ≥ 0", "服务时长与需求应 ≥ 0");
        if (p.due[i] < p.ready[i])
            fail(file, t.line(), "expected a window whose end is not before its start", "时间窗的结束不应早于开始");
    }
    p.time.resize(nodes * nodes);
    for (std::size_t i = 0; i < nodes; ++i)
        for (std::size_t j = 0; j < nodes; ++j) p.time[i * nodes + j] = std::hypot(x[i] - x[j], y[i] - y[j]);
    return p;
}

}  // namespace coverplan::io
