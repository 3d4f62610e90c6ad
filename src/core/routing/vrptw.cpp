#include "core/routing/vrptw.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/rng.hpp"
#include "core/stopwatch.hpp"

namespace coverplan::routing {

const char* unserved_key(Unserved reason) {
    switch (reason) {
        case Unserved::window: return "window";
        case Unserved::capacity: return "capacity";
        case Unserved::duration: return "duration";
        case Unserved::fleet: return "fleet";
    }
    return "fleet";
}

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);
constexpr double k_eps = 1e-7;
constexpr double k_blink = 0.01;     // the share of places a reinsertion skips
constexpr std::size_t k_eject = 2;  // waiting customers tried for an ejection per iteration

// A sequence of visits summarised (Vidal et al. 2013): its least duration (travel, service and
// waiting), its time warp (how much too late it would be; 0 when every window holds), the earliest
// and latest start at its first node that give that duration, its load and cost, and its ends.
struct Segment {
    double duration = 0;
    double warp = 0;
    double earliest = 0;
    double latest = k_unlimited;
    double load = 0;
    double cost = 0;
    std::size_t first = 0;
    std::size_t last = 0;
};

Segment single(const Problem& p, std::size_t i) { return {p.service[i], 0, p.ready[i], p.due[i], p.demand[i], 0, i, i}; }

Segment join(const Problem& p, const Segment& a, const Segment& b) {
    const double t = p.travel(a.last, b.first);
    const double delta = a.duration - a.warp + t;
    const double wait = std::max(b.earliest - delta - a.latest, 0.0);
    const double warp = std::max(a.earliest + delta - b.latest, 0.0);
    return {a.duration + b.duration + t + wait,
            a.warp + b.warp + warp,
            std::max(b.earliest - delta, a.earliest) - wait,
            std::min(b.latest - delta, a.latest) + warp,
            a.load + b.load,
            a.cost + b.cost + p.arc_cost(a.last, b.first),
            a.first,
            b.last};
}

bool feasible(const Problem& p, const Segment& s) {
    return s.warp <= k_eps && s.load <= p.capacity + k_eps && s.duration <= p.max_duration + k_eps;
}

// One route: the depot, its stops, the depot; fwd[k] summarises nodes[0..k], bwd[k] nodes[k..];
// busy is its travel and service time, waiting left out.
struct Route {
    std::vector<std::size_t> nodes{0, 0};
    std::vector<Segment> fwd, bwd;
    double busy = 0;

    std::size_t stops() const { return nodes.size() - 2; }
    bool empty() const { return nodes.size() == 2; }
    const Segment& whole() const { return fwd.back(); }

    void rebuild(const Problem& p) {
        const std::size_t m = nodes.size();
        fwd.resize(m);
        bwd.resize(m);
        fwd[0] = single(p, nodes[0]);
        for (std::size_t k = 1; k < m; ++k) fwd[k] = join(p, fwd[k - 1], single(p, nodes[k]));
        bwd[m - 1] = single(p, nodes[m - 1]);
        for (std::size_t k = m - 1; k-- > 0;) bwd[k] = join(p, single(p, nodes[k]), bwd[k + 1]);
        busy = 0;
        for (std::size_t k = 1; k < m; ++k) busy += p.travel(nodes[k - 1], nodes[k]) + p.service[nodes[k]];
    }
};

// The longest a route can be busy: it leaves the depot no earlier than its window opens, is back
// by the time it closes, and lasts at most max_duration. A route busier than that (travel and
// service alone, waiting aside) is infeasible, which a summation can say before any join: the
// margin is ten times the feasibility tolerance, far above the rounding of either sum.
double busy_limit(const Problem& p) { return std::min(p.max_duration, p.due[0] - p.ready[0]) + 10 * k_eps; }

// The search's solution: a fixed number of route slots (empty ones included), where each customer
// is, and who is waiting for a route.
struct State {
    std::vector<Route> routes;
    std::vector<std::size_t> route_of, pos_of;  // per node; npos when unassigned
    std::vector<std::size_t> unassigned;
    double cost = 0;

    void place(std::size_t r) {
        const Route& rt = routes[r];
        for (std::size_t k = 1; k + 1 < rt.nodes.size(); ++k) {
            route_of[rt.nodes[k]] = r;
            pos_of[rt.nodes[k]] = k;
        }
    }
    double total() const {
        double c = 0;
        for (const Route& r : routes) c += r.whole().cost;
        return c;
    }
};

