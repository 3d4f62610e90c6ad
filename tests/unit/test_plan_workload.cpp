// Issue 16 item 4: the programme's plan with point capacities in monthly visiting hours
// (--capacity workload) and with both limits (--capacity both), each against exhaustive
// enumeration of every placement and assignment on a small township, on the engine's own times.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>

#include "core/error.hpp"
#include "core/road_graph.hpp"
#include "core/travel_time.hpp"
#include "core/visits.hpp"
#include "geo/snap.hpp"
#include "region_builder.hpp"
#include "solve/plan.hpp"

using namespace coverplan;

namespace {

// One township (SmallTownship) of six villages 2 km apart along a road at 36 km/h, its station in the first;
// no points built, so R7 asks for ceil(5 / 3) = 2 new points. Each village has `tekun[k]` 特困
// (monthly, 45 minutes): k × 0.75 hours a month with no travel counted.
struct SmallTownship {
    Region region;
    RoadGraph graph;
    std::vector<Access> sites, villages, candidates;

    explicit SmallTownship(const std::vector<int>& tekun) {
        test::RegionBuilder rb;
        const TownshipId t = rb.township("445303100", 0, 12000);
        std::vector<VillageId> vs;
        for (int k = 0; k < 6; ++k) vs.push_back(rb.village(t, "44530310020" + std::to_string(k), 2000.0 * k));
        rb.site("ST-1", SiteKind::station, t, {500, 500}, {vs[0]});
        region = rb.region;
        region.sites[0].staff = 3;
        Road road;
        for (int x = 0; x <= 12000; x += 500) road.line.push_back({static_cast<double>(x), 500});
        road.road_class = "a";
        region.roads.push_back(road);
        for (int k = 0; k < 6; ++k)
            for (int i = 0; i < tekun[static_cast<std::size_t>(k)]; ++i) {
                Beneficiary b;
                b.record = "R" + std::to_string(k) + "-" + std::to_string(i);
                b.village = vs[static_cast<std::size_t>(k)];
                b.categories = bit(Category::tekun);
                b.location = region.villages[static_cast<std::size_t>(k)].anchor;
                region.beneficiaries.push_back(b);
            }
        SpeedProfile profile(Mode::car);
        profile.set_class_speed("a", 36);
        graph = build_road_graph(region.roads, profile);
        const geo::EdgeSnapper snapper(graph);
        for (const Site& s : region.sites) sites.push_back(snapper.access(s.location, {500, 4}));
        for (const Village& v : region.villages) villages.push_back(snapper.access(v.anchor, {500, 4}));
    }
};

// The best objective (Σ weight × seconds) over every choice of `points` host villages among
// villages 1–5 and every assignment of villages 1–5 to those hosts (each host serving itself), with
// size(v) summed per point within `cap`; infinity when nothing fits.
double enumerate(const std::vector<float>& t, const std::vector<double>& weight, int points, const std::function<double(int)>& size,
                 double cap) {
    const int n = 6;
    double best = std::numeric_limits<double>::infinity();
    for (int mask = 0; mask < (1 << n); ++mask) {
        if (mask & 1 || __builtin_popcount(static_cast<unsigned>(mask)) != points) continue;
        std::vector<int> hosts;
        for (int v = 1; v < n; ++v)
            if (mask & (1 << v)) hosts.push_back(v);
        std::vector<int> others;
        for (int v = 1; v < n; ++v)
            if (!(mask & (1 << v))) others.push_back(v);
        std::vector<int> pick(others.size(), 0);
        while (true) {
            std::vector<double> load(hosts.size(), 0);
            double obj = 0;
            for (std::size_t h = 0; h < hosts.size(); ++h) load[h] += size(hosts[h]);
            for (std::size_t k = 0; k < others.size(); ++k) {
                const auto h = static_cast<std::size_t>(pick[k]);
                load[h] += size(others[k]);
                obj += weight[static_cast<std::size_t>(others[k])] * t[static_cast<std::size_t>(hosts[h] * n + others[k])];
            }
            bool fits = true;
            for (double l : load) fits = fits && l <= cap + 1e-9;
            if (fits) best = std::min(best, obj);
            std::size_t k = 0;
            while (k < pick.size() && ++pick[k] == static_cast<int>(hosts.size())) pick[k++] = 0;
            if (k == pick.size()) break;
        }
    }
    return best;
}

struct Outcome {
    solve::Plan plan;
    std::vector<float> t;  // village × village seconds, the engine's
};

Outcome plan(const SmallTownship& tw, placement::PlanCapacity capacity, const StaffingConfig& st) {
    solve::PlanWorkload w;
    w.staffing = st;
    w.travel_per_visit_h = 0;
    w.village_hours = village_visit_hours(tw.region, VisitConfig{}, 0);
    placement::PlanConfig cfg;
    cfg.capacity = capacity;
    cfg.solver = placement::Solver::automatic;
    RuleConfig rules;
    const solve::PlanAccess access{&tw.sites, &tw.villages, &tw.candidates};
    Outcome out{solve::plan_programme(tw.region, rules, tw.graph, access, 7200, cfg, 1, &w), {}};
    out.t = time_matrix(tw.graph, tw.villages, tw.villages, 7200, 1);
    return out;
}

double points_objective(const Outcome& o) {
    double obj = 0;
    for (const solve::PlannedSite& ps : o.plan.sites)
        if (ps.site.kind == SiteKind::point)
            for (std::size_t k = 0; k < ps.site.served_villages.size(); ++k)
                obj += o.plan.village_weight[ps.site.served_villages[k].value] * ps.time_s[k];
    return obj;
}

}  // namespace

