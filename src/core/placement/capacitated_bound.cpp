#include "core/placement/capacitated_bound.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "core/placement/capacitated.hpp"
#include "core/stopwatch.hpp"

namespace coverplan::placement {

namespace {


enum Fix : char { free_, open_, closed_ };

// Above this many DP cells a facility's knapsack is solved as an LP (still a valid bound).
constexpr std::size_t k_max_dp_cells = 4'000'000;

class KnapsackRelaxation {
public:
    explicit KnapsackRelaxation(const Problem& pr)
        : m_pr(pr), m_rho(pr.candidates), m_items(pr.candidates), m_by_cost(pr.candidates) {
        m_integral_sizes = true;
        for (std::size_t i = 0; i < pr.demands; ++i)
            if (pr.s(i) != std::floor(pr.s(i))) m_integral_sizes = false;
        for (std::uint32_t j = 0; j < pr.candidates; ++j) {
            auto& list = m_by_cost[j];
            for (std::size_t i = 0; i < pr.demands; ++i)
                if (std::isfinite(pr.c(i, j)) && static_cast<std::int32_t>(i) != pr.home_of(j))
                    list.emplace_back(pr.w(i) * pr.c(i, j), static_cast<std::uint32_t>(i));
            std::sort(list.begin(), list.end());
        }
    }

    // Σλ plus the knapsack values of the facilities the relaxation opens (into `chosen`);
    // k_no_service when the fixings leave no room for p facilities that can open.
    double bound(const std::vector<double>& lambda, const std::vector<char>& fix, std::vector<std::uint32_t>& chosen) {
        double sum = 0;
        m_lambda_max = -k_no_service;
        for (double l : lambda) {
            sum += l;
            m_lambda_max = std::max(m_lambda_max, l);
        }
        chosen.clear();
        m_free.clear();
        for (std::uint32_t j = 0; j < m_pr.candidates; ++j) {
            if (fix[j] == closed_) continue;
            m_rho[j] = facility(j, lambda);
            if (fix[j] == open_) {
                if (!std::isfinite(m_rho[j])) return k_no_service;
                chosen.push_back(j);
            } else if (std::isfinite(m_rho[j])) {
                m_free.push_back(j);
            }
        }
        const auto p = static_cast<std::size_t>(m_pr.p);
        if (chosen.size() > p || chosen.size() + m_free.size() < p) return k_no_service;
        m_take = p - chosen.size();
        auto by_rho = [&](std::uint32_t a, std::uint32_t b) { return m_rho[a] < m_rho[b] || (m_rho[a] == m_rho[b] && a < b); };
        std::sort(m_free.begin(), m_free.end(), by_rho);
        chosen.insert(chosen.end(), m_free.begin(), m_free.begin() + static_cast<std::ptrdiff_t>(m_take));
        for (std::uint32_t j : chosen) sum += m_rho[j];
        return sum;
    }

    // 1 − Σ over the chosen facilities of the share of demand i their knapsacks take.
    double subgradient(const std::vector<std::uint32_t>& chosen, std::vector<double>& g) const {
        g.assign(m_pr.demands, 1.0);
        for (std::uint32_t j : chosen)
            for (const auto& [i, x] : m_items[j]) g[i] -= x;
        double norm = 0;
        for (double v : g) norm += v * v;
        return norm;
    }

