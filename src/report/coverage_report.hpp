#pragma once
// What `coverplan coverage` shows and writes: the summary, villages.geojson, sites.geojson and
// coverage.csv. Beneficiaries leave only as counts per village and category.
#include <string>

#include "core/coverage.hpp"
#include "core/region.hpp"
#include "geo/isochrones.hpp"
#include "geo/network_analysis.hpp"
#include "io/output_dir.hpp"

namespace coverplan::report {

std::string coverage_summary(const Region& region, const CoverageSummary& summary, bool chinese);

// isochrones.geojson (when `isochrones` is given), coverage_areas.geojson and gaps.geojson.
void write_polygon_outputs(io::StagedOutput& out, const Region& region, const std::vector<geo::IsochroneBand>* isochrones,
                           const std::vector<geo::CoveredArea>& covered, const std::vector<geo::Gap>& gaps);

void write_coverage_outputs(io::StagedOutput& out, const Region& region, const geo::NetworkAnalysis& network,
                            const CoverageSummary& summary, bool chinese);

}  // namespace coverplan::report
