#include "core/placement/pmedian.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/placement/heuristics.hpp"
#include "core/rng.hpp"
#include "core/stopwatch.hpp"

namespace coverplan::placement {

namespace {

// Weighted costs with "cannot serve" replaced by a penalty larger than any feasible total, so
// that the arithmetic of the interchange and of the relaxation stays finite.
struct Costs {
    std::size_t n = 0, m = 0;
    std::vector<double> wc;
    double penalty = 0;
    double at(std::size_t i, std::size_t j) const { return wc[i * m + j]; }
};

Costs weighted_costs(const Problem& pr) {
    Costs c{pr.demands, pr.candidates, std::vector<double>(pr.cost.size()), 0};
    double worst = 0;
    for (std::size_t i = 0; i < c.n; ++i)
        for (std::size_t j = 0; j < c.m; ++j)
            if (std::isfinite(pr.c(i, j))) worst = std::max(worst, pr.w(i) * pr.c(i, j));
    c.penalty = (worst + 1) * static_cast<double>(c.n + 1);
    for (std::size_t i = 0; i < c.n; ++i)
        for (std::size_t j = 0; j < c.m; ++j)
            c.wc[i * c.m + j] = std::isfinite(pr.c(i, j)) ? pr.w(i) * pr.c(i, j) : c.penalty;
    return c;
}

// An open set with each demand's closest and second-closest open facility.
class OpenSet {
public:
    OpenSet(const Costs& c, std::vector<std::uint32_t> open) : m_c(&c), m_open(std::move(open)) { refresh(); }

    const std::vector<std::uint32_t>& open() const { return m_open; }
    double objective() const { return m_objective; }

    void swap(std::uint32_t out, std::uint32_t in) {
        *std::find(m_open.begin(), m_open.end(), out) = in;
        refresh();
    }

    // Best swap by Whitaker's fast interchange: O(n + p) per entering facility.
    bool best_swap(const Problem& pr, std::uint32_t& out, std::uint32_t& in, double& profit) const {
        const Costs& c = *m_c;
        std::vector<char> is_open(c.m, 0);
        for (std::uint32_t j : m_open) is_open[j] = 1;
        std::vector<double> loss(c.m, 0);
        profit = 1e-9 * std::max(1.0, m_objective);
        bool found = false;
        for (std::uint32_t j = 0; j < c.m; ++j) {
            if (is_open[j] || pr.is_excluded(j)) continue;
            double gain = 0;
            for (std::uint32_t r : m_open) loss[r] = 0;
            for (std::size_t i = 0; i < c.n; ++i) {
                const double d = c.at(i, j);
                if (d < m_d1[i]) gain += m_d1[i] - d;
                else loss[m_c1[i]] += std::min(d, m_d2[i]) - m_d1[i];
            }
            for (std::uint32_t r : m_open) {
                if (pr.is_fixed(r)) continue;
                if (gain - loss[r] > profit) {
                    profit = gain - loss[r];
                    out = r;
                    in = j;
                    found = true;
                }
            }
        }
        return found;
    }

private:
    void refresh() {
        const Costs& c = *m_c;
        m_c1.assign(c.n, 0);
        m_d1.assign(c.n, k_no_service);
        m_d2.assign(c.n, k_no_service);
        m_objective = 0;
        for (std::size_t i = 0; i < c.n; ++i) {
            for (std::uint32_t j : m_open) {
                const double d = c.at(i, j);
                if (d < m_d1[i]) {
                    m_d2[i] = m_d1[i];
                    m_d1[i] = d;
                    m_c1[i] = j;
                } else if (d < m_d2[i]) {
                    m_d2[i] = d;
                }
            }
            if (m_open.size() == 1) m_d2[i] = c.penalty * 2;
            m_objective += m_d1[i];
        }
    }

