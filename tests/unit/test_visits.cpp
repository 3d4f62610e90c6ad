// Issue 16: the calendar, who is due, the workload arithmetic and R8, and the month's visit
// plan on a small road network, checked against the engine's own times recomputed here.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/access.hpp"
#include "core/calendar.hpp"
#include "core/coverage.hpp"
#include "core/road_graph.hpp"
#include "core/travel_time.hpp"
#include "core/visits.hpp"
#include "geo/snap.hpp"
#include "region_builder.hpp"
#include "report/visits_report.hpp"

using namespace coverplan;

TEST_CASE("dates become day numbers and back; months, weekdays and working days follow the calendar", "[visits][calendar]") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(format_date(days_from_civil({2024, 2, 29})) == "2024-02-29");
    for (int d = days_from_civil({1999, 12, 25}); d < days_from_civil({2001, 3, 1}); ++d) CHECK(days_from_civil(civil_from_days(d)) == d);
    CHECK(weekday(*parse_date("2026-12-03")) == 3);  // a Thursday
    CHECK(weekday(*parse_date("2026-12-06")) == 6);  // a Sunday
    CHECK(parse_date("2026/11/05") == parse_date("2026-11-05"));
    CHECK(parse_date("2026-11-05T10:30:00") == parse_date("2026-11-05"));
    CHECK_FALSE(parse_date("2026-02-29"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("05/11/2026"));
    CHECK_FALSE(parse_date("2026-11-05x"));
    CHECK(*parse_month("2026-12") == 2026 * 12 + 11);
    CHECK(format_month(*parse_month("2027-01")) == "2027-01");
    CHECK_FALSE(parse_month("2026-13"));
    CHECK_FALSE(parse_month("2026-1"));

    StaffingConfig st;
    const int december = *parse_month("2026-12");
    CHECK(working_days(december, st).size() == 23);  // Tuesday 1st to Thursday 31st: 23 weekdays
    st.holidays = {*parse_date("2026-12-25")};
    st.extra_workdays = {*parse_date("2026-12-05")};  // a Saturday worked
    const std::vector<int> days = working_days(december, st);
    CHECK(days.size() == 23);
    CHECK(std::find(days.begin(), days.end(), *parse_date("2026-12-25")) == days.end());
    CHECK(std::find(days.begin(), days.end(), *parse_date("2026-12-05")) != days.end());
}

TEST_CASE("a record is due when never visited or last visited a whole interval of months ago", "[visits]") {
    const int december = *parse_month("2026-12");
    CHECK(visit_due(std::nullopt, 1, december));
    CHECK(visit_due(parse_date("2026-11-30"), 1, december));
    CHECK_FALSE(visit_due(parse_date("2026-12-01"), 1, december));
    CHECK_FALSE(visit_due(parse_date("2026-11-01"), 2, december));
    CHECK(visit_due(parse_date("2026-10-31"), 2, december));
    CHECK(visit_due(parse_date("2026-09-15"), 3, december));
    CHECK_FALSE(visit_due(std::nullopt, 0, december));  // not visited on a schedule

    VisitConfig vc;
    CHECK(vc.interval_of(bit(Category::dibao)) == 2);
    CHECK(vc.interval_of(bit(Category::dibao) | bit(Category::tekun)) == 1);  // the most frequent
    CHECK(vc.interval_of(bit(Category::family_planning_special)) == 3);
    vc.interval_months[static_cast<std::size_t>(Category::family_planning_special)] = 0;
    CHECK(vc.interval_of(bit(Category::family_planning_special)) == 0);
    CHECK(vc.minutes_of(bit(Category::dibao)) == 45);
    vc.minutes_by_category[static_cast<std::size_t>(Category::disabled)] = 60;
    vc.minutes_by_category[static_cast<std::size_t>(Category::dibao)] = 30;
    CHECK(vc.minutes_of(bit(Category::dibao) | bit(Category::disabled)) == 60);  // the longest
    CHECK(vc.minutes_of(bit(Category::dibao)) == 30);
}