    double rho(std::uint32_t j) const { return m_rho[j]; }
    const std::vector<std::pair<std::uint32_t, double>>& items(std::uint32_t j) const { return m_items[j]; }
    const std::vector<std::uint32_t>& free_by_rho() const { return m_free; }  // after bound()
    std::size_t taken() const { return m_take; }

private:
    // min Σ (w_i c_ij − λ_i) x_i over the demands facility j could take within its capacity, its
    // home demand (if any) always taken; +inf when it cannot serve its home.
    double facility(std::uint32_t j, const std::vector<double>& lambda) {
        auto& items = m_items[j];
        items.clear();
        double value = 0, room = m_pr.cap(j);
        const std::int32_t h = m_pr.home_of(j);
        if (h >= 0) {
            const auto hi = static_cast<std::size_t>(h);
            if (!std::isfinite(m_pr.c(hi, j)) || m_pr.s(hi) > room) return k_no_service;
            value += m_pr.w(hi) * m_pr.c(hi, j) - lambda[hi];
            room -= m_pr.s(hi);
            items.emplace_back(static_cast<std::uint32_t>(h), 1.0);
        }
        m_cand.clear();
        double total = 0;
        // Only demands cheaper than their multiplier are worth taking; the list is by cost, so
        // the scan ends at the largest multiplier.
        for (const auto& [a, i] : m_by_cost[j]) {
            if (a >= m_lambda_max) break;
            const double r = a - lambda[i];
            if (r >= 0 || !std::isfinite(m_pr.c(i, j))) continue;  // removed pairs stay in the list
            m_cand.push_back({i, r, m_pr.s(i)});
            total += m_pr.s(i);
        }
        if (total <= room) {
            for (const Item& it : m_cand) {
                value += it.r;
                items.emplace_back(it.i, 1.0);
            }
            return value;
        }
        const double q = std::floor(room + 1e-9);
        if (m_integral_sizes && m_cand.size() * (static_cast<std::size_t>(q) + 1) <= k_max_dp_cells)
            return value + knapsack_dp(static_cast<std::size_t>(q), items);
        return value + knapsack_lp(room, items);
    }

    struct Item {
        std::uint32_t i;
        double r;     // reduced cost, < 0
        double size;
    };

    double knapsack_dp(std::size_t q, std::vector<std::pair<std::uint32_t, double>>& items) {
        const std::size_t k = m_cand.size();
        m_best.assign(q + 1, 0.0);
        m_keep.assign(k * (q + 1), 0);
        double value = 0;
        for (std::size_t t = 0; t < k; ++t) {
            const auto s = static_cast<std::size_t>(m_cand[t].size);
            if (s == 0) continue;  // free items are always taken, below
            const double v = -m_cand[t].r;
            for (std::size_t c = q; c >= s; --c)  // s ≥ 1, so c stops at s − 1 ≥ 0
                if (m_best[c - s] + v > m_best[c]) {
                    m_best[c] = m_best[c - s] + v;
                    m_keep[t * (q + 1) + c] = 1;
                }
        }
        std::size_t c = q;
        for (std::size_t t = k; t-- > 0;) {
            const auto s = static_cast<std::size_t>(m_cand[t].size);
            if (s == 0 || m_keep[t * (q + 1) + c]) {
                items.emplace_back(m_cand[t].i, 1.0);
                value += m_cand[t].r;
                c -= s;
            }
        }
        return value;
    }

    // The LP relaxation (Dantzig): by value per unit of capacity, the last item fractional.
    double knapsack_lp(double room, std::vector<std::pair<std::uint32_t, double>>& items) {
        std::sort(m_cand.begin(), m_cand.end(), [](const Item& a, const Item& b) {
            return -a.r * b.size > -b.r * a.size || (-a.r * b.size == -b.r * a.size && a.i < b.i);
        });
        double value = 0;
        for (const Item& it : m_cand) {
            if (room <= 0 && it.size > 0) break;
            const double x = it.size <= room ? 1.0 : room / it.size;
            items.emplace_back(it.i, x);
            value += x * it.r;
            room -= x * it.size;
        }
        return value;
    }