// Lexicographic: fewer customers waiting, then cost.
bool better(const State& a, const State& b) {
    if (a.unassigned.size() != b.unassigned.size()) return a.unassigned.size() < b.unassigned.size();
    return a.cost < b.cost - 1e-9;
}

void check_problem(const Problem& p) {
    const std::size_t n = p.nodes();
    auto fail = [](const std::string& what) { throw std::invalid_argument("routing problem: " + what); };
    if (p.demand.size() != n || p.service.size() != n || p.ready.size() != n || p.due.size() != n)
        fail("every per-node vector needs customers + 1 values");
    if (p.time.size() != n * n) fail("the travel-time matrix needs (customers + 1)² values");
    if (!p.cost.empty() && p.cost.size() != n * n) fail("the cost matrix needs (customers + 1)² values or none");
    for (std::size_t i = 0; i < n; ++i) {
        if (!(std::isfinite(p.demand[i]) && p.demand[i] >= 0)) fail("node " + std::to_string(i) + ": demand must be finite and ≥ 0");
        if (!(std::isfinite(p.service[i]) && p.service[i] >= 0)) fail("node " + std::to_string(i) + ": service time must be finite and ≥ 0");
        if (!std::isfinite(p.ready[i]) || std::isnan(p.due[i]) || p.due[i] < p.ready[i])
            fail("node " + std::to_string(i) + ": its window must start at a finite time and not end before it starts");
    }
    for (std::size_t k = 0; k < n * n; ++k) {
        if (!(std::isfinite(p.time[k]) && p.time[k] >= 0)) fail("travel times must be finite and ≥ 0");
        if (!p.cost.empty() && !(std::isfinite(p.cost[k]) && p.cost[k] >= 0)) fail("costs must be finite and ≥ 0");
    }
    if (std::isnan(p.capacity) || p.capacity < 0) fail("the capacity must be ≥ 0");
    if (std::isnan(p.max_duration) || p.max_duration < 0) fail("the route duration limit must be ≥ 0");
}

class Search {
public:
    Search(const Problem& p, const Options& o) : m_p(p), m_o(o), m_rng(o.seed), m_busy_limit(busy_limit(p)) {}

    Solution run();

private:
    struct Place {
        std::size_t route = npos;
        std::size_t pos = 0;  // after nodes[pos]
        double delta = k_unlimited;
    };

    Place best_place(const State& s, std::size_t u, double blink);
    void insert(State& s, std::size_t u, const Place& at);
    void construct(State& s);
    void ruin(State& s);
    // Reinserts the waiting customers; while looking for a full assignment (`fleet`), those left
    // over may then take a place by ejecting another.
    void recreate(State& s, bool fleet);
    void eject(State& s);
    bool improve(State& s);
    bool try_pair(State& s, std::size_t u, std::size_t v);
    void apply(State& s, std::size_t r, std::vector<std::size_t> nodes);
    void copy_touched(const State& from, State& to);
    Solution extract(const State& s) const;
    struct Temperatures {
        double start, end;
    };
    State attempt(const State& start, const Temperatures& temp_range, std::uint64_t budget, const Stopwatch& clock, bool& stopped,
                  std::uint64_t& done);

    const Problem& m_p;
    const Options& m_o;
    Rng m_rng;
    std::vector<std::size_t> m_served;                  // customers that fit alone
    std::vector<std::vector<std::size_t>> m_neighbours;  // per customer, nearest first
    std::vector<std::pair<std::size_t, Unserved>> m_unservable;
    std::vector<std::size_t> m_touched;  // routes changed since the states agreed
    std::vector<char> m_touched_flag;
    std::vector<double> m_absences;
    std::size_t m_slots = 0;
    double m_busy_limit = k_unlimited;
};

Search::Place Search::best_place(const State& s, std::size_t u, double blink) {
    Place best;
    bool empty_seen = false;
    const Segment su = single(m_p, u);
    const double room = m_busy_limit - m_p.service[u];
    for (std::size_t r = 0; r < s.routes.size(); ++r) {
        const Route& rt = s.routes[r];
        if (rt.empty()) {
            if (empty_seen) continue;  // every empty route is the same
            empty_seen = true;
        }
        if (rt.whole().load + m_p.demand[u] > m_p.capacity + k_eps) continue;
        for (std::size_t k = 0; k + 1 < rt.nodes.size(); ++k) {
            const std::size_t a = rt.nodes[k], b = rt.nodes[k + 1];
            const double delta = m_p.arc_cost(a, u) + m_p.arc_cost(u, b) - m_p.arc_cost(a, b);
            if (delta >= best.delta) continue;
            // The blink is drawn only where it can matter: skipping a place that would not be
            // taken anyway changes nothing, so the search is the same process with fewer draws.
            if (blink > 0 && m_rng.uniform() < blink) continue;
            if (rt.busy + m_p.travel(a, u) + m_p.travel(u, b) - m_p.travel(a, b) > room) continue;
            if (!feasible(m_p, join(m_p, join(m_p, rt.fwd[k], su), rt.bwd[k + 1]))) continue;
            best = {r, k, delta};
        }
    }
    return best;
}

