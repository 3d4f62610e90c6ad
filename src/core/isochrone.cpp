#include "core/isochrone.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>

#include "core/error.hpp"
#include "core/text.hpp"

namespace coverplan {

namespace {

constexpr float k_inf = std::numeric_limits<float>::infinity();

struct Sample {
    Point2 p;
    double t;
};

// Points along every reached edge, at most half a cell apart, with their arrival times.
std::vector<Sample> sample_reached_road(const RoadGraph& g, const Dijkstra& d, const std::vector<Access>& sources,
                                        const ReachGridOptions& o) {
    std::vector<Sample> out;
    std::vector<const Access*> on_edge;
    auto visit = [&](std::uint32_t e_id) {
        const RoadEdge& e = g.edges[e_id];
        const double ta = e.forward ? d.node_time(e.from) : k_unreached;
        const double tb = e.backward ? d.node_time(e.to) : k_unreached;
        on_edge.clear();
        for (const Access& s : sources)
            if (s.reachable && s.edge == e_id) on_edge.push_back(&s);
        if (std::min(ta, tb) > o.max_s && on_edge.empty()) return;
        auto time_at = [&](double cum) {
            double t = std::min(ta + cum, tb + (e.time_s() - cum));
            for (const Access* s : on_edge) {
                if (cum >= s->along_s && e.forward) t = std::min(t, s->leg_s + cum - s->along_s);
                if (cum <= s->along_s && e.backward) t = std::min(t, s->leg_s + s->along_s - cum);
            }
            return t;
        };
        const double step = o.cell_m / 2;
        for (std::size_t k = 0; k + 1 < e.points.size(); ++k) {
            const double len = e.cum_length_m[k + 1] - e.cum_length_m[k];
            const int n = std::max(1, static_cast<int>(std::ceil(len / step)));
            for (int i = 0; i < n; ++i) {
                const double f = static_cast<double>(i) / n;
                const double cum = e.cum_time_s[k] + f * (e.cum_time_s[k + 1] - e.cum_time_s[k]);
                const double t = time_at(cum);
                if (t > o.max_s) continue;
                const Point2 p{e.points[k].x + f * (e.points[k + 1].x - e.points[k].x), e.points[k].y + f * (e.points[k + 1].y - e.points[k].y)};
                out.push_back({p, t});
            }
        }
        const double t_end = time_at(e.time_s());
        if (t_end <= o.max_s) out.push_back({e.points.back(), t_end});
    };
    for (std::uint32_t e = 0; e < g.edges.size(); ++e) visit(e);
    return out;
}

}  // namespace

TimeGrid reach_grid(const RoadGraph& g, const Dijkstra& d, const std::vector<Access>& sources, const ReachGridOptions& o) {
    TimeGrid grid;
    grid.cell_m = o.cell_m;
    const std::vector<Sample> samples = sample_reached_road(g, d, sources, o);
    if (samples.empty()) return grid;
    Box box;
    for (const Sample& s : samples) box.expand(s.p);
    const double margin = o.walk_cap_m + o.cell_m;
    grid.x0 = std::floor((box.min_x - margin) / o.cell_m) * o.cell_m;
    grid.y0 = std::floor((box.min_y - margin) / o.cell_m) * o.cell_m;
    const double width = std::ceil((box.max_x + margin - grid.x0) / o.cell_m);
    const double height = std::ceil((box.max_y + margin - grid.y0) / o.cell_m);
    // Two floats a cell (arrival, metres walked), for each grid built at the same time.
    const double cells = width * height;
    o.memory.require(cells * 2 * sizeof(float) * std::max(1, o.concurrent),
                     {"a raster of arrival times of " + format_decimal(width, 0) + " × " + format_decimal(height, 0) + " cells",
                      "到达时间栅格（" + format_decimal(width, 0) + " × " + format_decimal(height, 0) + " 格）"},
                     {"raise [travel] polygon_cell_m (now " + format_decimal(o.cell_m, 1) + " m) or lower max_snap_m (now " +
                          format_decimal(o.walk_cap_m, 0) + " m), or skip the polygons (coverage --no-polygons)",
                      "请增大 [travel] polygon_cell_m（当前 " + format_decimal(o.cell_m, 1) + " 米）或减小 max_snap_m（当前 " +
                          format_decimal(o.walk_cap_m, 0) + " 米），或不生成等时面（coverage --no-polygons）"});
    if (!(width < 2e9 && height < 2e9))
        throw UsageError({"a raster of " + format_decimal(width, 0) + " × " + format_decimal(height, 0) + " cells is too wide; raise polygon_cell_m",
                          "栅格 " + format_decimal(width, 0) + " × " + format_decimal(height, 0) + " 格过宽；请增大 polygon_cell_m"});
    grid.width = static_cast<int>(width);
    grid.height = static_cast<int>(height);
    const std::size_t n = static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height);
    grid.time_s.assign(n, k_inf);
    std::vector<float> walked(n, 0);
    // Seed each cell with its best sample, counting the walk from the sample to the cell centre.
    for (const Sample& s : samples) {
        const int i = static_cast<int>((s.p.x - grid.x0) / o.cell_m);
        const int j = static_cast<int>((s.p.y - grid.y0) / o.cell_m);
        const std::size_t c = static_cast<std::size_t>(j) * static_cast<std::size_t>(grid.width) + static_cast<std::size_t>(i);
        const double dx = grid.x0 + (i + 0.5) * o.cell_m - s.p.x, dy = grid.y0 + (j + 0.5) * o.cell_m - s.p.y;
        const double w = std::hypot(dx, dy);
        const auto t = static_cast<float>(s.t + w / o.walk_ms);
        if (t < grid.time_s[c]) {
            grid.time_s[c] = t;
            walked[c] = static_cast<float>(w);
        }
    }
    // Walk off the road: a two-pass chamfer propagation, never farther than the cap.
    const auto straight = static_cast<float>(o.cell_m), diagonal = static_cast<float>(o.cell_m * std::sqrt(2.0));
    const auto speed = static_cast<float>(o.walk_ms);
    const auto cap = static_cast<float>(o.walk_cap_m);
    auto relax = [&](std::size_t to, std::size_t from, float metres) {
        const float t = grid.time_s[from] + metres / speed;
        if (t < grid.time_s[to] && walked[from] + metres <= cap) {
            grid.time_s[to] = t;
            walked[to] = walked[from] + metres;
        }
    };
    const int W = grid.width, H = grid.height;
    auto idx = [W](int i, int j) { return static_cast<std::size_t>(j) * static_cast<std::size_t>(W) + static_cast<std::size_t>(i); };
    for (int j = 0; j < H; ++j)
        for (int i = 0; i < W; ++i) {
            const std::size_t c = idx(i, j);
            if (i > 0) relax(c, idx(i - 1, j), straight);
            if (j > 0) relax(c, idx(i, j - 1), straight);
            if (i > 0 && j > 0) relax(c, idx(i - 1, j - 1), diagonal);
            if (i + 1 < W && j > 0) relax(c, idx(i + 1, j - 1), diagonal);
        }
    for (int j = H - 1; j >= 0; --j)
        for (int i = W - 1; i >= 0; --i) {
            const std::size_t c = idx(i, j);
            if (i + 1 < W) relax(c, idx(i + 1, j), straight);
            if (j + 1 < H) relax(c, idx(i, j + 1), straight);
            if (i + 1 < W && j + 1 < H) relax(c, idx(i + 1, j + 1), diagonal);
            if (i > 0 && j + 1 < H) relax(c, idx(i - 1, j + 1), diagonal);
        }
    return grid;
}

