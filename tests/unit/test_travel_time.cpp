#include <catch2/catch.hpp>

#include <limits>

#include "core/error.hpp"
#include "core/road_graph.hpp"
#include "core/travel_time.hpp"
#include "geo/noding.hpp"
#include "geo/snap.hpp"

using namespace coverplan;

namespace {
// Class "a" at 36 km/h = 10 m/s, "b" at 18 km/h = 5 m/s: times are easy to read.
SpeedProfile test_profile() {
    SpeedProfile p(Mode::car);
    p.set_class_speed("a", 36);
    p.set_class_speed("b", 18);
    p.set_class_speed("foot", 0);
    return p;
}

Road road(LineString line, const std::string& cls = "a", int oneway = 0) {
    Road r;
    r.line = std::move(line);
    r.road_class = cls;
    r.oneway = oneway;
    return r;
}

Access at(std::uint32_t edge, double along_s, double leg_s = 0) {
    Access a;
    a.reachable = true;
    a.edge = edge;
    a.along_s = along_s;
    a.leg_s = leg_s;
    return a;
}

// The edge whose ends are p and q (in either order).
std::uint32_t edge_between(const RoadGraph& g, Point2 p, Point2 q) {
    for (std::uint32_t e = 0; e < g.edges.size(); ++e) {
        const auto& pts = g.edges[e].points;
        if ((pts.front() == p && pts.back() == q) || (pts.front() == q && pts.back() == p)) return e;
    }
    FAIL("no edge between the given points");
    return 0;
}

double travel(const RoadGraph& g, Dijkstra& d, const Access& from, const Access& to, double limit = 1e9) {
    std::vector<Seed> seeds;
    add_seeds(g, from, 0, seeds);
    d.run(seeds, limit);
    return std::min(d.arrive(to).time_s, same_edge_time(g, from, to));
}
}  // namespace

TEST_CASE("lines meeting at shared vertices become nodes; degree-2 chains are contracted", "[graph]") {
    const SpeedProfile p = test_profile();
    SECTION("two lines end to end: one edge, geometry kept") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {500, 0}}), road({{500, 0}, {1000, 0}})}, p);
        CHECK(g.node_count() == 2);
        REQUIRE(g.edges.size() == 1);
        CHECK(g.edges[0].points.size() == 3);
        CHECK(g.edges[0].length_m() == Approx(1000));
        CHECK(g.edges[0].time_s() == Approx(100));
        CHECK(g.arcs.arc_count() == 2);  // both directions
    }
    SECTION("a junction in the middle of a line is a node") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {500, 0}, {1000, 0}}), road({{500, 0}, {500, 500}})}, p);
        CHECK(g.node_count() == 4);
        CHECK(g.edges.size() == 3);
    }
    SECTION("speeds may change along a contracted edge") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {500, 0}}, "a"), road({{500, 0}, {1000, 0}}, "b")}, p);
        REQUIRE(g.edges.size() == 1);
        CHECK(g.edges[0].time_s() == Approx(50 + 100));
        CHECK(g.edges[0].cum_time_s == std::vector<double>{0, 50, 150});
    }
    SECTION("a one-way line does not merge with a two-way one") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {500, 0}}, "a", 1), road({{500, 0}, {1000, 0}})}, p);
        CHECK(g.node_count() == 3);
        CHECK(g.edges.size() == 2);
        CHECK(g.arcs.arc_count() == 3);
    }
    SECTION("one-way lines joined head to tail do merge, reversed ones too") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {500, 0}}, "a", 1), road({{1000, 0}, {500, 0}}, "a", -1)}, p);
        REQUIRE(g.edges.size() == 1);
        CHECK(g.arcs.arc_count() == 1);
    }
    SECTION("a closed ring with no junction becomes one loop edge") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {1000, 0}, {1000, 1000}, {0, 0}})}, p);
        CHECK(g.node_count() == 1);
        REQUIRE(g.edges.size() == 1);
        CHECK(g.edges[0].from == g.edges[0].to);
    }
    SECTION("repeated points and unusable lines are counted, not routed") {
        const RoadGraph g = build_road_graph(
            {road({{0, 0}, {0, 0}, {100, 0}, {100, 0}}), road({{5, 5}, {5, 5}}), road({{0, 0}, {0, 100}}, "foot")}, p);
        CHECK(g.stats.zero_length_segments == 3);
        CHECK(g.stats.unusable_lines == 2);
        REQUIRE(g.edges.size() == 1);
        CHECK(g.edges[0].length_m() == Approx(100));
    }
    SECTION("unknown classes get the mode's default speed and are counted") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {250, 0}}, "mystery")}, p);
        CHECK(g.stats.unknown_class_lines == 1);
        CHECK(g.edges[0].time_s() == Approx(250 / (p.default_kmh / 3.6)));
    }
    SECTION("components, largest first") {
        const RoadGraph g = build_road_graph(
            {road({{5000, 0}, {5100, 0}}), road({{0, 0}, {100, 0}}), road({{100, 0}, {100, 100}}), road({{100, 0}, {200, 0}})}, p);
        REQUIRE(g.component_nodes.size() == 2);
        CHECK(g.component_nodes[0] == 4);
        CHECK(g.component_nodes[1] == 2);
        CHECK(g.edge_component(edge_between(g, {0, 0}, {100, 0})) == 0);
        CHECK(g.edge_component(edge_between(g, {5000, 0}, {5100, 0})) == 1);
    }
}

