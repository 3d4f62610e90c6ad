// Placement benchmark: the solvers of `coverplan solve` on the instances in ../shared/data/bench
// with known optima. One line per instance: name, n, p, objective, known optimum, gap to it,
// status (proven or not), time; then a total. Run by tests/bench/run_placement.sh.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/instance_reader.hpp"
#include "solve/solve.hpp"

namespace fs = std::filesystem;
using namespace coverplan;
using placement::Model;
using placement::Problem;

namespace {

struct Tally {
    int cases = 0, matched = 0, proven = 0;
    double seconds = 0;
    std::vector<double> times;
};

void report(Tally& t, const std::string& name, const Problem& pr, double known, double rel_tol = 1e-6) {
    solve::SolveOptions o;
    o.time_limit_s = 60;
    const placement::Solution s = solve::solve_problem(pr, o);
    const bool found = s.status == placement::Status::optimal || s.status == placement::Status::feasible;
    const double gap = found ? std::abs(s.objective - known) / std::max(1.0, std::abs(known)) : 1;
    const bool match = found && gap <= rel_tol;
    const bool proven = s.status == placement::Status::optimal;
    std::printf("%-22s n=%-4zu m=%-4zu p=%-4d objective=%-16.6f known=%-16.6f gap=%-9.2e %-9s %-8s %7.3f s %s\n", name.c_str(),
                pr.demands, pr.candidates, pr.p, found ? s.objective : NAN, known, gap, std::string(placement::status_key(s.status)).c_str(),
                s.solver.c_str(), s.time_s, match ? "ok" : "MISMATCH");
    std::fflush(stdout);
    ++t.cases;
    t.matched += match;
    t.proven += proven && match;
    t.seconds += s.time_s;
    t.times.push_back(s.time_s);
}

std::vector<std::vector<std::string>> table(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::vector<std::string> row;
        for (std::string tok; ls >> tok;) row.push_back(tok);
        if (!row.empty()) rows.push_back(row);
    }
    return rows;
}

void summary(const char* family, Tally& t) {
    std::sort(t.times.begin(), t.times.end());
    const double median = t.times.empty() ? 0 : t.times[t.times.size() / 2];
    std::printf("== %s: %d instances, %d at the known optimum, %d of them proven; median %.3f s, max %.3f s, total %.1f s\n\n", family,
                t.cases, t.matched, t.proven, median, t.times.empty() ? 0 : t.times.back(), t.seconds);
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path bench = argc > 1 ? fs::path(argv[1]) : fs::path(COVERPLAN_SOURCE_DIR) / ".." / "shared" / "data" / "bench";
    const std::string only = argc > 2 ? argv[2] : "";
    if (!fs::exists(bench / "pmed")) {
        std::fprintf(stderr, "bench_placement: no instances under %s\n", bench.string().c_str());
        return 2;
    }
    // OR-Library families: a table of instance, n, p, (capacity,) optimum; the optimum is last.
    auto orlib = [&](const char* family, const char* optima, io::InstanceFormat format, const char* title) {
        if (!only.empty() && only != family) return;
        Tally t;
        for (const auto& row : table(bench / family / optima)) {
            const fs::path file = bench / family / (row[0] + ".txt");
            if (row[0] == "instance" || !fs::exists(file)) continue;
            report(t, row[0], io::read_instance({file, format, {}, {}, {}, {}}), std::stod(row.back()));
        }
        summary(title, t);
    };
    orlib("pmed", "pmedopt.txt", io::InstanceFormat::orlib_pmed, "OR-Library pmed (p-median, Lagrangian branch and bound)");
    orlib("pmedcap", "optima.txt", io::InstanceFormat::orlib_pmedcap, "OR-Library pmedcap (capacitated p-median, Lagrangian branch and bound, CBC at the leaves)");
    for (const char* family : {"spopt_sf", "swain55"}) {
        if (!only.empty() && only != family) continue;
        Tally t;
        Problem base;
        if (std::string(family) == "spopt_sf") {
            io::CsvColumns cols{"DestinationName", "name", "distance", "demand"};
            base = io::read_instance({bench / family / "SF_network_distance_candidateStore_16_censusTract_205_new.csv",
                                      io::InstanceFormat::csv_long, cols, {}, {}, {}});
        } else {
            base = io::read_instance({bench / family / "swain.txt", io::InstanceFormat::points, {}, {}, {}, {}});
        }
        std::ifstream in(bench / family / "optima.json");
        const auto optima = nlohmann::json::parse(in).at("results");
        for (const auto& [key, value] : optima.items()) {
            Problem pr = base;
            // Keys: pmedian_p3, mclp_p2_R5000 / mclp_S10_p4, lscp_R5000 / lscp_S10, pcenter_p2.
            auto number_after = [&](char tag) {
                for (std::size_t k = key.find('_'); k != std::string::npos; k = key.find('_', k + 1))
                    if (k + 1 < key.size() && key[k + 1] == tag) return std::stod(key.substr(k + 2));
                return -1.0;
            };
            const double radius = std::max(number_after('R'), number_after('S'));
            pr.p = std::max(0, static_cast<int>(number_after('p')));
            double known = 0;
            if (key.rfind("pmedian", 0) == 0) {
                pr.model = Model::p_median;
                known = value.at("objective").get<double>();
            } else if (key.rfind("mclp", 0) == 0) {
                pr.model = Model::max_covering;
                pr.radius = radius;
                known = value.contains("covered_pop") ? value.at("covered_pop").get<double>() : value.at("covered_demand").get<double>();
            } else if (key.rfind("lscp", 0) == 0) {
                pr.model = Model::set_covering;
                pr.radius = radius;
                if (value.at("min_facilities").is_null()) {  // infeasible by design (spopt R=3000)
                    solve::SolveOptions o;
                    const auto s = solve::solve_problem(pr, o);
                    const bool ok = s.status == placement::Status::infeasible;
                    std::printf("%-22s n=%-4zu m=%-4zu infeasible as known: %s (%s)\n", (std::string(family) + ":" + key).c_str(), pr.demands,
                                pr.candidates, ok ? "ok" : "MISMATCH", s.message.c_str());
                    ++t.cases;
                    t.matched += ok;
                    t.proven += ok;
                    continue;
                }
                known = value.at("min_facilities").get<double>();
            } else if (key.rfind("pcenter", 0) == 0) {
                pr.model = Model::p_center;
                known = value.contains("radius") ? value.at("radius").get<double>() : value.at("max_dist").get<double>();
            } else {
                continue;
            }
            // optima.json lists p-center radii rounded to 6 decimals for swain.
            report(t, std::string(family) + ":" + key, pr, known, pr.model == Model::p_center ? 1e-6 : 1e-9);
        }
        summary(family, t);
    }
    return 0;
}