void Search::insert(State& s, std::size_t u, const Place& at) {
    Route& rt = s.routes[at.route];
    rt.nodes.insert(rt.nodes.begin() + static_cast<std::ptrdiff_t>(at.pos + 1), u);
    rt.rebuild(m_p);
    s.place(at.route);
    s.cost += at.delta;
    if (!m_touched_flag[at.route]) {
        m_touched_flag[at.route] = 1;
        m_touched.push_back(at.route);
    }
}

void Search::construct(State& s) {
    // Hardest first: the narrowest windows, then the farthest from the depot.
    std::vector<std::size_t> order = m_served;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double wa = m_p.due[a] - m_p.ready[a], wb = m_p.due[b] - m_p.ready[b];
        if (wa != wb) return wa < wb;
        return m_p.arc_cost(0, a) > m_p.arc_cost(0, b);
    });
    for (std::size_t u : order) {
        const Place at = best_place(s, u, 0);
        if (at.route == npos) {
            s.unassigned.push_back(u);
        } else {
            insert(s, u, at);
        }
    }
}

// String removals (SISR): around a random customer, strings of neighbouring customers from up to
// k_s routes, each a plain string or a string with a kept middle.
void Search::ruin(State& s) {
    std::size_t assigned = 0, used = 0;
    for (const Route& rt : s.routes)
        if (!rt.empty()) {
            assigned += rt.stops();
            ++used;
        }
    if (used == 0) return;
    constexpr double c_bar = 10;  // customers removed on average
    constexpr double l_max = 10;  // longest string
    const double ls_max = std::min(l_max, static_cast<double>(assigned) / static_cast<double>(used));
    const double ks_max = std::max(1.0, 4 * std::min(c_bar, static_cast<double>(assigned)) / (1 + ls_max) - 1);
    const auto ks = static_cast<std::size_t>(std::floor(m_rng.uniform(1, ks_max + 1)));
    std::size_t seed = 0;
    do {
        seed = m_served[m_rng.below(m_served.size())];
    } while (s.route_of[seed] == npos);
    std::vector<std::size_t> ruined;
    std::vector<std::size_t> removed;
    auto visit = [&](std::size_t c) {
        const std::size_t r = s.route_of[c];
        if (r == npos || std::find(ruined.begin(), ruined.end(), r) != ruined.end()) return;
        Route& rt = s.routes[r];
        const std::size_t size = rt.stops();
        const double lt_max = std::min(static_cast<double>(size), ls_max);
        const auto l = std::min(size, static_cast<std::size_t>(std::floor(m_rng.uniform(1, lt_max + 1))));
        const std::size_t pos = s.pos_of[c] - 1;  // among the stops
        std::vector<char> drop(size, 0);
        if (l == size || m_rng.chance(0.5)) {
            // A string of l stops containing c.
            const std::size_t lo = pos + 1 >= l ? pos + 1 - l : 0, hi = std::min(pos, size - l);
            const std::size_t start = lo + m_rng.below(hi - lo + 1);
            for (std::size_t k = start; k < start + l; ++k) drop[k] = 1;
        } else {
            // A string of l + m stops containing c whose middle m stops stay.
            std::size_t m = 1;
            while (l + m < size && m_rng.chance(0.5)) ++m;
            const std::size_t len = l + m;
            const std::size_t lo = pos + 1 >= len ? pos + 1 - len : 0, hi = std::min(pos, size - len);
            const std::size_t start = lo + m_rng.below(hi - lo + 1);
            const std::size_t keep = start + 1 + m_rng.below(l);  // the kept run [keep, keep + m) ends by start + len
            for (std::size_t k = start; k < start + len; ++k) drop[k] = (k < keep || k >= keep + m) ? 1 : 0;
        }
        std::vector<std::size_t> nodes{0};
        for (std::size_t k = 0; k < size; ++k) {
            const std::size_t node = rt.nodes[k + 1];
            if (drop[k]) {
                removed.push_back(node);
                s.route_of[node] = npos;
            } else {
                nodes.push_back(node);
            }
        }
        nodes.push_back(0);
        s.cost -= rt.whole().cost;
        rt.nodes = std::move(nodes);
        rt.rebuild(m_p);
        s.cost += rt.whole().cost;
        s.place(r);
        ruined.push_back(r);
        if (!m_touched_flag[r]) {
            m_touched_flag[r] = 1;
            m_touched.push_back(r);
        }
    };
    visit(seed);
    for (std::size_t c : m_neighbours[seed]) {
        if (ruined.size() >= ks) break;
        visit(c);
    }
    s.unassigned.insert(s.unassigned.end(), removed.begin(), removed.end());
}