    const Costs* m_c;
    std::vector<std::uint32_t> m_open;
    std::vector<std::uint32_t> m_c1;
    std::vector<double> m_d1, m_d2;
    double m_objective = 0;
};

// Each step opens the candidate that saves most. O(p · n · m): past the time limit the remaining
// places are filled with the first candidates still closed, and the search that follows starts
// from there.
std::vector<std::uint32_t> greedy_open(const Problem& pr, const Costs& c, const Stopwatch& clock, double limit_s) {
    std::vector<std::uint32_t> open;
    std::vector<double> d1(c.n, c.penalty * 2);
    std::vector<char> is_open(c.m, 0);
    auto add = [&](std::uint32_t j) {
        open.push_back(j);
        is_open[j] = 1;
        for (std::size_t i = 0; i < c.n; ++i) d1[i] = std::min(d1[i], c.at(i, j));
    };
    for (std::uint32_t j = 0; j < c.m; ++j)
        if (pr.is_fixed(j)) add(j);
    while (open.size() < static_cast<std::size_t>(pr.p)) {
        const bool late = clock.over(limit_s);
        double best = -1;
        std::uint32_t pick = 0;
        for (std::uint32_t j = 0; j < c.m; ++j) {
            if (is_open[j] || pr.is_excluded(j)) continue;
            if (late) {
                pick = j;
                break;
            }
            double gain = 0;
            for (std::size_t i = 0; i < c.n; ++i) gain += std::max(0.0, d1[i] - c.at(i, j));
            if (gain > best) {
                best = gain;
                pick = j;
            }
        }
        add(pick);
    }
    return open;
}

// Best-improvement interchange until no swap improves, or the time limit. A swap is kept only
// when the recomputed objective is lower: the fast interchange's estimate, summed in another
// order, cannot make it cycle.
void local_search(const Problem& pr, OpenSet& s, const Stopwatch& clock, double limit_s) {
    std::uint32_t out = 0, in = 0;
    double profit = 0;
    while (!clock.over(limit_s) && s.best_swap(pr, out, in, profit)) {
        const double before = s.objective();
        s.swap(out, in);
        if (!(s.objective() < before)) {
            s.swap(in, out);
            return;
        }
    }
}

Solution finish(const Problem& pr, std::vector<std::uint32_t> open, const char* solver) {
    std::sort(open.begin(), open.end());
    Solution sol;
    Evaluation ev = evaluate(pr, open);
    sol.open = std::move(open);
    sol.assignment = std::move(ev.assignment);
    sol.objective = ev.objective;
    sol.solver = solver;
    sol.status = std::isfinite(ev.objective) ? Status::feasible : Status::infeasible;
    if (sol.status == Status::infeasible)
        sol.message = "some demand cannot be served by any set of " + std::to_string(pr.p) + " facilities";
    return sol;
}

// Random swaps of non-fixed open facilities with closed candidates.
std::vector<std::uint32_t> shake(const Problem& pr, std::vector<std::uint32_t> open, int k, Rng& rng) {
    std::vector<std::uint32_t> movable, closed;
    std::vector<char> is_open(pr.candidates, 0);
    for (std::uint32_t j : open) is_open[j] = 1;
    for (std::uint32_t j = 0; j < pr.candidates; ++j)
        if (!is_open[j] && !pr.is_excluded(j)) closed.push_back(j);
    for (int step = 0; step < k; ++step) {
        movable.clear();
        for (std::size_t q = 0; q < open.size(); ++q)
            if (!pr.is_fixed(open[q])) movable.push_back(static_cast<std::uint32_t>(q));
        if (movable.empty() || closed.empty()) break;
        const std::uint32_t q = movable[rng.below(movable.size())];
        const std::size_t r = rng.below(closed.size());
        std::swap(open[q], closed[r]);
    }
    return open;
}

}  // namespace

Solution p_median_heuristic(const Problem& pr, const SearchOptions& opt) {
    if (!pr.home.empty()) return interchange_heuristic(pr, opt.time_limit_s);
    const Stopwatch t0;
    const Costs c = weighted_costs(pr);
    OpenSet best(c, greedy_open(pr, c, t0, opt.time_limit_s));
    local_search(pr, best, t0, opt.time_limit_s);
    Rng rng(opt.seed);
    const int k_max = std::max(1, std::min(pr.p - static_cast<int>(pr.fixed_count()), 5));
    long long rounds = 0;
    for (int stale = 0, k = 1; stale < 100 && !t0.over(opt.time_limit_s); ++rounds) {
        OpenSet trial(c, shake(pr, best.open(), k, rng));
        local_search(pr, trial, t0, opt.time_limit_s);
        if (trial.objective() < best.objective() - 1e-9 * std::max(1.0, best.objective())) {
            best = trial;
            stale = 0;
            k = 1;
        } else {
            ++stale;
            k = k % k_max + 1;
        }
    }
    Solution sol = finish(pr, best.open(), "heuristic");
    sol.bound = 0;
    sol.iterations = rounds;
    sol.time_s = t0.seconds();
    return sol;
}

namespace {

enum class Fix : char { free, open, closed };

// The Lagrangian relaxation of the assignment constraints: for multipliers λ, every facility's
// reduced cost ρ_j = Σ_i min(0, c_ij − λ_i) and the bound Σ λ + the p smallest ρ.
class Relaxation {
public:
    Relaxation(const Problem& pr, const Costs& c) : m_pr(pr), m_c(c), m_order(c.n * c.m), m_rho(c.m) {
        for (std::size_t i = 0; i < c.n; ++i) {
            auto row = m_order.begin() + static_cast<std::ptrdiff_t>(i * c.m);
            std::iota(row, row + static_cast<std::ptrdiff_t>(c.m), 0u);
            std::stable_sort(row, row + static_cast<std::ptrdiff_t>(c.m),
                             [&](std::uint32_t a, std::uint32_t b) { return c.at(i, a) < c.at(i, b); });
        }
    }

