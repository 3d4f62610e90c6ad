#include "geo/noding.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "geo/geos_context.hpp"

namespace coverplan::geo {

namespace {

// Inserts p into the line at its nearest segment unless it is already a vertex there.
bool insert_vertex(LineString& line, const Point2& p) {
    std::size_t best = 0;
    double best_d = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k + 1 < line.size(); ++k) {
        const Point2& a = line[k];
        const Point2& b = line[k + 1];
        const double dx = b.x - a.x, dy = b.y - a.y;
        const double len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
        const double d = std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
        if (d < best_d) {
            best_d = d;
            best = k;
        }
    }
    if (best_d > 1e-6) return false;  // GEOS put it elsewhere: not on this line
    if (line[best] == p || line[best + 1] == p) return false;
    line.insert(line.begin() + static_cast<long>(best) + 1, p);
    return true;
}

}  // namespace

std::size_t node_crossings(std::vector<Road>& roads) {
    const Geos geos;
    const double cell = 1000;
    // Candidate pairs: lines whose boxes share a 1 km cell.
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells;
    std::vector<Box> boxes(roads.size());
    for (std::uint32_t i = 0; i < roads.size(); ++i) {
        boxes[i] = bounds(roads[i].line);
        if (roads[i].bridge || roads[i].tunnel || boxes[i].empty()) continue;
        const auto x0 = static_cast<long long>(std::floor(boxes[i].min_x / cell)), x1 = static_cast<long long>(std::floor(boxes[i].max_x / cell));
        const auto y0 = static_cast<long long>(std::floor(boxes[i].min_y / cell)), y1 = static_cast<long long>(std::floor(boxes[i].max_y / cell));
        for (long long x = x0; x <= x1; ++x)
            for (long long y = y0; y <= y1; ++y) cells[(static_cast<std::uint64_t>(x) << 32) ^ (static_cast<std::uint64_t>(y) & 0xFFFFFFFFull)].push_back(i);
    }
    std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;  // ordered: deterministic
    for (const auto& [key, ids] : cells)
        for (std::size_t a = 0; a < ids.size(); ++a)
            for (std::size_t b = a + 1; b < ids.size(); ++b) {
                const std::uint32_t i = std::min(ids[a], ids[b]), j = std::max(ids[a], ids[b]);
                if (roads[i].layer == roads[j].layer && boxes[i].intersects(boxes[j])) pairs.emplace(i, j);
            }
    std::size_t added = 0;
    for (const auto& [i, j] : pairs) {
        GeomPtr a = geos.line(roads[i].line);
        GeomPtr b = geos.line(roads[j].line);
        GeomPtr x = geos.intersection(a.get(), b.get());
        // Points where they cross or touch; shared stretches (overlaps) give their end points.
        std::vector<Point2> points;
        if (GEOSisEmpty_r(geos.ctx(), x.get()) == 1) continue;  // boxes overlap, lines do not
        const int type = GEOSGeomTypeId_r(geos.ctx(), x.get());
        const bool collection = type == GEOS_MULTIPOINT || type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION;
        const int n = collection ? GEOSGetNumGeometries_r(geos.ctx(), x.get()) : 1;
        for (int k = 0; k < n; ++k) {
            const GEOSGeometry* part = collection ? GEOSGetGeometryN_r(geos.ctx(), x.get(), k) : x.get();
            if (GEOSisEmpty_r(geos.ctx(), part) == 1) continue;
            const int part_type = GEOSGeomTypeId_r(geos.ctx(), part);
            if (part_type == GEOS_POINT) {
                Point2 p;
                GEOSGeomGetX_r(geos.ctx(), part, &p.x);
                GEOSGeomGetY_r(geos.ctx(), part, &p.y);
                points.push_back(p);
            } else if (part_type == GEOS_LINESTRING) {  // a shared stretch: join at its two ends
                const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos.ctx(), part);
                unsigned size = 0;
                GEOSCoordSeq_getSize_r(geos.ctx(), seq, &size);
                for (unsigned c : {0u, size - 1}) {
                    Point2 p;
                    GEOSCoordSeq_getXY_r(geos.ctx(), seq, c, &p.x, &p.y);
                    points.push_back(p);
                }
            }
        }
        for (const Point2& p : points) {
            // Both lines must carry the very same coordinates for the graph to join them.
            const bool in_i = insert_vertex(roads[i].line, p);
            const bool in_j = insert_vertex(roads[j].line, p);
            added += in_i || in_j;
        }
    }
    return added;
}

}  // namespace coverplan::geo