// Reinsertion in one of four orders (random, largest demand, farthest, nearest), each customer
// at its cheapest feasible place with some places skipped ("blinks").
void Search::recreate(State& s, bool fleet) {
    std::vector<std::size_t> todo;
    todo.swap(s.unassigned);
    const double pick = m_rng.uniform() * 11;
    if (pick < 4) {
        for (std::size_t k = todo.size(); k > 1; --k) std::swap(todo[k - 1], todo[m_rng.below(k)]);
    } else if (pick < 8) {
        std::stable_sort(todo.begin(), todo.end(), [&](std::size_t a, std::size_t b) { return m_p.demand[a] > m_p.demand[b]; });
    } else if (pick < 10) {
        std::stable_sort(todo.begin(), todo.end(), [&](std::size_t a, std::size_t b) { return m_p.arc_cost(0, a) > m_p.arc_cost(0, b); });
    } else {
        std::stable_sort(todo.begin(), todo.end(), [&](std::size_t a, std::size_t b) { return m_p.arc_cost(0, a) < m_p.arc_cost(0, b); });
    }
    for (std::size_t u : todo) {
        const Place at = best_place(s, u, k_blink);
        if (at.route == npos) {
            s.unassigned.push_back(u);
        } else {
            insert(s, u, at);
        }
    }
    if (fleet) eject(s);
}

// For customers still waiting (the most often left out first): a place in some route bought by
// taking out one customer of it that has been left out less often; the one taken out waits in
// its stead unless it fits elsewhere at once (Nagata and Bräysy's ejection, one customer deep).
void Search::eject(State& s) {
    if (s.unassigned.empty()) return;
    std::vector<std::size_t> todo;
    todo.swap(s.unassigned);
    std::stable_sort(todo.begin(), todo.end(), [&](std::size_t a, std::size_t b) { return m_absences[a] > m_absences[b]; });
    // The most often left out only: each try scans every place of every route (O(n · route
    // length)), and with many waiting (a fleet far too small) trying all of them would cost more
    // than the iterations are worth.
    for (std::size_t k = k_eject; k < todo.size(); ++k) s.unassigned.push_back(todo[k]);
    todo.resize(std::min(todo.size(), k_eject));
    for (std::size_t u : todo) {
        const Segment su = single(m_p, u);
        std::size_t best_r = npos, best_q = 0, best_p = 0;
        double best_abs = m_absences[u], best_cost = k_unlimited;
        for (std::size_t r = 0; r < s.routes.size(); ++r) {
            const Route& rt = s.routes[r];
            const std::size_t m = rt.nodes.size();
            for (std::size_t q = 1; q + 1 < m; ++q) {
                const std::size_t v = rt.nodes[q];
                if (m_absences[v] > best_abs) continue;
                if (rt.whole().load - m_p.demand[v] + m_p.demand[u] > m_p.capacity + k_eps) continue;
                auto consider = [&](const Segment& seq, std::size_t p) {
                    if (!feasible(m_p, seq)) return;
                    if (m_absences[v] < best_abs || seq.cost < best_cost) {
                        best_abs = m_absences[v];
                        best_cost = seq.cost;
                        best_r = r;
                        best_q = q;
                        best_p = p;
                    }
                };
                // u after nodes[p], p < q: prefix, u, the stops between, the suffix after v.
                Segment mid;
                bool have_mid = false;
                for (std::size_t p = q; p-- > 0;) {
                    const Segment head = join(m_p, rt.fwd[p], su);
                    const Segment tail = have_mid ? join(m_p, mid, rt.bwd[q + 1]) : rt.bwd[q + 1];
                    consider(join(m_p, head, tail), p);
                    mid = have_mid ? join(m_p, single(m_p, rt.nodes[p]), mid) : single(m_p, rt.nodes[p]);
                    have_mid = true;
                }
                // p > q: the prefix before v, the stops up to nodes[p], u, the suffix.
                Segment run = rt.fwd[q - 1];
                for (std::size_t p = q + 1; p + 1 < m; ++p) {
                    run = join(m_p, run, single(m_p, rt.nodes[p]));
                    consider(join(m_p, join(m_p, run, su), rt.bwd[p + 1]), p);
                }
            }
        }
        if (best_r == npos) {
            s.unassigned.push_back(u);
            continue;
        }
        Route& rt = s.routes[best_r];
        const std::size_t v = rt.nodes[best_q];
        std::vector<std::size_t> nodes;
        for (std::size_t k = 0; k < rt.nodes.size(); ++k) {
            if (k != best_q) nodes.push_back(rt.nodes[k]);
            if (k == best_p) nodes.push_back(u);
        }
        s.route_of[v] = npos;
        apply(s, best_r, std::move(nodes));
        if (!m_touched_flag[best_r]) {
            m_touched_flag[best_r] = 1;
            m_touched.push_back(best_r);
        }
        const Place at = best_place(s, v, 0);
        if (at.route == npos) {
            s.unassigned.push_back(v);
        } else {
            insert(s, v, at);
        }
    }
}