TEST_CASE("the workload: staff needed is the hours over each worker's visiting hours, rounded up; R8 fires above capacity", "[visits][R8]") {
    StaffingConfig st;  // 22 days × 7 h × 0.5 = 77 h a worker
    CHECK(st.visiting_hours_per_worker() == Approx(77));
    SiteVisits s;
    s.staff = 1;
    s.hours_available = 77;
    s.visits_per_month = 100;
    s.steady_visit_hours = 70;
    s.steady_travel_hours = 7;
    CHECK(s.hours_needed() == Approx(77));
    CHECK(s.staff_needed(st) == 1);  // exactly full is one person, not two
    s.steady_travel_hours = 8;
    CHECK(s.staff_needed(st) == 2);

    test::RegionBuilder rb;
    const TownshipId t = rb.township("445303100", 0, 5000);
    const VillageId v = rb.village(t, "445303100201", 0);
    rb.site("ST-1", SiteKind::station, t, {500, 500}, {v});
    VisitPlan plan;
    s.site = SiteId{0};
    plan.sites.push_back(s);
    std::vector<Violation> r8 = report::workload_violations(rb.region, plan, st);
    REQUIRE(r8.size() == 1);
    CHECK(r8[0].rule == "R8");
    CHECK(r8[0].message.zh.find("需社工 2 名（缺 1 名）") != std::string::npos);
    plan.sites[0].steady_travel_hours = 7;
    CHECK(report::workload_violations(rb.region, plan, st).empty());
}

namespace {

// A road along y = 0 from x = 0 to 20 km at 36 km/h (10 m/s), one township of two villages.
struct Fixture {
    Region region;
    RoadGraph graph;
    Accesses access;

