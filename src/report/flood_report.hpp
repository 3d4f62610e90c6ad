#pragma once
// What `coverplan flood` writes (DESIGN §10, §11): the critical links — the roads whose loss alone
// cuts villages, sites or beneficiaries off (core/critical_links.hpp) — as critical_links.csv and
// critical_links.geojson (the link along the road), and their summary. Beneficiaries appear only
// as counts per category.
#include <optional>
#include <string>
#include <vector>

#include "core/critical_links.hpp"
#include "core/detour_links.hpp"
#include "core/flood.hpp"
#include "core/region.hpp"
#include "core/road_graph.hpp"
#include "core/visits.hpp"
#include "geo/closures.hpp"
#include "io/output_dir.hpp"
#include "report/document.hpp"

namespace coverplan::report {

// Everything the flood-season analysis found (pipeline::flood_analysis): the critical links always;
// with hazard zones the exposure (and, with shelters, where each person goes); with a scenario
// that closes roads, the roads cut and each village's trips before and after.
struct FloodResult {
    std::vector<CriticalLink> links;
    std::optional<HazardExposure> exposure;
    std::optional<ShelterAssignment> shelters;
    std::optional<geo::ClosedRoads> closed;
    std::optional<CutoffResult> cutoff;
    std::optional<DetourResult> detours;  // with travel times
    std::optional<VisitPlan> outreach;  // with hazard zones
    std::size_t outreach_by_nearest = 0;  // of them, visited by the nearest site: none of their own, or it cut off
};

// Every flood output the result has (the files listed below), and the summary for stdout.
void write_flood_outputs(io::StagedOutput& out, const Region& region, const RoadGraph& graph, const FloodResult& flood,
                         const FloodConfig& config, bool chinese);
std::string flood_summary(const Region& region, const RoadGraph& graph, const FloodResult& flood, const FloodConfig& config, bool chinese);
// The briefing's 防汛 section: the figures of the summary, then tables of the people in hazard
// zones by level and township, the villages cut off, the shelters over capacity and the first
// critical links (each table also a sheet of report.xlsx). Counts of people 1..K−1 are shown as
// "<K" (suppress_below = K; 0 shows all).
Section flood_section(const Region& region, const RoadGraph& graph, const FloodResult& flood, const FloodConfig& config, int suppress_below,
                      bool chinese);

void write_critical_link_outputs(io::StagedOutput& out, const Region& region, const RoadGraph& graph,
                                 const std::vector<CriticalLink>& links, bool chinese);

// The beneficiaries in hazard zones: exposure.csv (per hazard level and village, by category, with
// the village's serving site) and, when the beneficiaries carry the bureau's record ids,
// priority.csv, the list for assisted transfer (the [flood] priority categories, by record id only,
// highest level first).
// With `shelters`, the transfer list also names each person's shelter and minutes, and
// shelters.csv gives each shelter's people against its capacity.
void write_exposure_outputs(io::StagedOutput& out, const Region& region, const HazardExposure& exposure, const FloodConfig& flood,
                            const ShelterAssignment* shelters, bool chinese);
std::string shelters_summary(const Region& region, const ShelterAssignment& shelters, bool chinese);
std::string exposure_summary(const Region& region, const HazardExposure& exposure, const FloodConfig& flood, bool chinese);

// The roads closed in the scenario and what that does to each village's trips: cutoff.csv (every
// village, most affected first), closed_roads.geojson (the stretches cut out), and the summary.
void write_cutoff_outputs(io::StagedOutput& out, const Region& region, const geo::ClosedRoads& closed, const CutoffResult& cutoff,
                          bool chinese);
std::string cutoff_summary(const Region& region, const FloodConfig& flood, const geo::ClosedRoads& closed, const CutoffResult& cutoff,
                           bool chinese);

// The detour links (core/detour_links.hpp): detour_links.csv and detour_links.geojson, and their summary.
void write_detour_outputs(io::StagedOutput& out, const Region& region, const RoadGraph& graph, const DetourResult& detours, bool chinese);
std::string detour_summary(const Region& region, const RoadGraph& graph, const DetourResult& detours, const DetourOptions& options, bool chinese,
                           std::size_t top = 5);

// How many links, what they cut off in all, and the first `top` by people.
std::string critical_links_summary(const Region& region, const RoadGraph& graph, const std::vector<CriticalLink>& links, bool chinese,
                                   std::size_t top = 5);

}  // namespace coverplan::report
