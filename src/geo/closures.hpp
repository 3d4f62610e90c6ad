#pragma once
// Roads closed in a flood scenario (DESIGN §10): every road's stretch inside a closing area — a
// hazard zone at or above [flood] close_roads_from_level, or an area of the closures layer — is
// cut out with GEOS, and what is left of the road stays open with the road's attributes (a road
// flooded in the middle becomes two dead ends). The travel times are then those of an ordinary
// network built from the open roads.
#include <vector>

#include "core/flood.hpp"
#include "core/region.hpp"

namespace coverplan::geo {

struct ClosedRoads {
    std::vector<Road> open;                // the roads as they can be driven
    std::vector<LineString> closed;        // the stretches cut out
    std::vector<std::string> closed_class; // the class of the road each stretch belongs to
    std::size_t roads_touched = 0;         // input roads with a stretch closed
    double closed_length_m = 0;
    std::size_t areas = 0;                 // closing areas (zones and closures)
};

// The closing areas of the scenario: hazard zones from `flood.close_roads_from_level` up, and the
// closures layer's areas.
std::vector<const MultiPolygon*> closing_areas(const Region& region, const FloodConfig& flood);

ClosedRoads close_roads(const Region& region, const FloodConfig& flood);

}  // namespace coverplan::geo