    Fixture(int beneficiaries, int staff) {
        test::RegionBuilder rb;
        const TownshipId t = rb.township("445303100", 0, 20000);
        const VillageId v1 = rb.village(t, "445303100201", 0);
        const VillageId v2 = rb.village(t, "445303100202", 10000);
        rb.site("ST-1", SiteKind::station, t, {100, 0}, {v1});
        rb.site("PT-2", SiteKind::point, t, {10100, 0}, {v2});
        region = rb.region;
        region.sites[0].staff = staff;
        region.sites[1].staff = 0;
        Road road;
        for (int x = 0; x <= 20000; x += 1000) road.line.push_back({static_cast<double>(x), 0});
        road.road_class = "a";
        region.roads.push_back(road);
        const Category cats[] = {Category::tekun, Category::dibao, Category::disabled, Category::elderly_alone};
        for (int i = 0; i < beneficiaries; ++i) {
            Beneficiary b;
            b.record = "R" + std::to_string(i);
            b.village = v1;
            b.categories = bit(cats[i % 4]);
            b.location = {200.0 + 97.0 * i, (i % 3) * 50.0};
            region.beneficiaries.push_back(b);
        }
        Beneficiary far;  // 2 km from the road: not reached
        far.record = "FAR";
        far.village = v1;
        far.categories = bit(Category::tekun);
        far.location = {500, 2000};
        region.beneficiaries.push_back(far);
        Beneficiary nowhere;  // no village: no site
        nowhere.record = "NOWHERE";
        nowhere.categories = bit(Category::tekun);
        nowhere.location = {700, 0};
        region.beneficiaries.push_back(nowhere);
        Beneficiary unstaffed;  // served by the point with no social worker
        unstaffed.record = "UNSTAFFED";
        unstaffed.village = v2;
        unstaffed.categories = bit(Category::tekun);
        unstaffed.location = {10500, 0};
        region.beneficiaries.push_back(unstaffed);

        SpeedProfile profile(Mode::car);
        profile.set_class_speed("a", 36);
        graph = build_road_graph(region.roads, profile);
        const geo::EdgeSnapper snapper(graph);
        for (const Site& s : region.sites) access.sites.push_back(snapper.access(s.location, {500, 4}));
        for (const Beneficiary& b : region.beneficiaries) access.beneficiaries.push_back(snapper.access(b.location, {500, 4}));
    }
    VisitInputs inputs() const { return {&region, &graph, &access, 7200}; }
};

// Every tour, independently: legs from the engine's matrix, the clock with the break, the day.
void check_tours(const Fixture& f, const VisitPlan& plan, const StaffingConfig& st, const VisitConfig& vc) {
    const double lunch = st.lunch_min;
    for (const DayTour& t : plan.tours) {
        std::vector<Access> nodes{f.access.sites[t.site.value]};
        for (std::uint32_t b : t.stops) nodes.push_back(f.access.beneficiaries[b]);
        const std::vector<float> m = time_matrix(f.graph, nodes, nodes, 7200, 1);
        const std::size_t n = nodes.size();
        CHECK(t.departure_min >= st.day_start_min - 1e-9);
        CHECK(t.return_min <= st.day_end_min() + 1e-6);
        double clock = t.departure_min;
        bool break_taken = t.lunch_min && *t.lunch_min <= t.departure_min;
        std::size_t prev = 0;
        for (std::size_t i = 0; i < t.stops.size(); ++i) {
            clock += m[prev * n + i + 1] / 60.0;
            CHECK(t.arrival_min[i] == Approx(clock).margin(1e-6));
            if (!break_taken && t.lunch_min && std::abs(*t.lunch_min - clock) < 1e-6) {  // eaten on arrival
                clock += lunch;
                break_taken = true;
            }
            const Beneficiary& ben = f.region.beneficiaries[t.stops[i]];
            if (!ben.window) {
                CHECK(t.start_min[i] == Approx(clock).margin(1e-6));
            } else {  // it may wait for its window, and eat in the wait from lunch_start
                CHECK(t.start_min[i] >= clock - 1e-6);
                if (!break_taken && t.lunch_min && *t.lunch_min > clock && *t.lunch_min < t.start_min[i]) {
                    CHECK(*t.lunch_min == Approx(std::max(clock, static_cast<double>(st.lunch_start_min))).margin(1e-6));
                    CHECK(t.start_min[i] >= *t.lunch_min + lunch - 1e-6);
                    break_taken = true;
                }
                CHECK(t.start_min[i] >= ben.window->from - 1e-6);
                CHECK(t.start_min[i] <= ben.window->to + 1e-6);
                clock = t.start_min[i];
            }
            const double minutes = vc.minutes_of(ben.categories);
            if (t.lunch_min) {  // no visit is cut by the break
                const bool before = clock + minutes <= *t.lunch_min + 1e-6;
                const bool after = clock >= *t.lunch_min + lunch - 1e-6;
                CHECK((before || after));
            }
            clock += minutes;
            if (!break_taken && t.lunch_min && std::abs(*t.lunch_min - clock) < 1e-6) {
                clock += lunch;
                break_taken = true;
            }
            prev = i + 1;
        }
        clock += m[prev * n] / 60.0;
        CHECK(t.return_min == Approx(clock).margin(1e-6));
        if (t.lunch_min) CHECK(*t.lunch_min >= st.lunch_start_min - 1e-6);
        // A tour that is out past lunch time has had its break.
        if (t.return_min > st.lunch_start_min + lunch + 1e-6 && t.departure_min < st.lunch_start_min) CHECK(t.lunch_min.has_value());
    }
}

}  // namespace

TEST_CASE("the month's visits: every due visit planned once or listed with its reason, every tour within its day and break",
          "[visits][plan]") {
    const Fixture f(40, 1);
    StaffingConfig st;
    VisitConfig vc;
    const int december = *parse_month("2026-12");
    const VisitPlan plan = plan_visits(f.inputs(), st, vc, december, 1);
    CHECK(plan.due == 43);  // 40 + the far one + the one without a village + the unstaffed one
    std::map<std::uint32_t, int> seen;
    for (const DayTour& t : plan.tours)
        for (std::uint32_t b : t.stops) ++seen[b];
    for (const UnplannedVisit& u : plan.unplanned) ++seen[u.beneficiary];
    CHECK(seen.size() == 43);
    for (const auto& [b, n] : seen) CHECK(n == 1);
    std::map<std::string, Unplanned> why;
    for (const UnplannedVisit& u : plan.unplanned) why[f.region.beneficiaries[u.beneficiary].record] = u.reason;
    CHECK(why.at("FAR") == Unplanned::unreached);
    CHECK(why.at("NOWHERE") == Unplanned::no_site);
    CHECK(why.at("UNSTAFFED") == Unplanned::no_staff);
    CHECK(plan.planned == 40);
    check_tours(f, plan, st, vc);
    // One social worker, 12 visiting days (23 working days × 0.5): each tour on one of them, one a day.
    std::set<int> days;
    for (const DayTour& t : plan.tours) {
        CHECK(t.worker == 1);
        CHECK(days.insert(t.day).second);
        CHECK(weekday(t.day) < 5);
    }
    CHECK(plan.sites[0].visit_days == 12);
    // Steady state: 10 特困 + 10 独居 monthly, 10 低保 + 10 残疾人 every two months, and the far 特困.
    CHECK(plan.sites[0].visits_per_month == Approx(31));
    CHECK(plan.sites[0].steady_visit_hours == Approx(31 * 0.75));
}

