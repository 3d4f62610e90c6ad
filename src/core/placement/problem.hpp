#pragma once
// Facility-location problems on a demand × candidate cost matrix (DESIGN §10): the general
// models every planning question reduces to, independent of maps and roads.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace coverplan::placement {

inline constexpr double k_no_service = std::numeric_limits<double>::infinity();

enum class Model {
    p_median,              // min Σ weight × cost to the serving facility, p open
    capacitated_p_median,  // the same, each demand served by one facility within its capacity
    max_covering,          // MCLP: max Σ weight of demands within `radius` of an open facility, p open
    set_covering,          // LSCP: fewest open facilities with every demand within `radius`
    p_center,              // min of the largest cost from a demand to its nearest open facility, p open
};
std::string_view model_key(Model m);  // "p-median", "capacitated-p-median", "mclp", "lscp", "p-center"
bool parse_model(std::string_view key, Model& out);
bool maximises(Model m);

struct Problem {
    Model model = Model::p_median;
    std::size_t demands = 0;
    std::size_t candidates = 0;
    std::vector<double> cost;      // demands × candidates, row-major; k_no_service = cannot serve
    std::vector<double> weight;    // per demand; empty = all 1
    std::vector<double> size;      // per demand, capacity it uses (capacitated); empty = all 1
    std::vector<double> capacity;  // per candidate (capacitated); empty = unlimited
    std::vector<char> fixed;       // per candidate: open already (existing sites); empty = none
    std::vector<char> excluded;    // per candidate: may not be opened; empty = none
    // Per candidate, the demand it must serve itself when open (a point serves the village it
    // stands in, R5), or -1. Honoured by every model that assigns.
    std::vector<std::int32_t> home;
    int p = 0;                     // facilities open in total, fixed ones included
    double radius = 0;             // covering models: covered iff cost <= radius
    std::vector<std::string> demand_names, candidate_names;  // for messages and output

    double c(std::size_t i, std::size_t j) const { return cost[i * candidates + j]; }
    double w(std::size_t i) const { return weight.empty() ? 1.0 : weight[i]; }
    double s(std::size_t i) const { return size.empty() ? 1.0 : size[i]; }
    double cap(std::size_t j) const { return capacity.empty() ? k_no_service : capacity[j]; }
    bool is_fixed(std::size_t j) const { return !fixed.empty() && fixed[j]; }
    bool is_excluded(std::size_t j) const { return !excluded.empty() && excluded[j] && !is_fixed(j); }
    std::int32_t home_of(std::size_t j) const { return home.empty() ? -1 : home[j]; }
    std::size_t fixed_count() const;
    std::string demand_name(std::size_t i) const;
    std::string candidate_name(std::size_t j) const;
};

// Throws UsageError when sizes disagree, costs are negative or NaN, p is out of range, etc.
void check_problem(const Problem& problem);

enum class Status { optimal, feasible, infeasible, no_solution };
std::string_view status_key(Status s);

struct Solution {
    std::vector<std::uint32_t> open;        // candidate indices, ascending
    std::vector<std::int32_t> assignment;   // per demand: serving candidate, -1 = none / not covered
    double objective = 0;
    double bound = 0;        // lower bound (minimising models) or upper bound (maximising)
    Status status = Status::no_solution;
    std::string solver;      // "heuristic", "lagrangian", "cbc", …
    double time_s = 0;
    long long nodes = 0;     // branch-and-bound nodes
    long long iterations = 0;
    std::string message;     // why infeasible or stopped, for people
    double gap() const;      // |objective − bound| / max(|objective|, 1e-9); 0 when proven
};

// Objective and assignment of a set of open facilities under the problem's model (nearest open
// facility; for the capacitated model see assign_capacitated). Infeasible sets (a demand with no
// open facility able to serve it, p-median; uncovered demand, set covering) give +inf.
struct Evaluation {
    double objective = k_no_service;
    std::vector<std::int32_t> assignment;
};
Evaluation evaluate(const Problem& problem, const std::vector<std::uint32_t>& open);

// Cost granularity: 1 when every weight × cost is integral (so bounds may be rounded up),
// otherwise 0.
double cost_granularity(const Problem& problem);

// True when `bound` proves `objective` optimal: within the granularity, or a relative gap tolerance.
bool proves(Model model, double objective, double bound, double granularity, double rel_gap);

}  // namespace coverplan::placement
