#include "core/placement/capacitated.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

namespace coverplan::placement {

namespace {

// Successive shortest paths (Bellman–Ford queue) on a small residual network; enough for the
// few dozen villages and sites of one township.
class MinCostFlow {
public:
    explicit MinCostFlow(std::size_t nodes) : m_first(nodes, -1) {}

    int add_arc(std::size_t from, std::size_t to, int cap, double cost) {
        const int id = static_cast<int>(m_arcs.size());
        m_arcs.push_back({to, m_first[from], cap, cost});
        m_first[from] = id;
        m_arcs.push_back({from, m_first[to], 0, -cost});
        m_first[to] = id + 1;
        return id;
    }

    // One unit from s to t along a cheapest path; false when t is unreachable.
    bool augment(std::size_t s, std::size_t t) {
        const std::size_t n = m_first.size();
        std::vector<double> dist(n, k_no_service);
        std::vector<int> via(n, -1);
        std::vector<char> queued(n, 0);
        std::deque<std::size_t> queue{s};
        dist[s] = 0;
        while (!queue.empty()) {
            const std::size_t u = queue.front();
            queue.pop_front();
            queued[u] = 0;
            for (int a = m_first[u]; a >= 0; a = m_arcs[a].next) {
                const Arc& arc = m_arcs[a];
                if (arc.cap <= 0 || dist[u] + arc.cost >= dist[arc.to] - 1e-12) continue;
                dist[arc.to] = dist[u] + arc.cost;
                via[arc.to] = a;
                if (!queued[arc.to]) {
                    queued[arc.to] = 1;
                    queue.push_back(arc.to);
                }
            }
        }
        if (via[t] < 0) return false;
        for (std::size_t v = t; v != s; v = m_arcs[via[v] ^ 1].to) {
            --m_arcs[via[v]].cap;
            ++m_arcs[via[v] ^ 1].cap;
        }
        return true;
    }