TEST_CASE("the month's visits: a full calendar leaves visits unplanned for capacity; the same plan on 1 and 2 threads",
          "[visits][plan]") {
    const Fixture f(120, 1);
    StaffingConfig st;
    st.visiting_share = 0.2;  // 5 visiting days (23 × 0.2 = 4.6)
    VisitConfig vc;
    const int december = *parse_month("2026-12");
    const VisitPlan a = plan_visits(f.inputs(), st, vc, december, 1);
    const VisitPlan b = plan_visits(f.inputs(), st, vc, december, 2);
    std::size_t capacity = 0;
    for (const UnplannedVisit& u : a.unplanned) capacity += u.reason == Unplanned::capacity;
    CHECK(a.tours.size() <= 5);
    CHECK(capacity > 0);
    CHECK(a.planned + a.unplanned.size() == a.due);
    check_tours(f, a, st, vc);
    REQUIRE(a.tours.size() == b.tours.size());
    for (std::size_t i = 0; i < a.tours.size(); ++i) {
        CHECK(a.tours[i].stops == b.tours[i].stops);
        CHECK(a.tours[i].day == b.tours[i].day);
        CHECK(a.tours[i].line.size() == b.tours[i].line.size());
    }
    CHECK(a.unplanned.size() == b.unplanned.size());
}

TEST_CASE("a tour's line follows the roads it drives, with the length of the legs", "[visits][path]") {
    const Fixture f(4, 1);
    PathTracer tracer(f.graph);
    const Access& site = f.access.sites[0];
    const Access& far_end = f.access.beneficiaries[3];
    const PathTracer::Trip trip = tracer.trace(site, far_end, 7200);
    const std::vector<float> m = time_matrix(f.graph, {site}, {far_end}, 7200, 1);
    CHECK(trip.time_s == Approx(m[0]).epsilon(1e-6));
    REQUIRE(trip.line.size() >= 2);
    CHECK(trip.line.front().x == Approx(100));
    CHECK(trip.line.back().x == Approx(200 + 97 * 3));
    CHECK(trip.length_m == Approx(200 + 97 * 3 - 100));
}

TEST_CASE("2SFCA and E2SFCA give the hand-computed social workers per 1,000 and conserve the supply", "[access]") {
    // Sites of 2 and 1 social workers; villages of 100, 200 and 100 weighted beneficiaries.
    // Minutes: site 0 → 5, 15, 40 (beyond 30); site 1 → 25, unreached, 8.
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> t = {5 * 60, 15 * 60, 40 * 60, 25 * 60, inf, 8 * 60};
    const CatchmentConfig cfg;  // 30 min, zones 0–10 ×1, 10–20 ×0.68, 20–30 ×0.22
    CHECK(cfg.weight(10) == 1.0);
    CHECK(cfg.weight(10.01) == 0.68);
    CHECK(cfg.weight(30) == 0.22);
    CHECK(cfg.weight(30.01) == 0);
    const FloatingCatchment fc = floating_catchment({2, 1}, {100, 200, 100}, t, cfg);
    // 2SFCA: R0 = 2 / 300, R1 = 1 / 200.
    CHECK(fc.fca2[0] == Approx(1000.0 * (2.0 / 300 + 1.0 / 200)));
    CHECK(fc.fca2[1] == Approx(1000.0 * 2.0 / 300));
    CHECK(fc.fca2[2] == Approx(1000.0 / 200));
    // E2SFCA: R0 = 2 / (100 + 0.68 × 200) = 2 / 236, R1 = 1 / (0.22 × 100 + 100) = 1 / 122.
    CHECK(fc.e2sfca[0] == Approx(1000.0 * (2.0 / 236 + 0.22 / 122)));
    CHECK(fc.e2sfca[1] == Approx(1000.0 * 0.68 * 2.0 / 236));
    CHECK(fc.e2sfca[2] == Approx(1000.0 / 122));
    CHECK(fc.sites_within == std::vector<int>{2, 1, 1});
    // Every worker is counted once over the demand: Σ D_i A_i / 1000 = Σ S_j.
    const std::vector<double> d = {100, 200, 100};
    double a = 0, e = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        a += d[i] * fc.fca2[i] / 1000;
        e += d[i] * fc.e2sfca[i] / 1000;
    }
    CHECK(a == Approx(3));
    CHECK(e == Approx(3));
    // A site with no demand in reach gives no access and is not divided by zero.
    const FloatingCatchment lone = floating_catchment({4}, {0, 50}, {60, inf}, cfg);
    CHECK(std::isnan(lone.site_ratio[0]));
    CHECK(lone.fca2[0] == 0);
    CHECK(lone.fca2[1] == 0);
}