    const Problem& m_pr;
    bool m_integral_sizes = true;
    std::vector<double> m_rho;
    std::vector<std::vector<std::pair<std::uint32_t, double>>> m_items;
    std::vector<std::uint32_t> m_free;
    std::size_t m_take = 0;
    std::vector<std::vector<std::pair<double, std::uint32_t>>> m_by_cost;  // per facility: (w·c, demand)
    double m_lambda_max = 0;
    std::vector<Item> m_cand;
    std::vector<double> m_best;
    std::vector<char> m_keep;
};

// Each demand's second-cheapest weighted cost among the allowed candidates: a robust start.
std::vector<double> initial_multipliers(const Problem& pr, const std::vector<char>& fix) {
    std::vector<double> lambda(pr.demands);
    for (std::size_t i = 0; i < pr.demands; ++i) {
        double d1 = k_no_service, d2 = k_no_service;
        for (std::uint32_t j = 0; j < pr.candidates; ++j) {
            if (fix[j] == closed_) continue;
            const double d = pr.w(i) * pr.c(i, j);
            if (d < d1) {
                d2 = d1;
                d1 = d;
            } else if (d < d2) {
                d2 = d;
            }
        }
        lambda[i] = std::isfinite(d2) ? d2 : std::isfinite(d1) ? d1 : 0;
    }
    return lambda;
}

// Subgradient ascent, the Lagrangian heuristic, reduced-cost tests and a depth-first branch and
// bound on the facilities, all on one relaxation of `m_reduced`.
class Search {
public:
    Search(const Problem& pr, const Solution& incumbent, const CapacitatedOptions& opt, CapacitatedReduction& out)
        : m_pr(pr), m_opt(opt), m_out(out), m_relax(out.reduced), m_granularity(cost_granularity(pr)) {
        m_out.best = incumbent;
    }

    void run() {
        std::vector<char> fix(m_pr.candidates, free_);
        for (std::uint32_t j = 0; j < m_pr.candidates; ++j) {
            if (m_pr.is_fixed(j)) fix[j] = open_;
            else if (m_pr.is_excluded(j)) fix[j] = closed_;
        }
        std::vector<double> lambda = initial_multipliers(m_pr, fix), best_lambda = lambda;
        const double lb = ascend(fix, lambda, best_lambda, 8000, 2.0, 60, true);
        m_out.bound = lb;
        // +inf: no p facilities can open; −inf: the time limit allowed no step (nothing proven).
        m_out.proven = lb == k_no_service || proven(lb);
        if (m_out.proven || !has_incumbent()) return;
        const std::vector<double> delta = fix_facilities(fix, best_lambda, true);
        remove_pairs(fix, best_lambda, delta);
        if (m_opt.node_limit <= 0) return;
        branch(fix, best_lambda, 0);
        m_out.proven = !m_stopped && !m_unresolved;
        if (m_out.proven) m_out.bound = has_incumbent() ? m_out.best.objective : k_no_service;
    }

private:
    bool has_incumbent() const { return m_out.best.status == Status::feasible || m_out.best.status == Status::optimal; }
    double ub() const { return has_incumbent() ? m_out.best.objective : k_no_service; }
    bool proven(double lb) const { return lb >= ub() || proves(m_pr.model, ub(), lb, m_granularity, 1e-9); }
    bool out_of_time() const { return m_t0.over(m_opt.time_limit_s); }

    void try_primal(std::vector<std::uint32_t> set) {
        std::sort(set.begin(), set.end());
        if (!m_tried.insert(set).second) return;
        Evaluation ev = assign_capacitated(m_pr, set);
        if (ev.objective < ub() - 1e-9) {
            m_out.best.open = std::move(set);
            m_out.best.assignment = std::move(ev.assignment);
            m_out.best.objective = ev.objective;
            m_out.best.status = Status::feasible;
            m_out.best.message.clear();
        }
    }

