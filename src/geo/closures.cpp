#include "geo/closures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "geo/geos_context.hpp"

namespace coverplan::geo {

namespace {

// How far along `line` the point nearest to `p` lies (linear referencing).
double along(const LineString& line, const Point2& p) {
    double best_d = std::numeric_limits<double>::infinity(), best_at = 0, run = 0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const Point2 a = line[i - 1], b = line[i];
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0;
        const Point2 q{a.x + t * dx, a.y + t * dy};
        const double d = distance(p, q);
        if (d < best_d) {
            best_d = d;
            best_at = run + t * std::sqrt(len2);
        }
        run += std::sqrt(len2);
    }
    return best_at;
}

// GEOS's overlay does not promise the input's direction: a piece of a one-way road is turned
// back to run the way the road does.
void orient_like(const LineString& road, LineString& piece) {
    if (piece.size() >= 2 && along(road, piece.front()) > along(road, piece.back())) std::reverse(piece.begin(), piece.end());
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
        GeomPtr line = geos.line(road.line);
        GeomPtr left = geos.line(road.line);
        for (std::size_t k : hit) left = geos.difference(left.get(), shapes[k].get());
        std::vector<LineString> kept = geos.to_lines(left.get());
        // Untouched (the boxes met, the shapes did not): the road as it was, not re-noded by GEOS.
        if (kept.size() == 1 && kept.front() == road.line) {
            out.open.push_back(road);
            continue;
        }
        ++out.roads_touched;
        for (LineString& piece : kept) {
            orient_like(road.line, piece);
            Road r = road;
            r.line = std::move(piece);
            out.open.push_back(std::move(r));
        }
        const GeomPtr cut = geos.difference(line.get(), left.get());
        for (LineString& piece : geos.to_lines(cut.get())) {
            for (std::size_t i = 1; i < piece.size(); ++i) out.closed_length_m += distance(piece[i - 1], piece[i]);
            out.closed.push_back(std::move(piece));
            out.closed_class.push_back(road.road_class);
        }
    }
    return out;
}

}  // namespace coverplan::geo
