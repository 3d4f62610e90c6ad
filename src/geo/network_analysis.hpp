#pragma once
// The road network of a region put to work: graph built for the project's travel mode, every
// site, village centre and beneficiary joined to it, travel times computed. What could not be
// joined or is cut off from the main network is said in notes, never dropped silently.
#include <vector>

#include "core/coverage.hpp"
#include "core/region.hpp"
#include "core/road_graph.hpp"
#include "core/speed_profile.hpp"

namespace coverplan::geo {

SpeedProfile make_profile(const TravelConfig& travel);

struct NetworkAnalysis {
    RoadGraph graph;
    Accesses access;
    CoverageResult coverage;
    std::vector<DataNote> notes;
};

// The graph and every object joined to it, with the notes; no travel times (coverage stays empty).
NetworkAnalysis join_network(const Region& region, const TravelConfig& travel);
// join_network, then the travel times from every site.
NetworkAnalysis analyse_network(const Region& region, const TravelConfig& travel, int threads);

}  // namespace coverplan::geo