TEST_CASE("travel times: partial edges, one-way roads, ties, limits, components", "[engine]") {
    const SpeedProfile p = test_profile();
    SECTION("along one edge: direct, and via the ends when turning is needed") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {1000, 0}})}, p);
        Dijkstra d(g);
        CHECK(travel(g, d, at(0, 30), at(0, 80)) == Approx(50));
        CHECK(travel(g, d, at(0, 80, 12), at(0, 30, 3)) == Approx(50 + 15));  // legs are added
    }
    SECTION("one-way: the long way round or nothing") {
        // A square block: bottom edge one-way west to east, the rest two-way.
        const RoadGraph g = build_road_graph({road({{0, 0}, {1000, 0}}, "a", 1), road({{1000, 0}, {1000, 1000}}),
                                              road({{1000, 1000}, {0, 1000}}), road({{0, 1000}, {0, 0}})},
                                             p);
        Dijkstra d(g);
        // From x=800 back to x=200 on the one-way edge: forward to the corner, round the block
        // (300 s), and in again from the west corner: 20 + 300 + 20 = 340 s.
        const double t = travel(g, d, at(0, 80), at(0, 20));
        CHECK(t == Approx(340));
        CHECK(travel(g, d, at(0, 20), at(0, 80)) == Approx(60));
    }
    SECTION("people on foot ignore one-way signs") {
        SpeedProfile walk(Mode::walk);
        walk.set_class_speed("a", 3.6);
        const RoadGraph g = build_road_graph({road({{0, 0}, {1000, 0}}, "a", 1)}, walk);
        CHECK(g.arcs.arc_count() == 2);
    }
    SECTION("a dead-end one-way edge cannot be left against its direction") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {1000, 0}}, "a", 1), road({{1000, 0}, {2000, 0}}, "a", 1)}, p);
        Dijkstra d(g);
        CHECK(travel(g, d, at(0, 50), at(0, 10)) == k_unreached);
    }
    SECTION("the search stops at its limit") {
        // Spurs keep the corners as nodes.
        const RoadGraph g = build_road_graph({road({{0, 0}, {1000, 0}}), road({{1000, 0}, {1000, 10}}), road({{1000, 10}, {2000, 10}}),
                                              road({{1000, 0}, {1000, -50}}), road({{1000, 10}, {990, 10}})},
                                             p);
        const std::uint32_t first = edge_between(g, {0, 0}, {1000, 0});
        const std::uint32_t last = edge_between(g, {1000, 10}, {2000, 10});
        Dijkstra d(g);
        std::vector<Seed> seeds;
        const RoadEdge& e0 = g.edges[first];
        add_seeds(g, at(first, e0.points.front().x == 0 ? 0 : 100), 0, seeds);  // at (0, 0)
        d.run(seeds, 100.5);
        const RoadEdge& e2 = g.edges[last];
        const std::uint32_t far_end = e2.points.front().x == 2000 ? e2.from : e2.to;
        const std::uint32_t corner = e0.points.front().x == 0 ? e0.to : e0.from;
        CHECK(d.node_time(corner) == Approx(100));
        CHECK(d.node_time(far_end) == k_unreached);  // 201 s away
        const double along = e2.points.front().x == 1000 ? 5 : 95;  // 50 m east of (1000, 10)
        CHECK(d.arrive(at(last, along)).time_s == k_unreached);  // 106 s: beyond the limit
        d.run(seeds, 1000);
        CHECK(d.arrive(at(last, along)).time_s == Approx(106));
    }
    SECTION("separate components do not reach each other") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {100, 0}}), road({{5000, 0}, {5100, 0}})}, p);
        Dijkstra d(g);
        CHECK(travel(g, d, at(0, 5), at(1, 5)) == k_unreached);
    }
    SECTION("multi-source: each node keeps its nearest source; ties go to the lower label") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {1000, 0}}), road({{1000, 0}, {2000, 0}})}, p);
        REQUIRE(g.edges.size() == 1);
        Dijkstra d(g);
        std::vector<Seed> seeds;
        add_seeds(g, at(0, 150), 7, seeds);  // x = 1500
        add_seeds(g, at(0, 50), 3, seeds);   // x = 500
        d.run(seeds, 1e9);
        CHECK(d.node_label(g.edges[0].from) == 3);
        CHECK(d.node_label(g.edges[0].to) == 7);
        // x = 1000 lies 50 s from both sources: the tie goes to label 3.
        const Access middle = at(0, 100);
        std::vector<Seed> tie;
        add_seeds(g, at(0, 150), 7, tie);
        add_seeds(g, at(0, 50), 3, tie);
        d.run(tie, 1e9);
        CHECK(d.arrive(middle).time_s == Approx(100 + 50));  // via the ends only: 50 + 100
        CHECK(d.arrive(middle).label == 3);
    }
    SECTION("buffers are reset between runs") {
        const RoadGraph g = build_road_graph({road({{0, 0}, {1000, 0}}), road({{1000, 0}, {1000, 1000}}), road({{1000, 0}, {1100, 0}})}, p);
        const std::uint32_t a = edge_between(g, {0, 0}, {1000, 0});
        const std::uint32_t b = edge_between(g, {1000, 0}, {1000, 1000});
        const Access start = at(a, g.edges[a].points.front().x == 0 ? 0 : 100);
        const Access end = at(b, g.edges[b].points.front().y == 1000 ? 0 : 100);  // at (1000, 1000)
        Dijkstra d(g);
        CHECK(travel(g, d, start, end) == Approx(200));
        CHECK(travel(g, d, end, end) == Approx(0));
        CHECK(travel(g, d, start, end) == Approx(200));
    }
}

