#pragma once
// Plain geometry values for the domain model. Coordinates are in the run's working CRS
// (projected, metres) once loaded. GEOS is used in src/geo; core only needs simple predicates.
#include <limits>
#include <vector>

namespace coverplan {

struct Point2 {
    double x = 0;
    double y = 0;
    friend bool operator==(const Point2&, const Point2&) = default;
};

using Ring = std::vector<Point2>;  // closed: first == last

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

using MultiPolygon = std::vector<Polygon>;
using LineString = std::vector<Point2>;

struct Box {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    void expand(const Point2& p);
    void expand(const Box& b);
    bool empty() const { return min_x > max_x; }
    bool contains(const Point2& p) const {
        return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y;
    }
    bool intersects(const Box& b) const {
        return !(b.min_x > max_x || b.max_x < min_x || b.min_y > max_y || b.max_y < min_y);
    }
    Point2 centre() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
};

Box bounds(const MultiPolygon& mp);
Box bounds(const LineString& line);

// Even-odd test; points on the boundary count as inside only by chance, so callers that
// need a tolerance use distance_to_boundary as well.
bool contains(const MultiPolygon& mp, const Point2& p);
double distance_to_boundary(const MultiPolygon& mp, const Point2& p);
double distance(const Point2& a, const Point2& b);
double area(const MultiPolygon& mp);  // in squared CRS units
double length(const LineString& line);

}  // namespace coverplan
