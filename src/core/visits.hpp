#pragma once
// The social workers' home visits (入户走访, DESIGN §10): who is due in a month by the visit
// frequency of their categories, each site's visits in day tours of its social workers on exact
// road times, and the workload against the staff's hours (rule R8).
//
// The working day. A social worker leaves the site no earlier than `day_start`, visits, and is
// back within `hours_per_day` of working time plus the lunch break. The break is taken at the
// first moment at or after `lunch_start` that falls between two things: on arriving in a village
// before the visit (or, waiting there for a visit's window, at lunch_start), after a visit, or at
// the site. A visit is never cut by it. The routing solver
// plans on working time (the break left out), which makes this exact: every tour the solver
// accepts fits the day with its break.
//
// Workload per site and month (steady state): visits = Σ 1 / interval over the beneficiaries of
// its villages; hours = Σ minutes / 60 / interval, plus travel: the travel per visit of a typical
// month's tours (plan_typical_month) times those visits. Capacity: staff × days_per_month × hours_per_day × visiting_share.
// R8 holds when the hours needed are within the capacity.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/coverage.hpp"
#include "core/region.hpp"
#include "core/road_graph.hpp"

namespace coverplan {

// [staffing]: example defaults each bureau sets to its own.
struct StaffingConfig {
    int station = 3;               // social workers of a station whose staff the sites layer does not give
    int point = 2;                 // of a point
    double days_per_month = 22;    // working days
    double hours_per_day = 7;      // working hours, the lunch break excluded
    int day_start_min = 8 * 60 + 30;
    int lunch_start_min = 12 * 60;
    double lunch_min = 90;
    double visiting_share = 0.5;   // of working time for home visits (the rest: casework, activities, office)
    std::vector<int> holidays;       // day numbers off work that fall on weekdays (法定节假日)
    std::vector<int> extra_workdays; // weekend days worked (调休上班)

    int staff_of(const Site& site) const;
    bool staff_assumed(const Site& site) const { return site.staff < 0; }
    double day_end_min() const { return day_start_min + hours_per_day * 60 + lunch_min; }
    // Hours a social worker spends on home visits in a month.
    double visiting_hours_per_worker() const { return days_per_month * hours_per_day * visiting_share; }
};

// [visits]
struct VisitConfig {
    double minutes = 45;  // a visit, at the beneficiary's home
    std::array<std::optional<double>, k_category_count> minutes_by_category{};
    // Months between two visits per category (0: no scheduled visits). all_categories() order:
    // 低保 2, 特困 1, 残疾人 2, 孤儿 1, 留守儿童 1, 独居空巢老人 1, 计生特殊家庭 3.
    std::array<int, k_category_count> interval_months{2, 1, 2, 1, 1, 1, 3};
    std::uint64_t iterations_per_visit = 50;   // the routing search's work per due visit and site
    double site_time_limit_s = 20;             // stops one site's search that would run longer
    std::uint64_t seed = 1;

