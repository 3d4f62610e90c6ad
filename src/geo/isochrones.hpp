#pragma once
// Isochrone polygons per site and band, and the gaps: the parts of each township that no site
// reaches within a band, with the uncovered beneficiaries in them (DESIGN §8, §9).
#include <array>
#include <vector>

#include "core/coverage.hpp"
#include "core/memory_budget.hpp"
#include "core/region.hpp"
#include "core/road_graph.hpp"

namespace coverplan::geo {

struct IsochroneBand {
    SiteId site;
    double band_min = 0;
    MultiPolygon polygon;  // working CRS; valid; nested in the site's larger bands; the grid's
                           // staircase smoothed to within 3/4 of a cell
};

struct Gap {
    TownshipId township;
    double band_min = 0;
    Polygon polygon;  // working CRS
    double area_m2 = 0;
    std::size_t uncovered = 0;     // beneficiaries inside whose nearest site is farther than the band
    double uncovered_weight = 0;
    std::array<int, k_category_count> by_category{};
    int rank = 0;                  // 1 = most uncovered weight within its band, region-wide
};

struct PolygonOptions {
    double cell_m = 100;  // raster resolution of the polygons
    MemoryBudget memory;  // the rasters of arrival times must fit in it
};

std::vector<IsochroneBand> site_isochrones(const Region& region, const RoadGraph& graph, const Accesses& access,
                                           const TravelConfig& travel, const PolygonOptions& options, int threads);

std::vector<Gap> coverage_gaps(const Region& region, const RoadGraph& graph, const Accesses& access, const CoverageResult& coverage,
                               const TravelConfig& travel, const PolygonOptions& options);

}  // namespace coverplan::geo
