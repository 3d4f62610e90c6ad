#pragma once
// What lies around the region, for the county map's locator inset: the county-level units of
// the prefectures the region's townships belong to (by the first 4 digits of their codes), from
// the Guangdong outlines compiled in (data/context/README.md).
#include <string>
#include <vector>

#include "core/region.hpp"

namespace coverplan::report::map {

struct ContextArea {
    std::string code;      // 6-digit county code
    MultiPolygon polygon;  // working CRS
    bool here = false;     // one of the region's own counties
};

// Empty when none of the region's counties is in the compiled-in outlines (outside Guangdong,
// or local township ids).
std::vector<ContextArea> prefecture_context(const Region& region);

}  // namespace coverplan::report::map