TEST_CASE("snapping joins points to the nearest position on the nearest edge", "[snap]") {
    const SpeedProfile p = test_profile();
    const RoadGraph g = build_road_graph({road({{0, 0}, {1000, 0}}), road({{1000, 0}, {1000, 1000}}, "b"),
                                          road({{3000, 0}, {3010, 0}})},
                                         p);
    const geo::EdgeSnapper snap(g, 100);
    geo::SnapOptions opt;
    opt.max_distance_m = 500;
    opt.access_kmh = 3.6;  // 1 m/s
    const Access a = snap.access({400, 30}, opt);
    REQUIRE(a.reachable);
    CHECK(a.snap_distance_m == Approx(30));
    CHECK(a.leg_s == Approx(30));
    CHECK(a.on_road.x == Approx(400));
    const RoadEdge& e = g.edges[a.edge];
    CHECK((e.points.front().x == 0 ? a.along_s : e.time_s() - a.along_s) == Approx(40));
    const Access b = snap.access({1040, 500}, opt);  // on the slow edge: 100 s + 500 m at 5 m/s
    REQUIRE(b.reachable);
    CHECK(b.snap_distance_m == Approx(40));
    CHECK(snap.access({500, 600}, opt).snap_distance_m == Approx(500));  // exactly at the limit: still joined
    CHECK_FALSE(snap.access({400, 700}, opt).reachable);                // 600 m from the nearest road
    const Access far = snap.access({2000, 2000}, opt);
    CHECK_FALSE(far.reachable);
    // Near the small island only: joined to it (and so cut off from the main network).
    const Access island = snap.access({3005, 100}, opt);
    REQUIRE(island.reachable);
    CHECK(g.edge_component(island.edge) == 1);
    // Within reach of both: the main network wins even when the island is closer.
    const RoadGraph g2 = build_road_graph({road({{0, 0}, {1000, 0}}), road({{0, 300}, {10, 300}})}, p);
    const geo::EdgeSnapper snap2(g2, 100);
    const Access pref = snap2.access({5, 250}, opt);
    REQUIRE(pref.reachable);
    CHECK(g2.edge_component(pref.edge) == 0);
    CHECK(pref.snap_distance_m == Approx(250));
}