    // The most frequent of the beneficiary's categories (0: none is visited on a schedule).
    int interval_of(CategorySet categories) const;
    // The longest visit of its categories.
    double minutes_of(CategorySet categories) const;
};

// A visit's window on the clock as a window of its start on the working-time clock the solver
// plans on (minutes since day_start, the break left out; see the top of this file): the break is
// taken before a visit exactly when the visit starts at or after lunch_start in working time, so
// the clock time of a start w is day_start + w, plus the break when w ≥ lunch_start − day_start.
// nullopt when no start within the working day falls in the window.
struct WorkingWindow {
    double ready = 0, due = 0;
};
std::optional<WorkingWindow> working_window(const TimeWindow& window, const StaffingConfig& staffing);

// The rule a record is due by: never visited (no last_visit), or last visited `interval` or
// more months before `month` (month indices, core/calendar.hpp).
bool visit_due(std::optional<int> last_visit_day, int interval_months, int month);

// The working days of a month: Monday to Friday, less the holidays, plus the extra workdays.
std::vector<int> working_days(int month, const StaffingConfig& staffing);

// Why a due visit is not in the month's plan.
enum class Unplanned {
    no_site,     // its village is served by no site, or it has no village
    no_staff,    // the site has no social worker
    unreached,   // no road near the home, or beyond the search limit from the site
    too_long,    // even alone the trip and the visit do not fit in a working day
    capacity,    // the staff's visiting days are full
    window,      // its visiting hours (visit_window) leave no start within the working day
};
const char* unplanned_key(Unplanned reason);
Text unplanned_text(Unplanned reason);

struct DayTour {
    SiteId site;
    int worker = 0;         // 1 … staff
    int day = 0;            // day number
    std::vector<std::uint32_t> stops;   // beneficiaries, in order
    std::vector<double> arrival_min;    // clock time of arrival at each stop (minutes after midnight)
    std::vector<double> start_min;      // start of the visit (arrival, or the end of the lunch break taken on arrival)
    std::vector<double> leg_min;        // travel to each stop from the previous place
    std::vector<double> service_min;    // the visit at each stop
    double departure_min = 0, return_min = 0;
    double return_leg_min = 0;
    std::optional<double> lunch_min;    // start of the break, when the tour spans it
    double travel_min = 0, visit_min = 0;
    double length_m = 0;                // along the roads
    LineString line;                    // the roads driven, working CRS
};

struct UnplannedVisit {
    std::uint32_t beneficiary = 0;
    std::optional<SiteId> site;
    Unplanned reason = Unplanned::capacity;
};

struct SiteVisits {
    SiteId site;
    int staff = 0;
    bool staff_assumed = false;
    std::size_t beneficiaries = 0;   // in the villages it serves
    std::size_t due = 0, planned = 0;
    double visit_hours = 0, travel_hours = 0, length_km = 0;
    int visit_days = 0;              // per social worker this month
    // Steady state (R8): per month on average.
    double visits_per_month = 0;
    double steady_visit_hours = 0;
    double steady_travel_hours = 0;  // a typical month's travel per planned visit × visits_per_month
    bool travel_estimated = false;   // no visit planned: the round trip from the site per visit
    double hours_available = 0;
    double hours_needed() const { return steady_visit_hours + steady_travel_hours; }
    int staff_needed(const StaffingConfig& staffing) const;
};

struct VisitPlan {
    int month = 0;
    std::vector<int> working_days;
    std::vector<SiteVisits> sites;         // site order
    std::vector<DayTour> tours;            // by site, day, worker
    std::vector<UnplannedVisit> unplanned; // by beneficiary
    std::size_t due = 0, planned = 0;
    std::size_t not_scheduled = 0;         // beneficiaries of no visited category
    bool time_limit_reached = false;       // some site's search hit site_time_limit_s
    // A typical month's travel per planned visit, hours (travel_per_visit_hours); nullopt: none planned.
    std::optional<double> travel_per_visit_h;
};

struct VisitInputs {
    const Region* region = nullptr;
    const RoadGraph* graph = nullptr;
    const Accesses* access = nullptr;  // sites and beneficiaries
    double limit_s = 7200;             // the engine's search bound
};

// The month's plan for every site; identical for any thread count. Its steady-state travel (and so
// R8) comes from a typical month (plan_typical_month) so that it does not depend on the month.
VisitPlan plan_visits(const VisitInputs& in, const StaffingConfig& staffing, const VisitConfig& visits, int month, int threads);

// A typical month, the base of the steady-state workload and R8: every beneficiary of a visited
// category due, days_per_month working days (rounded), a tenth of the search's iterations. Its
// tours carry no dates (day numbers 0, 1, …).
VisitPlan plan_typical_month(const VisitInputs& in, const StaffingConfig& staffing, const VisitConfig& visits, int threads);

// The outreach before a storm (防汛, DESIGN §10): each listed beneficiary (any category) visited
// once by the site `site_of` gives them (per beneficiary; none: not planned, no site), in `days`
// working days (day numbers 0, 1, …) on which
// every social worker of the site does nothing else, each visit `minutes` long, their visiting
// hours kept. The tours are drawn; the steady-state fields of the sites are not about outreach.
struct OutreachConfig {
    int days = 2;
    double minutes = 20;
    std::uint64_t iterations_per_visit = 50;
    double site_time_limit_s = 20;
    std::uint64_t seed = 1;
};
VisitPlan plan_outreach(const VisitInputs& in, const StaffingConfig& staffing, const OutreachConfig& outreach,
                        const std::vector<std::uint32_t>& listed, const std::vector<std::optional<SiteId>>& site_of, int threads);

// A typical month's travel per planned visit over all its sites, hours; nullopt when it planned none.
std::optional<double> travel_per_visit_hours(const VisitPlan& typical);

// Per village, the steady monthly hours of its home visits: Σ over its beneficiaries of a visited
// category of (minutes / 60 + travel_per_visit_h) / interval. The workload a placement plans with
// (plan --capacity workload): the travel is a county-wide rate, since it must not depend on where
// the site will stand.
std::vector<double> village_visit_hours(const Region& region, const VisitConfig& visits, double travel_per_visit_h);

}  // namespace coverplan