TEST_CASE("village visiting hours: minutes and travel per visit over the interval, for visited categories only", "[plan][workload]") {
    const SmallTownship tw({0, 4, 0, 0, 0, 0});
    Region r = tw.region;
    Beneficiary dibao;  // every two months
    dibao.village = r.beneficiaries.front().village;
    dibao.categories = bit(Category::dibao);
    r.beneficiaries.push_back(dibao);
    Beneficiary none;  // no category: no scheduled visit
    none.village = r.beneficiaries.front().village;
    r.beneficiaries.push_back(none);
    const std::vector<double> h = village_visit_hours(r, VisitConfig{}, 0.25);
    CHECK(h[1] == Approx(4 * (0.75 + 0.25) + (0.75 + 0.25) / 2));
    CHECK(h[0] == 0);
}

TEST_CASE("plan --capacity workload: the optimum of every placement and assignment within the points' visiting hours",
          "[plan][workload]") {
    // Hours of villages 1–5: 45, 45, 15, 30, 15 (150 in all); a point of one social worker has
    // 22 × 7 × 0.5 = 77 h, so the two points must split them nearly evenly.
    const SmallTownship tw({10, 60, 60, 20, 40, 20});
    StaffingConfig st;
    st.point = 1;
    const std::vector<double> hours = village_visit_hours(tw.region, VisitConfig{}, 0);
    const double cap = st.point * st.visiting_hours_per_worker() * 60;
    auto minutes = [&](int v) { return std::ceil(hours[static_cast<std::size_t>(v)] * 60 - 1e-9); };

    const Outcome o = plan(tw, placement::PlanCapacity::workload, st);
    REQUIRE(o.plan.complete());
    REQUIRE(o.plan.townships.size() == 1);
    CHECK(o.plan.townships[0].new_points == 2);
    const double best = enumerate(o.t, o.plan.village_weight, 2, minutes, cap);
    REQUIRE(std::isfinite(best));
    CHECK(points_objective(o) == Approx(best).margin(1e-6));
    // Without the hours the villages would crowd differently: the limit binds here.
    CHECK(enumerate(o.t, o.plan.village_weight, 2, [](int) { return 0.0; }, 1) < best - 1);
    for (const solve::PlannedSite& ps : o.plan.sites) {
        if (ps.site.kind != SiteKind::point) continue;
        CHECK(ps.workload_h * 60 <= cap + 1e-6);
        CHECK(ps.staff_needed == 1);
    }
}

TEST_CASE("plan --capacity both: the optimum within villages_per_point and the hours, each village at least one slot",
          "[plan][workload]") {
    const SmallTownship tw({10, 40, 30, 20, 50, 10});
    StaffingConfig st;
    st.point = 1;
    const std::vector<double> hours = village_visit_hours(tw.region, VisitConfig{}, 0);
    const double point_min = st.point * st.visiting_hours_per_worker() * 60;
    // The plan's unit (plan_config.hpp): a village takes max(a point's minutes, 3 × its minutes)
    // of 3 × a point's minutes.
    auto slots = [&](int v) { return std::max(point_min, 3 * std::ceil(hours[static_cast<std::size_t>(v)] * 60 - 1e-9)); };
    const Outcome o = plan(tw, placement::PlanCapacity::both, st);
    REQUIRE(o.plan.complete());
    const double best = enumerate(o.t, o.plan.village_weight, o.plan.townships[0].new_points, slots, 3 * point_min);
    CHECK(points_objective(o) == Approx(best).margin(1e-6));
    for (const solve::PlannedSite& ps : o.plan.sites) {
        if (ps.site.kind != SiteKind::point) continue;
        CHECK(ps.site.served_villages.size() <= 3);
        CHECK(ps.workload_h * 60 <= point_min + 1e-6);
    }
    // With villages only, the same enumeration without hours.
    const Outcome v = plan(tw, placement::PlanCapacity::villages, st);
    CHECK(points_objective(v) == Approx(enumerate(v.t, v.plan.village_weight, 2, [](int) { return 1.0; }, 3)).margin(1e-6));
}

TEST_CASE("plan --capacity workload: more points when the hours need them, and a village heavier than any point is named",
          "[plan][workload]") {
    StaffingConfig st;
    st.point = 1;
    // 30 + 60 + 60 + 60 + 60 = 270 h of visits; two points of 77 h cannot carry them: by the total
    // four, but no two of these villages share 77 h, so five.
    const Outcome o = plan(SmallTownship({0, 40, 80, 80, 80, 80}), placement::PlanCapacity::workload, st);
    REQUIRE(o.plan.complete());
    CHECK(o.plan.townships[0].new_points == 5);
    REQUIRE(o.plan.townships[0].notes_zh.size() == 2);
    CHECK(o.plan.townships[0].notes_zh[0].find("改为规划 4 个") != std::string::npos);
    CHECK(o.plan.townships[0].notes_zh[1].find("改为规划 5 个") != std::string::npos);

    // A village of 150 h fits no point of 77 h: no plan, and the note says which village.
    const Outcome heavy = plan(SmallTownship({0, 200, 10, 10, 10, 10}), placement::PlanCapacity::workload, st);
    CHECK_FALSE(heavy.plan.complete());
    bool named = false;
    for (const std::string& n : heavy.plan.townships[0].notes) named = named || n.find("V201") != std::string::npos;
    CHECK(named);

    // Without beneficiaries' workload the mode is refused.
    const SmallTownship tw({0, 1, 1, 1, 1, 1});
    placement::PlanConfig cfg;
    cfg.capacity = placement::PlanCapacity::workload;
    std::vector<Access> none;
    CHECK_THROWS_AS(solve::plan_programme(tw.region, RuleConfig{}, tw.graph, {&tw.sites, &tw.villages, &none}, 7200, cfg, 1, nullptr),
                    UsageError);
}