TEST_CASE("crossings without a shared vertex are joined on request, never bridges or tunnels", "[graph][noding]") {
    const SpeedProfile p = test_profile();
    auto cross = [](bool bridge, int layer) {
        Road a = road({{0, 0}, {1000, 0}});
        Road b = road({{500, -500}, {500, 500}});
        b.bridge = bridge;
        b.layer = layer;
        return std::vector<Road>{a, b};
    };
    SECTION("as digitised: two separate lines") {
        const RoadGraph g = build_road_graph(cross(false, 0), p);
        CHECK(g.node_count() == 4);
        CHECK(g.component_nodes.size() == 2);
    }
    SECTION("noded: a junction in the middle") {
        auto roads = cross(false, 0);
        CHECK(geo::node_crossings(roads) == 1);
        const RoadGraph g = build_road_graph(roads, p);
        CHECK(g.node_count() == 5);
        CHECK(g.edges.size() == 4);
        CHECK(g.component_nodes.size() == 1);
        CHECK(geo::node_crossings(roads) == 0);  // running it again changes nothing
    }
    SECTION("a bridge passes over") {
        auto roads = cross(true, 0);
        CHECK(geo::node_crossings(roads) == 0);
        CHECK(build_road_graph(roads, p).component_nodes.size() == 2);
    }
    SECTION("different layers pass over each other") {
        auto roads = cross(false, 1);
        CHECK(geo::node_crossings(roads) == 0);
    }
    SECTION("lines whose boxes overlap but which do not meet are left alone") {
        std::vector<Road> roads{road({{0, 0}, {1000, 0}, {1000, 1000}}), road({{100, 100}, {900, 100}})};
        CHECK(geo::node_crossings(roads) == 0);
    }
    SECTION("a shared stretch is joined at its two ends") {
        std::vector<Road> roads{road({{0, 0}, {1000, 0}}), road({{200, 0}, {400, 0}, {400, 300}})};
        CHECK(geo::node_crossings(roads) >= 1);
        CHECK(build_road_graph(roads, p).component_nodes.size() == 1);
    }
    SECTION("a road ending on another's interior becomes a T-junction") {
        std::vector<Road> roads{road({{0, 0}, {1000, 0}}), road({{300, 0}, {300, 400}})};
        CHECK(geo::node_crossings(roads) == 1);
        const RoadGraph g = build_road_graph(roads, p);
        CHECK(g.node_count() == 4);
        CHECK(g.component_nodes.size() == 1);
    }
}

