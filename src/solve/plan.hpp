#pragma once
// The programme's placement model (DESIGN §10): per township, keep the station and the points
// that follow the rules, choose host villages or candidate premises for the required new points,
// and assign every village to exactly one site of its own township, at most villages_per_point
// per point, minimising beneficiary-weighted travel time.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/placement/plan_config.hpp"
#include "core/placement/problem.hpp"
#include "core/region.hpp"
#include "core/road_graph.hpp"
#include "core/rules.hpp"
#include "core/travel_time.hpp"
#include "core/visits.hpp"

namespace coverplan::solve {

using placement::PlanConfig;

// Where each site, village centre and candidate premise joins the road network.
struct PlanAccess {
    const std::vector<Access>* sites = nullptr;
    const std::vector<Access>* villages = nullptr;
    const std::vector<Access>* candidates = nullptr;
};

enum class SiteOrigin { kept, repaired, village_host, premise };

// The monthly home-visit workload a plan counts: for `--capacity workload` and `both`, and for the
// social workers each planned site needs.
struct PlanWorkload {
    std::vector<double> village_hours;   // per village (village_visit_hours)
    StaffingConfig staffing;             // staff per site and a social worker's visiting hours
    std::optional<double> travel_per_visit_h;  // the rate in village_hours; nullopt: no tour measured it (0 used)
};

struct PlannedSite {
    Site site;                          // status planned for new sites
    SiteOrigin origin = SiteOrigin::kept;
    std::optional<SiteId> existing;     // the site it was, for kept and repaired sites
    std::vector<double> time_s;         // to each served village (site.served_villages order)
    std::string runner_up;              // best alternative location for a new site ("" when none)
    double runner_up_delta_min = 0;     // extra weighted travel minutes if it stood there instead
    std::string reason;                 // why a site was repaired (rules it broke)
    // With a workload: the monthly hours of its villages' home visits and the social workers
    // they need (workload over a social worker's visiting hours, rounded up).
    double workload_h = 0;
    int staff_needed = 0;
};

struct TownshipPlan {
    TownshipId township;
    int villages = 0;
    int points_required = 0, points_built = 0, new_points = 0;
    bool new_station = false;
    placement::Solution solution;       // solver, status, objective (weighted s), bound, gap, time
    std::vector<std::string> notes;     // en
    std::vector<std::string> notes_zh;
};

struct Plan {
    std::vector<PlannedSite> sites;     // in site order: existing first (as loaded), then new ones
    std::vector<TownshipPlan> townships;
    std::vector<double> village_weight; // per village: 1 + weighted beneficiaries
    double objective_before_s = 0;      // weighted travel time of the existing assignments (reached only)
    double objective_after_s = 0;
    bool complete() const;              // every township solved
    std::optional<PlanWorkload> workload;  // when the project has beneficiaries
    placement::PlanCapacity capacity = placement::PlanCapacity::villages;  // what a point's capacity counted
};

// Per village: 1 + its beneficiaries, each counted with the largest [plan] category weight among
// its categories (1 without one): the demand weight of every planning model.
std::vector<double> village_weights(const Region& region, const PlanConfig& config);
// Per village, its beneficiaries each weighted by weight × the largest of their categories' weights.
std::vector<double> weighted_beneficiaries(const Region& region, const PlanConfig& config);

// "<village>社工点（规划）" at a village centre, "<premise>（规划社工点）" at a premise; in English
// "<village> point (planned)" and "<premise> (planned point)".
std::string planned_site_name(SiteOrigin origin, const std::string& place, SiteKind kind, bool chinese);

// The region with the plan's sites in place of the existing ones, for checking and coverage.
Region planned_region(const Region& region, const Plan& plan);

// `workload`: required by config.capacity workload and both (UsageError without it); when given,
// every planned site says its workload and the social workers it needs.
Plan plan_programme(const Region& region, const RuleConfig& rules, const RoadGraph& graph, const PlanAccess& access,
                    double search_limit_s, const PlanConfig& config, int threads, const PlanWorkload* workload = nullptr);

}  // namespace coverplan::solve
