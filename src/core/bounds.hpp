#pragma once
#include <cstddef>
// The documented range of every numeric setting, with the reason for it beside the numbers
// (DESIGN §6, §15.3). One table serves the project file's checks, the command line's validators,
// the messages and the property test that throws random values at each key: a value outside
// its range is a usage error (exit 2) naming the key, never a crash or an exhausted machine.
#include <string>
#include <vector>

#include "core/error.hpp"

namespace coverplan {

struct Bound {
    const char* key;  // as written in the project file: "travel.max_snap_m"
    double min;
    double max;
    bool min_open;    // min itself is not allowed (> min rather than ≥ min)
    bool integer;     // whole numbers only
    const char* unit_en;
    const char* unit_zh;
    const char* why_en;  // why the range is what it is, said in the message
    const char* why_zh;

    bool contains(double v) const;
    // "metres in (0, 10000]: farther from a road is not a walk to it"
    Text expected() const;
    // "expected …, found 1e+09"
    Text problem(double found) const;
};

namespace setting {
// [rules]
extern const Bound villages_per_point, max_site_distance_m, rules_max_travel_min;
// [travel]
extern const Bound threshold_min, access_kmh, max_snap_m, max_search_min, polygon_cell_m, speed_kmh;
// At most this many thresholds: the maps' travel-time classes stay ≥ 8 L* apart in greyscale.
inline constexpr std::size_t k_max_thresholds = 4;
// [validation]
extern const Bound max_beneficiary_distance_m, max_weight, max_population;
// [plan]
extern const Bound category_weight, plan_max_travel_min, new_points, time_limit_s, seed, budget, within_min;
// [report]
extern const Bound suppress_below, print_dpi;
// [layers.*]
extern const Bound header_row;
// [limits]
extern const Bound memory_mb;
// [staffing], [visits]
extern const Bound staff_default, days_per_month, hours_per_day, lunch_minutes, visiting_share, visit_minutes, visit_interval,
    iterations_per_visit, site_time_limit_s;
// [access]
extern const Bound catchment_min, zone_weight;
// [flood]
extern const Bound close_roads_from_level, closure_buffer_m, outreach_days, outreach_minutes, detour_min, detour_people, detour_candidates;
// command line only
extern const Bound threads;

// Every bound, for the tests and the README.
const std::vector<const Bound*>& all();
}  // namespace setting

// Numbers for messages: finite ones as short decimals, the others as nan / inf / -inf.
std::string number_text(double v);

}  // namespace coverplan