    bool used(int arc) const { return m_arcs[arc].cap == 0; }

private:
    struct Arc {
        std::size_t to;
        int next;
        int cap;
        double cost;
    };
    std::vector<int> m_first;
    std::vector<Arc> m_arcs;
};

bool unit_sizes(const Problem& pr) {
    for (std::size_t i = 0; i < pr.demands; ++i)
        if (pr.s(i) != 1.0) return false;
    return true;
}

// Home demands first: a facility serves the demand it stands in.
bool assign_homes(const Problem& pr, const std::vector<std::uint32_t>& open, std::vector<std::int32_t>& assignment,
                  std::vector<double>& left) {
    for (std::size_t k = 0; k < open.size(); ++k) {
        const std::int32_t h = pr.home_of(open[k]);
        if (h < 0 || assignment[h] >= 0) continue;
        if (!std::isfinite(pr.c(h, open[k])) || left[k] < pr.s(h)) return false;
        assignment[h] = static_cast<std::int32_t>(open[k]);
        left[k] -= pr.s(h);
    }
    return true;
}

Evaluation exact_unit(const Problem& pr, const std::vector<std::uint32_t>& open, std::vector<std::int32_t> assignment,
                      const std::vector<double>& left) {
    const std::size_t n = pr.demands, f = open.size();
    const std::size_t source = n + f, sink = n + f + 1;
    MinCostFlow flow(n + f + 2);
    std::vector<std::vector<std::pair<int, std::size_t>>> arcs(n);  // arc id, open index
    std::size_t to_assign = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (assignment[i] >= 0) continue;
        ++to_assign;
        flow.add_arc(source, i, 1, 0);
        for (std::size_t k = 0; k < f; ++k)
            if (std::isfinite(pr.c(i, open[k]))) arcs[i].emplace_back(flow.add_arc(i, n + k, 1, pr.w(i) * pr.c(i, open[k])), k);
    }
    for (std::size_t k = 0; k < f; ++k) {
        const double cap = std::min(left[k], static_cast<double>(n));
        if (cap >= 1) flow.add_arc(n + k, sink, static_cast<int>(std::floor(cap + 1e-9)), 0);
    }
    Evaluation ev;
    for (std::size_t u = 0; u < to_assign; ++u)
        if (!flow.augment(source, sink)) return ev;
    for (std::size_t i = 0; i < n; ++i)
        for (const auto& [arc, k] : arcs[i])
            if (flow.used(arc)) assignment[i] = static_cast<std::int32_t>(open[k]);
    ev.assignment = std::move(assignment);
    return ev;
}

// Regret greedy: the demand that would lose most by not getting its best facility goes first.
bool regret_greedy(const Problem& pr, const std::vector<std::uint32_t>& open, std::vector<std::int32_t>& assignment,
                   std::vector<double>& left) {
    std::vector<std::size_t> pending;
    for (std::size_t i = 0; i < pr.demands; ++i)
        if (assignment[i] < 0) pending.push_back(i);
    while (!pending.empty()) {
        std::size_t pick = 0, pick_k = 0;
        double pick_regret = -1;
        for (std::size_t q = 0; q < pending.size(); ++q) {
            const std::size_t i = pending[q];
            double best = k_no_service, second = k_no_service;
            std::size_t best_k = open.size();
            for (std::size_t k = 0; k < open.size(); ++k) {
                const double c = pr.c(i, open[k]);
                if (!std::isfinite(c) || left[k] < pr.s(i)) continue;
                if (c < best) {
                    second = best;
                    best = c;
                    best_k = k;
                } else if (c < second) {
                    second = c;
                }
            }
            if (best_k == open.size()) return false;
            const double regret = std::isfinite(second) ? pr.w(i) * (second - best) : k_no_service;
            if (regret > pick_regret) {
                pick_regret = regret;
                pick = q;
                pick_k = best_k;
            }
        }
        const std::size_t i = pending[pick];
        assignment[i] = static_cast<std::int32_t>(open[pick_k]);
        left[pick_k] -= pr.s(i);
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    return true;
}

// Shift one demand, or swap two, while it lowers the cost within capacity.
void improve(const Problem& pr, const std::vector<std::uint32_t>& open, std::vector<std::int32_t>& assignment,
             std::vector<double>& left, const std::vector<char>& pinned) {
    std::vector<std::size_t> slot(pr.candidates, 0);
    for (std::size_t k = 0; k < open.size(); ++k) slot[open[k]] = k;
    auto cost = [&](std::size_t i, std::size_t k) { return pr.w(i) * pr.c(i, open[k]); };
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < pr.demands; ++i) {
            if (pinned[i]) continue;
            const std::size_t a = slot[assignment[i]];
            for (std::size_t k = 0; k < open.size(); ++k)
                if (k != a && left[k] >= pr.s(i) && cost(i, k) < cost(i, a) - 1e-9) {
                    left[a] += pr.s(i);
                    left[k] -= pr.s(i);
                    assignment[i] = static_cast<std::int32_t>(open[k]);
                    changed = true;
                    break;
                }
        }
        for (std::size_t i = 0; i < pr.demands; ++i)
            for (std::size_t h = i + 1; h < pr.demands; ++h) {
                if (pinned[i] || pinned[h]) continue;
                const std::size_t a = slot[assignment[i]], b = slot[assignment[h]];
                if (a == b) continue;
                const double delta = cost(i, b) + cost(h, a) - cost(i, a) - cost(h, b);
                if (!(delta < -1e-9) || left[b] + pr.s(h) < pr.s(i) || left[a] + pr.s(i) < pr.s(h)) continue;
                left[a] += pr.s(i) - pr.s(h);
                left[b] += pr.s(h) - pr.s(i);
                assignment[i] = static_cast<std::int32_t>(open[b]);
                assignment[h] = static_cast<std::int32_t>(open[a]);
                changed = true;
            }
    }
}

}  // namespace

Evaluation assign_capacitated(const Problem& pr, const std::vector<std::uint32_t>& open) {
    std::vector<std::int32_t> assignment(pr.demands, -1);
    std::vector<double> left(open.size());
    for (std::size_t k = 0; k < open.size(); ++k) left[k] = pr.cap(open[k]);
    if (!assign_homes(pr, open, assignment, left)) return {};
    std::vector<char> pinned(pr.demands, 0);
    for (std::size_t i = 0; i < pr.demands; ++i) pinned[i] = assignment[i] >= 0;
    Evaluation ev;
    if (unit_sizes(pr)) {
        ev = exact_unit(pr, open, std::move(assignment), left);
        if (ev.assignment.empty()) return {};
    } else {
        if (!regret_greedy(pr, open, assignment, left)) return {};
        improve(pr, open, assignment, left, pinned);
        ev.assignment = std::move(assignment);
    }
    double sum = 0;
    for (std::size_t i = 0; i < pr.demands; ++i) sum += pr.w(i) * pr.c(i, static_cast<std::size_t>(ev.assignment[i]));
    ev.objective = sum;
    return ev;
}

}  // namespace coverplan::placement
