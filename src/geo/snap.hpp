#pragma once
// Joins points to the road network: the nearest position on the nearest edge, found with a
// uniform grid over the edges' segments.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/road_graph.hpp"
#include "core/travel_time.hpp"

namespace coverplan::geo {

struct SnapOptions {
    double max_distance_m = 500;  // farther than this from every usable road: unreachable
    double access_kmh = 4.0;      // walking speed for the leg off the road
};

class EdgeSnapper {
public:
    explicit EdgeSnapper(const RoadGraph& g, double cell_m = 200);

    // The nearest position on an edge; edges off the largest component are used only when
    // the largest component has nothing within the maximum distance (the point is then cut
    // off from the main network, which callers report).
    Access access(const Point2& p, const SnapOptions& options) const;

private:
    struct Hit {
        double distance = 0;
        std::uint32_t edge = 0;
        std::uint32_t segment = 0;
        double fraction = 0;
        bool found = false;
    };
    Hit nearest(const Point2& p, double max_m, bool main_only) const;
    std::uint64_t cell_key(long long ix, long long iy) const;

    const RoadGraph& m_g;
    double m_cell;
    long long m_min_ix = 0, m_max_ix = -1, m_min_iy = 0, m_max_iy = -1;  // cells holding a segment
    std::unordered_map<std::uint64_t, std::vector<std::pair<std::uint32_t, std::uint32_t>>> m_cells;  // (edge, segment)
};

}  // namespace coverplan::geo
