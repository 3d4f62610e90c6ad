#include "geo/snap.hpp"

#include <algorithm>
#include <cmath>

namespace coverplan::geo {

EdgeSnapper::EdgeSnapper(const RoadGraph& g, double cell_m) : m_g(g), m_cell(cell_m) {
    for (std::uint32_t e = 0; e < g.edges.size(); ++e) {
        const LineString& pts = g.edges[e].points;
        for (std::uint32_t s = 0; s + 1 < pts.size(); ++s) {
            const long long x0 = static_cast<long long>(std::floor(std::min(pts[s].x, pts[s + 1].x) / m_cell));
            const long long x1 = static_cast<long long>(std::floor(std::max(pts[s].x, pts[s + 1].x) / m_cell));
            const long long y0 = static_cast<long long>(std::floor(std::min(pts[s].y, pts[s + 1].y) / m_cell));
            const long long y1 = static_cast<long long>(std::floor(std::max(pts[s].y, pts[s + 1].y) / m_cell));
            if (m_max_ix < m_min_ix) {
                m_min_ix = x0, m_max_ix = x1, m_min_iy = y0, m_max_iy = y1;
            } else {
                m_min_ix = std::min(m_min_ix, x0), m_max_ix = std::max(m_max_ix, x1);
                m_min_iy = std::min(m_min_iy, y0), m_max_iy = std::max(m_max_iy, y1);
            }
            for (long long ix = x0; ix <= x1; ++ix)
                for (long long iy = y0; iy <= y1; ++iy) m_cells[cell_key(ix, iy)].emplace_back(e, s);
        }
    }
}

std::uint64_t EdgeSnapper::cell_key(long long ix, long long iy) const {
    return (static_cast<std::uint64_t>(ix) << 32) ^ (static_cast<std::uint64_t>(iy) & 0xFFFFFFFFull);
}

EdgeSnapper::Hit EdgeSnapper::nearest(const Point2& p, double max_m, bool main_only) const {
    Hit best;
    best.distance = max_m;
    const long long cx = static_cast<long long>(std::floor(p.x / m_cell));
    const long long cy = static_cast<long long>(std::floor(p.y / m_cell));
    if (m_max_ix < m_min_ix) return best;  // no road at all
    // Rings that miss the cells holding roads find nothing: the search starts at the first ring
    // that meets them and ends at the last, whatever max_m.
    const long long gap = std::max({0LL, m_min_ix - cx, cx - m_max_ix, m_min_iy - cy, cy - m_max_iy});
    const long long reach = std::max({std::llabs(cx - m_min_ix), std::llabs(cx - m_max_ix), std::llabs(cy - m_min_iy),
                                      std::llabs(cy - m_max_iy)});
    const double wanted = std::ceil(max_m / m_cell) + 1;
    const long long rings = wanted < static_cast<double>(reach) ? static_cast<long long>(wanted) : reach;
    auto visit = [&](long long ix, long long iy) {
        auto it = m_cells.find(cell_key(ix, iy));
        if (it == m_cells.end()) return;
        for (const auto& [e, s] : it->second) {
            if (main_only && m_g.edge_component(e) != 0) continue;
            const Point2& a = m_g.edges[e].points[s];
            const Point2& b = m_g.edges[e].points[s + 1];
            const double dx = b.x - a.x, dy = b.y - a.y;
            const double len2 = dx * dx + dy * dy;
            const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
            const double d = std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
            // Ties go to the lower edge and segment, whatever the cell order.
            const bool better = !best.found ? d <= best.distance
                                            : d < best.distance ||
                                                  (d == best.distance && std::make_pair(e, s) < std::make_pair(best.edge, best.segment));
            if (better) best = {d, e, s, t, true};
        }
    };
    for (long long r = gap; r <= rings; ++r) {
        // Everything in ring r is at least (r - 1) cells away.
        if (best.found && static_cast<double>(r - 1) * m_cell > best.distance) break;
        if (r == 0) {
            visit(cx, cy);
            continue;
        }
        // The ring's perimeter only, clipped to the cells holding roads.
        const long long x_lo = std::max(cx - r, m_min_ix), x_hi = std::min(cx + r, m_max_ix);
        const long long y_lo = std::max(cy - r + 1, m_min_iy), y_hi = std::min(cy + r - 1, m_max_iy);
        for (long long ix = x_lo; ix <= x_hi; ++ix) {
            if (cy - r >= m_min_iy) visit(ix, cy - r);
            if (cy + r <= m_max_iy) visit(ix, cy + r);
        }
        for (long long iy = y_lo; iy <= y_hi; ++iy) {
            if (cx - r >= m_min_ix) visit(cx - r, iy);
            if (cx + r <= m_max_ix) visit(cx + r, iy);
        }
    }
    return best;
}

Access EdgeSnapper::access(const Point2& p, const SnapOptions& options) const {
    Hit hit = nearest(p, options.max_distance_m, true);
    if (!hit.found) hit = nearest(p, options.max_distance_m, false);
    Access a;
    if (!hit.found) return a;
    const RoadEdge& e = m_g.edges[hit.edge];
    const Point2& s0 = e.points[hit.segment];
    const Point2& s1 = e.points[hit.segment + 1];
    a.reachable = true;
    a.edge = hit.edge;
    a.along_s = e.cum_time_s[hit.segment] + hit.fraction * (e.cum_time_s[hit.segment + 1] - e.cum_time_s[hit.segment]);
    a.snap_distance_m = hit.distance;
    a.leg_s = hit.distance / (options.access_kmh / 3.6);
    a.on_road = {s0.x + hit.fraction * (s1.x - s0.x), s0.y + hit.fraction * (s1.y - s0.y)};
    return a;
}

}  // namespace coverplan::geo
