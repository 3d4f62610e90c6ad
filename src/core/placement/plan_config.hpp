#pragma once
// The project file's [plan] table: how the programme's placement model is set up.
#include <cstdint>
#include <map>
#include <string>

namespace coverplan::placement {

struct PlanConfig {
    std::map<std::string, double> category_weights;  // category key → weight of a beneficiary in it (default 1)
    double max_travel_min = -1;                      // hard limit site → village anchor; 0 = none, -1 = [rules] max_travel_min
    bool reassign = false;                           // re-plan the villages of every existing point too
    std::map<std::string, int> new_points;           // township code → new points (instead of the R7 shortfall)
    bool village_hosts = true;                       // village centres may host new points
    std::string solver = "auto";                     // as in SolveOptions
    double time_limit_s = 30;                        // per township
    std::uint64_t seed = 1;
    // The question (issue 4 §2): "programme" (per township, DESIGN §10) or a reach question over
    // the whole project: "mclp", "lscp", "p-center" (solve/reach_plan.hpp).
    std::string model = "programme";
    int budget = -1;                                 // new points for mclp and p-center (-1 = not given)
    double within_min = -1;                          // T for mclp and lscp (-1 = max_travel_min, then [rules])
};

}  // namespace coverplan::placement
