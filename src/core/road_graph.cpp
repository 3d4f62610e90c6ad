#include "core/road_graph.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>
#include <unordered_map>

#include "core/error.hpp"

namespace coverplan {

ArcTable make_arcs(std::uint32_t n, const std::vector<Arc>& arcs) {
    ArcTable t;
    t.first_out.assign(static_cast<std::size_t>(n) + 1, 0);
    for (const Arc& a : arcs) {
        if (a.from >= n || a.to >= n || !(a.time_s >= 0) || !std::isfinite(a.time_s))
            throw Error(ExitCode::internal, {"road graph: an arc " + std::to_string(a.from) + " → " + std::to_string(a.to) + " outside the " +
                                                 std::to_string(n) + " nodes or with a time that is not finite ≥ 0 (a bug)",
                                             "路网：弧 " + std::to_string(a.from) + " → " + std::to_string(a.to) + " 超出节点范围或时间无效（程序错误）"});
        ++t.first_out[a.from + 1];
    }
    for (std::uint32_t v = 0; v < n; ++v) t.first_out[v + 1] += t.first_out[v];
    t.head.resize(arcs.size());
    t.time_s.resize(arcs.size());
    std::vector<std::uint32_t> next(t.first_out.begin(), t.first_out.end() - 1);
    for (const Arc& a : arcs) {
        const std::uint32_t at = next[a.from]++;
        t.head[at] = a.to;
        t.time_s[at] = a.time_s;
    }
    assert(t.first_out.front() == 0 && t.first_out.back() == t.head.size());
    assert(std::is_sorted(t.first_out.begin(), t.first_out.end()));
    return t;
}

namespace {

struct XyHash {
    std::size_t operator()(const Point2& p) const {
        std::uint64_t a, b;
        std::memcpy(&a, &p.x, sizeof a);
        std::memcpy(&b, &p.y, sizeof b);
        return std::hash<std::uint64_t>()(a * 0x9E3779B97F4A7C15ull ^ b);
    }
};

// A stretch of one input line between two node vertices.
struct Piece {
    std::uint32_t a = 0, b = 0;  // vertex ids at the ends
    bool forward = true, backward = true;
    LineString points;
    std::vector<double> speed_ms;  // per segment
};

struct Incidence {
    std::uint32_t piece;
    bool at_end;  // true: the vertex is the piece's end (b)
};

class Builder {
public:
    Builder(const std::vector<Road>& roads, const SpeedProfile& profile) : m_roads(roads), m_profile(profile) {}

    RoadGraph run() {
        m_g.stats.lines = m_roads.size();
        find_vertices();
        split_into_pieces();
        contract();
        build_csr();
        components();
        return std::move(m_g);
    }

private:
    std::uint32_t vertex(const Point2& p) {
        auto [it, fresh] = m_vertex_of.emplace(p, static_cast<std::uint32_t>(m_uses.size()));
        if (fresh) {
            m_uses.push_back(0);
            m_vertex_xy.push_back(p);
        }
        return it->second;
    }

    double speed_ms(const Road& r) const { return m_profile.road_speed_kmh(r.road_class, r.speed_kmh) / 3.6; }

    // A vertex is a node when a line ends there or when it is used twice or more.
    void find_vertices() {
        m_usable.assign(m_roads.size(), false);
        m_clean.resize(m_roads.size());
        for (std::size_t i = 0; i < m_roads.size(); ++i) {
            const Road& r = m_roads[i];
            LineString& line = m_clean[i];
            for (const Point2& p : r.line) {
                if (!line.empty() && line.back() == p) {
                    ++m_g.stats.zero_length_segments;
                    continue;
                }
                line.push_back(p);
            }
            if (line.size() < 2 || !(speed_ms(r) > 0)) {
                ++m_g.stats.unusable_lines;
                line.clear();
                continue;
            }
            if (!m_profile.class_speed_kmh(r.road_class)) ++m_g.stats.unknown_class_lines;
            m_usable[i] = true;
            for (std::size_t k = 0; k < line.size(); ++k) {
                const std::uint32_t v = vertex(line[k]);
                m_uses[v] += (k == 0 || k + 1 == line.size()) ? 2 : 1;
            }
        }
    }

    void split_into_pieces() {
        for (std::size_t i = 0; i < m_roads.size(); ++i) {
            if (!m_usable[i]) continue;
            const Road& r = m_roads[i];
            const double v = speed_ms(r);
            Piece cur;
            // One-way signs bind vehicles; people on foot walk either way.
            const int oneway = m_profile.mode() == Mode::walk ? 0 : r.oneway;
            cur.forward = oneway >= 0;
            cur.backward = oneway <= 0;
            for (const Point2& p : m_clean[i]) {
                const std::uint32_t vid = m_vertex_of.at(p);
                if (cur.points.empty()) {
                    cur.a = vid;
                } else {
                    cur.speed_ms.push_back(v);
                    ++m_g.stats.segments;
                }
                cur.points.push_back(p);
                if (cur.points.size() > 1 && m_uses[vid] >= 2) {
                    cur.b = vid;
                    m_pieces.push_back(cur);
                    cur.points = {p};
                    cur.speed_ms.clear();
                    cur.a = vid;
                }
            }
        }
        m_incident.resize(m_uses.size());
        for (std::uint32_t p = 0; p < m_pieces.size(); ++p) {
            m_incident[m_pieces[p].a].push_back({p, false});
            m_incident[m_pieces[p].b].push_back({p, true});
        }
    }

    // Direction flags of a piece when travelled away from the given end.
    static std::pair<bool, bool> away_from(const Piece& p, bool from_end) {
        return from_end ? std::make_pair(p.backward, p.forward) : std::make_pair(p.forward, p.backward);
    }

