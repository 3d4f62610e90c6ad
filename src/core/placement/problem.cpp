#include "core/placement/problem.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/placement/capacitated.hpp"

namespace coverplan::placement {

namespace {
struct ModelName {
    Model model;
    std::string_view key;
};
constexpr ModelName k_models[] = {
    {Model::p_median, "p-median"},     {Model::capacitated_p_median, "capacitated-p-median"},
    {Model::max_covering, "mclp"},     {Model::set_covering, "lscp"},
    {Model::p_center, "p-center"},
};

[[noreturn]] void bad(const std::string& en, const std::string& zh) {
    throw UsageError({"placement problem: " + en, "选址问题：" + zh});
}
}  // namespace

std::string_view model_key(Model m) {
    for (const auto& n : k_models)
        if (n.model == m) return n.key;
    return "?";
}

bool parse_model(std::string_view key, Model& out) {
    for (const auto& n : k_models)
        if (n.key == key) {
            out = n.model;
            return true;
        }
    return false;
}

bool maximises(Model m) { return m == Model::max_covering; }

std::string_view status_key(Status s) {
    switch (s) {
        case Status::optimal: return "optimal";
        case Status::feasible: return "feasible";
        case Status::infeasible: return "infeasible";
        case Status::no_solution: return "no_solution";
    }
    return "?";
}

std::size_t Problem::fixed_count() const {
    return static_cast<std::size_t>(std::count(fixed.begin(), fixed.end(), char{1}));
}

std::string Problem::demand_name(std::size_t i) const {
    return i < demand_names.size() ? demand_names[i] : "demand " + std::to_string(i + 1);
}

std::string Problem::candidate_name(std::size_t j) const {
    return j < candidate_names.size() ? candidate_names[j] : "candidate " + std::to_string(j + 1);
}

void check_problem(const Problem& pr) {
    const std::size_t n = pr.demands, m = pr.candidates;
    if (n == 0 || m == 0) bad("no demands or no candidates", "没有需求点或候选点");
    if (pr.cost.size() != n * m)
        bad("the cost matrix has " + std::to_string(pr.cost.size()) + " entries, expected " + std::to_string(n) + " × " +
                std::to_string(m),
            "成本矩阵有 " + std::to_string(pr.cost.size()) + " 个元素，应为 " + std::to_string(n) + " × " + std::to_string(m));
    auto check_size = [&](const auto& v, std::size_t want, const char* what) {
        if (!v.empty() && v.size() != want)
            bad(std::string(what) + " has " + std::to_string(v.size()) + " entries, expected " + std::to_string(want),
                std::string(what) + " 有 " + std::to_string(v.size()) + " 个值，应为 " + std::to_string(want));
    };
    check_size(pr.weight, n, "weight");
    check_size(pr.size, n, "size");
    check_size(pr.capacity, m, "capacity");
    check_size(pr.fixed, m, "fixed");
    check_size(pr.excluded, m, "excluded");
    check_size(pr.home, m, "home");
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            const double c = pr.c(i, j);
            if (std::isnan(c) || c < 0)
                bad("cost of " + pr.demand_name(i) + " from " + pr.candidate_name(j) + " is " + std::to_string(c) +
                        ", expected a number ≥ 0",
                    pr.demand_name(i) + " 到 " + pr.candidate_name(j) + " 的成本为 " + std::to_string(c) + "，应为 ≥ 0 的数");
        }
    for (std::size_t i = 0; i < n; ++i)
        if (!(pr.w(i) >= 0) || !std::isfinite(pr.w(i)) || !(pr.s(i) >= 0) || !std::isfinite(pr.s(i)))
            bad("weight or size of " + pr.demand_name(i) + " is not a finite number ≥ 0",
                pr.demand_name(i) + " 的权重或需求量不是 ≥ 0 的有限数");
    for (std::size_t j = 0; j < pr.home.size(); ++j)
        if (pr.home[j] < -1 || pr.home[j] >= static_cast<std::int32_t>(n))
            bad("home demand of " + pr.candidate_name(j) + " is out of range", pr.candidate_name(j) + " 的所在需求点超出范围");
    const std::size_t fixed = pr.fixed_count();
    std::size_t allowed = 0;
    for (std::size_t j = 0; j < m; ++j) allowed += pr.is_excluded(j) ? 0 : 1;
    if (pr.model != Model::set_covering) {
        if (pr.p < 1 || static_cast<std::size_t>(pr.p) > allowed)
            bad("p = " + std::to_string(pr.p) + ", expected 1 … " + std::to_string(allowed) + " (candidates that may open)",
                "p = " + std::to_string(pr.p) + "，应在 1 … " + std::to_string(allowed) + " 之间（可选候选点数）");
        if (static_cast<std::size_t>(pr.p) < fixed)
            bad("p = " + std::to_string(pr.p) + " is less than the " + std::to_string(fixed) + " fixed (existing) facilities",
                "p = " + std::to_string(pr.p) + " 小于已固定（已建）的 " + std::to_string(fixed) + " 个设施");
    }
    if ((pr.model == Model::max_covering || pr.model == Model::set_covering) && !(pr.radius >= 0))
        bad("the covering radius must be ≥ 0", "覆盖半径必须 ≥ 0");
    if (pr.model == Model::capacitated_p_median && pr.capacity.empty())
        bad("the capacitated model needs capacities", "带容量模型需要容量");
}