TEST_CASE("the arc table groups arcs by tail in the given order and refuses arcs it cannot hold", "[graph][engine]") {
    const ArcTable t = make_arcs(4, {{2, 0, 1.5}, {0, 1, 2}, {2, 3, 0}, {0, 3, 4}});
    CHECK(t.node_count() == 4);
    CHECK(t.arc_count() == 4);
    CHECK(t.first_out == std::vector<std::uint32_t>{0, 2, 2, 4, 4});
    CHECK(t.head == std::vector<std::uint32_t>{1, 3, 0, 3});
    CHECK(t.time_s == std::vector<double>{2, 4, 1.5, 0});
    CHECK(make_arcs(3, {}).first_out == std::vector<std::uint32_t>{0, 0, 0, 0});
    CHECK_THROWS_AS(make_arcs(2, {{0, 2, 1}}), Error);
    CHECK_THROWS_AS(make_arcs(2, {{0, 1, -1}}), Error);
    CHECK_THROWS_AS(make_arcs(2, {{0, 1, std::numeric_limits<double>::quiet_NaN()}}), Error);
    CHECK_THROWS_AS(make_arcs(2, {{0, 1, std::numeric_limits<double>::infinity()}}), Error);
}

TEST_CASE("the engine's times and labels equal a textbook Dijkstra's on random graphs with ties and zero-time arcs", "[engine]") {
    std::uint64_t state = 20261202;
    auto next = [&state] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<std::uint32_t>(state >> 33);
    };
    for (int round = 0; round < 20; ++round) {
        const std::uint32_t n = 50 + next() % 200;
        std::vector<Arc> arcs;
        for (std::uint32_t k = 0; k < 4 * n; ++k)  // small integer times: many ties, some zero
            arcs.push_back({next() % n, next() % n, static_cast<double>(next() % 6)});
        RoadGraph g;
        g.node_xy.resize(n);
        g.arcs = make_arcs(n, arcs);
        // Three labelled sources, one of them at a start time > 0.
        const std::vector<Seed> seeds{{next() % n, 0.0, 2}, {next() % n, 0.0, 0}, {next() % n, 3.0, 1}};
        const double limit = round % 2 ? 9.0 : k_unreached;
        // Textbook: O(n²) Dijkstra per source; a node's label is the smallest of the sources
        // that reach it soonest.
        std::vector<double> best(n, k_unreached);
        std::vector<std::uint32_t> label(n, k_no_label);
        for (const Seed& s : seeds) {
            std::vector<double> d(n, k_unreached);
            std::vector<char> done(n, 0);
            d[s.node] = s.time_s;
            for (;;) {
                std::uint32_t u = n;
                for (std::uint32_t v = 0; v < n; ++v)
                    if (!done[v] && d[v] != k_unreached && (u == n || d[v] < d[u])) u = v;
                if (u == n) break;
                done[u] = 1;
                for (const Arc& a : arcs)
                    if (a.from == u) d[a.to] = std::min(d[a.to], d[u] + a.time_s);
            }
            for (std::uint32_t v = 0; v < n; ++v)
                if (d[v] < best[v] || (d[v] == best[v] && d[v] != k_unreached && s.label < label[v])) best[v] = d[v], label[v] = s.label;
        }
        Dijkstra search(g);
        search.run(seeds, limit);
        for (std::uint32_t v = 0; v < n; ++v) {
            INFO("round " << round << ", node " << v);
            const bool within = best[v] <= limit;
            CHECK(search.node_time(v) == (within ? best[v] : k_unreached));
            CHECK(search.node_label(v) == (within ? label[v] : k_no_label));
        }
    }
}
