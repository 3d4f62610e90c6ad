#pragma once
// Flood season (DESIGN §10): the settings ([flood]) and the exposure of beneficiaries to hazard
// zones. The critical links of the road network are in core/critical_links.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/category.hpp"
#include "core/coverage.hpp"
#include "core/detour_links.hpp"
#include "core/region.hpp"

namespace coverplan {

// [flood]
struct FloodConfig {
    // Hazard zones of this level and above close the roads inside them; not given: none do (only
    // the closures layer closes roads).
    std::optional<int> close_roads_from_level;
    double closure_buffer_m = 15;  // a closure given as a line closes the roads within this distance
    // The outreach before the storm: every exposed person visited once within this many days, a
    // visit this long (a check of the home and the transfer plan, shorter than a home visit).
    int outreach_days = 2;
    double outreach_minutes = 20;
    DetourOptions detour;  // the detour links checked and listed
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

// Travel with the scenario's roads closed against the roads as they are, per village (DESIGN §10):
// the time to the site that serves it and to the nearest site, before and after.
enum class CutoffStatus {
    unchanged,        // no trip longer by more than k_detour_s
    detour,           // its own site (or, without one, the nearest) still reached, later
    cut_from_site,    // its own site no longer reached; another site still is
    cut_from_all,     // no site reached any more
    unreached_before, // no site was reached before the closures either
};
inline constexpr double k_detour_s = 6;  // below this a longer time is the clipping's rounding, not a detour

struct VillageCutoff {
    bool has_site = false;                     // a site serves the village: its status is about that site, else the nearest
    double own_before_s, own_after_s;          // to the site serving the village (k_unreached: none or not reached)
    double nearest_before_s, nearest_after_s;
    CutoffStatus status = CutoffStatus::unchanged;
    std::size_t beneficiaries = 0;             // of the village
    std::size_t cut_from_site = 0;             // of them, reaching their village's site before, not after
    std::size_t cut_from_all = 0;              // of them, reaching a site before, none after
};

struct CutoffResult {
    std::vector<VillageCutoff> villages;
    std::size_t cut_from_site = 0, cut_from_all = 0;  // beneficiaries, all villages (and none)
    std::vector<std::size_t> cut_from_site_by_category = std::vector<std::size_t>(k_category_count, 0);
    // Sites standing in a hazard zone (any level): (site, zone), by site.
    std::vector<std::pair<SiteId, std::size_t>> sites_in_hazard;
};

CutoffResult compare_cutoff(const Region& region, const CoverageResult& before, const CoverageResult& after);

// Each beneficiary in a hazard zone sent to the nearest shelter by road (with the scenario's
// closures), and each shelter's people against its capacity. `to_shelters` is a coverage run whose
// sites are the shelters, in the shelters' order.
struct ShelterAssignment {
    std::vector<std::optional<std::uint32_t>> shelter_of;  // per beneficiary; none when not exposed or none reached
    std::vector<double> time_s;                             // per beneficiary, k_unreached when none
    std::vector<std::size_t> people, priority;              // per shelter
    std::vector<double> farthest_s;                         // per shelter, its longest trip (0 when nobody)
    std::size_t exposed = 0, unsheltered = 0;               // beneficiaries in zones, of them with no shelter in reach
    std::size_t over_capacity = 0;                          // shelters with more people than places
};

ShelterAssignment assign_shelters(const Region& region, const HazardExposure& exposure, const CoverageResult& to_shelters,
                                  const FloodConfig& flood);

// A hazard level as written: a whole number 1–9, or 低 / 中 / 高 / 极高 (with or without 风险, and
// low / medium / high / very high) read as 1–4; nullopt for anything else.
std::optional<int> parse_hazard_level(const std::string& text);

}  // namespace coverplan