    // Bound for λ under the node's fixings; fills chosen (the p facilities) and rho.
    // Returns -inf when the node cannot hold p facilities.
    double bound(const std::vector<double>& lambda, const std::vector<Fix>& fix, std::vector<std::uint32_t>& chosen) {
        std::fill(m_rho.begin(), m_rho.end(), 0.0);
        double sum = 0;
        for (std::size_t i = 0; i < m_c.n; ++i) {
            sum += lambda[i];
            const std::uint32_t* row = &m_order[i * m_c.m];
            for (std::size_t k = 0; k < m_c.m; ++k) {
                const double d = m_c.at(i, row[k]);
                if (d >= lambda[i]) break;
                m_rho[row[k]] += d - lambda[i];
            }
        }
        chosen.clear();
        m_free.clear();
        for (std::uint32_t j = 0; j < m_c.m; ++j) {
            if (fix[j] == Fix::open) chosen.push_back(j);
            else if (fix[j] == Fix::free) m_free.push_back(j);
        }
        const std::size_t p = static_cast<std::size_t>(m_pr.p);
        if (chosen.size() > p || chosen.size() + m_free.size() < p) return -k_no_service;
        const std::size_t take = p - chosen.size();
        auto by_rho = [&](std::uint32_t a, std::uint32_t b) { return m_rho[a] < m_rho[b] || (m_rho[a] == m_rho[b] && a < b); };
        std::nth_element(m_free.begin(), m_free.begin() + static_cast<std::ptrdiff_t>(take), m_free.end(), by_rho);
        std::sort(m_free.begin(), m_free.begin() + static_cast<std::ptrdiff_t>(take), by_rho);
        chosen.insert(chosen.end(), m_free.begin(), m_free.begin() + static_cast<std::ptrdiff_t>(take));
        for (std::uint32_t j : chosen) sum += m_rho[j];
        m_take = take;
        return sum;
    }

    // Subgradient of the last bound: 1 − (facilities chosen that would take demand i).
    double subgradient(const std::vector<double>& lambda, const std::vector<std::uint32_t>& chosen, std::vector<double>& g) {
        m_is_chosen.assign(m_c.m, 0);
        for (std::uint32_t j : chosen) m_is_chosen[j] = 1;
        double norm = 0;
        g.assign(m_c.n, 1.0);
        for (std::size_t i = 0; i < m_c.n; ++i) {
            const std::uint32_t* row = &m_order[i * m_c.m];
            for (std::size_t k = 0; k < m_c.m && m_c.at(i, row[k]) < lambda[i]; ++k) g[i] -= m_is_chosen[row[k]];
            norm += g[i] * g[i];
        }
        return norm;
    }