    // Polyak steps towards the incumbent's value; π halves after `stall_limit` steps without a
    // better bound. Returns the best bound (k_no_service: the node holds no p facilities).
    double ascend(const std::vector<char>& fix, std::vector<double>& lambda, std::vector<double>& best_lambda,
                  int max_iter, double pi, int stall_limit, bool primal_each_step) {
        double lb = -k_no_service;
        int stall = 0;
        for (int it = 0; it < max_iter && pi > 1e-4 && !out_of_time(); ++it) {
            ++m_out.iterations;
            const double l = m_relax.bound(lambda, fix, m_chosen);
            if (l == k_no_service) return k_no_service;
            if (!std::isfinite(lb) || l > lb + 1e-9 * std::max(1.0, std::abs(lb))) {
                lb = l;
                best_lambda = lambda;
                stall = 0;
            } else if (++stall >= stall_limit) {
                pi /= 2;
                stall = 0;
            }
            if (proven(lb)) break;
            if (primal_each_step) {  // the Lagrangian heuristic: the relaxation's set, within the capacities
                try_primal(m_chosen);
                if (proven(lb)) break;
            }
            const double norm = m_relax.subgradient(m_chosen, m_g);
            if (norm < 1e-12) break;  // the relaxed solution assigns every demand once: nothing to learn
            const double target = has_incumbent() ? ub() : std::abs(l) * 1.1 + 1;
            const double step = pi * (target - l) / norm;
            for (std::size_t i = 0; i < m_pr.demands; ++i) lambda[i] += step * m_g[i];
        }
        return lb;
    }

    // Reduced-cost tests on facilities with the multipliers λ: forcing a facility the relaxation
    // leaves closed open costs at least its ρ minus the largest ρ it displaces, and closing one it
    // opens costs the smallest ρ left out minus its own. Returns, per facility, what opening it
    // adds to the bound (0 for those the relaxation opens).
    std::vector<double> fix_facilities(std::vector<char>& fix, const std::vector<double>& lambda, bool record) {
        std::vector<double> delta(m_pr.candidates, 0.0);
        m_bound_at_fix = m_relax.bound(lambda, fix, m_chosen);
        const std::vector<std::uint32_t> by_rho = m_relax.free_by_rho();
        const std::size_t take = m_relax.taken();
        if (take == 0) return delta;
        const double l = m_bound_at_fix;
        const double worst_in = m_relax.rho(by_rho[take - 1]);
        const double best_out = take < by_rho.size() ? m_relax.rho(by_rho[take]) : k_no_service;
        for (std::size_t q = 0; q < by_rho.size(); ++q) {
            const std::uint32_t j = by_rho[q];
            if (q >= take) {
                delta[j] = m_relax.rho(j) - worst_in;
                if (!proven(l + delta[j])) continue;
                fix[j] = closed_;
                if (!record) continue;
                m_out.reduced.excluded.resize(m_pr.candidates, 0);
                m_out.reduced.excluded[j] = 1;
                ++m_out.closed;
            } else if (proven(l - m_relax.rho(j) + best_out)) {
                fix[j] = open_;
                if (!record) continue;
                m_out.reduced.fixed.resize(m_pr.candidates, 0);
                m_out.reduced.fixed[j] = 1;
                ++m_out.opened;
            }
        }
        return delta;
    }

    // Forcing demand i onto facility j raises j's knapsack value by at least i's reduced cost
    // there (less capacity, one item forced); pairs that would pass the incumbent are removed.
    void remove_pairs(const std::vector<char>& fix, const std::vector<double>& lambda, const std::vector<double>& delta) {
        Problem& red = m_out.reduced;
        std::vector<char> taken;
        for (std::uint32_t j = 0; j < m_pr.candidates; ++j) {
            if (fix[j] == closed_ || !std::isfinite(m_relax.rho(j))) continue;
            taken.assign(m_pr.demands, 0);
            for (const auto& [i, x] : m_relax.items(j)) taken[i] = x > 0;
            for (std::size_t i = 0; i < m_pr.demands; ++i) {
                if (taken[i] || !std::isfinite(red.c(i, j)) || static_cast<std::int32_t>(i) == m_pr.home_of(j)) continue;
                if (proven(m_bound_at_fix + delta[j] + m_pr.w(i) * m_pr.c(i, j) - lambda[i])) {
                    red.cost[i * m_pr.candidates + j] = k_no_service;
                    ++m_out.pairs_removed;
                }
            }
        }
    }

