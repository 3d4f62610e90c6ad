#pragma once
// Isochrones (DESIGN §8): the area reachable within a time, as the routing engines build them.
// The road reached by a search is sampled into a grid of arrival times (partial edges included),
// every cell then gets the best arrival plus the walk to it from a reached road (capped), and a
// band is the set of cells within its time, traced into polygons. One grid serves every band of a
// source, so the bands nest by construction.
#include <vector>

#include "core/geometry.hpp"
#include "core/memory_budget.hpp"
#include "core/road_graph.hpp"
#include "core/travel_time.hpp"

namespace coverplan {

struct TimeGrid {
    double x0 = 0, y0 = 0;  // lower-left corner of cell (0, 0)
    double cell_m = 100;
    int width = 0, height = 0;
    std::vector<float> time_s;  // row-major from the bottom row; +inf where nothing arrives
    float at(int i, int j) const { return time_s[static_cast<std::size_t>(j) * static_cast<std::size_t>(width) + static_cast<std::size_t>(i)]; }
};

struct ReachGridOptions {
    double max_s = 2700;      // the largest band
    double cell_m = 100;
    double walk_ms = 4.0 / 3.6;
    double walk_cap_m = 500;  // no cell farther than this from a reached road
    MemoryBudget memory;      // shared by `concurrent` grids built at the same time
    int concurrent = 1;
};

// Grid of arrival times after `d.run(...)` from `sources` (whose own edges are reached partway).
// Throws a UsageError naming polygon_cell_m and max_snap_m when the grid would not fit its
// share of the memory budget.
TimeGrid reach_grid(const RoadGraph& g, const Dijkstra& d, const std::vector<Access>& sources, const ReachGridOptions& options);

// The cells of `grid` covering `box` and `margin` more cells on every side (clamped to the
// grid; empty when they do not meet), with the same cell corners: the bands traced from the
// window are the grid's within the box (smoothing them afterwards may differ from smoothing
// the whole grid's by the smoothing's tolerance).
TimeGrid window(const TimeGrid& grid, const Box& box, int margin);

// Cells with time ≤ max_s as polygons in the grid's coordinates (shells counter-clockwise,
// holes clockwise, rings closed; diagonal neighbours become separate parts touching at a corner).
MultiPolygon band_polygons(const TimeGrid& grid, double max_s);

}  // namespace coverplan