    double rho(std::uint32_t j) const { return m_rho[j]; }
    // Free facilities not chosen, in ascending ρ, and the chosen free ones (after bound()).
    const std::vector<std::uint32_t>& free_sorted_prefix() const { return m_free; }
    std::size_t taken() const { return m_take; }

private:
    const Problem& m_pr;
    const Costs& m_c;
    std::vector<std::uint32_t> m_order;  // per demand, candidates by ascending cost
    std::vector<double> m_rho;
    std::vector<std::uint32_t> m_free;
    std::vector<char> m_is_chosen;
    std::size_t m_take = 0;
};

class BranchAndBound {
public:
    BranchAndBound(const Problem& pr, const Costs& c, const SearchOptions& opt, OpenSet incumbent, const Stopwatch& t0)
        : m_pr(pr), m_c(c), m_opt(opt), m_relax(pr, c), m_best(std::move(incumbent)), m_t0(t0),
          m_granularity(cost_granularity(pr)) {}

    void run() {
        std::vector<Fix> fix(m_c.m, Fix::free);
        for (std::uint32_t j = 0; j < m_c.m; ++j) {
            if (m_pr.is_fixed(j)) fix[j] = Fix::open;
            else if (m_pr.is_excluded(j)) fix[j] = Fix::closed;
        }
        std::vector<double> lambda(m_c.n);
        // Start from each demand's second-closest distance: a common, robust choice.
        for (std::size_t i = 0; i < m_c.n; ++i) {
            double d1 = k_no_service, d2 = k_no_service;
            for (std::uint32_t j = 0; j < m_c.m; ++j) {
                if (fix[j] == Fix::closed) continue;
                const double d = m_c.at(i, j);
                if (d < d1) {
                    d2 = d1;
                    d1 = d;
                } else if (d < d2) {
                    d2 = d;
                }
            }
            lambda[i] = std::isfinite(d2) ? d2 : d1;
        }
        m_complete = node(fix, lambda, 0);
    }

    const OpenSet& best() const { return m_best; }
    double root_bound() const { return m_root_bound; }
    bool complete() const { return m_complete; }
    long long nodes() const { return m_nodes; }
    long long iterations() const { return m_iterations; }

private:
    bool pruned(double lb) const {
        return proves(Model::p_median, m_best.objective(), lb, m_granularity, m_opt.rel_gap) || lb >= m_best.objective();
    }

    void try_primal(const std::vector<std::uint32_t>& chosen) {
        OpenSet trial(m_c, chosen);
        if (trial.objective() >= m_best.objective() * 1.05 + 1e-9) return;  // not worth a local search
        local_search(m_pr, trial, m_t0, m_opt.time_limit_s);
        if (trial.objective() < m_best.objective() - 1e-9) m_best = trial;
    }

