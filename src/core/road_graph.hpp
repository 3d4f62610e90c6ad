#pragma once
// The routable road network (DESIGN §8): nodes where lines share vertices, chains of degree-2
// nodes contracted into one edge whose geometry and cumulative times are kept, so that a point
// in the middle of an edge is reached exactly. The directed arcs are a flat compressed-sparse-row
// table (ArcTable), the form the search reads.
#include <cstdint>
#include <vector>

#include "core/region.hpp"
#include "core/speed_profile.hpp"

namespace coverplan {

// One routable stretch of road between two graph nodes.
struct RoadEdge {
    std::uint32_t from = 0;  // node at points.front()
    std::uint32_t to = 0;    // node at points.back()
    bool forward = true;     // from → to allowed
    bool backward = true;    // to → from allowed
    LineString points;
    std::vector<double> cum_length_m;  // at each point, from `from`
    std::vector<double> cum_time_s;    // at each point, travelling from `from` (speeds may vary along the edge)
    double length_m() const { return cum_length_m.back(); }
    double time_s() const { return cum_time_s.back(); }
};

// One directed arc, as given to make_arcs.
struct Arc {
    std::uint32_t from = 0, to = 0;
    double time_s = 0;
};

// The arcs leaving node v are [first_out[v], first_out[v + 1]), each with its head node and its
// time, in three plain arrays (struct of arrays: the search's inner loop reads head and time_s
// only). Invariants, checked by make_arcs: first_out has node_count + 1 entries, starts at 0,
// never decreases and ends at the arc count; every head is a node; every time is finite ≥ 0.
struct ArcTable {
    std::vector<std::uint32_t> first_out{0};
    std::vector<std::uint32_t> head;
    std::vector<double> time_s;
    std::uint32_t node_count() const { return static_cast<std::uint32_t>(first_out.size() - 1); }
    std::uint32_t arc_count() const { return static_cast<std::uint32_t>(head.size()); }
};

// The table of `arcs` over nodes [0, n), arcs of one node in the order given. Throws an internal
// error if an arc names a node ≥ n or has a negative or non-finite time.
ArcTable make_arcs(std::uint32_t n, const std::vector<Arc>& arcs);

struct RoadGraphStats {
    std::size_t lines = 0;           // road lines given
    std::size_t unusable_lines = 0;  // speed 0 in this mode (e.g. footways by car)
    std::size_t unknown_class_lines = 0;  // class not in the speed table: default speed used
    std::size_t segments = 0;        // vertex-to-vertex segments of usable lines
    std::size_t zero_length_segments = 0;
};

struct RoadGraph {
    std::vector<Point2> node_xy;
    std::vector<RoadEdge> edges;
    ArcTable arcs;
    std::vector<std::uint32_t> node_component;  // 0 = the largest component
    std::vector<std::size_t> component_nodes;   // nodes per component, largest first
    RoadGraphStats stats;

    std::uint32_t node_count() const { return static_cast<std::uint32_t>(node_xy.size()); }
    std::uint32_t edge_component(std::uint32_t e) const { return node_component[edges[e].from]; }
};

RoadGraph build_road_graph(const std::vector<Road>& roads, const SpeedProfile& profile);

}  // namespace coverplan