double Solution::gap() const {
    if (status == Status::optimal) return 0;
    if (!std::isfinite(objective) || !std::isfinite(bound)) return k_no_service;
    return std::abs(objective - bound) / std::max(std::abs(objective), 1e-9);
}

Evaluation evaluate(const Problem& pr, const std::vector<std::uint32_t>& open) {
    if (pr.model == Model::capacitated_p_median) return assign_capacitated(pr, open);
    Evaluation ev;
    ev.assignment.assign(pr.demands, -1);
    double sum = 0, worst = 0;
    bool complete = true;
    for (std::size_t i = 0; i < pr.demands; ++i) {
        double best = k_no_service;
        std::int32_t best_j = -1;
        for (std::uint32_t j : open)
            if (pr.c(i, j) < best) {
                best = pr.c(i, j);
                best_j = static_cast<std::int32_t>(j);
            }
        for (std::uint32_t j : open)  // a facility serves the demand it stands in (R5)
            if (pr.home_of(j) == static_cast<std::int32_t>(i)) {
                best = pr.c(i, j);
                best_j = static_cast<std::int32_t>(j);
            }
        const bool covered = best_j >= 0 && std::isfinite(best) &&
                             ((pr.model != Model::max_covering && pr.model != Model::set_covering) || best <= pr.radius);
        if (pr.model == Model::max_covering) {
            if (covered) {
                sum += pr.w(i);
                ev.assignment[i] = best_j;
            }
            continue;
        }
        if (!covered) {
            complete = false;
            continue;
        }
        ev.assignment[i] = best_j;
        sum += pr.w(i) * best;
        worst = std::max(worst, best);
    }
    switch (pr.model) {
        case Model::max_covering: ev.objective = sum; break;
        case Model::set_covering: ev.objective = complete ? static_cast<double>(open.size()) : k_no_service; break;
        case Model::p_center: ev.objective = complete ? worst : k_no_service; break;
        default: ev.objective = complete ? sum : k_no_service; break;
    }
    return ev;
}

double cost_granularity(const Problem& pr) {
    for (std::size_t i = 0; i < pr.demands; ++i) {
        const double w = pr.w(i);
        if (w != std::floor(w)) return 0;
        for (std::size_t j = 0; j < pr.candidates; ++j) {
            const double c = pr.c(i, j);
            if (std::isfinite(c) && c != std::floor(c)) return 0;
        }
    }
    return 1;
}

bool proves(Model model, double objective, double bound, double granularity, double rel_gap) {
    if (!std::isfinite(objective) || !std::isfinite(bound)) return false;
    const double slack = maximises(model) ? objective - bound : bound - objective;  // ≤ 0 until proven
    if (granularity > 0 && slack > -granularity + 1e-6 * std::max(1.0, granularity)) return true;
    return -slack <= rel_gap * std::max(std::abs(objective), 1e-9);
}

}  // namespace coverplan::placement