TEST_CASE("visiting hours: the forms a bureau writes, and windows on the working-time clock with the break", "[visits][window]") {
    CHECK(parse_time_window("16:00-18:00")->from == 960);
    CHECK(parse_time_window("16:00-18:00")->to == 1080);
    CHECK(parse_time_window(" 16:00 - ")->to == 24 * 60);
    CHECK(parse_time_window("-9:30")->to == 570);
    CHECK(parse_time_window("16:00后")->from == 960);
    CHECK(parse_time_window("11:30以前")->to == 690);
    CHECK(parse_time_window("9:00至11:00")->from == 540);
    CHECK(parse_time_window("14:00～15:30")->to == 930);
    for (const char* bad : {"", "-", "16:00", "18:00-16:00", "16:00-16:00", "25:00-", "下午", "16-18", "16:00后后"}) {
        INFO(bad);
        CHECK_FALSE(parse_time_window(bad));
    }
    // The defaults: 08:30 start, lunch 12:00 for 90 minutes, 7 working hours (420 minutes).
    const StaffingConfig st;
    auto ww = [&](const char* text) { return working_window(*parse_time_window(text), st); };
    CHECK(ww("16:00-")->ready == Approx(960 - 510 - 90));  // after the break: its 90 minutes are not working time
    CHECK(ww("16:00-")->due == Approx(420));
    CHECK(ww("-11:00")->ready == 0);
    CHECK(ww("-11:00")->due == Approx(150));
    CHECK(ww("12:30-14:00")->ready == Approx(210));      // a start in the break waits for its end: 13:30
    CHECK(ww("12:30-14:00")->due == Approx(210 + 30));
    CHECK_FALSE(ww("12:10-13:20"));                       // only within the break
    CHECK_FALSE(ww("17:30-"));                            // after the day's end (17:00)
    CHECK_FALSE(ww("-08:00"));
}

TEST_CASE("the month's visits honour each record's visiting hours, or list it as outside the working day", "[visits][window]") {
    Fixture f(24, 2);
    const char* windows[] = {"16:00-", "-10:00", "13:45-14:30", "09:00-09:30"};
    for (std::size_t i = 0; i < 24; i += 3) f.region.beneficiaries[i].window = parse_time_window(windows[(i / 3) % 4]);
    f.region.beneficiaries[1].window = parse_time_window("12:15-13:00");  // inside the break only
    f.region.beneficiaries[2].window = parse_time_window("19:00-");       // after hours
    StaffingConfig st;
    VisitConfig vc;
    const int december = *parse_month("2026-12");
    const VisitPlan plan = plan_visits(f.inputs(), st, vc, december, 1);
    std::map<std::string, Unplanned> why;
    for (const UnplannedVisit& u : plan.unplanned) why[f.region.beneficiaries[u.beneficiary].record] = u.reason;
    CHECK(why.at("R1") == Unplanned::window);
    CHECK(why.at("R2") == Unplanned::window);
    std::size_t windowed = 0;
    for (const DayTour& t : plan.tours)
        for (std::uint32_t b : t.stops) windowed += f.region.beneficiaries[b].window.has_value();
    CHECK(windowed == 8);  // every other windowed record is planned, within its hours (check_tours)
    CHECK(plan.planned == 22);
    check_tours(f, plan, st, vc);
}
