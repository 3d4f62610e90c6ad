#include <catch2/catch.hpp>

#include "core/isochrone.hpp"
#include "geo/geos_context.hpp"

using namespace coverplan;

namespace {
// A grid from rows of '#' (in the band) and '.', top row first.
TimeGrid grid_of(const std::vector<std::string>& rows) {
    TimeGrid g;
    g.cell_m = 10;
    g.height = static_cast<int>(rows.size());
    g.width = static_cast<int>(rows[0].size());
    g.time_s.assign(static_cast<std::size_t>(g.width * g.height), std::numeric_limits<float>::infinity());
    for (int j = 0; j < g.height; ++j)
        for (int i = 0; i < g.width; ++i)
            if (rows[static_cast<std::size_t>(g.height - 1 - j)][static_cast<std::size_t>(i)] == '#')
                g.time_s[static_cast<std::size_t>(j * g.width + i)] = 60;
    return g;
}

bool valid(const MultiPolygon& mp) {
    const geo::Geos geos;
    geo::GeomPtr g = geos.multipolygon(mp);
    return geos.is_valid(g.get());
}
}  // namespace

TEST_CASE("band polygons trace cells exactly", "[isochrone]") {
    SECTION("one cell") {
        const MultiPolygon mp = band_polygons(grid_of({"...", ".#.", "..."}), 60);
        REQUIRE(mp.size() == 1);
        CHECK(area(mp) == Approx(100));
        CHECK(mp[0].outer.size() == 5);  // four corners, closed
        CHECK(valid(mp));
    }
    SECTION("outside the band: nothing") { CHECK(band_polygons(grid_of({"#"}), 59).empty()); }
    SECTION("a ring of cells is one polygon with a hole") {
        const MultiPolygon mp = band_polygons(grid_of({"###", "#.#", "###"}), 60);
        REQUIRE(mp.size() == 1);
        CHECK(mp[0].holes.size() == 1);
        CHECK(area(mp) == Approx(800));
        CHECK(valid(mp));
    }
    SECTION("cells touching at a corner are separate parts, still valid") {
        const MultiPolygon mp = band_polygons(grid_of({"#.", ".#"}), 60);
        CHECK(mp.size() == 2);
        CHECK(area(mp) == Approx(200));
        CHECK(valid(mp));
    }
    SECTION("two parts of a hole touching at a corner: two holes, valid") {
        const MultiPolygon mp = band_polygons(grid_of({"#####", "#.###", "##.##", "#####"}), 60);
        REQUIRE(mp.size() == 1);
        CHECK(mp[0].holes.size() == 2);
        CHECK(area(mp) == Approx(1800));
        CHECK(valid(mp));
    }
    SECTION("an island inside a hole") {
        const MultiPolygon mp = band_polygons(grid_of({"#####", "#...#", "#.#.#", "#...#", "#####"}), 60);
        REQUIRE(mp.size() == 2);
        CHECK(area(mp) == Approx(1700));
        CHECK(valid(mp));
    }
    SECTION("an L shape keeps only its corners") {
        const MultiPolygon mp = band_polygons(grid_of({"#..", "#..", "###"}), 60);
        REQUIRE(mp.size() == 1);
        CHECK(mp[0].outer.size() == 7);  // six corners, closed
    }
}