    // Depth first: open the free facility the relaxation likes best, then close it. A node whose
    // facilities are all decided but whose bound stays below the incumbent is a generalised
    // assignment problem, handed to the leaf solver (single sourcing is not branched on here).
    void branch(std::vector<char> fix, const std::vector<double>& lambda, int depth) {
        std::uint32_t pick = static_cast<std::uint32_t>(m_pr.candidates);
        for (std::uint32_t j : m_chosen)
            if (fix[j] == free_) {
                pick = j;
                break;
            }
        if (pick == m_pr.candidates) {
            std::size_t open = 0;
            for (char f : fix) open += f == open_;
            if (open < static_cast<std::size_t>(m_pr.p))
                for (std::uint32_t j = 0; j < m_pr.candidates && pick == m_pr.candidates; ++j)
                    if (fix[j] == free_) pick = j;
            if (pick == m_pr.candidates) return settle_leaf(fix, lambda);
        }
        for (char side : {open_, closed_}) {  // opening first finds good incumbents early
            if (++m_out.nodes > m_opt.node_limit || out_of_time()) {
                m_stopped = true;
                return;
            }
            std::vector<char> child = fix;
            child[pick] = side;
            std::vector<double> lam = lambda, best = lambda;
            // Short ascents from the parent's multipliers: on pmedcap 11–15 (n = 100) 150/60 steps
            // halving π after 8 stalls took half the time of 600/250 and 20, for a few more nodes.
            const double lb = ascend(child, lam, best, depth < 3 ? 150 : 60, 0.5, 8, false);
            if (lb == -k_no_service) {  // out of time before the first step
                m_stopped = true;
                return;
            }
            if (lb == k_no_service || proven(lb)) continue;
            fix_facilities(child, best, false);
            try_primal(m_chosen);
            if (proven(lb)) continue;
            branch(std::move(child), best, depth + 1);
            if (m_stopped) return;
        }
    }

    void settle_leaf(const std::vector<char>& fix, std::vector<double> lambda) {
        // With every facility decided the relaxation is cheap (p knapsacks): ascend further first.
        std::vector<double> best = lambda;
        const double lb = ascend(fix, lambda, best, 1000, 0.5, 20, false);
        if (lb == -k_no_service) {
            m_stopped = true;
            return;
        }
        if (lb == k_no_service || proven(lb)) return;
        if (!m_opt.leaf_solver) {
            m_unresolved = true;
            return;
        }
        Problem leaf = m_out.reduced;
        leaf.fixed.assign(m_pr.candidates, 0);
        leaf.excluded.assign(m_pr.candidates, 1);
        for (std::uint32_t j = 0; j < m_pr.candidates; ++j)
            if (fix[j] == open_) leaf.fixed[j] = 1;
        Solution s = m_opt.leaf_solver(leaf, ub());
        if ((s.status == Status::optimal || s.status == Status::feasible) && s.objective < ub() - 1e-9) {
            m_out.best.open = std::move(s.open);
            m_out.best.assignment = std::move(s.assignment);
            m_out.best.objective = s.objective;
            m_out.best.status = Status::feasible;
        }
        if (s.status != Status::optimal && s.status != Status::infeasible) m_unresolved = true;
    }

    const Problem& m_pr;
    const CapacitatedOptions& m_opt;
    CapacitatedReduction& m_out;
    KnapsackRelaxation m_relax;
    double m_granularity;
    Stopwatch m_t0;
    std::set<std::vector<std::uint32_t>> m_tried;
    std::vector<std::uint32_t> m_chosen;
    std::vector<double> m_g;
    double m_bound_at_fix = 0;
    bool m_stopped = false;     // a limit ended the search
    bool m_unresolved = false;  // a leaf was left undecided
};

}  // namespace

CapacitatedReduction reduce_capacitated(const Problem& problem, const Solution& incumbent, const CapacitatedOptions& options) {
    CapacitatedReduction out;
    out.reduced = problem;
    Search search(problem, incumbent, options, out);
    search.run();
    return out;
}

}  // namespace coverplan::placement
