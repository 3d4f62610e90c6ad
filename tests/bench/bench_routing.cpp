// Routing benchmark: `coverplan solve --format solomon` on Solomon's VRPTW instances against their
// published solutions. Every solution is checked here from the instance file, with a reader and
// a schedule of this program's own (not the solver's): each customer visited once, loads within
// the capacity, every service started inside its window, back at the depot by its end, the
// distance recomputed from the coordinates. Then: routes against the published solution's,
// distance gap, wall time of the whole command. The solver is given the published solution's
// number of routes as its fleet (--routes).
//
// Usage: bench_routing COVERPLAN DIR [NAME...]   (DIR holds the instances and best_known.txt;
// without names, every instance listed there). Extra arguments for the solver: BENCH_ARGS.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Node {
    double x, y, service, demand, ready, due;
};

struct Instance {
    std::size_t vehicles = 0;
    double capacity = 0, duration = 0;
    std::vector<Node> nodes;
};

Instance read(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    Instance inst;
    int type = 0, days = 0;
    std::size_t n = 0;
    in >> type >> inst.vehicles >> n >> days;
    in >> inst.duration >> inst.capacity;
    for (std::size_t i = 0; i <= n; ++i) {
        Node nd{};
        int id = 0, freq = 0, combos = 0;
        in >> id >> nd.x >> nd.y >> nd.service >> nd.demand >> freq >> combos;
        for (int c = 0; c < combos; ++c) {
            int skip = 0;
            in >> skip;
        }
        in >> nd.ready >> nd.due;
        if (!in || id != static_cast<int>(i)) throw std::runtime_error(path + ": cannot read node " + std::to_string(i));
        inst.nodes.push_back(nd);
    }
    return inst;
}

double dist(const Node& a, const Node& b) { return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)); }

// What is wrong with the solution (empty: nothing), and its distance.
std::string check(const Instance& inst, const nlohmann::json& sol, double& distance) {
    const std::size_t n = inst.nodes.size() - 1;
    std::vector<int> seen(n + 1, 0);
    distance = 0;
    constexpr double eps = 1e-6;
    for (const auto& tour : sol.at("tours")) {
        double t = inst.nodes[0].ready, load = 0;
        std::size_t at = 0;
        for (const auto& stop : tour.at("stops")) {
            const auto u = stop.get<std::size_t>();
            if (u == 0 || u > n) return "stop " + std::to_string(u) + " is not a customer";
            ++seen[u];
            const Node& nd = inst.nodes[u];
            distance += dist(inst.nodes[at], nd);
            t = std::max(t + inst.nodes[at].service + dist(inst.nodes[at], nd), nd.ready);
            if (t > nd.due + eps) return "customer " + std::to_string(u) + " served at " + std::to_string(t) + " after its window ends";
            load += nd.demand;
            at = u;
        }
        distance += dist(inst.nodes[at], inst.nodes[0]);
        const double back = t + inst.nodes[at].service + dist(inst.nodes[at], inst.nodes[0]);
        if (back > inst.nodes[0].due + eps) return "a route is back at " + std::to_string(back) + " after the depot closes";
        if (load > inst.capacity + eps) return "a route carries " + std::to_string(load) + " above the capacity";
        if (inst.duration > 0 && back - inst.nodes[0].ready > inst.duration + eps) return "a route is longer than D";
    }
    for (std::size_t u = 1; u <= n; ++u)
        if (seen[u] != 1) return "customer " + std::to_string(u) + " visited " + std::to_string(seen[u]) + " times";
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: bench_routing COVERPLAN DIR [NAME...]\n";
        return 2;
    }
    const std::string bin = argv[1], dir = argv[2];
    const char* extra = std::getenv("BENCH_ARGS");
    std::map<std::string, std::pair<std::size_t, double>> known;  // routes, distance
    std::vector<std::string> names;
    {
        std::ifstream in(dir + "/best_known.txt");
        std::string line;
        std::getline(in, line);  // header
        while (std::getline(in, line)) {
            std::istringstream ls(line);
            std::string name;
            std::size_t customers = 0, routes = 0;
            double d = 0;
            if (ls >> name >> customers >> routes >> d) {
                known[name] = {routes, d};
                names.push_back(name);
            }
        }
    }
    if (argc > 3) names.assign(argv + 3, argv + argc);
    double gap_sum = 0, gap_max = -1e9, time_max = 0;
    int failures = 0, count = 0, over_routes = 0;
    std::printf("%-8s %6s %6s %10s %10s %7s %7s  %s\n", "instance", "routes", "pub.", "distance", "published", "gap%", "wall s", "check");
    for (const std::string& name : names) {
        if (!known.count(name)) {
            std::fprintf(stderr, "%s: not in best_known.txt\n", name.c_str());
            return 2;
        }
        const Instance inst = read(dir + "/" + name);
        // The fleet is the published solution's: r104 and r112's files say 9 vehicles where
        // their published solutions use 10.
        const std::string cmd = bin + " solve --format solomon " + dir + "/" + name + " --routes " + std::to_string(known[name].first) +
                                (extra ? std::string(" ") + extra : "");
        const auto t0 = std::chrono::steady_clock::now();
        FILE* pipe = popen(cmd.c_str(), "r");
        if (!pipe) return 2;
        std::string text;
        char buf[65536];
        for (std::size_t k; (k = std::fread(buf, 1, sizeof buf, pipe)) > 0;) text.append(buf, k);
        const int rc = pclose(pipe);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::string verdict;
        double distance = 0;
        std::size_t routes = 0;
        try {
            const auto sol = nlohmann::json::parse(text);
            routes = sol.at("tours").size();
            verdict = check(inst, sol, distance);
            if (verdict.empty() && std::abs(distance - sol.at("distance").get<double>()) > 1e-3)
                verdict = "printed distance " + std::to_string(sol.at("distance").get<double>()) + " is not the tours'";
        } catch (const std::exception& e) {
            verdict = std::string("no solution (exit ") + std::to_string(rc) + "): " + e.what();
        }
        const auto [pub_routes, pub_distance] = known[name];
        if (verdict.empty() && routes > pub_routes) ++over_routes;
        const double gap = 100.0 * (distance - pub_distance) / pub_distance;
        if (verdict.empty()) {
            gap_sum += gap;
            gap_max = std::max(gap_max, gap);
            ++count;
        } else {
            ++failures;
        }
        time_max = std::max(time_max, wall);
        std::printf("%-8s %6zu %6zu %10.2f %10.2f %7.2f %7.2f  %s\n", name.c_str(), routes, pub_routes, distance, pub_distance, gap, wall,
                    verdict.empty() ? (routes > pub_routes ? "feasible, MORE ROUTES" : "feasible") : verdict.c_str());
        std::fflush(stdout);
    }
    const double mean = count ? gap_sum / count : 0;
    const bool met = failures == 0 && over_routes == 0 && mean <= 3.0 && gap_max <= 6.0 && time_max <= 10.0;
    std::printf("instances %zu, infeasible or failed %d, more routes than published %d, mean gap %.2f%%, max gap %.2f%%, max wall %.2f s: "
                "targets (all feasible, routes ≤ published, mean ≤ 3%%, max ≤ 6%%, ≤ 10 s) %s\n",
                names.size(), failures, over_routes, mean, gap_max, time_max, met ? "met" : "NOT MET");
    return met ? 0 : 1;
}