    // Returns false when stopped by the time or node limit.
    bool node(std::vector<Fix> fix, std::vector<double> lambda, int depth) {
        if (++m_nodes > m_opt.node_limit || m_t0.over(m_opt.time_limit_s)) return false;
        std::vector<std::uint32_t> chosen, best_chosen;
        std::vector<double> g, best_lambda = lambda;
        double lb = -k_no_service, pi = 2.0;
        const int max_iter = depth == 0 ? 3000 : 300;
        int stall = 0;
        std::vector<std::uint32_t> last_primal;
        for (int it = 0; it < max_iter && pi > 1e-4; ++it) {
            if (m_t0.over(m_opt.time_limit_s)) {  // each iteration is O(n · m): the limit is checked at each
                if (depth == 0) m_root_bound = lb;
                return false;
            }
            ++m_iterations;
            const double l = m_relax.bound(lambda, fix, chosen);
            if (l == -k_no_service) return true;  // infeasible node
            if (!std::isfinite(lb) || l > lb + 1e-9 * std::max(1.0, std::abs(lb))) {
                lb = l;
                best_lambda = lambda;
                best_chosen = chosen;
                stall = 0;
            } else if (++stall >= 30) {
                pi /= 2;
                stall = 0;
            }
            if (pruned(lb)) break;
            std::vector<std::uint32_t> sorted = chosen;
            std::sort(sorted.begin(), sorted.end());
            if (sorted != last_primal) {
                try_primal(sorted);
                last_primal = std::move(sorted);
            }
            const double norm = m_relax.subgradient(lambda, chosen, g);
            if (norm == 0) break;  // the relaxed solution is feasible: the bound is tight here
            const double step = pi * (m_best.objective() - l) / norm;
            for (std::size_t i = 0; i < m_c.n; ++i) lambda[i] = std::max(0.0, lambda[i] + step * g[i]);
        }
        if (depth == 0) m_root_bound = lb;
        if (pruned(lb)) return true;
        // Reduced-cost fixing with the best multipliers: a facility whose forced opening or
        // closing would push the bound past the incumbent is fixed for this subtree.
        const double l = m_relax.bound(best_lambda, fix, chosen);
        const std::vector<std::uint32_t> free = m_relax.free_sorted_prefix();
        const std::size_t take = m_relax.taken();
        if (take == 0) return true;  // everything forced: the relaxation's chosen set was evaluated
        const double worst_in = m_relax.rho(free[take - 1]);
        const double best_out = take < free.size() ? m_relax.rho(free[take]) : k_no_service;
        for (std::size_t q = 0; q < free.size(); ++q) {
            const std::uint32_t j = free[q];
            if (q >= take && pruned(l + m_relax.rho(j) - worst_in)) fix[j] = Fix::closed;
            if (q < take && pruned(l - m_relax.rho(j) + best_out)) fix[j] = Fix::open;
        }
        // Branch on the chosen free facility with the most negative ρ: open first, then closed.
        const auto none = static_cast<std::uint32_t>(m_c.m);
        std::uint32_t branch = none;
        for (std::size_t q = 0; q < take; ++q)
            if (fix[free[q]] == Fix::free) {
                branch = free[q];
                break;
            }
        if (branch == none) {  // the fixings decided the node: p open or no choice left
            std::size_t open = 0, unfixed = 0;
            for (Fix f : fix) {
                open += f == Fix::open;
                unfixed += f == Fix::free;
            }
            if (open + unfixed < static_cast<std::size_t>(m_pr.p) || open > static_cast<std::size_t>(m_pr.p)) return true;
            if (unfixed == 0 || open == static_cast<std::size_t>(m_pr.p)) {
                std::vector<std::uint32_t> set;
                for (std::uint32_t j = 0; j < m_c.m; ++j)
                    if (fix[j] == Fix::open || (fix[j] == Fix::free && open < static_cast<std::size_t>(m_pr.p))) set.push_back(j);
                if (set.size() == static_cast<std::size_t>(m_pr.p)) try_primal(set);
                return true;
            }
            for (std::uint32_t j = 0; j < m_c.m; ++j)
                if (fix[j] == Fix::free) {
                    branch = j;
                    break;
                }
        }
        std::vector<Fix> child = fix;
        child[branch] = Fix::open;
        if (!node(child, best_lambda, depth + 1)) return false;
        child[branch] = Fix::closed;
        return node(std::move(child), std::move(best_lambda), depth + 1);
    }

    const Problem& m_pr;
    const Costs& m_c;
    const SearchOptions& m_opt;
    Relaxation m_relax;
    OpenSet m_best;
    const Stopwatch& m_t0;
    double m_granularity;
    double m_root_bound = -k_no_service;
    bool m_complete = false;
    long long m_nodes = 0, m_iterations = 0;
};

}  // namespace

Solution p_median_lagrangian(const Problem& pr, const SearchOptions& opt) {
    const Stopwatch t0;
    if (!pr.home.empty()) {  // homes couple assignment and opening; the relaxation here ignores them
        Solution s = interchange_heuristic(pr, opt.time_limit_s);
        s.time_s = t0.seconds();
        return s;
    }
    const Costs c = weighted_costs(pr);
    OpenSet start(c, greedy_open(pr, c, t0, opt.time_limit_s));
    local_search(pr, start, t0, opt.time_limit_s);
    BranchAndBound bb(pr, c, opt, start, t0);
    bb.run();
    Solution sol = finish(pr, bb.best().open(), "lagrangian");
    sol.nodes = bb.nodes();
    sol.iterations = bb.iterations();
    if (sol.status == Status::feasible) {
        sol.bound = bb.complete() ? sol.objective : std::max(0.0, bb.root_bound());
        if (bb.complete()) sol.status = Status::optimal;
        else sol.message = "stopped by the time or node limit before optimality was proven";
    } else if (bb.complete()) {
        sol.message = "no set of " + std::to_string(pr.p) + " facilities can serve every demand";
    }
    sol.time_s = t0.seconds();
    return sol;
}

}  // namespace coverplan::placement
