#include <catch2/catch.hpp>

#include "core/rules.hpp"
#include "region_builder.hpp"

using namespace coverplan;
using test::RegionBuilder;

namespace {
// Township A (445303100): villages a1..a7 at x = 0, 1000, … 6000. Township B (445303101): b1, b2.
struct Fixture {
    RegionBuilder b;
    TownshipId A, B;
    std::vector<VillageId> a, bv;
    Fixture() {
        A = b.township("445303100", 0, 7000);
        B = b.township("445303101", 7000, 2000);
        for (int i = 0; i < 7; ++i) a.push_back(b.village(A, "445303100" + std::to_string(201 + i), i * 1000.0));
        for (int i = 0; i < 2; ++i) bv.push_back(b.village(B, "445303101" + std::to_string(201 + i), 7000 + i * 1000.0));
    }
    // A clean network: one station per township, points of three villages.
    void clean() {
        b.site("S-A", SiteKind::station, A, {500, 500}, {a[0]});
        b.site("P-A1", SiteKind::point, A, {1500, 500}, {a[1], a[2], a[3]});
        b.site("P-A2", SiteKind::point, A, {4500, 500}, {a[4], a[5], a[6]});
        b.site("S-B", SiteKind::station, B, {7500, 500}, {bv[0]});
        b.site("P-B1", SiteKind::point, B, {8500, 500}, {bv[1]});
    }
    RuleReport check(RuleConfig cfg = {}) const { return check_rules(b.region, cfg); }
};
}  // namespace

TEST_CASE("required points follow ceil((villages - served by station) / villages_per_point)", "[rules][R7]") {
    CHECK(required_points(14, 1, 3) == 5);
    CHECK(required_points(15, 1, 3) == 5);
    CHECK(required_points(10, 1, 3) == 3);
    CHECK(required_points(23, 1, 3) == 8);
    CHECK(required_points(22, 1, 3) == 7);
    CHECK(required_points(1, 1, 3) == 0);
    CHECK(required_points(0, 0, 3) == 0);
    CHECK(required_points(7, 1, 2) == 3);
}

TEST_CASE("a clean network has no errors or warnings", "[rules]") {
    Fixture f;
    f.clean();
    const RuleReport r = f.check();
    CHECK_FALSE(r.has_findings());
    CHECK(r.count("R3", Severity::info) == 1);  // P-B1 serves one village: a note, not a breach
    REQUIRE(r.progress.size() == 2);
    CHECK(r.progress[0].villages == 7);
    CHECK(r.progress[0].points_required == 2);
    CHECK(r.progress[0].points_built == 2);
    CHECK(r.progress[0].point_shortfall() == 0);
    CHECK(r.progress[0].villages_served == 7);
    CHECK(r.progress[1].points_required == 1);
}

TEST_CASE("R1: a township without a station, and one with two", "[rules][R1]") {
    Fixture f;
    f.clean();
    f.b.region.sites[3].kind = SiteKind::point;  // B loses its station
    f.b.site("S-A2", SiteKind::station, f.A, {6500, 500}, {});
    const RuleReport r = f.check();
    REQUIRE(r.count("R1") == 2);
    // Sorted by rule, then township: A's extra station comes first.
    CHECK(r.violations[0].kind == "extra_station");
    CHECK(r.violations[0].site == SiteId{5});
    bool no_station_B = false, extra_A = false;
    for (const auto& v : r.violations) {
        if (v.rule != "R1") continue;
        no_station_B = no_station_B || (v.kind == "no_station" && v.township == f.B);
        extra_A = extra_A || (v.kind == "extra_station" && v.township == f.A);
    }
    CHECK(no_station_B);
    CHECK(extra_A);
}

TEST_CASE("R1: townships without villages are exempt unless configured", "[rules][R1]") {
    Fixture f;
    f.clean();
    f.b.township("445303400", 20000, 1000);  // a forestry farm with no villages
    CHECK(f.check().count("R1") == 0);
    RuleConfig cfg;
    cfg.exempt_townships_without_villages = false;
    CHECK(f.check(cfg).count("R1") == 1);
}

