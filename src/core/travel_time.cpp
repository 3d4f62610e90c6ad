#include "core/travel_time.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace coverplan {

void add_seeds(const RoadGraph& g, const Access& from, std::uint32_t label, std::vector<Seed>& seeds) {
    if (!from.reachable) return;
    const RoadEdge& e = g.edges[from.edge];
    if (e.backward) seeds.push_back({e.from, from.leg_s + from.along_s, label});
    if (e.forward) seeds.push_back({e.to, from.leg_s + (e.time_s() - from.along_s), label});
}

double same_edge_time(const RoadGraph& g, const Access& from, const Access& to) {
    if (!from.reachable || !to.reachable || from.edge != to.edge) return k_unreached;
    const RoadEdge& e = g.edges[from.edge];
    double best = k_unreached;
    if (to.along_s >= from.along_s && e.forward) best = to.along_s - from.along_s;
    if (to.along_s <= from.along_s && e.backward) best = std::min(best, from.along_s - to.along_s);
    return best + from.leg_s + to.leg_s;
}

Dijkstra::Dijkstra(const RoadGraph& g) : Dijkstra(g, g.arcs) {}

Dijkstra::Dijkstra(const RoadGraph& g, const ArcTable& arcs)
    : m_g(g), m_arcs(arcs), m_time(g.node_count(), k_unreached), m_label(g.node_count(), k_no_label), m_slot(g.node_count(), k_not_queued),
      m_wanted(g.node_count(), 0) {
    if (arcs.node_count() != g.node_count())
        throw Error(ExitCode::internal, {"road graph: the arc table has " + std::to_string(arcs.node_count()) + " nodes, the graph " +
                                             std::to_string(g.node_count()) + " (a bug)",
                                         "路网：弧表与节点数不一致（程序错误）"});
}

void Dijkstra::sift_up(std::size_t i, Entry e) {
    while (i > 0) {
        const std::size_t parent = (i - 1) / 4;
        if (!earlier(e, m_heap[parent])) break;
        m_heap[i] = m_heap[parent];
        m_slot[m_heap[i].node] = static_cast<std::uint32_t>(i);
        i = parent;
    }
    m_heap[i] = e;
    m_slot[e.node] = static_cast<std::uint32_t>(i);
}

void Dijkstra::sift_down(std::size_t i, Entry e) {
    const std::size_t n = m_heap.size();
    for (;;) {
        const std::size_t first = 4 * i + 1;
        if (first >= n) break;
        std::size_t best = first;
        const std::size_t last = std::min(first + 4, n);
        for (std::size_t c = first + 1; c < last; ++c)
            if (earlier(m_heap[c], m_heap[best])) best = c;
        if (!earlier(m_heap[best], e)) break;
        m_heap[i] = m_heap[best];
        m_slot[m_heap[i].node] = static_cast<std::uint32_t>(i);
        i = best;
    }
    m_heap[i] = e;
    m_slot[e.node] = static_cast<std::uint32_t>(i);
}

void Dijkstra::relax(std::uint32_t v, double t, std::uint32_t label) {
    // Equal times keep the smaller label, so that ties between sources are decided the same
    // way on every run. A node settled at an equal time is queued again to pass the label on.
    if (t < m_time[v] || (t == m_time[v] && label < m_label[v])) {
        if (m_time[v] == k_unreached) m_touched.push_back(v);
        m_time[v] = t;
        m_label[v] = label;
        const Entry e{key_of(t), v};
        if (m_slot[v] == k_not_queued) {
            m_heap.push_back(e);
            sift_up(m_heap.size() - 1, e);
        } else {
            sift_up(m_slot[v], e);
        }
    }
}

