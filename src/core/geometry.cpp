#include "core/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace coverplan {

void Box::expand(const Point2& p) {
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
}

void Box::expand(const Box& b) {
    if (b.empty()) return;
    expand(Point2{b.min_x, b.min_y});
    expand(Point2{b.max_x, b.max_y});
}

Box bounds(const MultiPolygon& mp) {
    Box b;
    for (const auto& poly : mp)
        for (const auto& p : poly.outer) b.expand(p);
    return b;
}

Box bounds(const LineString& line) {
    Box b;
    for (const auto& p : line) b.expand(p);
    return b;
}

namespace {

bool ring_contains(const Ring& ring, const Point2& p) {
    bool inside = false;
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const Point2& a = ring[i];
        const Point2& b = ring[j];
        if ((a.y > p.y) != (b.y > p.y)) {
            const double x_cross = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x;
            if (p.x < x_cross) inside = !inside;
        }
    }
    return inside;
}

double segment_distance(const Point2& p, const Point2& a, const Point2& b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double ring_distance(const Ring& ring, const Point2& p) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < ring.size(); ++i) best = std::min(best, segment_distance(p, ring[i - 1], ring[i]));
    return best;
}

double ring_area(const Ring& ring) {
    double s = 0;
    for (std::size_t i = 1; i < ring.size(); ++i) s += ring[i - 1].x * ring[i].y - ring[i].x * ring[i - 1].y;
    return std::abs(s) / 2;
}

}  // namespace

bool contains(const MultiPolygon& mp, const Point2& p) {
    for (const auto& poly : mp) {
        if (poly.outer.size() < 4 || !ring_contains(poly.outer, p)) continue;
        bool in_hole = false;
        for (const auto& hole : poly.holes) in_hole = in_hole || ring_contains(hole, p);
        if (!in_hole) return true;
    }
    return false;
}

double distance_to_boundary(const MultiPolygon& mp, const Point2& p) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& poly : mp) {
        best = std::min(best, ring_distance(poly.outer, p));
        for (const auto& hole : poly.holes) best = std::min(best, ring_distance(hole, p));
    }
    return best;
}

double distance(const Point2& a, const Point2& b) { return std::hypot(a.x - b.x, a.y - b.y); }

double area(const MultiPolygon& mp) {
    double s = 0;
    for (const auto& poly : mp) {
        s += ring_area(poly.outer);
        for (const auto& hole : poly.holes) s -= ring_area(hole);
    }
    return s;
}

double length(const LineString& line) {
    double s = 0;
    for (std::size_t i = 1; i < line.size(); ++i) s += distance(line[i - 1], line[i]);
    return s;
}

}  // namespace coverplan
