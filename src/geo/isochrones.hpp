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

// The area of a township within a band of some site (whichever site): from one search from all
// sites and one raster, at any scale. The complement of the township's gaps of that band.
struct CoveredArea {
    TownshipId township;
    double band_min = 0;
    MultiPolygon polygon;  // working CRS; valid; may be empty
    double area_m2 = 0;
    double township_area_m2 = 0;
};

struct BandAreas {
    std::vector<CoveredArea> covered;  // per band, then township
    std::vector<Gap> gaps;             // per band, ranked
};

// Per-site isochrones: by the pipeline's rule (pipeline::trace_polygons), or always.
enum class SiteIsochrones { automatic, always };

struct PolygonOptions {
    double cell_m = 100;  // raster resolution of the polygons
    MemoryBudget memory;  // the rasters of arrival times must fit in it
};

std::vector<IsochroneBand> site_isochrones(const Region& region, const RoadGraph& graph, const Accesses& access,
                                           const TravelConfig& travel, const PolygonOptions& options, int threads);

// One multi-source raster for the whole region: the covered area and the gaps of every township
// and band.
BandAreas band_areas(const Region& region, const RoadGraph& graph, const Accesses& access, const CoverageResult& coverage,
                     const TravelConfig& travel, const PolygonOptions& options, int threads);

}  // namespace coverplan::geo
