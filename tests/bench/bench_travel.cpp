// Travel-time benchmark on a real OSM extract (default: the Porto extract in ../shared).
// Built with the project, run by hand or by tests/bench/run_travel.sh; not run by CTest.
// Prints one line per case: name, size, seconds, and a ratio or check where it applies.
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "core/coverage.hpp"
#include "core/critical_links.hpp"
#include "core/road_graph.hpp"
#include "core/travel_time.hpp"
#include "geo/geos_context.hpp"
#include "geo/isochrones.hpp"
#include "geo/network_analysis.hpp"
#include "geo/proj_transform.hpp"
#include "geo/snap.hpp"
#include "io/load_region.hpp"

using namespace coverplan;
using Clock = std::chrono::steady_clock;

namespace {
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

void line(const char* name, const std::string& size, double secs, const std::string& extra = "") {
    std::printf("%-28s %-44s %9.3f s  %s\n", name, size.c_str(), secs, extra.c_str());
    std::fflush(stdout);
}

// A fixed, portable pseudo-random sequence (SplitMix64).
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

// The reference: Boost.Graph's own CSR graph of the same arcs and its Dijkstra
// (dijkstra_shortest_paths_no_color_map, a 4-ary heap), one source at a time on one thread.
struct ArcTime {
    double time_s = 0;
};
using BoostCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, ArcTime, boost::no_property, std::uint32_t, std::uint32_t>;

BoostCsr boost_graph(const RoadGraph& g) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;
    std::vector<ArcTime> times;
    for (std::uint32_t v = 0; v < g.node_count(); ++v)
        for (std::uint32_t a = g.arcs.first_out[v]; a < g.arcs.first_out[v + 1]; ++a) {
            ends.emplace_back(v, g.arcs.head[a]);
            times.push_back({g.arcs.time_s[a]});
        }
    return BoostCsr(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), times.begin(), g.node_count());
}

// Ends Boost's search at the first vertex it would settle beyond the bound: the same work as a
// bounded search (every vertex within the bound settled, nothing beyond).
struct BeyondBound {};
struct StopBeyond : boost::default_dijkstra_visitor {
    const double* dist;
    double bound;
    void examine_vertex(std::uint32_t v, const BoostCsr&) const {
        if (dist[v] > bound) throw BeyondBound{};
    }
};

// Whole graph when `bound` is infinite.
double reference_run(const BoostCsr& bg, const std::vector<std::uint32_t>& sources, double bound, std::vector<double>& dist_out) {
    const auto n = static_cast<std::uint32_t>(boost::num_vertices(bg));
    std::vector<double> dist(n);
    std::vector<std::uint32_t> pred(n);
    const auto t0 = Clock::now();
    for (std::uint32_t s : sources) {
        StopBeyond stop;
        stop.dist = dist.data();
        stop.bound = bound;
        try {
            boost::dijkstra_shortest_paths_no_color_map(bg, s,
                                                        boost::predecessor_map(pred.data())
                                                            .distance_map(dist.data())
                                                            .weight_map(boost::get(&ArcTime::time_s, bg))
                                                            .visitor(stop));
        } catch (const BeyondBound&) {
        }
        if (s == sources.front()) dist_out = dist;
    }
    return seconds_since(t0);
}

// The same search with Boost's _no_init entry point: distances set to infinity once, and after
// each source only the vertices it discovered reset — as our engine does — instead of all n
// vertices per source. (Boost still allocates its heap's index map, n entries, on each call.)
struct TouchAndStop : boost::default_dijkstra_visitor {
    const double* dist;
    double bound;
    std::vector<std::uint32_t>* touched;
    void discover_vertex(std::uint32_t v, const BoostCsr&) const { touched->push_back(v); }
    void examine_vertex(std::uint32_t v, const BoostCsr&) const {
        if (dist[v] > bound) throw BeyondBound{};
    }
};

double reference_run_no_init(const BoostCsr& bg, const std::vector<std::uint32_t>& sources, double bound, std::vector<double>& dist_out) {
    const auto n = static_cast<std::uint32_t>(boost::num_vertices(bg));
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<double> dist(n, inf);
    std::vector<std::uint32_t> pred(n);
    std::vector<std::uint32_t> touched;
    const auto t0 = Clock::now();
    for (std::uint32_t s : sources) {
        dist[s] = 0;
        pred[s] = s;
        TouchAndStop visit;
        visit.dist = dist.data();
        visit.bound = bound;
        visit.touched = &touched;
        try {
            boost::dijkstra_shortest_paths_no_color_map_no_init(bg, s, pred.data(), dist.data(), boost::get(&ArcTime::time_s, bg),
                                                                boost::get(boost::vertex_index, bg), std::less<double>(),
                                                                boost::closed_plus<double>(inf), inf, 0.0, visit);
        } catch (const BeyondBound&) {
        }
        if (s == sources.front()) dist_out = dist;
        for (std::uint32_t v : touched) dist[v] = inf;
        touched.clear();
    }
    return seconds_since(t0);
}