void Search::apply(State& s, std::size_t r, std::vector<std::size_t> nodes) {
    Route& rt = s.routes[r];
    s.cost -= rt.whole().cost;
    rt.nodes = std::move(nodes);
    rt.rebuild(m_p);
    s.cost += rt.whole().cost;
    s.place(r);
}

// The summary of nodes[from..to] of a route (inclusive), from its prefix or suffix when it is one.
Segment piece(const Problem& p, const Route& rt, std::size_t from, std::size_t to) {
    if (from == 0) return rt.fwd[to];
    if (to == rt.nodes.size() - 1) return rt.bwd[from];
    Segment s = single(p, rt.nodes[from]);
    for (std::size_t k = from + 1; k <= to; ++k) s = join(p, s, single(p, rt.nodes[k]));
    return s;
}

Segment chain(const Problem& p, std::vector<Segment> parts) {
    Segment s = parts[0];
    for (std::size_t k = 1; k < parts.size(); ++k) s = join(p, s, parts[k]);
    return s;
}

Segment of_nodes(const Problem& p, const std::vector<std::size_t>& nodes) {
    Segment s = single(p, nodes[0]);
    for (std::size_t k = 1; k < nodes.size(); ++k) s = join(p, s, single(p, nodes[k]));
    return s;
}