TimeGrid window(const TimeGrid& grid, const Box& box, int margin) {
    TimeGrid out;
    out.cell_m = grid.cell_m;
    out.x0 = grid.x0;
    out.y0 = grid.y0;
    if (box.empty() || grid.width <= 0 || grid.height <= 0) return out;
    auto cell = [&](double v, double origin, int n) {
        const double c = std::floor((v - origin) / grid.cell_m);
        // Far outside stays outside once the margin is added; the int conversion stays defined.
        return static_cast<int>(std::clamp(c, -1.0 - margin, static_cast<double>(n + margin)));
    };
    const int i0 = std::max(0, cell(box.min_x, grid.x0, grid.width) - margin);
    const int j0 = std::max(0, cell(box.min_y, grid.y0, grid.height) - margin);
    const int i1 = std::min(grid.width - 1, cell(box.max_x, grid.x0, grid.width) + margin);
    const int j1 = std::min(grid.height - 1, cell(box.max_y, grid.y0, grid.height) + margin);
    if (i0 > i1 || j0 > j1) return out;
    out.x0 = grid.x0 + i0 * grid.cell_m;
    out.y0 = grid.y0 + j0 * grid.cell_m;
    out.width = i1 - i0 + 1;
    out.height = j1 - j0 + 1;
    out.time_s.reserve(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    for (int j = j0; j <= j1; ++j)
        for (int i = i0; i <= i1; ++i) out.time_s.push_back(grid.at(i, j));
    return out;
}

MultiPolygon band_polygons(const TimeGrid& grid, double max_s) {
    const int W = grid.width, H = grid.height;
    auto in = [&](int i, int j) { return i >= 0 && j >= 0 && i < W && j < H && grid.at(i, j) <= max_s; };
    // Directed boundary edges between grid corners, the band's cells on their left. A corner
    // starts at most two of them (two when cells touch only at that corner).
    struct Corner {
        int x, y;
        bool operator==(const Corner& o) const { return x == o.x && y == o.y; }
    };
    const std::size_t stride = static_cast<std::size_t>(W) + 1;
    auto key = [stride](Corner c) { return static_cast<std::size_t>(c.y) * stride + static_cast<std::size_t>(c.x); };
    std::vector<std::array<Corner, 2>> out_of((stride) * (static_cast<std::size_t>(H) + 1));
    std::vector<std::uint8_t> out_count(out_of.size(), 0);
    std::vector<std::size_t> starts;
    auto add = [&](Corner a, Corner b) {
        const std::size_t k = key(a);
        if (out_count[k] == 0) starts.push_back(k);
        out_of[k][out_count[k]++] = b;
    };
    for (int j = 0; j < H; ++j)
        for (int i = 0; i < W; ++i) {
            if (!in(i, j)) continue;
            if (!in(i, j - 1)) add({i, j}, {i + 1, j});          // bottom, eastwards
            if (!in(i + 1, j)) add({i + 1, j}, {i + 1, j + 1});  // right, northwards
            if (!in(i, j + 1)) add({i + 1, j + 1}, {i, j + 1});  // top, westwards
            if (!in(i - 1, j)) add({i, j + 1}, {i, j});          // left, southwards
        }
    auto take = [&](Corner at, Corner prev) {
        const std::size_t k = key(at);
        int pick = 0;
        if (out_count[k] == 2) {
            // Where two cells touch only at this corner, turn left: they stay separate parts.
            const int dx = at.x - prev.x, dy = at.y - prev.y;
            const int ex = out_of[k][1].x - at.x, ey = out_of[k][1].y - at.y;
            if (dx * ey - dy * ex > 0) pick = 1;
        }
        const Corner next = out_of[k][pick];
        out_of[k][pick] = out_of[k][out_count[k] - 1];
        --out_count[k];
        return next;
    };
    std::vector<Ring> shells, holes;
    std::vector<Point2> hole_probe;  // a point inside each hole
    for (std::size_t s0 : starts) {
        while (out_count[s0] > 0) {
            const Corner start{static_cast<int>(s0 % stride), static_cast<int>(s0 / stride)};
            Corner prev = start;
            Corner cur = out_of[s0][out_count[s0] - 1];
            --out_count[s0];
            std::vector<Corner> traced{start};
            while (!(cur == start)) {
                traced.push_back(cur);
                const Corner nxt = take(cur, prev);
                prev = cur;
                cur = nxt;
            }
            // A ring that passes a corner twice touches itself (two parts of a hole meeting at a
            // corner): split it there into simple loops, each valid on its own.
            std::vector<std::vector<Corner>> loops;
            std::vector<Corner> stack;
            std::unordered_map<std::size_t, std::size_t> at;
            for (const Corner& c : traced) {
                auto it = at.find(key(c));
                if (it == at.end()) {
                    at.emplace(key(c), stack.size());
                    stack.push_back(c);
                    continue;
                }
                std::vector<Corner> loop(stack.begin() + static_cast<long>(it->second), stack.end());
                for (std::size_t k = it->second + 1; k < stack.size(); ++k) at.erase(key(stack[k]));
                stack.resize(it->second + 1);
                loops.push_back(std::move(loop));
            }
            loops.push_back(std::move(stack));
            for (const std::vector<Corner>& ring : loops) {
                // Drop corners where the boundary goes straight on, then close the ring.
                Ring r;
                const std::size_t n = ring.size();
                for (std::size_t k = 0; k < n; ++k) {
                    const Corner& a = ring[(k + n - 1) % n];
                    const Corner& b = ring[k];
                    const Corner& c = ring[(k + 1) % n];
                    if ((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) == 0) continue;
                    r.push_back({grid.x0 + b.x * grid.cell_m, grid.y0 + b.y * grid.cell_m});
                }
                r.push_back(r.front());
                double twice_area = 0;
                for (std::size_t k = 1; k < r.size(); ++k) twice_area += r[k - 1].x * r[k].y - r[k].x * r[k - 1].y;
                if (twice_area > 0) {
                    shells.push_back(std::move(r));
                } else {
                    // The first boundary edge has the band on its left: the cell on its right is in the hole.
                    const double mx = (ring[0].x + ring[1].x) / 2.0, my = (ring[0].y + ring[1].y) / 2.0;
                    const double rx = static_cast<double>(ring[1].y - ring[0].y) / 2.0, ry = -static_cast<double>(ring[1].x - ring[0].x) / 2.0;
                    hole_probe.push_back({grid.x0 + (mx + rx) * grid.cell_m, grid.y0 + (my + ry) * grid.cell_m});
                    holes.push_back(std::move(r));
                }
            }
        }
    }
    MultiPolygon out;
    for (auto& s : shells) out.push_back(Polygon{std::move(s), {}});
    // Each hole belongs to the smallest shell around it.
    for (std::size_t h = 0; h < holes.size(); ++h) {
        std::size_t best = out.size();
        double best_area = std::numeric_limits<double>::infinity();
        for (std::size_t s = 0; s < out.size(); ++s) {
            const MultiPolygon one{Polygon{out[s].outer, {}}};
            if (!contains(one, hole_probe[h])) continue;
            const double a = area(one);
            if (a < best_area) {
                best_area = a;
                best = s;
            }
        }
        if (best < out.size()) out[best].holes.push_back(std::move(holes[h]));
    }
    return out;
}

}  // namespace coverplan
