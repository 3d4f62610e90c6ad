// Isochrones and gaps on the real Andorra network: valid, nested, and holding the road they reach.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "core/travel_time.hpp"
#include "geo/geos_context.hpp"
#include "geo/isochrones.hpp"
#include "geo/network_analysis.hpp"
#include "io/load_region.hpp"

using namespace coverplan;

TEST_CASE("isochrones are valid, nest, and contain the road reached within the band", "[isochrone][andorra]") {
    const Region r = io::load_region(io::read_project(std::string(COVERPLAN_DATA_DIR) + "/andorra/project.toml"));
    TravelConfig travel;
    travel.thresholds_min = {5, 10, 15};
    const geo::NetworkAnalysis net = geo::analyse_network(r, travel, 2);
    const geo::PolygonOptions poly{50, {}};
    const auto bands = geo::site_isochrones(r, net.graph, net.access, travel, poly, 2);
    REQUIRE(bands.size() == r.sites.size() * 3);
    const geo::Geos geos;
    Dijkstra d(net.graph);
    // One cell of walking: the raster's resolution.
    const double tolerance_s = 1.5 * poly.cell_m / (travel.access_kmh / 3.6);
    for (std::size_t s = 0; s < r.sites.size(); s += 4) {
        INFO("site " << r.sites[s].id);
        std::vector<Seed> seeds;
        add_seeds(net.graph, net.access.sites[s], 0, seeds);
        d.run(seeds, k_unreached);
        for (std::size_t b = 0; b < 3; ++b) {
            const auto& band = bands[s * 3 + b];
            REQUIRE(!band.polygon.empty());
            geo::GeomPtr g = geos.multipolygon(band.polygon);
            CHECK(geos.is_valid(g.get()));
            // Smoothed: a traced band has only axis-parallel edges (the cells' staircase).
            std::size_t edges = 0, slanted = 0;
            for (const Polygon& p : band.polygon)
                for (std::size_t k = 1; k < p.outer.size(); ++k, ++edges)
                    if (std::abs(p.outer[k].x - p.outer[k - 1].x) > 1e-6 && std::abs(p.outer[k].y - p.outer[k - 1].y) > 1e-6) ++slanted;
            CHECK(static_cast<double>(slanted) > 0.25 * static_cast<double>(edges));
            if (b > 0) {  // nested: nothing of the smaller band lies outside the larger one
                geo::GeomPtr smaller = geos.multipolygon(bands[s * 3 + b - 1].polygon);
                geo::GeomPtr outside = geos.difference(smaller.get(), g.get());
                CHECK(area(geos.to_multipolygon(outside.get())) < 1e-6);
            }
            // Every graph node and edge midpoint reached well within the band lies inside it.
            const double limit = band.band_min * 60 - tolerance_s;
            std::size_t checked = 0;
            for (const RoadEdge& e : net.graph.edges) {
                const double ta = e.forward ? d.node_time(e.from) : k_unreached;
                const double tb = e.backward ? d.node_time(e.to) : k_unreached;
                const double mid = e.time_s() / 2;
                const double t = std::min(ta + mid, tb + mid);
                if (t > limit) continue;
                // The point halfway along the edge in time.
                std::size_t k = 0;
                while (k + 2 < e.cum_time_s.size() && e.cum_time_s[k + 1] < mid) ++k;
                const double f = e.cum_time_s[k + 1] > e.cum_time_s[k] ? (mid - e.cum_time_s[k]) / (e.cum_time_s[k + 1] - e.cum_time_s[k]) : 0;
                const Point2 p{e.points[k].x + f * (e.points[k + 1].x - e.points[k].x), e.points[k].y + f * (e.points[k + 1].y - e.points[k].y)};
                ++checked;
                CHECK(contains(band.polygon, p));
            }
            CHECK(checked > 0);
        }
    }
}

TEST_CASE("gaps lie inside their township and outside the covered area", "[gaps][andorra]") {
    const Region r = io::load_region(io::read_project(std::string(COVERPLAN_DATA_DIR) + "/andorra/project.toml"));
    TravelConfig travel;
    const geo::NetworkAnalysis net = geo::analyse_network(r, travel, 2);
    const auto areas = geo::band_areas(r, net.graph, net.access, net.coverage, travel, geo::PolygonOptions{100, {}}, 2);
    const auto& gaps = areas.gaps;
    REQUIRE(!gaps.empty());
    const geo::Geos geos;
    std::size_t uncovered_in_gaps = 0;
    for (const auto& g : gaps) {
        geo::GeomPtr poly = geos.multipolygon({g.polygon});
        CHECK(geos.is_valid(poly.get()));
        geo::GeomPtr town = geos.multipolygon(r.township(g.township).polygon);
        geo::GeomPtr outside = geos.difference(poly.get(), town.get());
        CHECK(area(geos.to_multipolygon(outside.get())) < 1.0);
        if (g.band_min == 15) uncovered_in_gaps += g.uncovered;
    }
    // Ranks start at 1 in each band and follow the uncovered weight.
    for (std::size_t i = 1; i < gaps.size(); ++i)
        if (gaps[i].band_min == gaps[i - 1].band_min) {
            CHECK(gaps[i].rank == gaps[i - 1].rank + 1);
            CHECK(gaps[i].uncovered_weight <= gaps[i - 1].uncovered_weight);
        }
    std::size_t uncovered = 0;
    for (const auto& t : net.coverage.beneficiary_nearest) uncovered += t.time_s > 15 * 60;
    CHECK(uncovered_in_gaps <= uncovered);
    INFO(uncovered_in_gaps << " of " << uncovered << " people beyond 15 min lie in a 15-min gap");
    CHECK(uncovered_in_gaps > 0);
}

TEST_CASE("the covered area of each township and band lies in the township, nests across bands and with the gaps fills it",
          "[gaps][andorra]") {
    const Region r = io::load_region(io::read_project(std::string(COVERPLAN_DATA_DIR) + "/andorra/project.toml"));
    TravelConfig travel;
    const geo::NetworkAnalysis net = geo::analyse_network(r, travel, 2);
    const auto areas = geo::band_areas(r, net.graph, net.access, net.coverage, travel, geo::PolygonOptions{100, {}}, 2);
    REQUIRE(areas.covered.size() == r.townships.size() * travel.thresholds_min.size());
    const geo::Geos geos;
    std::map<std::pair<std::uint32_t, double>, double> gap_area;
    for (const auto& g : areas.gaps) gap_area[{g.township.value, g.band_min}] += g.area_m2;
    std::map<std::uint32_t, double> previous;
    bool some_covered = false;
    for (const auto& c : areas.covered) {
        INFO(r.township(c.township).name << " " << c.band_min);
        geo::GeomPtr poly = geos.multipolygon(c.polygon);
        CHECK(geos.is_valid(poly.get()));
        geo::GeomPtr town = geos.multipolygon(r.township(c.township).polygon);
        CHECK(area(geos.to_multipolygon(geos.difference(poly.get(), town.get()).get())) < 1.0);
        CHECK(c.township_area_m2 == Approx(area(r.township(c.township).polygon)));
        const double filled = c.area_m2 + gap_area[{c.township.value, c.band_min}];
        CHECK(filled <= c.township_area_m2 + 1.0);
        CHECK(filled >= 0.97 * c.township_area_m2);  // less the slivers of a cell or two without people
        CHECK(c.area_m2 >= previous[c.township.value] - 1.0);  // a larger band covers at least as much
        previous[c.township.value] = c.area_m2;
        some_covered |= c.area_m2 > 0;
    }
    CHECK(some_covered);
}