// Moves between u and its neighbour v: u (or the string from u) after v or before v, u and v
// swapped, and 2-opt* joining u to v. Applies the first that lowers the cost; says whether one did.
bool Search::try_pair(State& s, std::size_t u, std::size_t v) {
    const std::size_t r1 = s.route_of[u], r2 = s.route_of[v];
    if (r1 == npos || r2 == npos) return false;
    const Route& a = s.routes[r1];
    const Route& b = s.routes[r2];
    const std::size_t i = s.pos_of[u], j = s.pos_of[v];
    const std::size_t ea = a.nodes.size() - 1, eb = b.nodes.size() - 1;  // the depots' positions
    constexpr double gain = 1e-9;
    if (r1 != r2) {
        const double old = a.whole().cost + b.whole().cost;
        auto accept = [&](const Segment& na, const Segment& nb) {
            return feasible(m_p, na) && feasible(m_p, nb) && na.cost + nb.cost < old - gain;
        };
        auto splice = [](const std::vector<std::size_t>& x, std::size_t x0, std::size_t x1, const std::vector<std::size_t>& y, std::size_t y0,
                         std::size_t y1, const std::vector<std::size_t>& z, std::size_t z0, std::size_t z1) {
            std::vector<std::size_t> out(x.begin() + static_cast<std::ptrdiff_t>(x0), x.begin() + static_cast<std::ptrdiff_t>(x1));
            out.insert(out.end(), y.begin() + static_cast<std::ptrdiff_t>(y0), y.begin() + static_cast<std::ptrdiff_t>(y1));
            out.insert(out.end(), z.begin() + static_cast<std::ptrdiff_t>(z0), z.begin() + static_cast<std::ptrdiff_t>(z1));
            return out;
        };
        // Or-opt: a string of 1–3 stops from u moves after v or before v.
        for (std::size_t len = 1; len <= 3 && i + len - 1 < ea; ++len) {
            const Segment moved = piece(m_p, a, i, i + len - 1);
            if (b.whole().load + moved.load > m_p.capacity + k_eps) break;
            const Segment na = join(m_p, a.fwd[i - 1], a.bwd[i + len]);
            for (int side = 0; side < 2; ++side) {
                const std::size_t at = side == 0 ? j : j - 1;  // insert after b.nodes[at]
                const Segment nb = chain(m_p, {b.fwd[at], moved, b.bwd[at + 1]});
                if (!accept(na, nb)) continue;
                std::vector<std::size_t> an = splice(a.nodes, 0, i, a.nodes, i + len, a.nodes.size(), a.nodes, 0, 0);
                std::vector<std::size_t> bn = splice(b.nodes, 0, at + 1, a.nodes, i, i + len, b.nodes, at + 1, b.nodes.size());
                apply(s, r1, std::move(an));
                apply(s, r2, std::move(bn));
                return true;
            }
        }
        // Exchange u and v.
        {
            const Segment na = chain(m_p, {a.fwd[i - 1], single(m_p, v), a.bwd[i + 1]});
            const Segment nb = chain(m_p, {b.fwd[j - 1], single(m_p, u), b.bwd[j + 1]});
            if (accept(na, nb)) {
                std::vector<std::size_t> an = a.nodes, bn = b.nodes;
                an[i] = v;
                bn[j] = u;
                apply(s, r1, std::move(an));
                apply(s, r2, std::move(bn));
                return true;
            }
        }
        // 2-opt*: u's route up to u, then v's from v; v's route up to before v, then u's after u.
        {
            const Segment na = join(m_p, a.fwd[i], b.bwd[j]);
            const Segment nb = join(m_p, b.fwd[j - 1], a.bwd[i + 1]);
            if (accept(na, nb)) {
                std::vector<std::size_t> an = splice(a.nodes, 0, i + 1, b.nodes, j, b.nodes.size(), a.nodes, 0, 0);
                std::vector<std::size_t> bn = splice(b.nodes, 0, j, a.nodes, i + 1, a.nodes.size(), b.nodes, 0, 0);
                apply(s, r1, std::move(an));
                apply(s, r2, std::move(bn));
                return true;
            }
        }
        return false;
    }
    // Within one route: u (or a string from u) moved right after v, or u and v swapped.
    const double old = a.whole().cost;
    for (std::size_t len = 1; len <= 3 && i + len - 1 < ea; ++len) {
        if (j >= i && j < i + len) break;  // v inside the string
        std::vector<std::size_t> nodes;
        nodes.reserve(a.nodes.size());
        for (std::size_t k = 0; k < a.nodes.size(); ++k) {
            if (k >= i && k < i + len) continue;
            nodes.push_back(a.nodes[k]);
            if (k == j)
                for (std::size_t q = i; q < i + len; ++q) nodes.push_back(a.nodes[q]);
        }
        const Segment n = of_nodes(m_p, nodes);
        if (feasible(m_p, n) && n.cost < old - gain) {
            apply(s, r1, std::move(nodes));
            return true;
        }
    }
    if (j != 0 && j != eb) {
        std::vector<std::size_t> nodes = a.nodes;
        std::swap(nodes[i], nodes[j]);
        const Segment n = of_nodes(m_p, nodes);
        if (feasible(m_p, n) && n.cost < old - gain) {
            apply(s, r1, std::move(nodes));
            return true;
        }
    }
    return false;
}

// First-improvement descent over every customer and its nearest neighbours, until no move helps.
bool Search::improve(State& s) {
    bool any = false;
    for (int pass = 0; pass < 50; ++pass) {
        bool moved = false;
        for (std::size_t u : m_served) {
            const std::size_t k_near = std::min<std::size_t>(m_neighbours[u].size(), 30);
            for (std::size_t q = 0; q < k_near; ++q)
                if (try_pair(s, u, m_neighbours[u][q])) moved = true;
        }
        if (!moved) break;
        any = true;
    }
    return any;
}

void Search::copy_touched(const State& from, State& to) {
    for (std::size_t r : m_touched) {
        to.routes[r] = from.routes[r];
        to.place(r);
        m_touched_flag[r] = 0;
    }
    m_touched.clear();
    to.unassigned = from.unassigned;
    for (std::size_t u : to.unassigned) to.route_of[u] = npos;
    to.cost = from.cost;
}

Solution Search::extract(const State& s) const {
    Solution out;
    for (const Route& rt : s.routes) {
        if (rt.empty()) continue;
        std::vector<std::size_t> stops(rt.nodes.begin() + 1, rt.nodes.end() - 1);
        out.tours.push_back(schedule(m_p, stops).tour);
    }
    std::sort(out.tours.begin(), out.tours.end(), [](const Tour& a, const Tour& b) { return a.stops.front() < b.stops.front(); });
    for (const Tour& t : out.tours) out.cost += t.cost;
    out.unserved = m_unservable;
    for (std::size_t u : s.unassigned) out.unserved.emplace_back(u, Unserved::fleet);
    std::sort(out.unserved.begin(), out.unserved.end());
    return out;
}

