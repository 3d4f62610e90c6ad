#include "geo/closures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "geo/geos_context.hpp"

namespace coverplan::geo {

namespace {

// The index of the segment of `line` nearest to `p`.
std::size_t nearest_segment(const LineString& line, const Point2& p) {
    double best_d = std::numeric_limits<double>::infinity();
    std::size_t best = 0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const Point2 a = line[i - 1], b = line[i];
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0;
        const double d = distance(p, Point2{a.x + t * dx, a.y + t * dy});
        if (d < best_d) {
            best_d = d;
            best = i - 1;
        }
    }
    return best;
}

// GEOS's overlay does not promise the input's direction: a piece of a one-way road is turned back
// to run the way the road does. The piece's first segment lies on one of the road's segments; the
// two directions are compared there (a position along the road would be ambiguous on a loop or a
// road that touches itself).
void orient_like(const LineString& road, LineString& piece) {
    if (piece.size() < 2 || road.size() < 2) return;
    const Point2 a = piece[0], b = piece[1];
    const std::size_t i = nearest_segment(road, Point2{(a.x + b.x) / 2, (a.y + b.y) / 2});
    const double dot = (b.x - a.x) * (road[i + 1].x - road[i].x) + (b.y - a.y) * (road[i + 1].y - road[i].y);
    if (dot < 0) std::reverse(piece.begin(), piece.end());
}

}  // namespace

std::vector<const MultiPolygon*> closing_areas(const Region& region, const FloodConfig& flood) {
    std::vector<const MultiPolygon*> out;
    if (flood.close_roads_from_level)
        for (const Hazard& h : region.hazards)
            if (h.level >= *flood.close_roads_from_level && !h.polygon.empty()) out.push_back(&h.polygon);
    for (const Closure& c : region.closures)
        if (!c.area.empty()) out.push_back(&c.area);
    return out;
}

ClosedRoads close_roads(const Region& region, const FloodConfig& flood) {
    const Geos geos;
    ClosedRoads out;
    const std::vector<const MultiPolygon*> areas = closing_areas(region, flood);
    out.areas = areas.size();
    std::vector<GeomPtr> shapes;
    std::vector<Box> boxes;
    for (const MultiPolygon* a : areas) {
        shapes.push_back(geos.multipolygon(*a));
        boxes.push_back(bounds(*a));
    }
    for (const Road& road : region.roads) {
        const Box rb = bounds(road.line);
        std::vector<std::size_t> hit;
        for (std::size_t k = 0; k < boxes.size(); ++k)
            if (boxes[k].intersects(rb)) hit.push_back(k);
        if (hit.empty()) {
            out.open.push_back(road);
            continue;
        }
        const GeomPtr line = geos.line(road.line);
        GeomPtr left = geos.line(road.line);
        for (std::size_t k : hit) left = geos.difference(left.get(), shapes[k].get());
        const GeomPtr cut = geos.difference(line.get(), left.get());
        std::vector<LineString> cut_parts = geos.to_lines(cut.get());
        // Untouched (the boxes met, the shapes did not): the road as it was, not re-noded by GEOS.
        if (cut_parts.empty()) {
            out.open.push_back(road);
            continue;
        }
        std::vector<LineString> kept = geos.to_lines(left.get());
        ++out.roads_touched;
        for (LineString& piece : kept) {
            orient_like(road.line, piece);
            Road r = road;
            r.line = std::move(piece);
            out.open.push_back(std::move(r));
        }
        for (LineString& piece : cut_parts) {
            for (std::size_t i = 1; i < piece.size(); ++i) out.closed_length_m += distance(piece[i - 1], piece[i]);
            out.closed.push_back(std::move(piece));
            out.closed_class.push_back(road.road_class);
        }
    }
    return out;
}

}  // namespace coverplan::geo