void Dijkstra::run(const std::vector<Seed>& seeds, double limit_s, const std::vector<Access>* stop_after) {
    for (std::uint32_t v : m_touched) {
        m_time[v] = k_unreached;
        m_label[v] = k_no_label;
        m_slot[v] = k_not_queued;
    }
    m_touched.clear();
    m_heap.clear();
    m_limit = limit_s;
    m_settled_up_to = limit_s;
    m_settled = 0;
    for (std::uint32_t v : m_wanted_list) m_wanted[v] = 0;
    m_wanted_list.clear();
    std::size_t waiting = 0;
    if (stop_after) {
        for (const Access& a : *stop_after) {
            if (!a.reachable) continue;
            for (std::uint32_t v : {m_g.edges[a.edge].from, m_g.edges[a.edge].to}) {
                if (m_wanted[v]) continue;
                m_wanted[v] = 1;
                m_wanted_list.push_back(v);
                ++waiting;
            }
        }
    }
    const bool early_stop = stop_after != nullptr;
    if (early_stop && waiting == 0) {  // nothing to wait for: no node needs settling
        m_settled_up_to = -k_unreached;
        return;
    }
    for (const Seed& s : seeds) relax(s.node, s.time_s, s.label);
    const std::uint32_t* first_out = m_arcs.first_out.data();
    const std::uint32_t* head = m_arcs.head.data();
    const double* arc_time = m_arcs.time_s.data();
    std::uint64_t limit_key = key_of(limit_s);
    double limit = limit_s;
    while (!m_heap.empty()) {
        const Entry top = m_heap.front();
        const double time = m_time[top.node];
        if (top.key > limit_key || time > limit) break;
        m_slot[top.node] = k_not_queued;
        const Entry last = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty()) sift_down(0, last);
        ++m_settled;
        // A node can be settled twice at an equal time (a tie relabelled it): count it once.
        if (early_stop && m_wanted[top.node] == 1 && (m_wanted[top.node] = 2, --waiting == 0)) {
            // Every wanted node is final. The nodes at this very time still settle (a zero-time
            // arc may yet bring one a smaller label); nothing later does.
            m_settled_up_to = time;
            limit_key = top.key;
            limit = time;
        }
        const std::uint32_t label = m_label[top.node];
        for (std::uint32_t a = first_out[top.node], end = first_out[top.node + 1]; a < end; ++a) relax(head[a], time + arc_time[a], label);
    }
}

Dijkstra::Arrival Dijkstra::arrive(const Access& to) const {
    Arrival best;
    if (!to.reachable) return best;
    const RoadEdge& e = m_g.edges[to.edge];
    auto consider = [&](std::uint32_t node, double along) {
        const double t = node_time(node);
        if (t == k_unreached) return;
        const double arrival = t + along + to.leg_s;
        const std::uint32_t label = node_label(node);
        if (arrival < best.time_s || (arrival == best.time_s && label < best.label)) best = {arrival, label};
    };
    if (e.forward) consider(e.from, to.along_s);
    if (e.backward) consider(e.to, e.time_s() - to.along_s);
    if (best.time_s > m_limit) best = {};
    return best;
}

}  // namespace coverplan

