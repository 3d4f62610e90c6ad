#pragma once
// Heuristics for every model through the model's own evaluation: a greedy start, then swaps of
// one open facility for one closed candidate while they improve (first improvement, in index
// order, so the result is deterministic). Set covering is greedy cover plus removal of
// redundant facilities.
#include "core/placement/problem.hpp"

namespace coverplan::placement {

Solution interchange_heuristic(const Problem& problem, double time_limit_s);

}  // namespace coverplan::placement
