#pragma once
// The p-median problem: greedy start and fast interchange local search (Whitaker's
// closest/second-closest bookkeeping), and a Lagrangian branch and bound in the manner of
// Beasley (1985) that proves optimality: subgradient optimisation of the relaxation of the
// assignment constraints, reduced-cost fixing of facilities, depth-first branching on them.
#include <cstdint>
#include <vector>

#include "core/placement/problem.hpp"

namespace coverplan::placement {

struct SearchOptions {
    double time_limit_s = 60;
    std::uint64_t seed = 1;
    double rel_gap = 1e-6;             // stop when the bound is this close (relative)
    long long node_limit = 1'000'000;
};

// Greedy, then interchange until no swap improves, then variable-neighbourhood shaking from the
// best solution until `time_limit_s` or 100 rounds without improvement. Problems with home
// demands use the generic interchange (heuristics.hpp) instead.
Solution p_median_heuristic(const Problem& problem, const SearchOptions& options);

// Exact when it finishes in time (status optimal, bound = objective); otherwise the best solution
// found with the root bound.
Solution p_median_lagrangian(const Problem& problem, const SearchOptions& options);

}  // namespace coverplan::placement
