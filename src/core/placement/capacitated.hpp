#pragma once
// Assigning demands to a given set of open facilities within their capacities, each demand to
// exactly one facility (single sourcing), at least cost.
#include <cstdint>
#include <vector>

#include "core/placement/problem.hpp"

namespace coverplan::placement {

// Exact (minimum-cost flow) when every demand has size 1, as villages do in the programme's
// model; otherwise a regret-greedy assignment improved by shift and swap moves. A facility's
// home demand is served by it first. Objective +inf when the capacities cannot take every demand.
Evaluation assign_capacitated(const Problem& problem, const std::vector<std::uint32_t>& open);

}  // namespace coverplan::placement
