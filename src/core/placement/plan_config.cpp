#include "core/placement/plan_config.hpp"

namespace coverplan::placement {

PlanConfig with_overrides(PlanConfig cfg, const PlanOverrides& cli) {
    if (cli.reassign) cfg.reassign = true;
    if (cli.solver) cfg.solver = *cli.solver;
    if (cli.time_limit_s) cfg.time_limit_s = *cli.time_limit_s;
    if (cli.max_travel_min) cfg.max_travel_min = *cli.max_travel_min;
    if (cli.model) cfg.model = *cli.model;
    if (cli.budget) cfg.budget = *cli.budget;
    if (cli.within_min) cfg.within_min = *cli.within_min;
    if (cli.capacity) cfg.capacity = *cli.capacity;
    return cfg;
}

double plan_limit_min(const PlanConfig& cfg, double rules_max_travel_min) {
    return cfg.max_travel_min ? *cfg.max_travel_min : rules_max_travel_min;
}

std::optional<double> reach_within_min(const PlanConfig& cfg, double rules_max_travel_min) {
    if (cfg.within_min) return *cfg.within_min;
    const double limit = plan_limit_min(cfg, rules_max_travel_min);
    if (limit > 0) return limit;
    return std::nullopt;
}

}  // namespace coverplan::placement