namespace coverplan {

namespace {

// The points of edge `e` between times t0 and t1 from its `from` node (t0 > t1: walked backwards),
// appended to `out` without repeating its last point; adds the length covered.
void append_piece(const RoadEdge& e, double t0, double t1, LineString& out, double& length_m) {
    auto at = [&e](double t, double& len) {
        const auto& ct = e.cum_time_s;
        std::size_t i = static_cast<std::size_t>(std::upper_bound(ct.begin(), ct.end(), t) - ct.begin());
        i = std::clamp<std::size_t>(i, 1, ct.size() - 1);
        const double span = ct[i] - ct[i - 1];
        const double f = span > 0 ? std::clamp((t - ct[i - 1]) / span, 0.0, 1.0) : 0.0;
        len = e.cum_length_m[i - 1] + f * (e.cum_length_m[i] - e.cum_length_m[i - 1]);
        const Point2& a = e.points[i - 1];
        const Point2& b = e.points[i];
        return std::pair<Point2, std::size_t>{{a.x + f * (b.x - a.x), a.y + f * (b.y - a.y)}, i};
    };
    double l0 = 0, l1 = 0;
    const auto [p0, i0] = at(t0, l0);
    const auto [p1, i1] = at(t1, l1);
    length_m += std::abs(l1 - l0);
    auto push = [&out](const Point2& p) {
        if (out.empty() || !(out.back() == p)) out.push_back(p);
    };
    push(p0);
    if (t1 >= t0) {
        for (std::size_t k = i0; k < i1; ++k) push(e.points[k]);
    } else {
        for (std::size_t k = i0; k-- > i1;) push(e.points[k]);
    }
    push(p1);
}

}  // namespace

PathTracer::PathTracer(const RoadGraph& g) : m_g(g), m_search(g), m_first(g.node_count() + 1, 0) {
    for (const RoadEdge& e : g.edges) {
        ++m_first[e.from + 1];
        if (e.to != e.from) ++m_first[e.to + 1];
    }
    for (std::size_t v = 0; v < g.node_count(); ++v) m_first[v + 1] += m_first[v];
    m_incident.resize(m_first.back());
    std::vector<std::uint32_t> fill(m_first.begin(), m_first.end() - 1);
    for (std::uint32_t i = 0; i < g.edges.size(); ++i) {
        m_incident[fill[g.edges[i].from]++] = i;
        if (g.edges[i].to != g.edges[i].from) m_incident[fill[g.edges[i].to]++] = i;
    }
}

PathTracer::Trip PathTracer::trace(const Access& from, const Access& to, double limit_s) {
    Trip trip;
    if (!from.reachable || !to.reachable) return trip;
    const RoadEdge& se = m_g.edges[from.edge];
    const RoadEdge& te = m_g.edges[to.edge];
    const double direct = same_edge_time(m_g, from, to);
    std::vector<Seed> seeds;
    add_seeds(m_g, from, 0, seeds);
    const std::vector<Access> target{to};
    m_search.run(seeds, limit_s, &target);
    const Dijkstra::Arrival via = m_search.arrive(to);
    if (direct <= via.time_s && direct <= limit_s) {
        trip.time_s = direct;
        append_piece(se, from.along_s, to.along_s, trip.line, trip.length_m);
        trip.edges.push_back(from.edge);
        return trip;
    }
    if (via.time_s > limit_s) return trip;
    trip.time_s = via.time_s;
    // The end node through which the target is reached, and the piece of its edge after it.
    std::uint32_t node = te.from;
    bool from_end = true;  // entering the target's edge at its `from` node
    const double t_from = te.forward ? m_search.node_time(te.from) + to.along_s : k_unreached;
    const double t_to = te.backward ? m_search.node_time(te.to) + (te.time_s() - to.along_s) : k_unreached;
    if (t_to < t_from) {
        node = te.to;
        from_end = false;
    }
    // Walk back from `node` to a seed node through edges whose times add up.
    std::vector<std::pair<std::uint32_t, bool>> back;  // edge, walked from its `from` to its `to`
    const double tol = 1e-9;
    std::size_t guard = 0;
    auto is_seed_end = [&](std::uint32_t v) {
        for (const Seed& s : seeds)
            if (s.node == v && std::abs(s.time_s - m_search.node_time(v)) <= tol * std::max(1.0, s.time_s)) return true;
        return false;
    };
    while (!is_seed_end(node)) {
        if (++guard > m_g.node_count())
            throw Error(ExitCode::internal, {"path tracing did not reach its source (a bug)", "路径回溯未到达起点（程序错误）"});
        const double t = m_search.node_time(node);
        bool found = false;
        for (std::uint32_t k = m_first[node]; k < m_first[node + 1] && !found; ++k) {
            const RoadEdge& e = m_g.edges[m_incident[k]];
            // Into `node` along e: from e.from forward (node == e.to), or from e.to backward.
            for (const bool forward : {true, false}) {
                if (forward ? !(e.forward && e.to == node) : !(e.backward && e.from == node)) continue;
                const std::uint32_t prev = forward ? e.from : e.to;
                const double tp = m_search.node_time(prev);
                if (tp == k_unreached || tp > t || prev == node) continue;
                if (std::abs(tp + e.time_s() - t) > tol * std::max(1.0, t)) continue;
                back.push_back({m_incident[k], forward});
                node = prev;
                found = true;
                break;
            }
        }
        if (!found) throw Error(ExitCode::internal, {"path tracing found no edge into a settled node (a bug)", "路径回溯失败（程序错误）"});
    }
    // The source's piece to `node`, the edges in order, the target's piece.
    append_piece(se, from.along_s, node == se.from ? 0.0 : se.time_s(), trip.line, trip.length_m);
    trip.edges.push_back(from.edge);
    for (auto it = back.rbegin(); it != back.rend(); ++it) {
        const RoadEdge& e = m_g.edges[it->first];
        append_piece(e, it->second ? 0.0 : e.time_s(), it->second ? e.time_s() : 0.0, trip.line, trip.length_m);
        trip.edges.push_back(it->first);
    }
    append_piece(te, from_end ? 0.0 : te.time_s(), to.along_s, trip.line, trip.length_m);
    trip.edges.push_back(to.edge);
    return trip;
}

}  // namespace coverplan