TEST_CASE("R2: unserved villages warn, doubly served villages are errors", "[rules][R2]") {
    Fixture f;
    f.clean();
    f.b.region.sites[2].served_villages = {f.a[4], f.a[5]};  // a7 now unserved
    f.b.region.sites[1].served_villages.push_back(f.a[5]);   // a6 served twice (and P-A1 has four)
    const RuleReport r = f.check();
    CHECK(r.count("R2", Severity::warning) == 1);
    CHECK(r.count("R2", Severity::error) == 1);
    for (const auto& v : r.violations) {
        if (v.rule == "R2" && v.severity == Severity::warning) CHECK(v.villages == std::vector<VillageId>{f.a[6]});
        if (v.rule == "R2" && v.severity == Severity::error) {
            CHECK(v.villages == std::vector<VillageId>{f.a[5]});
            CHECK(v.message.en.find("served by 2 sites") != std::string::npos);
            CHECK(v.message.zh.find("同时由 2 个站点服务") != std::string::npos);
        }
    }
}

TEST_CASE("R3: a point serving more villages than allowed", "[rules][R3]") {
    Fixture f;
    f.clean();
    f.b.region.sites[1].served_villages.push_back(f.a[4]);
    f.b.region.sites[2].served_villages = {f.a[5], f.a[6]};
    const RuleReport r = f.check();
    CHECK(r.count("R3", Severity::error) == 1);
    RuleConfig four;
    four.villages_per_point = 4;
    CHECK(f.check(four).count("R3", Severity::error) == 0);
}

TEST_CASE("R4: a site serving a village of another township", "[rules][R4]") {
    Fixture f;
    f.clean();
    f.b.region.sites[4].served_villages.push_back(f.a[6]);  // P-B1 (township B) takes a7 of A
    f.b.region.sites[2].served_villages = {f.a[4], f.a[5]};
    const RuleReport r = f.check();
    REQUIRE(r.count("R4") == 1);
    for (const auto& v : r.violations)
        if (v.rule == "R4") {
            CHECK(v.site == SiteId{4});
            CHECK(v.villages == std::vector<VillageId>{f.a[6]});
        }
}

TEST_CASE("R5: where a site stands", "[rules][R5]") {
    Fixture f;
    f.clean();
    f.b.region.sites[1].location = {6500, 500};  // P-A1 serves a2..a4 but stands in a7
    RuleReport r = f.check();
    CHECK(r.count("R5") == 1);
    RuleConfig tolerant;
    tolerant.max_site_distance_m = 3000;  // a4's centre (3500, 500) is 3000 m away
    CHECK(f.check(tolerant).count("R5") == 0);
    tolerant.max_site_distance_m = 2999;
    CHECK(f.check(tolerant).count("R5") == 1);
}

TEST_CASE("R5 on point villages needs a distance, else it is skipped", "[rules][R5]") {
    Fixture f;
    f.clean();
    for (auto& v : f.b.region.villages) v.polygon.clear();
    const RuleReport r = f.check();
    CHECK(r.count("R5") == 0);
    bool skipped = false;
    for (const auto& s : r.skipped) skipped = skipped || s.rule == "R5";
    CHECK(skipped);
    RuleConfig cfg;
    cfg.max_site_distance_m = 100;
    CHECK(f.check(cfg).count("R5") == 0);  // every site stands on a served village's centre
    f.b.region.sites[1].location = {1500, 800};  // 300 m from a2's centre
    CHECK(f.check(cfg).count("R5") == 1);
    cfg.max_site_distance_m = 300;
    CHECK(f.check(cfg).count("R5") == 0);
}

TEST_CASE("R6 is reported as skipped until travel times exist", "[rules][R6]") {
    Fixture f;
    f.clean();
    const RuleReport r = f.check();
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].rule == "R6");
}

TEST_CASE("R7 counts the future station's village when a township has none", "[rules][R7]") {
    Fixture f;
    f.b.site("P-A1", SiteKind::point, f.A, {1500, 500}, {f.a[1], f.a[2], f.a[3]});
    const RuleReport r = f.check();
    CHECK(r.progress[0].stations_required == 1);
    CHECK(r.progress[0].stations_built == 0);
    CHECK(r.progress[0].station_shortfall() == 1);
    CHECK(r.progress[0].points_required == 2);  // ceil((7 - 1) / 3)
    CHECK(r.progress[0].point_shortfall() == 1);
    CHECK(r.progress[1].points_required == 1);  // ceil((2 - 1) / 3)
}

TEST_CASE("planned sites count in the rules but not as built", "[rules][R7]") {
    Fixture f;
    f.clean();
    f.b.region.sites[2].status = SiteStatus::planned;
    const RuleReport r = f.check();
    CHECK_FALSE(r.has_findings());
    CHECK(r.progress[0].points_built == 1);
    CHECK(r.progress[0].points_planned == 1);
    CHECK(r.progress[0].point_shortfall() == 1);
}