// One search from `start`: `budget` iterations (fewer when the clock runs out, which
// sets `stopped`); returns the best state met.
State Search::attempt(const State& start, const Temperatures& temp_range, std::uint64_t budget, const Stopwatch& clock, bool& stopped,
                      std::uint64_t& done) {
    State cur = start;
    State cand = cur;
    State best = cur;
    const double t0 = temp_range.start, tf = temp_range.end;
    m_absences.assign(m_p.customers + 1, 0.0);

    // One budget of iterations: first, while customers wait for a route, a search guided by how
    // often each was left out (at most three quarters of the budget); then simulated annealing on
    // the cost over what remains, which takes fewer waiting customers whenever it finds them.
    std::uint64_t it = 0;
    std::uint64_t sa_start = cur.unassigned.empty() ? 0 : budget;  // budget: not started
    const std::uint64_t fleet_cap = budget - budget / 4;
    for (; it < budget; ++it) {
        if ((it & 127) == 0 && clock.over(m_o.time_limit_s)) {
            stopped = true;
            break;
        }
        if (sa_start == budget && (cur.unassigned.empty() || it >= fleet_cap)) sa_start = it;
        const bool fleet_phase = sa_start == budget;
        ruin(cand);
        recreate(cand, fleet_phase);
        bool accept;
        if (fleet_phase) {
            double sum_c = 0, sum_cur = 0;
            for (std::size_t u : cand.unassigned) sum_c += m_absences[u];
            for (std::size_t u : cur.unassigned) sum_cur += m_absences[u];
            accept = cand.unassigned.size() < cur.unassigned.size() || sum_c < sum_cur;
            for (std::size_t u : cand.unassigned) m_absences[u] += 1;
        } else if (cand.unassigned.size() != cur.unassigned.size()) {
            accept = cand.unassigned.size() < cur.unassigned.size();
        } else {
            const double frac = static_cast<double>(it - sa_start) / static_cast<double>(budget - sa_start);
            const double temp = t0 * std::pow(tf / t0, frac);
            accept = cand.cost < cur.cost - temp * std::log(1.0 - m_rng.uniform());
        }
        if (accept) {
            copy_touched(cand, cur);
            if (better(cur, best)) {
                // The descent on complete solutions only: while customers wait it would polish
                // what the next iteration takes apart.
                if (m_o.local_search && cur.unassigned.empty() && improve(cur)) {
                    cur.cost = cur.total();
                    cand = cur;
                }
                best = cur;
            }
        } else {
            copy_touched(cur, cand);
        }
    }
    done = it;
    return best;
}