double engine_run(const RoadGraph& g, const std::vector<std::uint32_t>& sources, double limit_s, int threads,
                  std::vector<double>& first_out) {
    const auto t0 = Clock::now();
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        Dijkstra d(g);
        for (std::size_t i = next++; i < sources.size(); i = next++) {
            d.run({{sources[i], 0.0, 0}}, limit_s);
            if (i == 0) {
                first_out.resize(g.node_count());
                for (std::uint32_t v = 0; v < g.node_count(); ++v) first_out[v] = d.node_time(v);
            }
        }
    };
    std::vector<std::thread> pool;
    for (int k = 1; k < threads; ++k) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return seconds_since(t0);
}
}  // namespace

int main(int argc, char** argv) {
    const std::string pbf = argc > 1 ? argv[1] : std::string(COVERPLAN_SOURCE_DIR) + "/../shared/data/raw/osm-porto-r5/porto-2015-06-06.osm.pbf";
    io::LayerSpec roads;
    roads.role = "roads";
    roads.present = true;
    roads.source = pbf;
    roads.path = pbf;
    roads.layer = "lines";

    auto t0 = Clock::now();
    const Region region = io::load_roads(roads, "EPSG:32629");  // UTM 29N for Porto
    const double read_s = seconds_since(t0);
    TravelConfig travel;  // e-bike
    t0 = Clock::now();
    const RoadGraph g = build_road_graph(region.roads, geo::make_profile(travel));
    const double build_s = seconds_since(t0);
    t0 = Clock::now();
    const geo::EdgeSnapper snapper(g);
    const double index_s = seconds_since(t0);
    line("read_pbf", std::to_string(region.roads.size()) + " road lines", read_s);
    line("build_graph", std::to_string(g.node_count()) + " nodes, " + std::to_string(g.arcs.arc_count()) + " arcs", build_s);
    line("spatial_index", std::to_string(g.edges.size()) + " edges", index_s);
    line("graph_total", "read + build + index", read_s + build_s + index_s);

    // 200 fixed random sources on the main component, every node within 30 minutes.
    Rng rng{20261123};
    std::vector<std::uint32_t> sources;
    while (sources.size() < 200) {
        const auto v = static_cast<std::uint32_t>(rng.next() % g.node_count());
        if (g.node_component[v] == 0) sources.push_back(v);
    }
    const double limit = 30 * 60;
    const BoostCsr bg = boost_graph(g);
    std::vector<double> whole_first, ref_first, eng_first;
    const double whole_s = reference_run(bg, sources, std::numeric_limits<double>::infinity(), whole_first);
    line("reference_boost_whole", "200 sources, whole graph, 1 thread", whole_s, "not the same work: for scale only");
    const double ref_s = reference_run(bg, sources, limit, ref_first);
    std::size_t ref_settled = 0;
    for (std::uint32_t v = 0; v < g.node_count(); ++v) ref_settled += ref_first[v] <= limit;
    line("reference_boost_bounded", "200 sources, nodes within 30 min, 1 thread", ref_s,
         "first source: " + std::to_string(ref_settled) + " nodes within 30 min");
    std::vector<double> no_init_first;
    const double no_init_s = reference_run_no_init(bg, sources, limit, no_init_first);
    std::size_t no_init_differ = 0;
    for (std::uint32_t v = 0; v < g.node_count(); ++v)
        if ((no_init_first[v] <= limit) != (ref_first[v] <= limit) || (ref_first[v] <= limit && std::abs(no_init_first[v] - ref_first[v]) > 1e-9))
            ++no_init_differ;
    char no_init_extra[160];
    std::snprintf(no_init_extra, sizeof no_init_extra, "%.2f x reference_boost_bounded; first source: %zu nodes differ", no_init_s / ref_s,
                  no_init_differ);
    line("reference_boost_no_init", "the same, only touched vertices reset", no_init_s, no_init_extra);
    for (int threads : {1, 2}) {
        const double s = engine_run(g, sources, limit, threads, eng_first);
        std::size_t mismatches = 0, compared = 0;
        for (std::uint32_t v = 0; v < g.node_count(); ++v) {
            const bool in_ref = ref_first[v] <= limit, in_eng = eng_first[v] <= limit;
            if (!in_ref && !in_eng) continue;
            ++compared;
            if (in_ref != in_eng || std::abs(eng_first[v] - ref_first[v]) > 1e-6) ++mismatches;
        }
        char extra[240];
        std::snprintf(extra, sizeof extra, "ratio %.2f x reference_boost_bounded, %.2f x reference_boost_no_init; first source: %zu nodes within 30 min, %zu differ",
                      s / ref_s, s / no_init_s, compared, mismatches);
        line(threads == 1 ? "coverage_workload_1thread" : "coverage_workload_2threads", "200 sources, nodes within 30 min", s, extra);
    }

    // End to end without polygons: 500 sites, 50,000 beneficiaries at random road positions.
    Region r;
    r.working_crs = region.working_crs;
    Township t;
    t.code = "999999001";
    r.townships.push_back(t);
    Box box;
    for (const Point2& p : g.node_xy) box.expand(p);
    auto near = [&](Point2 c, double spread_m) {
        return Point2{c.x + (rng.uniform() - 0.5) * spread_m, c.y + (rng.uniform() - 0.5) * spread_m};
    };
    auto random_point = [&] { return near(g.node_xy[rng.next() % g.node_count()], 400); };
    // As in a county: each site serves a village near it, people live near their village.
    for (int v = 0; v < 500; ++v) {
        Site s;
        s.id = "S" + std::to_string(v);
        s.location = random_point();
        s.township = TownshipId{0};
        s.served_villages = {VillageId{static_cast<std::uint32_t>(v)}};
        Village vil;
        vil.code = "999999001" + std::to_string(100 + v);
        vil.anchor = near(s.location, 3000);
        vil.township = TownshipId{0};
        r.villages.push_back(vil);
        r.sites.push_back(s);
    }
    for (int b = 0; b < 50000; ++b) {
        Beneficiary ben;
        ben.village = VillageId{static_cast<std::uint32_t>(rng.next() % 500)};
        ben.location = near(r.villages[ben.village->value].anchor, 2000);
        ben.categories = bit(Category::dibao);
        r.beneficiaries.push_back(ben);
    }
    const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    t0 = Clock::now();
    Accesses access;
    const geo::SnapOptions opt{travel.max_snap_m, travel.access_kmh};
    for (const Site& s : r.sites) access.sites.push_back(snapper.access(s.location, opt));
    for (const Village& v : r.villages) access.villages.push_back(snapper.access(v.anchor, opt));
    for (const Beneficiary& b : r.beneficiaries) access.beneficiaries.push_back(snapper.access(b.location, opt));
    const double snap_s = seconds_since(t0);
    t0 = Clock::now();
    const CoverageResult cov = compute_coverage(r, g, access, travel.max_search_min * 60, hw);
    const double route_s = seconds_since(t0);
    t0 = Clock::now();
    const CoverageSummary sum = summarise_coverage(r, cov, travel.thresholds_min);
    const double cov_s = route_s + seconds_since(t0);
    line("snap_points", "500 sites, 500 villages, 50000 beneficiaries", snap_s);
    line("route_nearest_assigned", "1 multi-source + 500 site searches", route_s);
    char extra[120];
    std::snprintf(extra, sizeof extra, "%d threads; %.1f %% of beneficiaries within 15 min", hw,
                  100.0 * sum.total.weight_within_nearest[0] / sum.total.weight);
    line("coverage_end_to_end", "500 sites, 50000 beneficiaries (no polygons)", cov_s + snap_s, extra);

    // Critical links (coverplan flood): the bridges of the whole graph and what each cuts off.
    t0 = Clock::now();
    const std::vector<CriticalLink> links = critical_links(r, g, access);
    const double links_s = seconds_since(t0);
    std::snprintf(extra, sizeof extra, "%zu bridges, %zu cutting off a site, village or beneficiary", graph_bridges(g).size(), links.size());
    line("critical_links", std::to_string(g.node_count()) + " nodes, " + std::to_string(g.edges.size()) + " edges, 51000 objects", links_s,
         extra);

    // Polygons: isochrones of all 500 sites at three bands, and the gaps.
    Township& town = r.townships[0];
    town.polygon = {Polygon{{{box.min_x, box.min_y}, {box.max_x, box.min_y}, {box.max_x, box.max_y}, {box.min_x, box.max_y}, {box.min_x, box.min_y}}, {}}};
    const geo::PolygonOptions poly{travel.polygon_cell_m, {}};
    t0 = Clock::now();
    const auto bands = geo::site_isochrones(r, g, access, travel, poly, hw);
    const double iso_s = seconds_since(t0);
    t0 = Clock::now();
    const auto gaps = geo::band_areas(r, g, access, cov, travel, poly, hw).gaps;
    const double gap_s = seconds_since(t0);
    line("isochrones", std::to_string(bands.size()) + " polygons (500 sites x 3 bands), 100 m cells", iso_s);
    line("gaps", std::to_string(gaps.size()) + " gap polygons, 3 bands", gap_s);
    line("polygons_total", "isochrones + gaps", iso_s + gap_s);
    if (std::getenv("COVERPLAN_BENCH_VALIDATE")) {  // slow: GEOS validity of every polygon
        const geo::Geos geos;
        std::size_t invalid = 0;
        for (const auto& b : bands) {
            geo::GeomPtr p = geos.multipolygon(b.polygon);
            invalid += !geos.is_valid(p.get());
        }
        line("isochrones_valid", std::to_string(bands.size() - invalid) + " of " + std::to_string(bands.size()) + " valid (GEOS)", 0);
    }
    return 0;
}
