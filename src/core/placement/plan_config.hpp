#pragma once
// The project file's [plan] table and what the command line says on top of it, typed where they
// enter (DESIGN §6, §15.3): enums for the closed sets with one table of names for the CLI
// choices, the TOML checks and the messages; std::optional for "not given"; the precedence
// (command line, then [plan], then [rules]) resolved once, in resolve_plan.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coverplan::placement {

// The question a plan answers (issue 4 §2): the programme's own model, per township (DESIGN
// §10), or a reach question over the whole project (solve/reach_plan.hpp).
enum class PlanModel { programme, mclp, lscp, p_center };
// Who solves a problem: the solvers' own choice (solve/solve.cpp), the heuristic alone, the
// Lagrangian branch and bound (p-median and capacitated p-median), or CBC. A plan offers all but
// the Lagrangian one (k_plan_solvers); `coverplan solve` offers all (k_solvers).
enum class Solver { automatic, heuristic, lagrangian, mip };

template <class E>
struct Named {
    E value;
    const char* key;
};
inline constexpr Named<PlanModel> k_plan_models[] = {
    {PlanModel::programme, "programme"}, {PlanModel::mclp, "mclp"}, {PlanModel::lscp, "lscp"}, {PlanModel::p_center, "p-center"}};
inline constexpr Named<Solver> k_solvers[] = {
    {Solver::automatic, "auto"}, {Solver::heuristic, "heuristic"}, {Solver::lagrangian, "lagrangian"}, {Solver::mip, "mip"}};
// What a point's capacity counts (issue 16 item 4): villages (villages_per_point, R3), the monthly
// hours of its beneficiaries' home visits against its social workers' visiting hours, or both at
// once (each village takes max(1, its hours × villages_per_point / a new point's hours) of
// villages_per_point slots: within both limits, and the same as `villages` when no village is heavy).
enum class PlanCapacity { villages, workload, both };
inline constexpr Named<PlanCapacity> k_plan_capacities[] = {
    {PlanCapacity::villages, "villages"}, {PlanCapacity::workload, "workload"}, {PlanCapacity::both, "both"}};
inline constexpr Named<Solver> k_plan_solvers[] = {{Solver::automatic, "auto"}, {Solver::heuristic, "heuristic"}, {Solver::mip, "mip"}};

template <class E, std::size_t N>
std::optional<E> parse_named(const Named<E> (&table)[N], std::string_view key) {
    for (const auto& n : table)
        if (key == n.key) return n.value;
    return std::nullopt;
}
template <class E, std::size_t N>
std::string_view named_key(const Named<E> (&table)[N], E value) {
    for (const auto& n : table)
        if (n.value == value) return n.key;
    return "?";
}
template <class E, std::size_t N>
std::vector<std::string> named_keys(const Named<E> (&table)[N]) {
    std::vector<std::string> out;
    for (const auto& n : table) out.emplace_back(n.key);
    return out;
}

inline std::string_view plan_model_key(PlanModel m) { return named_key(k_plan_models, m); }
inline std::string_view solver_key(Solver s) { return named_key(k_solvers, s); }

struct PlanConfig {
    std::map<std::string, double> category_weights;  // category key → weight of a beneficiary in it (default 1)
    // Hard limit site → village anchor, minutes. Not given: [rules] max_travel_min (0 there =
    // none); 0 = no limit for the plan, whatever [rules] says. The same for every model.
    std::optional<double> max_travel_min;
    bool reassign = false;                           // re-plan the villages of every existing point too
    std::map<std::string, int> new_points;           // township code → new points (instead of the R7 shortfall)
    bool village_hosts = true;                       // village centres may host new points
    Solver solver = Solver::automatic;
    double time_limit_s = 30;                        // per township
    std::uint64_t seed = 1;
    PlanModel model = PlanModel::programme;
    std::optional<int> budget;                       // new points for mclp and p-center
    std::optional<double> within_min;                // T for mclp and lscp (not given: the travel limit above)
    PlanCapacity capacity = PlanCapacity::villages;  // the programme model's point capacity
    bool chinese_names = true;                       // new sites named in the pack's language ("…社工点（规划）" / "… point (planned)")
};

// What `coverplan plan` says on the command line; each unset field leaves the project's value.
struct PlanOverrides {
    bool reassign = false;
    std::optional<Solver> solver;
    std::optional<double> time_limit_s;
    std::optional<double> max_travel_min;
    std::optional<PlanModel> model;
    std::optional<int> budget;
    std::optional<double> within_min;
    std::optional<PlanCapacity> capacity;
};

// The project's [plan] with the command line applied.
PlanConfig with_overrides(PlanConfig cfg, const PlanOverrides& cli);

// The hard limit a plan honours, minutes, 0 = none: [plan] (or --max-travel-min) when given,
// else [rules] max_travel_min.
double plan_limit_min(const PlanConfig& cfg, double rules_max_travel_min);

// T of the covering questions (mclp, lscp), minutes: within_min, else the plan's hard limit;
// nullopt when neither gives one.
std::optional<double> reach_within_min(const PlanConfig& cfg, double rules_max_travel_min);

}  // namespace coverplan::placement
