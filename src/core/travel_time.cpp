#include "core/travel_time.hpp"

#include <algorithm>

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
    : m_g(g), m_time(g.node_count(), k_unreached), m_label(g.node_count(), k_no_label), m_wanted(g.node_count(), 0) {}

void Dijkstra::relax(std::uint32_t v, double t, std::uint32_t label) {
    // Equal times keep the smaller label, so that ties between sources are decided the same
    // way on every run.
    if (t < m_time[v] || (t == m_time[v] && label < m_label[v])) {
        if (m_time[v] == k_unreached) m_touched.push_back(v);
        m_time[v] = t;
        m_label[v] = label;
        m_heap.push_back({t, v});
        std::push_heap(m_heap.begin(), m_heap.end(), later);
    }
}

void Dijkstra::run(const std::vector<Seed>& seeds, double limit_s, const std::vector<Access>* stop_after) {
    for (std::uint32_t v : m_touched) {
        m_time[v] = k_unreached;
        m_label[v] = k_no_label;
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
    while (!m_heap.empty()) {
        std::pop_heap(m_heap.begin(), m_heap.end(), later);
        const Entry top = m_heap.back();
        m_heap.pop_back();
        if (top.time > m_time[top.node]) continue;  // a stale entry
        if (top.time > limit_s) break;
        ++m_settled;
        // A node can come off the heap twice at an equal time (a tie relabelled it): count it once.
        if (early_stop && m_wanted[top.node] == 1 && (m_wanted[top.node] = 2, --waiting == 0)) {
            // Every wanted node is final; nothing else is, beyond this time.
            m_settled_up_to = top.time;
            m_heap.clear();
            break;
        }
        const std::uint32_t label = m_label[top.node];
        auto [arc, end] = boost::out_edges(top.node, m_g.graph);
        for (; arc != end; ++arc) relax(boost::target(*arc, m_g.graph), top.time + m_g.graph[*arc].time_s, label);
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
