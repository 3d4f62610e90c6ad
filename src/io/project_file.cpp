#include "io/project_file.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>
#include <toml++/toml.h>

#include "core/bounds.hpp"
#include "core/calendar.hpp"
#include "core/category.hpp"
#include "core/error.hpp"
#include "core/speed_profile.hpp"
#include "core/text.hpp"
#include "io/special_file.hpp"

namespace coverplan::io {

namespace fs = std::filesystem;

std::string LayerSpec::field(const std::string& field_role) const {
    auto it = fields.find(field_role);
    return it == fields.end() ? field_role : it->second;
}

std::string LayerSpec::display_name() const { return layer.empty() ? source : source + " (" + layer + ")"; }

std::vector<const LayerSpec*> ProjectConfig::layers() const {
    return {&townships, &villages, &roads, &beneficiaries, &sites, &assignments, &candidates, &hazards, &closures, &shelters};
}

std::vector<fs::path> input_files(const ProjectConfig& cfg) {
    std::vector<fs::path> files{cfg.file};
    for (const LayerSpec* layer : cfg.layers()) {
        if (!layer->present || layer->path.empty()) continue;
        files.push_back(layer->path);
        if (ascii_lower(layer->path.extension().string()) == ".shp")
            for (const char* ext : {".shx", ".dbf", ".prj", ".cpg"}) {
                fs::path side = layer->path;
                side.replace_extension(ext);
                std::error_code ec;
                if (fs::exists(side, ec)) files.push_back(side);
            }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

bool ProjectConfig::roads_from_osm() const {
    if (!roads.present) return false;
    const std::string ext = ascii_lower(roads.path.extension().string());
    return ext == ".pbf" || ext == ".osm" || ascii_lower(roads.field("class")) == "highway";
}

namespace {

std::string type_name_en(toml::node_type t) {
    switch (t) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "true/false";
        default: return "a date or time";
    }
}

// Reads one TOML table, remembering which keys were used, so that unknown keys can be
// reported with a suggestion.
class TableReader {
public:
    TableReader(const toml::table& table, std::string section, std::string file)
        : m_table(table), m_section(std::move(section)), m_file(std::move(file)) {}

    std::optional<std::string> string(const std::string& key) {
        const toml::node* n = get(key);
        if (!n) return std::nullopt;
        if (!n->is_string()) type_error(key, *n, "a string", "字符串");
        // Control characters (ESC sequences, bidirectional overrides) have no place in a name, a
        // path or a credit line, and would reach terminals and reports.
        std::string v = n->as_string()->get();
        strip_controls(v);
        return v;
    }

    std::optional<double> number(const std::string& key) {
        const toml::node* n = get(key);
        if (!n) return std::nullopt;
        if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
        if (!n->is_floating_point()) type_error(key, *n, "a number", "数值");
        return n->as_floating_point()->get();
    }

    // A number within its documented range (core/bounds.hpp), else a usage error saying the range
    // and why; whole numbers only where the bound says so.
    std::optional<double> bounded(const std::string& key, const Bound& b) {
        const toml::node* n = get(key);
        if (!n) return std::nullopt;
        double v = 0;
        if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
        else if (n->is_floating_point() && !b.integer) v = n->as_floating_point()->get();
        else type_error(key, *n, b.integer ? "an integer" : "a number", b.integer ? "整数" : "数值");
        if (!b.contains(v)) fail(key, b.problem(v));
        return v;
    }

    std::optional<int> bounded_int(const std::string& key, const Bound& b) {
        const auto v = bounded(key, b);
        if (!v) return std::nullopt;
        return static_cast<int>(*v);
    }

    // One of a closed set of names (a table of core/placement/plan_config.hpp's kind).
    template <class E, std::size_t N>
    std::optional<E> choice(const std::string& key, const placement::Named<E> (&table)[N]) {
        const auto v = string(key);
        if (!v) return std::nullopt;
        if (auto e = placement::parse_named(table, *v)) return e;
        const std::vector<std::string> keys = placement::named_keys(table);
        fail(key, {"expected " + join(keys, ", ") + ", found \"" + *v + "\"", "应为 " + join(keys, "、") + "，实际为“" + *v + "”"});
    }

    std::optional<long long> integer(const std::string& key) {
        const toml::node* n = get(key);
        if (!n) return std::nullopt;
        if (!n->is_integer()) type_error(key, *n, "an integer", "整数");
        return n->as_integer()->get();
    }

    std::optional<bool> boolean(const std::string& key) {
        const toml::node* n = get(key);
        if (!n) return std::nullopt;
        if (!n->is_boolean()) type_error(key, *n, "true or false", "true 或 false");
        return n->as_boolean()->get();
    }

    std::optional<std::vector<double>> number_array(const std::string& key) {
        const toml::node* n = get(key);
        if (!n) return std::nullopt;
        if (!n->is_array()) type_error(key, *n, "an array of numbers", "数值数组");
        std::vector<double> out;
        for (const toml::node& item : *n->as_array()) {
            if (item.is_integer()) out.push_back(static_cast<double>(item.as_integer()->get()));
            else if (item.is_floating_point()) out.push_back(item.as_floating_point()->get());
            else type_error(key, item, "an array of numbers", "数值数组");
        }
        return out;
    }

    const toml::node* table_or_node(const std::string& key) { return get(key); }

    const toml::table* table(const std::string& key) {
        const toml::node* n = get(key);
        if (!n) return nullptr;
        if (!n->is_table()) type_error(key, *n, "a table", "表");
        return n->as_table();
    }

    // A table whose keys are free (codes, spellings) and whose values are strings.
    std::map<std::string, std::string> string_map(const std::string& key) {
        std::map<std::string, std::string> out;
        const toml::table* t = table(key);
        if (!t) return out;
        TableReader sub(*t, qualified(key), m_file);
        for (const auto& [k, v] : *t) {
            const std::string ks(k.str());
            out[ks] = *sub.string(ks);
        }
        return out;
    }

    std::string qualified(const std::string& key) const { return m_section.empty() ? key : m_section + "." + key; }

    void finish(const std::vector<std::string>& allowed) const {
        for (const auto& [k, v] : m_table) {
            const std::string ks(k.str());
            if (m_used.count(ks)) continue;
            const std::string hint = closest_match(ks, allowed);
            const std::string line = std::to_string(v.source().begin.line);
            const std::string where_en = m_section.empty() ? "at the top level" : "in [" + m_section + "]";
            const std::string where_zh = m_section.empty() ? "顶层" : "[" + m_section + "] 中";
            Text t{m_file + ", line " + line + ": unknown key \"" + ks + "\" " + where_en,
                   m_file + " 第 " + line + " 行：" + where_zh + "没有键“" + ks + "”"};
            if (!hint.empty()) {
                t.en += "; did you mean \"" + hint + "\"?";
                t.zh += "；是否应为“" + hint + "”？";
            } else {
                t.en += "; known keys: " + join(allowed, ", ");
                t.zh += "；可用的键：" + join(allowed, "、");
            }
            throw UsageError(t);
        }
    }

    [[noreturn]] void fail(const std::string& key, const Text& problem) const {
        const toml::node* n = m_table.get(key);
        const std::string line = n ? std::to_string(n->source().begin.line) : "?";
        throw UsageError({m_file + ", line " + line + ": " + qualified(key) + ": " + problem.en,
                          m_file + " 第 " + line + " 行：" + qualified(key) + "：" + problem.zh});
    }

private:
    const toml::node* get(const std::string& key) {
        m_used.insert(key);
        return m_table.get(key);
    }

    [[noreturn]] void type_error(const std::string& key, const toml::node& n, const std::string& en, const std::string& zh) const {
        fail(key, {"expected " + en + ", found " + type_name_en(n.type()), "应为" + zh + "，实际为 " + type_name_en(n.type())});
    }

    const toml::table& m_table;
    std::string m_section;
    std::string m_file;
    std::set<std::string> m_used;
};

// GDAL's virtual file systems that read an archive on disk; everything else under /vsi (stdin,
// curl, cloud stores, memory) and URLs are refused: coverplan reads files, offline (DESIGN §13).
constexpr const char* k_archive_prefixes[] = {"/vsizip/", "/vsigzip/", "/vsitar/"};

bool ends_with_archive(const std::string& component) {
    const std::string c = ascii_lower(component);
    for (const char* ext : {".zip", ".kmz", ".tar", ".tgz", ".tar.gz", ".gz"})
        if (c.size() > std::strlen(ext) && c.compare(c.size() - std::strlen(ext), std::string::npos, ext) == 0) return true;
    return false;
}

// Sets path (the file on disk) and gdal_name (what GDAL opens) from the source as written.
void resolve_source(TableReader& r, const fs::path& dir, LayerSpec& out) {
    const std::string& src = out.source;
    auto absolute = [&dir](const fs::path& p) { return p.is_absolute() ? p : dir / p; };
    if (src.rfind("PG:", 0) == 0) {  // a PostgreSQL connection: opened as written
        out.gdal_name = src;
        return;
    }
    auto refuse = [&](const std::string& what_en, const std::string& what_zh) {
        r.fail("source", {"\"" + src + "\" " + what_en + "; coverplan reads files on this machine and never the network: save the data as a file "
                          "(GeoPackage, Shapefile, GeoJSON, CSV, XLSX) and give its path",
                          "“" + src + "”" + what_zh + "；coverplan 只读取本机文件、不访问网络：请将数据另存为文件（GeoPackage、Shapefile、GeoJSON、CSV、XLSX）并填写其路径"});
    };
    if (src.rfind("/vsi", 0) == 0) {
        const char* prefix = nullptr;
        for (const char* p : k_archive_prefixes)
            if (src.rfind(p, 0) == 0) prefix = p;
        if (!prefix) {
            if (src.rfind("/vsistdin", 0) == 0) refuse("reads standard input", "读取标准输入");
            refuse("is a GDAL virtual file system that is not an archive on disk (only /vsizip/, /vsigzip/ and /vsitar/ are read)",
                   "不是本机压缩文件的 GDAL 虚拟文件系统（只支持 /vsizip/、/vsigzip/、/vsitar/）");
        }
        std::string rest = src.substr(std::strlen(prefix));
        if (rest.rfind("/vsi", 0) == 0 || rest.find("://") != std::string::npos)
            refuse("reads an archive through another virtual file system or a URL", "通过其他虚拟文件系统或网址读取压缩文件");
        std::string archive, inner;
        if (!rest.empty() && rest.front() == '{') {  // GDAL's /vsizip/{archive}/inner form
            const auto close = rest.find('}');
            if (close == std::string::npos) refuse("has an unclosed { in its archive path", "的压缩文件路径缺少 }");
            archive = rest.substr(1, close - 1);
            inner = rest.substr(close + 1);
        } else if (std::string(prefix) == "/vsigzip/") {
            archive = rest;
        } else {
            // The archive is the first part of the path that ends as an archive does.
            std::size_t pos = 0;
            while (true) {
                const std::size_t slash = rest.find('/', pos + 1);
                const std::string head = rest.substr(0, slash);
                if (ends_with_archive(head) || slash == std::string::npos) {
                    archive = head;
                    inner = slash == std::string::npos ? "" : rest.substr(slash);
                    break;
                }
                pos = slash;
            }
        }
        out.path = absolute(fs::path(archive)).lexically_normal();
        out.gdal_name = std::string(prefix) + out.path.string() + inner;
        return;
    }
    // A URL or a GDAL driver prefix (GeoJSON:…, WFS:…) would make GDAL fetch or interpret it.
    const auto colon = src.find(':');
    if (src.find("://") != std::string::npos) refuse("is a URL", "是网址");
    std::error_code ec;  // a name too long for the file system is not a file either
    if (colon != std::string::npos && colon >= 2 && src.find('/') > colon && !fs::exists(absolute(fs::path(src)), ec))
        refuse("starts with a GDAL driver prefix (" + src.substr(0, colon + 1) + ")", "以 GDAL 驱动前缀（" + src.substr(0, colon + 1) + "）开头");
    out.path = absolute(fs::path(src));
    out.gdal_name = out.path.string();
}

struct LayerRules {
    const char* role;
    std::vector<std::string> field_roles;
};

const std::vector<LayerRules>& layer_rules() {
    static const std::vector<LayerRules> rules = {
        {"townships", {"code", "name"}},
        {"villages", {"code", "name", "township", "population", "anchor_x", "anchor_y"}},
        {"roads", {"class", "name", "speed", "oneway", "bridge", "tunnel", "layer"}},
        {"beneficiaries", {"village", "categories", "weight", "record", "household", "last_visit", "visit_window"}},
        {"sites", {"id", "name", "kind", "status", "served_villages", "township", "staff"}},
        {"assignments", {"site_id", "village"}},
        {"candidates", {"id", "name", "type"}},
        {"hazards", {"level", "type", "name"}},
        {"closures", {"name"}},
        {"shelters", {"id", "name", "type", "capacity"}},
    };
    return rules;
}

void read_layer(TableReader& layers, const std::string& role, const std::vector<std::string>& field_roles,
                const fs::path& dir, const std::string& file, LayerSpec& out) {
    out.role = role;
    const toml::table* t = layers.table(role);
    if (!t) return;
    TableReader r(*t, "layers." + role, file);
    out.present = true;
    auto source = r.string("source");
    if (!source || trim(*source).empty())
        r.fail("source", {"every layer needs a source: a file path relative to the project file, or a connection string",
                          "每个图层都需要 source：相对项目文件的路径或数据库连接串"});
    out.source = *source;
    resolve_source(r, dir, out);
    out.layer = r.string("layer").value_or("");
    out.where = r.string("where").value_or("");
    out.crs = r.string("crs").value_or("");
    out.encoding = r.string("encoding").value_or("");
    out.x = r.string("x").value_or("");
    out.y = r.string("y").value_or("");
    out.wkt = r.string("wkt").value_or("");
    if (auto h = r.bounded_int("header_row", setting::header_row)) {
        out.header_row = *h;
        if (*h > 1 && !out.where.empty())
            r.fail("header_row", {"a header below row 1 cannot be combined with where = … yet; filter the rows in the file",
                                  "表头不在第 1 行时暂不能同时使用 where 条件；请在文件中筛选"});
    }
    if (out.x.empty() != out.y.empty())
        r.fail(out.x.empty() ? "y" : "x", {"give both x and y columns, or neither", "x 与 y 列须同时给出或都不给"});
    if (auto c = r.string("coordinates")) {
        const std::string v = ascii_lower(*c);
        if (v == "wgs84") out.coordinates = Coordinates::wgs84;
        else if (v == "gcj02") out.coordinates = Coordinates::gcj02;
        else if (v == "bd09") out.coordinates = Coordinates::bd09;
        else r.fail("coordinates", {"expected \"wgs84\", \"gcj02\" or \"bd09\", found \"" + *c + "\"",
                                    "应为 \"wgs84\"、\"gcj02\" 或 \"bd09\"，实际为 \"" + *c + "\""});
    }
    if (const toml::table* f = r.table("fields")) {
        TableReader fr(*f, "layers." + role + ".fields", file);
        for (const auto& fr_role : field_roles)
            if (auto v = fr.string(fr_role)) out.fields[fr_role] = *v;
        fr.finish(field_roles);
    }
    r.finish({"source", "layer", "where", "crs", "coordinates", "encoding", "x", "y", "wkt", "header_row", "fields"});
}

// [plan]: the programme's placement model.
void read_plan(const toml::table& table, const std::string& shown, ProjectConfig& cfg) {
    TableReader r(table, "plan", shown);
    placement::PlanConfig& pc = cfg.plan;
    if (const toml::table* w = r.table("category_weights")) {
        TableReader wr(*w, "plan.category_weights", shown);
        for (const auto& [k, v] : *w) {
            const std::string key(k.str());
            const auto value = wr.bounded(key, setting::category_weight);
            const auto cat = parse_category(key);
            if (!cat) {
                std::vector<std::string> keys;
                for (Category c : all_categories()) keys.emplace_back(category_key(c));
                wr.fail(key, {"unknown category \"" + key + "\"; categories are " + join(keys, ", "),
                              "类别“" + key + "”不存在；可用类别：" + join(keys, "、")});
            }
            pc.category_weights[std::string(category_key(*cat))] = *value;
        }
    }
    pc.max_travel_min = r.bounded("max_travel_min", setting::plan_max_travel_min);
    if (auto v = r.boolean("reassign")) pc.reassign = *v;
    if (auto v = r.boolean("village_hosts")) pc.village_hosts = *v;
    if (const toml::table* np = r.table("new_points")) {
        TableReader nr(*np, "plan.new_points", shown);
        for (const auto& [k, v] : *np) {
            const std::string code(k.str());
            pc.new_points[code] = *nr.bounded_int(code, setting::new_points);
        }
    }
    if (auto v = r.choice("solver", placement::k_plan_solvers)) pc.solver = *v;
    if (auto v = r.bounded("time_limit_s", setting::time_limit_s)) pc.time_limit_s = *v;
    if (auto v = r.bounded("seed", setting::seed)) pc.seed = static_cast<std::uint64_t>(*v);
    if (auto v = r.choice("model", placement::k_plan_models)) pc.model = *v;
    pc.budget = r.bounded_int("budget", setting::budget);
    pc.within_min = r.bounded("within_min", setting::within_min);
    if (auto v = r.choice("capacity", placement::k_plan_capacities)) pc.capacity = *v;
    r.finish({"category_weights", "max_travel_min", "reassign", "village_hosts", "new_points", "solver", "time_limit_s", "seed", "model",
              "budget", "within_min", "capacity"});
}

Text category_list() {
    std::vector<std::string> en, zh;
    for (Category c : all_categories()) {
        en.emplace_back(category_key(c));
        zh.push_back(std::string(category_zh(c)) + "/" + std::string(category_key(c)));
    }
    return {join(en, ", "), join(zh, "、")};
}

// [staffing]: social workers per site and their working day.
void read_staffing(const toml::table& table, const std::string& shown, StaffingConfig& st) {
    TableReader r(table, "staffing", shown);
    if (auto v = r.bounded_int("station", setting::staff_default)) st.station = *v;
    if (auto v = r.bounded_int("point", setting::staff_default)) st.point = *v;
    if (auto v = r.bounded("days_per_month", setting::days_per_month)) st.days_per_month = *v;
    if (auto v = r.bounded("hours_per_day", setting::hours_per_day)) st.hours_per_day = *v;
    if (auto v = r.bounded("lunch_minutes", setting::lunch_minutes)) st.lunch_min = *v;
    if (auto v = r.bounded("visiting_share", setting::visiting_share)) st.visiting_share = *v;
    auto clock = [&r](const std::string& key, int& out) {
        const auto v = r.string(key);
        if (!v) return;
        const auto m = parse_clock(*v);
        if (!m) r.fail(key, {"expected a time of day as HH:MM (24-hour), found \"" + terminal_safe(*v) + "\"",
                             "应为 HH:MM（24 小时制）格式的时刻，实际为“" + terminal_safe(*v) + "”"});
        out = *m;
    };
    clock("day_start", st.day_start_min);
    clock("lunch_start", st.lunch_start_min);
    auto dates = [&r](const std::string& key, std::vector<int>& out) {
        const toml::node* n = r.table_or_node(key);
        if (!n) return;
        if (!n->is_array()) r.fail(key, {"expected an array of dates \"YYYY-MM-DD\"", "应为日期数组（YYYY-MM-DD）"});
        for (const toml::node& item : *n->as_array()) {
            const auto d = item.is_string() ? parse_date(item.as_string()->get()) : std::nullopt;
            if (!d || item.as_string()->get().size() != 10)
                r.fail(key, {"expected an array of dates \"YYYY-MM-DD\" that exist, found " +
                                 (item.is_string() ? "\"" + terminal_safe(item.as_string()->get()) + "\"" : std::string("a value that is not a string")),
                             "应为存在的日期（YYYY-MM-DD）数组，实际含" +
                                 (item.is_string() ? "“" + terminal_safe(item.as_string()->get()) + "”" : std::string("非字符串的值"))});
            out.push_back(*d);
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    };
    dates("holidays", st.holidays);
    dates("extra_workdays", st.extra_workdays);
    r.finish({"station", "point", "days_per_month", "hours_per_day", "day_start", "lunch_start", "lunch_minutes", "visiting_share",
              "holidays", "extra_workdays"});
    if (st.lunch_start_min < st.day_start_min)
        r.fail("lunch_start", {"the lunch break cannot start before the working day (day_start)", "午休不能早于上班时间（day_start）"});
    if (st.day_end_min() > 24 * 60)
        r.fail("hours_per_day", {"day_start plus hours_per_day and the lunch break runs past midnight", "上班时间加工作时长与午休超过午夜"});
}

// How often a category is visited: months between visits, or a word for it.
std::optional<int> interval_word(const std::string& v) {
    static const std::pair<const char*, int> words[] = {
        {"monthly", 1}, {"每月", 1}, {"bimonthly", 2}, {"every 2 months", 2}, {"每两月", 2}, {"每两个月", 2}, {"每2个月", 2},
        {"quarterly", 3}, {"每季度", 3}, {"每季", 3}, {"half-yearly", 6}, {"每半年", 6}, {"yearly", 12}, {"每年", 12},
        {"none", 0}, {"不定期", 0}};
    const std::string l = ascii_lower(trim(v));
    for (const auto& [w, months] : words)
        if (l == w) return months;
    return std::nullopt;
}

// [visits]: how long a visit takes and how often each category is visited.
void read_visits(const toml::table& table, const std::string& shown, VisitConfig& vc,
                 const std::map<std::string, std::string>& aliases) {
    TableReader r(table, "visits", shown);
    if (auto v = r.bounded("minutes", setting::visit_minutes)) vc.minutes = *v;
    if (auto v = r.bounded("iterations_per_visit", setting::iterations_per_visit)) vc.iterations_per_visit = static_cast<std::uint64_t>(*v);
    if (auto v = r.bounded("site_time_limit_s", setting::site_time_limit_s)) vc.site_time_limit_s = *v;
    if (auto v = r.bounded("seed", setting::seed)) vc.seed = static_cast<std::uint64_t>(*v);
    auto category_of = [&](TableReader& sub, const std::string& key) {
        const auto cat = parse_category(key, aliases);
        if (!cat) {
            const Text known = category_list();
            sub.fail(key, {"unknown category \"" + terminal_safe(key) + "\"; categories are " + known.en,
                           "类别“" + terminal_safe(key) + "”不存在；可用类别：" + known.zh});
        }
        return static_cast<std::size_t>(*cat);
    };
    if (const toml::table* f = r.table("frequency")) {
        TableReader fr(*f, "visits.frequency", shown);
        for (const auto& [k, node] : *f) {
            const std::string key(k.str());
            const std::size_t c = category_of(fr, key);
            if (node.is_string()) {
                const auto months = interval_word(*fr.string(key));
                if (!months)
                    fr.fail(key, {"expected months between visits (1 monthly … 12 yearly, 0 none) or monthly, bimonthly, quarterly, half-yearly, "
                                  "yearly, none (每月、每两月、每季度、每半年、每年、不定期), found \"" + terminal_safe(node.as_string()->get()) + "\"",
                                  "应为走访间隔月数（1 每月 … 12 每年，0 不定期）或 每月、每两月、每季度、每半年、每年、不定期，实际为“" +
                                      terminal_safe(node.as_string()->get()) + "”"});
                vc.interval_months[c] = *months;
            } else {
                vc.interval_months[c] = *fr.bounded_int(key, setting::visit_interval);
            }
        }
    }
    if (const toml::table* m = r.table("minutes_by_category")) {
        TableReader mr(*m, "visits.minutes_by_category", shown);
        for (const auto& [k, node] : *m) {
            const std::string key(k.str());
            vc.minutes_by_category[category_of(mr, key)] = *mr.bounded(key, setting::visit_minutes);
        }
    }
    r.finish({"minutes", "frequency", "minutes_by_category", "iterations_per_visit", "site_time_limit_s", "seed"});
}

}  // namespace

ProjectConfig read_project(const fs::path& file) {
    const std::string shown = file.string();
    std::error_code ec;
    if (!fs::exists(file, ec))
        throw UsageError({"project file " + shown + " does not exist; create one with `coverplan init DIR`",
                          "项目文件 " + shown + " 不存在；可用 `coverplan init 目录` 生成模板"});
    if (fs::is_directory(file, ec)) {
        throw UsageError({shown + " is a folder; expected a project file (a folder with project.toml can be given as FOLDER/project.toml)",
                          shown + " 是文件夹，应为项目文件（如 目录/project.toml）"});
    }
    if (const auto kind = special_file_kind(file))
        throw UsageError({shown + " is " + kind->en + "; expected a project file", shown + " 是" + kind->zh + "，应为项目文件"});
    toml::table root;
    try {
        root = toml::parse_file(shown);
    } catch (const toml::parse_error& e) {
        const std::string line = std::to_string(e.source().begin.line);
        throw UsageError({shown + ", line " + line + ": not valid TOML: " + std::string(e.description()),
                          shown + " 第 " + line + " 行：TOML 格式错误：" + std::string(e.description())});
    }

    ProjectConfig cfg;
    cfg.file = fs::absolute(file);
    cfg.dir = cfg.file.parent_path();
    TableReader top(root, "", shown);
    cfg.name = top.string("name").value_or(cfg.dir.filename().string());
    cfg.crs = top.string("crs").value_or("");
    cfg.county_names = top.string_map("counties");

    if (const toml::table* rules = top.table("rules")) {
        TableReader r(*rules, "rules", shown);
        if (auto v = r.bounded_int("villages_per_point", setting::villages_per_point)) cfg.rules.villages_per_point = *v;
        if (auto v = r.bounded("max_site_distance_m", setting::max_site_distance_m)) cfg.rules.max_site_distance_m = *v;
        if (auto v = r.bounded("max_travel_min", setting::rules_max_travel_min)) cfg.rules.max_travel_min = *v;
        if (auto v = r.boolean("exempt_townships_without_villages")) cfg.rules.exempt_townships_without_villages = *v;
        r.finish({"villages_per_point", "max_site_distance_m", "max_travel_min", "exempt_townships_without_villages"});
    }

    if (const toml::table* travel = top.table("travel")) {
        TableReader t(*travel, "travel", shown);
        TravelConfig& tc = cfg.travel;
        if (auto m = t.string("mode")) {
            if (!parse_mode(*m)) t.fail("mode", {"expected walk, bicycle, ebike or car, found \"" + *m + "\"",
                                                 "应为 walk、bicycle、ebike 或 car，实际为“" + *m + "”"});
            tc.mode = *parse_mode(*m);
        }
        if (auto th = t.number_array("thresholds_min")) {
            if (th->empty()) t.fail("thresholds_min", {"expected at least one threshold", "至少需要一个时间阈值"});
            if (th->size() > setting::k_max_thresholds)
                t.fail("thresholds_min", {"expected at most " + std::to_string(setting::k_max_thresholds) + " thresholds (the maps' classes must stay apart in greyscale), found " +
                                              std::to_string(th->size()),
                                          "最多 " + std::to_string(setting::k_max_thresholds) + " 个时间阈值（地图分级须在黑白打印时可区分），实际为 " +
                                              std::to_string(th->size()) + " 个"});
            for (double v : *th)
                if (!setting::threshold_min.contains(v)) t.fail("thresholds_min", setting::threshold_min.problem(v));
            std::sort(th->begin(), th->end());
            th->erase(std::unique(th->begin(), th->end()), th->end());
            tc.thresholds_min = *th;
        }
        if (auto v = t.bounded("access_kmh", setting::access_kmh)) tc.access_kmh = *v;
        if (auto v = t.bounded("max_snap_m", setting::max_snap_m)) tc.max_snap_m = *v;
        if (auto v = t.bounded("max_search_min", setting::max_search_min)) tc.max_search_min = *v;
        if (auto v = t.bounded("polygon_cell_m", setting::polygon_cell_m)) tc.polygon_cell_m = *v;
        if (auto v = t.boolean("node_crossings")) tc.node_crossings = *v;
        if (const toml::table* speeds = t.table("speeds")) {
            TableReader sp(*speeds, "travel.speeds", shown);
            for (const auto& [k, v] : *speeds) {
                const std::string key(k.str());
                tc.speeds_kmh[key] = *sp.bounded(key, setting::speed_kmh);
            }
        }
        t.finish({"mode", "thresholds_min", "access_kmh", "max_snap_m", "max_search_min", "polygon_cell_m", "node_crossings", "speeds"});
        if (tc.max_search_min < tc.thresholds_min.back())
            t.fail("max_search_min", {"must be at least the largest threshold", "不能小于最大时间阈值"});
    }

    if (const toml::table* val = top.table("validation")) {
        TableReader v(*val, "validation", shown);
        if (auto d = v.bounded("max_beneficiary_distance_m", setting::max_beneficiary_distance_m)) cfg.validation.max_beneficiary_distance_m = *d;
        if (auto d = v.bounded("max_weight", setting::max_weight)) cfg.validation.max_weight = *d;
        v.finish({"max_beneficiary_distance_m", "max_weight"});
    }

    if (const toml::table* limits = top.table("limits")) {
        TableReader l(*limits, "limits", shown);
        if (auto mb = l.bounded("memory_mb", setting::memory_mb)) cfg.memory.bytes = static_cast<std::uint64_t>(*mb) * 1024 * 1024;
        l.finish({"memory_mb"});
    }

    if (const toml::table* plan = top.table("plan")) read_plan(*plan, shown, cfg);

    if (const toml::table* report = top.table("report")) {
        TableReader r(*report, "report", shown);
        if (auto v = r.bounded_int("suppress_below", setting::suppress_below)) cfg.report.suppress_below = *v;
        if (auto v = r.string("attribution")) cfg.report.attribution = *v;
        if (auto v = r.string("tile_url")) {
            const std::string scheme = ascii_lower(v->substr(0, 8));
            if (scheme.rfind("https://", 0) != 0 && scheme.rfind("http://", 0) != 0)
                r.fail("tile_url", {"expected an http:// or https:// tile URL, found \"" + terminal_safe(*v) + "\"",
                                    "瓦片地址应以 http:// 或 https:// 开头，实际为“" + terminal_safe(*v) + "”"});
            if (v->find("{z}") == std::string::npos || v->find("{x}") == std::string::npos || v->find("{y}") == std::string::npos)
                r.fail("tile_url", {"expected a tile URL with {z}, {x} and {y}, found \"" + *v + "\"",
                                    "应为含 {z}、{x}、{y} 的瓦片地址，实际为“" + *v + "”"});
            cfg.report.tile_url = *v;
        }
        if (auto v = r.string("tile_attribution")) cfg.report.tile_attribution = *v;
        if (auto v = r.string("organisation")) cfg.report.organisation = *v;
        if (auto v = r.string("prepared_by")) cfg.report.prepared_by = *v;
        if (auto v = r.string("reviewed_by")) cfg.report.reviewed_by = *v;
        if (auto v = r.string("date")) {
            if (!is_calendar_date(*v))
                r.fail("date", {"expected the sign-off date as YYYY-MM-DD, found \"" + terminal_safe(*v) + "\"",
                                "签发日期应为 YYYY-MM-DD，实际为“" + terminal_safe(*v) + "”"});
            cfg.report.signed_date = *v;
        }
        r.finish({"suppress_below", "attribution", "tile_url", "tile_attribution", "organisation", "prepared_by", "reviewed_by", "date"});
    }

    if (const toml::table* cats = top.table("categories")) {
        TableReader c(*cats, "categories", shown);
        cfg.category_aliases = c.string_map("aliases");
        for (const auto& [spelling, key] : cfg.category_aliases) {
            if (!parse_category(key)) {
                std::vector<std::string> keys;
                for (Category k : all_categories()) keys.emplace_back(category_key(k));
                c.fail("aliases", {"alias \"" + spelling + "\" maps to unknown category \"" + key + "\"; categories are " + join(keys, ", "),
                                   "别名“" + spelling + "”对应的类别“" + key + "”不存在；可用类别：" + join(keys, "、")});
            }
        }
        c.finish({"aliases"});
    }

    if (const toml::table* ac = top.table("access")) {
        TableReader a(*ac, "access", shown);
        if (auto v = a.bounded("catchment_min", setting::catchment_min)) cfg.access.catchment_min = *v;
        if (auto w = a.number_array("zone_weights")) {
            if (w->empty() || w->size() > 6)
                a.fail("zone_weights", {"expected 1 to 6 zone weights, found " + std::to_string(w->size()), "应为 1 到 6 个分区权重，实际为 " + std::to_string(w->size()) + " 个"});
            for (std::size_t k = 0; k < w->size(); ++k) {
                if (!setting::zone_weight.contains((*w)[k])) a.fail("zone_weights", setting::zone_weight.problem((*w)[k]));
                if (k > 0 && (*w)[k] > (*w)[k - 1])
                    a.fail("zone_weights", {"expected weights that do not grow with distance, nearest zone first", "权重应随距离不增，最近分区在前"});
            }
            cfg.access.zone_weights = *w;
        }
        a.finish({"catchment_min", "zone_weights"});
    }
    if (const toml::table* ft = top.table("flood")) {
        TableReader fr(*ft, "flood", shown);
        if (const toml::node* n = fr.table_or_node("priority")) {
            if (!n->is_array()) fr.fail("priority", {"expected a list of categories, e.g. [\"特困\", \"残疾人\"]", "应为类别列表，例如 [\"特困\", \"残疾人\"]"});
            cfg.flood.priority = 0;
            for (const toml::node& item : *n->as_array()) {
                const auto cat = item.is_string() ? parse_category(item.as_string()->get(), cfg.category_aliases) : std::nullopt;
                if (!cat) {
                    const Text known = category_list();
                    const std::string found = item.is_string() ? terminal_safe(item.as_string()->get()) : "a value that is not text";
                    fr.fail("priority", {"unknown category \"" + found + "\"; categories are " + known.en,
                                         "类别“" + found + "”不存在；可用类别：" + known.zh});
                }
                cfg.flood.priority |= bit(*cat);
            }
        }
        if (auto v = fr.bounded_int("close_roads_from_level", setting::close_roads_from_level)) cfg.flood.close_roads_from_level = *v;
        if (auto v = fr.bounded("closure_buffer_m", setting::closure_buffer_m)) cfg.flood.closure_buffer_m = *v;
        if (auto v = fr.bounded_int("outreach_days", setting::outreach_days)) cfg.flood.outreach_days = *v;
        if (auto v = fr.bounded("outreach_minutes", setting::outreach_minutes)) cfg.flood.outreach_minutes = *v;
        if (auto v = fr.bounded("detour_min", setting::detour_min)) cfg.flood.detour.min_extra_s = *v * 60;
        if (auto v = fr.bounded_int("detour_people", setting::detour_people)) cfg.flood.detour.min_people = static_cast<std::size_t>(*v);
        if (auto v = fr.bounded_int("detour_candidates", setting::detour_candidates)) cfg.flood.detour.candidates = static_cast<std::size_t>(*v);
        fr.finish({"priority", "close_roads_from_level", "closure_buffer_m", "outreach_days", "outreach_minutes", "detour_min", "detour_people",
                   "detour_candidates"});
    }
    if (const toml::table* st = top.table("staffing")) read_staffing(*st, shown, cfg.staffing);
    if (const toml::table* vt = top.table("visits")) read_visits(*vt, shown, cfg.visits, cfg.category_aliases);

    const toml::table* layers = top.table("layers");
    if (!layers)
        throw UsageError({shown + ": no [layers] section; a project needs at least [layers.townships], [layers.villages] and [layers.sites]",
                          shown + "：缺少 [layers]；至少需要 [layers.townships]、[layers.villages] 和 [layers.sites]"});
    TableReader lr(*layers, "layers", shown);
    LayerSpec* targets[] = {&cfg.townships, &cfg.villages, &cfg.roads, &cfg.beneficiaries,
                            &cfg.sites, &cfg.assignments, &cfg.candidates, &cfg.hazards, &cfg.closures, &cfg.shelters};
    std::vector<std::string> roles;
    for (std::size_t i = 0; i < layer_rules().size(); ++i) {
        const auto& rule = layer_rules()[i];
        roles.emplace_back(rule.role);
        read_layer(lr, rule.role, rule.field_roles, cfg.dir, shown, *targets[i]);
    }
    lr.finish(roles);
    top.finish({"name", "crs", "counties", "rules", "travel", "validation", "limits", "plan", "report", "categories", "staffing", "visits", "access",
                "flood", "layers"});

    if (cfg.flood.close_roads_from_level && !cfg.hazards.present)
        throw UsageError({shown + ": [flood] close_roads_from_level closes the roads in hazard zones, but there is no [layers.hazards]",
                          shown + "：[flood] close_roads_from_level 按风险区封闭道路，但没有 [layers.hazards] 图层"});
    for (const LayerSpec* required : {&cfg.townships, &cfg.villages, &cfg.sites}) {
        if (!required->present)
            throw UsageError({shown + ": missing [layers." + required->role + "]; townships, villages and sites are required",
                              shown + "：缺少 [layers." + required->role + "]；镇街、村居和站点图层是必需的"});
    }
    return cfg;
}

}  // namespace coverplan::io
