#include "core/placement/heuristics.hpp"
#include "core/stopwatch.hpp"

#include <algorithm>
#include <cmath>

namespace coverplan::placement {

namespace {


// Smaller is better, for every model; infeasible sets compare by how much they leave unserved.
struct Score {
    std::size_t unserved = 0;
    double value = 0;
    bool operator<(const Score& o) const {
        return unserved != o.unserved ? unserved < o.unserved : value < o.value - 1e-9 * std::max(1.0, std::abs(o.value));
    }
};

Score score(const Problem& pr, const std::vector<std::uint32_t>& open) {
    const Evaluation ev = evaluate(pr, open);
    Score s;
    if (pr.model == Model::max_covering) return {0, -ev.objective};
    if (std::isfinite(ev.objective)) return {0, ev.objective};
    // Infeasible: count what nearest-facility service leaves out, and its cost as a tie-break.
    for (std::size_t i = 0; i < pr.demands; ++i) {
        double best = k_no_service;
        for (std::uint32_t j : open) best = std::min(best, pr.c(i, j));
        if (!std::isfinite(best) || (pr.model == Model::set_covering && best > pr.radius)) ++s.unserved;
        else s.value += pr.w(i) * best;
    }
    if (s.unserved == 0) s.unserved = 1;  // capacity, not distance, is what fails
    return s;
}

Solution set_cover_greedy(const Problem& pr) {
    std::vector<char> covered(pr.demands, 0), is_open(pr.candidates, 0);
    std::vector<std::uint32_t> open;
    auto add = [&](std::uint32_t j) {
        open.push_back(j);
        is_open[j] = 1;
        for (std::size_t i = 0; i < pr.demands; ++i)
            if (pr.c(i, j) <= pr.radius) covered[i] = 1;
    };
    for (std::uint32_t j = 0; j < pr.candidates; ++j)
        if (pr.is_fixed(j)) add(j);
    for (;;) {
        std::size_t best = 0;
        std::uint32_t pick = 0;
        for (std::uint32_t j = 0; j < pr.candidates; ++j) {
            if (is_open[j] || pr.is_excluded(j)) continue;
            std::size_t gain = 0;
            for (std::size_t i = 0; i < pr.demands; ++i) gain += !covered[i] && pr.c(i, j) <= pr.radius;
            if (gain > best) {
                best = gain;
                pick = j;
            }
        }
        if (best == 0) break;
        add(pick);
    }
    Solution sol;
    sol.solver = "heuristic";
    std::vector<std::string> left;
    for (std::size_t i = 0; i < pr.demands; ++i)
        if (!covered[i]) left.push_back(pr.demand_name(i));
    if (!left.empty()) {
        sol.status = Status::infeasible;
        sol.message = std::to_string(left.size()) + " demand(s) have no candidate within the radius, e.g. " + left.front();
        return sol;
    }
    // Drop facilities whose demands are all covered by others, newest first.
    for (std::size_t q = open.size(); q-- > 0;) {
        if (pr.is_fixed(open[q])) continue;
        std::vector<std::uint32_t> without = open;
        without.erase(without.begin() + static_cast<std::ptrdiff_t>(q));
        if (std::isfinite(evaluate(pr, without).objective)) open = std::move(without);
    }
    std::sort(open.begin(), open.end());
    Evaluation ev = evaluate(pr, open);
    sol.open = std::move(open);
    sol.assignment = std::move(ev.assignment);
    sol.objective = ev.objective;
    sol.bound = 0;
    sol.status = Status::feasible;
    return sol;
}

}  // namespace

Solution interchange_heuristic(const Problem& pr, double time_limit_s) {
    const Stopwatch t0;
    if (pr.model == Model::set_covering) {
        Solution s = set_cover_greedy(pr);
        s.time_s = t0.seconds();
        return s;
    }
    std::vector<std::uint32_t> open;
    std::vector<char> is_open(pr.candidates, 0);
    for (std::uint32_t j = 0; j < pr.candidates; ++j)
        if (pr.is_fixed(j)) {
            open.push_back(j);
            is_open[j] = 1;
        }
    // Greedy: O(p · m) scores. Past the time limit the remaining places take the first candidates
    // still closed, so that a solution of p facilities is always returned.
    while (open.size() < static_cast<std::size_t>(pr.p)) {
        Score best{pr.demands + 2, k_no_service};
        std::uint32_t pick = 0;
        for (std::uint32_t j = 0; j < pr.candidates; ++j) {
            if (is_open[j] || pr.is_excluded(j)) continue;
            if (t0.over(time_limit_s)) {
                if (best.unserved == pr.demands + 2) pick = j;
                break;
            }
            open.push_back(j);
            const Score s = score(pr, open);
            open.pop_back();
            if (s < best) {
                best = s;
                pick = j;
            }
        }
        open.push_back(pick);
        is_open[pick] = 1;
    }
    Score current = score(pr, open);
    long long rounds = 0;
    for (bool improved = true; improved && !t0.over(time_limit_s);) {
        improved = false;
        ++rounds;
        for (std::size_t q = 0; q < open.size() && !improved; ++q) {
            if (pr.is_fixed(open[q])) continue;
            for (std::uint32_t j = 0; j < pr.candidates && !improved; ++j) {
                if (is_open[j] || pr.is_excluded(j)) continue;
                if (t0.over(time_limit_s)) break;  // a score costs O(n · p) or more: the limit is checked at each
                const std::uint32_t out = open[q];
                open[q] = j;
                const Score s = score(pr, open);
                if (s < current) {
                    current = s;
                    is_open[out] = 0;
                    is_open[j] = 1;
                    improved = true;
                } else {
                    open[q] = out;
                }
            }
        }
    }
    std::sort(open.begin(), open.end());
    Evaluation ev = evaluate(pr, open);
    Solution sol;
    sol.solver = "heuristic";
    sol.open = std::move(open);
    sol.assignment = std::move(ev.assignment);
    sol.objective = ev.objective;
    sol.bound = maximises(pr.model) ? k_no_service : 0;
    sol.iterations = rounds;
    sol.status = std::isfinite(ev.objective) ? Status::feasible : Status::infeasible;
    if (sol.status == Status::infeasible)
        sol.message = pr.model == Model::capacitated_p_median ? "no assignment within the capacities was found"
                                                               : "some demand cannot be served by the open facilities";
    sol.time_s = t0.seconds();
    return sol;
}

}  // namespace coverplan::placement
