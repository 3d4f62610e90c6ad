#pragma once
// Junctions for road data digitised without them (DESIGN §8): where two lines cross without a
// shared vertex, GEOS computes the crossing and it is inserted into both lines, so the graph
// joins them there. Bridges, tunnels and lines on different layers are never joined to what
// they pass over or under.
#include <cstddef>
#include <vector>

#include "core/region.hpp"

namespace coverplan::geo {

// Returns the number of crossings added.
std::size_t node_crossings(std::vector<Road>& roads);

}  // namespace coverplan::geo
