#pragma once
// Townships that overlap each other (issue 13 §8): a polygon covering the whole county, a layer
// holding two editions of the boundaries. Each village then belongs to two townships and every
// count by township is wrong, so validation says which pairs overlap and by how much.
#include <vector>

#include "core/region.hpp"

namespace coverplan::geo {

// One warning naming the pairs whose shared area exceeds `min_share` of the smaller township;
// none when no pair does. Townships given as points are skipped.
std::vector<DataNote> township_overlaps(const Region& region, double min_share = 0.01);

}  // namespace coverplan::geo
