// Flood season: hazard levels as written, and which zone a beneficiary is counted in.
#include <catch2/catch.hpp>

#include "core/flood.hpp"

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
