// Travel times on the real Andorra road network checked against a plainly written textbook
// Dijkstra (array scan, no heap, no Boost), and coverage checked for independence of the
// thread count.
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "core/coverage.hpp"
#include "core/road_graph.hpp"
#include "core/travel_time.hpp"
#include "geo/network_analysis.hpp"
#include "geo/snap.hpp"
#include "io/load_region.hpp"

using namespace coverplan;

namespace {

const Region& andorra() {
    static const Region r = io::load_region(io::read_project(std::string(COVERPLAN_DATA_DIR) + "/andorra/project.toml"));
    return r;
}

// O(n²) Dijkstra over the edge list, written the way a textbook does.
std::vector<double> textbook_dijkstra(const RoadGraph& g, const std::vector<std::pair<std::uint32_t, double>>& sources) {
    const std::size_t n = g.node_count();
    std::vector<std::vector<std::pair<std::uint32_t, double>>> adj(n);
    for (const RoadEdge& e : g.edges) {
        if (e.forward) adj[e.from].push_back({e.to, e.time_s()});
        if (e.backward) adj[e.to].push_back({e.from, e.time_s()});
    }
    std::vector<double> dist(n, std::numeric_limits<double>::infinity());
    std::vector<bool> done(n, false);
    for (const auto& [s, t] : sources) dist[s] = std::min(dist[s], t);
    for (std::size_t iter = 0; iter < n; ++iter) {
        std::size_t u = n;
        for (std::size_t v = 0; v < n; ++v)
            if (!done[v] && dist[v] < std::numeric_limits<double>::infinity() && (u == n || dist[v] < dist[u])) u = v;
        if (u == n) break;
        done[u] = true;
        for (const auto& [v, w] : adj[u]) dist[v] = std::min(dist[v], dist[u] + w);
    }
    return dist;
}

}  // namespace

TEST_CASE("travel times on Andorra equal a textbook Dijkstra to 1e-6 s", "[travel][andorra]") {
    const Region& r = andorra();
    for (const Mode mode : {Mode::ebike, Mode::walk, Mode::car}) {
        TravelConfig travel;
        travel.mode = mode;
        const RoadGraph g = build_road_graph(r.roads, geo::make_profile(travel));
        REQUIRE(g.node_count() > 1000);
        Dijkstra d(g);
        for (std::uint32_t source : {0u, 17u, g.node_count() / 3, g.node_count() / 2, g.node_count() - 1}) {
            INFO(mode_key(mode) << " from node " << source);
            d.run({{source, 0.0, 0}}, k_unreached);
            const std::vector<double> ref = textbook_dijkstra(g, {{source, 0.0}});
            std::size_t reached = 0;
            for (std::uint32_t v = 0; v < g.node_count(); ++v) {
                if (ref[v] == std::numeric_limits<double>::infinity()) {
                    CHECK(d.node_time(v) == k_unreached);
                } else {
                    ++reached;
                    CHECK(std::abs(d.node_time(v) - ref[v]) <= 1e-6);
                }
            }
            CHECK(reached > 1);
        }
    }
}

TEST_CASE("partial edges: site-to-place times equal the brute-force minimum over edge ends", "[travel][andorra]") {
    const Region& r = andorra();
    TravelConfig travel;
    const RoadGraph g = build_road_graph(r.roads, geo::make_profile(travel));
    const geo::EdgeSnapper snap(g);
    const geo::SnapOptions opt{travel.max_snap_m, travel.access_kmh};
    Dijkstra d(g);
    for (std::size_t s = 0; s < r.sites.size(); s += 3) {
        const Access from = snap.access(r.sites[s].location, opt);
        REQUIRE(from.reachable);
        const RoadEdge& fe = g.edges[from.edge];
        std::vector<std::pair<std::uint32_t, double>> ref_sources;
        if (fe.backward) ref_sources.push_back({fe.from, from.leg_s + from.along_s});
        if (fe.forward) ref_sources.push_back({fe.to, from.leg_s + fe.time_s() - from.along_s});
        const std::vector<double> ref = textbook_dijkstra(g, ref_sources);
        std::vector<Seed> seeds;
        add_seeds(g, from, 0, seeds);
        d.run(seeds, k_unreached);
        for (const Village& v : r.villages) {
            const Access to = snap.access(v.anchor, opt);
            if (!to.reachable) continue;
            const RoadEdge& te = g.edges[to.edge];
            double expected = same_edge_time(g, from, to);
            if (te.forward) expected = std::min(expected, ref[te.from] + to.along_s + to.leg_s);
            if (te.backward) expected = std::min(expected, ref[te.to] + te.time_s() - to.along_s + to.leg_s);
            const double got = std::min(d.arrive(to).time_s, same_edge_time(g, from, to));
            if (expected == k_unreached) CHECK(got == k_unreached);
            else CHECK(std::abs(got - expected) <= 1e-6);
        }
    }
}

TEST_CASE("coverage does not depend on the thread count", "[travel][andorra]") {
    const Region& r = andorra();
    TravelConfig travel;
    const geo::NetworkAnalysis one = geo::analyse_network(r, travel, 1);
    const geo::NetworkAnalysis two = geo::analyse_network(r, travel, 2);
    auto same = [](const std::vector<TimeToSite>& a, const std::vector<TimeToSite>& b) {
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].site == b[i].site);
            CHECK(a[i].time_s == b[i].time_s);  // bit for bit
        }
    };
    same(one.coverage.village_nearest, two.coverage.village_nearest);
    same(one.coverage.village_assigned, two.coverage.village_assigned);
    same(one.coverage.beneficiary_nearest, two.coverage.beneficiary_nearest);
    same(one.coverage.beneficiary_assigned, two.coverage.beneficiary_assigned);
    CHECK(one.coverage.served_time_s == two.coverage.served_time_s);
    // Each village's nearest time is at most its assigned time, and both are reached here.
    for (std::size_t v = 0; v < r.villages.size(); ++v) {
        if (!one.coverage.village_assigned[v].site) continue;
        CHECK(one.coverage.village_nearest[v].time_s <= one.coverage.village_assigned[v].time_s);
    }
}

TEST_CASE("the site x village matrix agrees with nearest and assigned times", "[travel][matrix][andorra]") {
    const Region& r = andorra();
    TravelConfig travel;
    const geo::NetworkAnalysis net = geo::analyse_network(r, travel, 2);
    const double limit = travel.max_search_min * 60;
    const std::vector<float> m1 = time_matrix(net.graph, net.access.sites, net.access.villages, limit, 1);
    const std::vector<float> m2 = time_matrix(net.graph, net.access.sites, net.access.villages, limit, 2);
    CHECK(m1 == m2);
    const std::size_t nv = r.villages.size();
    for (std::size_t v = 0; v < nv; ++v) {
        float best = std::numeric_limits<float>::infinity();
        for (std::size_t s = 0; s < r.sites.size(); ++s) best = std::min(best, m1[s * nv + v]);
        CHECK(best == Approx(static_cast<float>(net.coverage.village_nearest[v].time_s)).epsilon(1e-6));
        if (const auto& a = net.coverage.village_assigned[v]; a.site)
            CHECK(m1[a.site->value * nv + v] == Approx(static_cast<float>(a.time_s)).epsilon(1e-6));
    }
}
