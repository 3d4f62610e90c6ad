#pragma once
// The reach questions on the map (issue 4 §2), across the whole project rather than per township:
//   mclp      — with `budget` new points, reach as much beneficiary weight as possible within T;
//   lscp      — the fewest new points so that every village is within T of a site;
//   p-center  — with `budget` new points, make the longest trip to the nearest site as short as
//               possible.
// Existing sites stay open (fixed); new points go to village centres (if allowed) or candidate
// premises. "Reach" is the trip from a village centre to its nearest open site, whatever its
// township — the programme's own-township assignment is `plan` without --model.
#include <optional>
#include <string>
#include <vector>

#include "core/placement/problem.hpp"
#include "solve/plan.hpp"

namespace coverplan::solve {

struct ReachSite {
    std::string id, name;
    SiteKind kind = SiteKind::point;
    bool existing = true;
    SiteOrigin origin = SiteOrigin::kept;   // kept, village_host or premise
    Point2 location;
    TownshipId township;
    int villages_nearest = 0;               // villages for which it is the nearest open site, within T
    double weight_nearest = 0;              // their weight (1 + weighted beneficiaries)
};

struct ReachPlan {
    placement::Model model = placement::Model::max_covering;
    double within_s = 0;                    // T (mclp, lscp); p-center: the achieved longest trip
    int budget = 0;                         // new points asked for (mclp, p-center) or needed (lscp)
    std::vector<ReachSite> sites;           // existing first (as loaded), then the new ones
    placement::Solution solution;
    std::vector<double> weight;             // per village
    std::vector<double> before_s, after_s;  // per village: to the nearest existing / open site (inf = not reached)
};

// Throws UsageError when the model needs a budget or a time it was not given.
ReachPlan plan_reach(const Region& region, const RuleConfig& rules, const RoadGraph& graph, const PlanAccess& access,
                     double search_limit_s, const PlanConfig& config, int threads);

}  // namespace coverplan::solve
