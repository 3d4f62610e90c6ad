#pragma once
// Detour links (DESIGN §10, flood season): roads whose loss cuts nothing off — another way round
// exists — but lengthens many trips. Found by recomputation: each village's trip to its site (the
// site serving it, else the nearest) is traced along the roads, every link is weighted by the
// beneficiaries of the villages whose trip uses it, and for the busiest links that are not
// critical links (those cut off: core/critical_links.hpp) the trips are computed again with the
// link out of use.
//
// A link out of use is closed to traffic from one of its junctions to the other; places joined
// to the link itself are still reached from either end (where along the link the road fails is
// not known), and a site and a village on the same link still reach each other along it. So the
// links a trip starts and ends on never lengthen it, and are not counted as carrying it. Each
// trip is timed again to the same site, in the engine's direction (site to village), within the
// search limit: a trip pushed beyond it, or left with no legal way (one-way roads), counts as
// not reached.
#include <cstdint>
#include <vector>

#include "core/coverage.hpp"
#include "core/region.hpp"
#include "core/road_graph.hpp"

namespace coverplan {

struct DetourOptions {
    std::size_t candidates = 20;  // the busiest links checked
    double min_extra_s = 600;     // a trip counts as lengthened when longer by more than this (10 minutes)
    std::size_t min_people = 10;  // a link is listed when it lengthens the trips of at least this many beneficiaries (villages, with none)
};

struct DetourLink {
    std::uint32_t edge = 0;
    std::size_t villages_using = 0, beneficiaries_using = 0;  // trips over the link
    std::size_t villages_delayed = 0, beneficiaries_delayed = 0;  // of them lengthened by more than min_extra_s
    std::size_t villages_unreached = 0;  // of the delayed, no longer reached: beyond the search limit, or no legal way (one-way roads)
    double max_extra_s = 0;              // the longest lengthening of a reached trip
    std::vector<VillageId> listed_villages;  // delayed, most extra time first, at most k_detour_listed
};

inline constexpr std::size_t k_detour_listed = 20;

struct DetourResult {
    std::size_t checked = 0;         // links recomputed (at most options.candidates)
    std::vector<DetourLink> links;   // those meeting the options, most beneficiaries delayed first
};

// `coverage` gives each village's trip before (village_assigned, else village_nearest); `limit_s`
// bounds every search. Identical for any thread count.
DetourResult detour_links(const Region& region, const RoadGraph& g, const Accesses& access, const CoverageResult& coverage,
                          const std::vector<std::uint32_t>& bridges, const DetourOptions& options, double limit_s, int threads);

}  // namespace coverplan
