#pragma once
// A lower bound and a problem reduction for the capacitated p-median: Lagrangian relaxation of
// the "each demand served exactly once" rows, which leaves one 0-1 knapsack per facility (which
// demands it would take, within its capacity, at their reduced costs) plus the choice of the p
// facilities with the smallest knapsack values. The bound is at least the LP bound of the strong
// formulation and usually much closer to the optimum. Subgradient optimisation of the
// multipliers, a Lagrangian heuristic (each relaxed facility set assigned within the capacities)
// for upper bounds, and reduced-cost tests that close facilities and forbid demand–facility
// pairs which cannot be part of a solution better than the incumbent.
#include <cstddef>
#include <functional>

#include "core/placement/problem.hpp"

namespace coverplan::placement {

struct CapacitatedReduction {
    double bound = 0;             // lower bound on the optimum (k_no_service: no solution exists)
    Solution best;                // the incumbent, possibly improved by the Lagrangian heuristic
    Problem reduced;              // the same problem with fixings applied (see below)
    std::size_t closed = 0;       // facilities excluded by the tests
    std::size_t opened = 0;       // facilities that must be open in any better solution
    std::size_t pairs_removed = 0;
    long long iterations = 0;
    long long nodes = 0;
    bool proven = false;          // the incumbent is optimal (or, bound infinite, no solution exists)
};

struct CapacitatedOptions {
    double time_limit_s = 10;
    long long node_limit = 0;     // 0: root reductions only; otherwise branch on facilities
    // Solves a leaf of the branching: the reduced problem with its open facilities fixed and the
    // others excluded, given the incumbent's objective as a cutoff. Status optimal or infeasible
    // settles the leaf; without a leaf solver such leaves leave the search incomplete.
    std::function<Solution(const Problem& leaf, double cutoff)> leaf_solver;
};

// `incumbent` must be a solution of `problem` (status feasible or optimal) or carry an infinite
// objective. Every solution of `reduced` is a solution of `problem` with the same objective, and
// any solution of `problem` better than the incumbent is a solution of `reduced`.
// With a node limit, a depth-first branch and bound on the facilities follows the root; it proves
// optimality when it completes (it does not branch on assignments: a node whose facilities are
// all decided but whose bound stays below the incumbent leaves it incomplete).
CapacitatedReduction reduce_capacitated(const Problem& problem, const Solution& incumbent, const CapacitatedOptions& options);

}  // namespace coverplan::placement
