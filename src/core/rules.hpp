#pragma once
// The programme's siting rules R1–R7 (DESIGN §7) evaluated on a loaded region.
#include <optional>
#include <string>
#include <vector>

#include "core/region.hpp"

namespace coverplan {

struct RuleConfig {
    int villages_per_point = 3;
    // R5: a site may stand outside the polygons of its villages if it is within this distance
    // of one served village's anchor. 0 = must stand inside (villages given as points then
    // cannot be judged and R5 is reported as skipped for them).
    double max_site_distance_m = 0;
    double max_travel_min = 0;  // R6, 0 = not set
    bool exempt_townships_without_villages = true;
};

struct Violation {
    std::string rule;  // "R1" … "R7"
    Severity severity = Severity::error;
    std::string kind;  // stable sub-key, e.g. "served_twice"
    std::optional<TownshipId> township;
    std::optional<SiteId> site;
    std::vector<VillageId> villages;
    Text message;
    Point2 location;  // where to draw it, working CRS
};

// One row of the progress table (建设进度一览表) per township.
struct ProgressRow {
    TownshipId township;
    int villages = 0;
    int stations_required = 0;
    int stations_built = 0;
    int stations_planned = 0;
    int served_by_station = 0;
    int points_required = 0;
    int points_built = 0;
    int points_planned = 0;
    int villages_served = 0;  // by any site
    int station_shortfall() const { return std::max(0, stations_required - stations_built); }
    int point_shortfall() const { return std::max(0, points_required - points_built); }
};

struct SkippedRule {
    std::string rule;
    Text reason;
};

struct RuleReport {
    std::vector<Violation> violations;  // sorted by rule, township, site, first village
    std::vector<ProgressRow> progress;  // one per township, in township order
    std::vector<SkippedRule> skipped;
    int villages_per_point = 3;
    std::size_t count(const std::string& rule, std::optional<Severity> severity = std::nullopt) const;
    bool has_findings() const;  // any error or warning
};

// `served_time_s`: per site, the travel time to each served village (in served_villages
// order), from the coverage analysis; without it R6 is reported as skipped.
RuleReport check_rules(const Region& region, const RuleConfig& config,
                       const std::vector<std::vector<double>>* served_time_s = nullptr);

// ceil(villages not served by the station / villages_per_point)
int required_points(int villages, int served_by_station, int villages_per_point);

}  // namespace coverplan
