#include "core/travel_time.hpp"

#include <algorithm>
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

Dijkstra::Dijkstra(const RoadGraph& g)
    : m_g(g), m_time(g.node_count(), k_unreached), m_label(g.node_count(), k_no_label), m_slot(g.node_count(), k_not_queued),
      m_wanted(g.node_count(), 0) {
    if (g.arcs.node_count() != g.node_count())
        throw Error(ExitCode::internal, {"road graph: the arc table has " + std::to_string(g.arcs.node_count()) + " nodes, the graph " +
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
    const std::uint32_t* first_out = m_g.arcs.first_out.data();
    const std::uint32_t* head = m_g.arcs.head.data();
    const double* arc_time = m_g.arcs.time_s.data();
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
