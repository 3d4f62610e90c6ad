#pragma once
// Coverage (DESIGN §9): for every village and beneficiary the travel time to the nearest site
// and to its assigned site (the one serving its village), and summaries per township, county
// and category.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/region.hpp"
#include "core/road_graph.hpp"
#include "core/travel_time.hpp"

namespace coverplan {

// How travel is modelled (the project file's [travel] table).
struct TravelConfig {
    Mode mode = Mode::ebike;
    std::vector<double> thresholds_min{15, 30, 45};
    double access_kmh = 4.0;       // walking between a point and the road
    double max_snap_m = 500;       // farther from every road: unreachable
    double max_search_min = 120;   // searches stop here; longer trips are reported as not reached
    double polygon_cell_m = 100;   // resolution of isochrone and gap polygons
    bool node_crossings = false;   // join roads where they cross without a shared vertex
    std::map<std::string, double> speeds_kmh;  // road class → km/h for `mode`
};

// Where each site, village centre and beneficiary joins the network.
struct Accesses {
    std::vector<Access> sites, villages, beneficiaries;
};

struct TimeToSite {
    std::optional<SiteId> site;
    double time_s = k_unreached;
};

struct CoverageResult {
    std::vector<TimeToSite> village_nearest, village_assigned;
    std::vector<TimeToSite> beneficiary_nearest, beneficiary_assigned;  // kept in memory only
    // Per site, the time to each of its served villages, in the order of served_villages (R6).
    std::vector<std::vector<double>> served_time_s;
    double limit_s = 0;
};

// Travel times from every source to every target (row-major, sources × targets, seconds as
// float, k_unreached beyond `limit_s`): the site × village and site × beneficiary matrices that
// placement works on. Each row is one bounded search; rows are computed in parallel.
std::vector<float> time_matrix(const RoadGraph& graph, const std::vector<Access>& sources, const std::vector<Access>& targets,
                               double limit_s, int threads);

// One row of such a matrix on the caller's search: `row[t]` for each target, k_unreached beyond
// `limit_s`. The search stops once every target is reached.
void time_row(const RoadGraph& graph, Dijkstra& search, const Access& source, const std::vector<Access>& targets, double limit_s,
              float* row);

// The site serving a village (the first one when several do: R2 reports that).
std::vector<std::optional<SiteId>> assigned_sites(const Region& region);

CoverageResult compute_coverage(const Region& region, const RoadGraph& graph, const Accesses& access, double limit_s,
                                int threads);

// Figures for one group of villages and beneficiaries, per threshold.
struct CoverageStats {
    std::size_t villages = 0;
    std::vector<std::size_t> villages_within;       // nearest site within each threshold
    std::size_t beneficiaries = 0;
    double weight = 0;
    std::vector<double> weight_within_nearest;      // weighted beneficiaries within each threshold
    std::vector<double> weight_within_assigned;
    double mean_min = k_nan, median_min = k_nan, max_min = k_nan;  // weighted, to the nearest site, reached only
    std::size_t beneficiaries_unreached = 0;        // no road nearby or beyond the search limit
};

struct CoverageSummary {
    std::vector<double> thresholds_min;
    CoverageStats total;
    std::map<std::string, CoverageStats> by_county;            // county code
    std::vector<CoverageStats> by_township;                    // township order
    std::vector<CoverageStats> by_category;                    // all_categories() order
};

CoverageSummary summarise_coverage(const Region& region, const CoverageResult& result, const std::vector<double>& thresholds_min);

}  // namespace coverplan