    bool contractible(std::uint32_t v) const {
        const auto& inc = m_incident[v];
        if (inc.size() != 2 || inc[0].piece == inc[1].piece) return false;
        // Arriving along the first piece and leaving along the second must allow the same directions.
        const auto arrive = away_from(m_pieces[inc[0].piece], inc[0].at_end);
        const auto leave = away_from(m_pieces[inc[1].piece], inc[1].at_end);
        return arrive.first == leave.second && arrive.second == leave.first;
    }

    std::uint32_t node(std::uint32_t vertex_id) {
        if (m_node_of[vertex_id] == k_none) {
            m_node_of[vertex_id] = static_cast<std::uint32_t>(m_g.node_xy.size());
            m_g.node_xy.push_back(m_vertex_xy[vertex_id]);
        }
        return m_node_of[vertex_id];
    }

    // Walks from vertex `start` along piece `first` through contractible vertices.
    void walk(std::uint32_t start, Incidence first) {
        RoadEdge e;
        e.from = node(start);
        Incidence cur = first;
        std::uint32_t at = start;
        bool first_piece = true;
        while (true) {
            const Piece& p = m_pieces[cur.piece];
            m_used[cur.piece] = true;
            const bool reversed = cur.at_end;  // the walk enters the piece at its end
            const auto flags = away_from(p, reversed);
            if (first_piece) {
                e.forward = flags.first;
                e.backward = flags.second;
                e.points.push_back(m_vertex_xy[at]);
                e.cum_length_m.push_back(0);
                e.cum_time_s.push_back(0);
                first_piece = false;
            }
            const std::size_t n = p.points.size();
            for (std::size_t k = 1; k < n; ++k) {
                const std::size_t idx = reversed ? n - 1 - k : k;
                const std::size_t seg = reversed ? n - 1 - k : k - 1;
                const Point2& q = p.points[idx];
                const double len = distance(e.points.back(), q);
                e.cum_length_m.push_back(e.cum_length_m.back() + len);
                e.cum_time_s.push_back(e.cum_time_s.back() + len / p.speed_ms[seg]);
                e.points.push_back(q);
            }
            at = reversed ? p.a : p.b;
            if (m_keep[at]) break;
            const auto& inc = m_incident[at];
            cur = inc[0].piece == cur.piece ? inc[1] : inc[0];
        }
        e.to = node(at);
        m_g.edges.push_back(std::move(e));
    }

    void contract() {
        const std::size_t nv = m_uses.size();
        m_keep.assign(nv, false);
        m_node_of.assign(nv, k_none);
        m_used.assign(m_pieces.size(), false);
        for (std::uint32_t v = 0; v < nv; ++v) m_keep[v] = !m_incident[v].empty() && !contractible(v);
        // Vertices in input order give a deterministic numbering of nodes and edges.
        for (std::uint32_t v = 0; v < nv; ++v) {
            if (!m_keep[v]) continue;
            for (const Incidence& inc : m_incident[v])
                if (!m_used[inc.piece]) walk(v, inc);
        }
        // Rings of contractible vertices only (a loop road): cut each at one vertex.
        for (std::uint32_t p = 0; p < m_pieces.size(); ++p) {
            if (m_used[p]) continue;
            const std::uint32_t v = m_pieces[p].a;
            m_keep[v] = true;
            walk(v, {p, false});
        }
    }

    void build_csr() {
        std::vector<Arc> arcs;
        for (const RoadEdge& e : m_g.edges) {
            if (e.forward) arcs.push_back({e.from, e.to, e.time_s()});
            if (e.backward) arcs.push_back({e.to, e.from, e.time_s()});
        }
        m_g.arcs = make_arcs(m_g.node_count(), arcs);
    }

    void components() {
        const std::uint32_t n = m_g.node_count();
        std::vector<std::uint32_t> parent(n);
        std::iota(parent.begin(), parent.end(), 0u);
        auto find = [&](std::uint32_t x) {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        };
        for (const RoadEdge& e : m_g.edges) {
            const std::uint32_t a = find(e.from), b = find(e.to);
            if (a != b) parent[std::max(a, b)] = std::min(a, b);
        }
        std::vector<std::size_t> size(n, 0);
        for (std::uint32_t v = 0; v < n; ++v) ++size[find(v)];
        std::vector<std::uint32_t> roots;
        for (std::uint32_t v = 0; v < n; ++v)
            if (find(v) == v) roots.push_back(v);
        std::stable_sort(roots.begin(), roots.end(), [&](std::uint32_t a, std::uint32_t b) { return size[a] > size[b]; });
        std::vector<std::uint32_t> id(n, 0);
        for (std::uint32_t i = 0; i < roots.size(); ++i) {
            id[roots[i]] = i;
            m_g.component_nodes.push_back(size[roots[i]]);
        }
        m_g.node_component.resize(n);
        for (std::uint32_t v = 0; v < n; ++v) m_g.node_component[v] = id[find(v)];
    }

    static constexpr std::uint32_t k_none = 0xFFFFFFFFu;
    const std::vector<Road>& m_roads;
    const SpeedProfile& m_profile;
    RoadGraph m_g;
    std::unordered_map<Point2, std::uint32_t, XyHash> m_vertex_of;
    std::vector<Point2> m_vertex_xy;
    std::vector<std::uint32_t> m_uses;
    std::vector<bool> m_usable;
    std::vector<LineString> m_clean;  // input lines without repeated consecutive points
    std::vector<Piece> m_pieces;
    std::vector<std::vector<Incidence>> m_incident;
    std::vector<bool> m_keep, m_used;
    std::vector<std::uint32_t> m_node_of;
};

}  // namespace

RoadGraph build_road_graph(const std::vector<Road>& roads, const SpeedProfile& profile) { return Builder(roads, profile).run(); }

}  // namespace coverplan