Solution Search::run() {
    const Stopwatch clock;
    const std::size_t n = m_p.customers;
    // Who can be served at all: alone on a route.
    for (std::size_t u = 1; u <= n; ++u) {
        const Segment alone = join(m_p, join(m_p, single(m_p, 0), single(m_p, u)), single(m_p, 0));
        if (m_p.demand[u] > m_p.capacity + k_eps) {
            m_unservable.emplace_back(u, Unserved::capacity);
        } else if (alone.warp > k_eps) {
            m_unservable.emplace_back(u, Unserved::window);
        } else if (alone.duration > m_p.max_duration + k_eps) {
            m_unservable.emplace_back(u, Unserved::duration);
        } else {
            m_served.push_back(u);
        }
    }
    m_slots = m_p.max_routes == 0 ? m_served.size() : std::min(m_p.max_routes, m_served.size());
    if (m_served.empty() || m_slots == 0) {
        Solution out;
        out.unserved = m_unservable;
        for (std::size_t u : m_served) out.unserved.emplace_back(u, Unserved::fleet);
        std::sort(out.unserved.begin(), out.unserved.end());
        out.time_s = clock.seconds();
        return out;
    }
    m_neighbours.assign(n + 1, {});
    const std::size_t k_keep = std::min<std::size_t>(m_served.size() - 1, 100);
    for (std::size_t u : m_served) {
        std::vector<std::size_t>& near = m_neighbours[u];
        for (std::size_t v : m_served)
            if (v != u) near.push_back(v);
        auto closer = [&](std::size_t a, std::size_t b) {
            const double ca = m_p.arc_cost(u, a) + m_p.arc_cost(a, u), cb = m_p.arc_cost(u, b) + m_p.arc_cost(b, u);
            return ca != cb ? ca < cb : a < b;
        };
        std::partial_sort(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(k_keep), near.end(), closer);
        near.resize(k_keep);
    }

    // The greedy start and its descent use no random draws: built once for every start.
    State start;
    start.routes.resize(m_slots);
    for (Route& r : start.routes) r.rebuild(m_p);
    start.route_of.assign(n + 1, npos);
    start.pos_of.assign(n + 1, 0);
    m_touched_flag.assign(m_slots, 0);
    construct(start);
    start.cost = start.total();
    m_touched.clear();
    std::fill(m_touched_flag.begin(), m_touched_flag.end(), 0);
    if (m_o.local_search && improve(start)) start.cost = start.total();

    // Temperatures scaled to the problem by its mean depot arc (about 30 on Solomon's R1): 200 → 2
    // there. SISR's 100 → 1 gave a mean gap of 0.98 % against 0.47 % on six R1 instances × three
    // seeds (tests/bench/RESULTS.md).
    double mean_arc = 0;
    for (std::size_t u : m_served) mean_arc += m_p.arc_cost(0, u) + m_p.arc_cost(u, 0);
    mean_arc /= 2.0 * static_cast<double>(m_served.size());
    const double t0 = std::max(mean_arc, 1e-9) * 200.0 / 30.0;
    const Temperatures temps{t0, t0 / 100.0};

    const std::uint64_t budget =
        m_o.iterations > 0 ? m_o.iterations : std::max<std::uint64_t>(20'000, k_iterations_per_customer * m_served.size());
    // Independent starts share the budget, the best kept: one long search at a tight fleet can
    // settle in a poor basin it never leaves (r107, r110), and the best of three shorter ones
    // seldom does (tests/bench/RESULTS.md).
    const std::uint64_t starts = std::max<std::uint64_t>(1, std::min<std::uint64_t>(m_o.starts, budget / 10'000));
    State best;
    std::uint64_t iterations = 0;
    bool stopped = false;
    const Rng base = m_rng;
    for (std::uint64_t k = 0; k < starts && !stopped; ++k) {
        m_rng = base.fork(k);
        std::uint64_t done = 0;
        State found = attempt(start, temps, budget / starts + (k < budget % starts ? 1 : 0), clock, stopped, done);
        iterations += done;
        if (k == 0 || better(found, best)) best = std::move(found);
    }
    Solution out = extract(best);
    out.time_limit_reached = stopped;
    out.iterations = iterations;
    out.time_s = clock.seconds();
    return out;
}

}  // namespace

Schedule schedule(const Problem& p, const std::vector<std::size_t>& stops) {
    Schedule out;
    Tour& t = out.tour;
    t.stops = stops;
    t.start.assign(stops.size(), 0);
    // Leaving at the earliest: the earliest service everywhere; waits, and how far each start may
    // slip, say how much later the tour can leave and still end as early.
    bool ok = true;
    double clock = p.ready[0];
    std::size_t at = 0;
    double waited = 0, slip = k_unlimited;
    for (std::size_t k = 0; k < stops.size(); ++k) {
        const std::size_t u = stops[k];
        const double arrive = clock + p.travel(at, u);
        const double start = std::max(arrive, p.ready[u]);
        waited += start - arrive;
        if (start > p.due[u] + k_eps) ok = false;
        slip = std::min(slip, waited + p.due[u] - start);
        t.cost += p.arc_cost(at, u);
        t.load += p.demand[u];
        clock = start + p.service[u];
        at = u;
    }
    const double back = clock + p.travel(at, 0);
    if (back > p.due[0] + k_eps) ok = false;
    t.cost += p.arc_cost(at, 0);
    const double delay = ok ? std::max(0.0, std::min({waited, slip, p.due[0] - back + waited, p.due[0] - p.ready[0]})) : 0.0;
    t.departure = p.ready[0] + delay;
    clock = t.departure;
    at = 0;
    for (std::size_t k = 0; k < stops.size(); ++k) {
        const std::size_t u = stops[k];
        t.start[k] = std::max(clock + p.travel(at, u), p.ready[u]);
        clock = t.start[k] + p.service[u];
        at = u;
    }
    t.arrival = clock + p.travel(at, 0);
    out.feasible = ok && t.load <= p.capacity + k_eps && t.duration() <= p.max_duration + k_eps;
    return out;
}

Solution solve(const Problem& problem, const Options& options) {
    check_problem(problem);
    return Search(problem, options).run();
}

}  // namespace coverplan::routing
