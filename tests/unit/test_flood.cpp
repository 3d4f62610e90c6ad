// Flood season: hazard levels as written, and which zone a beneficiary is counted in.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/flood.hpp"
#include "geo/closures.hpp"

using namespace coverplan;

namespace {
Hazard zone(int level, double x0, double size, const std::string& type) {
    Hazard h;
    h.level = level;
    h.type = type;
    h.polygon = {Polygon{{{x0, 0}, {x0 + size, 0}, {x0 + size, size}, {x0, size}, {x0, 0}}, {}}};
    h.box = bounds(h.polygon);
    return h;
}
}  // namespace

TEST_CASE("hazard levels are whole numbers 1–9 or the words 低 中 高 极高", "[flood]") {
    CHECK(parse_hazard_level("1") == 1);
    CHECK(parse_hazard_level(" 9 ") == 9);
    CHECK(parse_hazard_level("2.0") == 2);  // a real-valued field
    CHECK(parse_hazard_level("低") == 1);
    CHECK(parse_hazard_level("中风险") == 2);
    CHECK(parse_hazard_level("高") == 3);
    CHECK(parse_hazard_level("极高风险") == 4);
    CHECK(parse_hazard_level("High") == 3);
    for (const char* bad : {"", "0", "10", "2.5", "-1", "很高", "abc", "１"}) {
        INFO(bad);
        CHECK_FALSE(parse_hazard_level(bad));
    }
}

TEST_CASE("a beneficiary is counted in the highest-level zone that holds it, the first on a tie", "[flood]") {
    Region r;
    r.hazards = {zone(1, 0, 100, "低洼"), zone(3, 50, 20, "山洪"), zone(3, 55, 20, "洪涝"), zone(2, 200, 10, "")};
    for (const Point2 p : {Point2{10, 10}, Point2{60, 10}, Point2{72, 10}, Point2{205, 5}, Point2{150, 50}, Point2{-1, 5}}) {
        Beneficiary b;
        b.location = p;
        r.beneficiaries.push_back(b);
    }
    const HazardExposure ex = hazard_exposure(r);
    CHECK(ex.zone_of == std::vector<std::int32_t>{0, 1, 2, 3, -1, -1});
    CHECK(ex.exposed() == 4);
}

namespace {
// Every segment of `piece` runs the way the segment of `road` under it does.
bool runs_like(const LineString& road, const LineString& piece) {
    for (std::size_t k = 1; k < piece.size(); ++k) {
        const Point2 a = piece[k - 1], b = piece[k], m{(a.x + b.x) / 2, (a.y + b.y) / 2};
        for (std::size_t i = 1; i < road.size(); ++i) {
            const Point2 p = road[i - 1], q = road[i];
            // m on segment p–q (axis-parallel segments here)
            const bool on = std::abs((q.x - p.x) * (m.y - p.y) - (q.y - p.y) * (m.x - p.x)) < 1e-6 && m.x >= std::min(p.x, q.x) - 1e-9 &&
                            m.x <= std::max(p.x, q.x) + 1e-9 && m.y >= std::min(p.y, q.y) - 1e-9 && m.y <= std::max(p.y, q.y) + 1e-9;
            if (on && (b.x - a.x) * (q.x - p.x) + (b.y - a.y) * (q.y - p.y) < 0) return false;
        }
    }
    return true;
}
}  // namespace

TEST_CASE("a closed stretch is cut out of the road; what is left of a one-way loop still runs its way", "[flood][closures]") {
    Region r;
    Road loop;  // A → B → C → D → A, one way
    loop.line = {{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}};
    loop.oneway = 1;
    Road spur;  // untouched by the zone
    spur.line = {{0, 0}, {-50, 0}};
    r.roads = {loop, spur};
    r.hazards = {zone(3, 0, 1, "洪涝")};
    r.hazards[0].polygon = {Polygon{{{90, 40}, {110, 40}, {110, 60}, {90, 60}, {90, 40}}, {}}};  // B → C between y 40 and 60
    r.hazards[0].box = bounds(r.hazards[0].polygon);
    FloodConfig flood;
    flood.close_roads_from_level = 3;
    const geo::ClosedRoads c = geo::close_roads(r, flood);
    CHECK(c.areas == 1);
    CHECK(c.roads_touched == 1);
    CHECK(c.closed_length_m == Approx(20));
    double open_length = 0;
    std::size_t loop_pieces = 0;
    for (const Road& road : c.open) {
        if (road.oneway != 1) continue;
        ++loop_pieces;
        open_length += length(road.line);
        CHECK(runs_like(loop.line, road.line));
    }
    CHECK(loop_pieces >= 1);
    CHECK(open_length == Approx(380));
    // The spur is passed on as it was.
    CHECK(std::count_if(c.open.begin(), c.open.end(), [&](const Road& x) { return x.line == spur.line; }) == 1);
    // Below the closing level nothing closes.
    flood.close_roads_from_level = 4;
    CHECK(geo::close_roads(r, flood).roads_touched == 0);
}
