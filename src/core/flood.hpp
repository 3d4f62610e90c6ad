#pragma once
// Flood season (DESIGN §10): the settings ([flood]) and the exposure of beneficiaries to hazard
// zones. The critical links of the road network are in core/critical_links.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/category.hpp"
#include "core/region.hpp"

namespace coverplan {

// [flood]
struct FloodConfig {
    // The categories put on the list for assisted transfer (转移优先名单), by record id.
    CategorySet priority = bit(Category::tekun) | bit(Category::orphan) | bit(Category::disabled) | bit(Category::elderly_alone) |
                           bit(Category::left_behind_child);
};

// Which hazard zone each beneficiary lies in: the zone of the highest level that contains the
// beneficiary's location (the first in the layer on a tie), or -1 for none.
struct HazardExposure {
    std::vector<std::int32_t> zone_of;  // per beneficiary, an index into region.hazards
    std::size_t exposed() const;
};

HazardExposure hazard_exposure(const Region& region);

// A hazard level as written: a whole number 1–9, or 低 / 中 / 高 / 极高 (with or without 风险, and
// low / medium / high / very high) read as 1–4; nullopt for anything else.
std::optional<int> parse_hazard_level(const std::string& text);

}  // namespace coverplan
