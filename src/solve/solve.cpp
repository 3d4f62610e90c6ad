#include "solve/solve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/placement/capacitated_bound.hpp"
#include "core/placement/heuristics.hpp"
#include "core/placement/mip_model.hpp"
#include "core/placement/pmedian.hpp"
#include "solve/cbc.hpp"
#include "core/stopwatch.hpp"

namespace coverplan::solve {

using namespace placement;

namespace {


// Above these many assignment pairs a MIP is not attempted unless asked for.
constexpr std::size_t k_auto_mip_pairs = 250'000;
constexpr std::size_t k_auto_mip_cover_pairs = 4'000'000;

std::size_t finite_pairs(const Problem& pr) {
    return static_cast<std::size_t>(std::count_if(pr.cost.begin(), pr.cost.end(), [](double c) { return std::isfinite(c); }));
}

Solution with_cbc(const Problem& pr, const SolveOptions& opt, Solution start, const Stopwatch& t0,
                  double cutoff = k_no_service) {
    MipMapping map;
    const MipModel mip = build_mip(pr, map);
    MipOptions mo;
    mo.time_limit_s = std::max(0.1, opt.time_limit_s - t0.seconds());
    mo.rel_gap = opt.rel_gap;
    mo.cutoff = cutoff;
    if (start.status == Status::feasible || start.status == Status::optimal) mo.start = mip_start(pr, mip, map, start);
    const MipResult r = solve_mip(mip, mo);
    Solution sol;
    if (!r.values.empty()) {
        sol = solution_from_mip(pr, map, r.values);
        sol.status = r.status;
    } else if (r.status == Status::infeasible) {
        sol.status = Status::infeasible;
        sol.message = "the model has no feasible solution (CBC proved it)";
    } else {
        sol = std::move(start);  // CBC found nothing better in time: keep the heuristic's
        if (sol.status == Status::optimal) sol.status = Status::feasible;
    }
    sol.solver = "cbc";
    sol.bound = r.bound;
    if (sol.status == Status::optimal) sol.bound = sol.objective;
    sol.nodes = r.nodes;
    return sol;
}

// Demands no allowed candidate can cover within the radius make covering models infeasible.
std::vector<std::size_t> uncoverable(const Problem& pr, double radius) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < pr.demands; ++i) {
        bool any = false;
        for (std::size_t j = 0; j < pr.candidates && !any; ++j) any = !pr.is_excluded(j) && pr.c(i, j) <= radius;
        if (!any) out.push_back(i);
    }
    return out;
}

// p-center: the smallest radius whose set cover needs at most p facilities, by bisection over the
// distinct costs between the largest nearest-candidate cost and the heuristic's objective.
Solution p_center(const Problem& pr, const SolveOptions& opt, const Stopwatch& t0) {
    Solution best = interchange_heuristic(pr, opt.time_limit_s);
    if (opt.solver == Solver::heuristic || best.status != Status::feasible) return best;
    double floor_r = 0;
    for (std::size_t i = 0; i < pr.demands; ++i) {
        double nearest = k_no_service;
        for (std::size_t j = 0; j < pr.candidates; ++j)
            if (!pr.is_excluded(j)) nearest = std::min(nearest, pr.c(i, j));
        floor_r = std::max(floor_r, nearest);
    }
    std::vector<double> radii;
    for (double c : pr.cost)
        if (c >= floor_r && c <= best.objective) radii.push_back(c);
    std::sort(radii.begin(), radii.end());
    radii.erase(std::unique(radii.begin(), radii.end()), radii.end());
    Problem cover = pr;
    cover.model = Model::set_covering;
    bool proven = true;
    long long nodes = 0;
    std::size_t lo = 0, hi = radii.size() - 1;  // radii[hi] is feasible (the heuristic's objective)
    std::vector<std::uint32_t> open_hi = best.open;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        cover.radius = radii[mid];
        const Solution s = with_cbc(cover, opt, interchange_heuristic(cover, opt.time_limit_s), t0);
        nodes += s.nodes;
        if (s.status != Status::optimal && s.status != Status::infeasible) proven = false;
        if ((s.status == Status::optimal || s.status == Status::feasible) && s.objective <= pr.p) {
            hi = mid;
            open_hi = s.open;
        } else {
            lo = mid + 1;
        }
    }
    // Fill up to p facilities: more open never hurts the largest cost.
    std::vector<char> is_open(pr.candidates, 0);
    for (std::uint32_t j : open_hi) is_open[j] = 1;
    for (std::uint32_t j = 0; j < pr.candidates && open_hi.size() < static_cast<std::size_t>(pr.p); ++j)
        if (!is_open[j] && !pr.is_excluded(j)) open_hi.push_back(j);
    std::sort(open_hi.begin(), open_hi.end());
    Evaluation ev = evaluate(pr, open_hi);
    Solution sol;
    sol.open = std::move(open_hi);
    sol.assignment = std::move(ev.assignment);
    sol.objective = ev.objective;
    sol.solver = "cbc";
    sol.nodes = nodes;
    sol.status = proven ? Status::optimal : Status::feasible;
    sol.bound = proven ? sol.objective : floor_r;
    return sol;
}

bool is_solution_of(const Problem& pr, const Solution& s) {
    if (s.status != Status::feasible && s.status != Status::optimal) return false;
    for (std::uint32_t j : s.open)
        if (pr.is_excluded(j)) return false;
    for (std::size_t j = 0; j < pr.candidates; ++j)
        if (pr.is_fixed(j) && !std::binary_search(s.open.begin(), s.open.end(), static_cast<std::uint32_t>(j))) return false;
    for (std::size_t i = 0; i < pr.demands; ++i)
        if (s.assignment[i] < 0 || !std::isfinite(pr.c(i, static_cast<std::size_t>(s.assignment[i])))) return false;
    return true;
}

// Capacitated p-median (auto, lagrangian): the interchange heuristic's solution, then the
// Lagrangian knapsack bound with its heuristic, reductions and branch and bound
// (capacitated_bound.hpp), CBC settling the leaves whose facilities are decided; if a limit stops
// the search, CBC on the reduced problem for the time left (auto, when small enough). The "mip"
// solver is CBC on the whole model, which the tests use as an independent check.
Solution capacitated(const Problem& pr, const SolveOptions& opt, const Stopwatch& t0) {
    Solution start = interchange_heuristic(pr, opt.time_limit_s);
    if (opt.solver == Solver::heuristic) return start;
    CapacitatedOptions co;
    co.time_limit_s = std::max(0.1, 0.6 * opt.time_limit_s - t0.seconds());  // CBC gets the rest if needed
    co.node_limit = 1'000'000;
    if (opt.solver != Solver::lagrangian)
        co.leaf_solver = [&](const Problem& leaf, double cutoff) { return with_cbc(leaf, opt, Solution{}, t0, cutoff); };
    CapacitatedReduction red = reduce_capacitated(pr, start, co);
    Solution best = std::move(red.best);
    best.iterations = red.iterations;
    best.nodes = red.nodes;
    const bool has_best = best.status == Status::feasible || best.status == Status::optimal;
    if (red.proven) {
        best.solver = "lagrangian";
        if (!std::isfinite(red.bound) || !has_best) {
            best.status = Status::infeasible;
            if (best.message.empty()) best.message = "fewer than p facilities can open and serve their home demand";
        } else {
            best.status = Status::optimal;
            best.bound = best.objective;
        }
        return best;
    }
    const bool mip = opt.solver == Solver::automatic && finite_pairs(red.reduced) <= k_auto_mip_pairs;
    if (!mip) {
        best.solver = opt.solver == Solver::automatic ? "heuristic+lagrangian" : std::string(placement::solver_key(opt.solver));
        best.bound = std::max(0.0, red.bound);
        if (has_best) best.message = "the gap was not closed; run with --solver mip to try CBC";
        return best;
    }
    const bool warm = is_solution_of(red.reduced, best);
    Solution s = with_cbc(red.reduced, opt, warm ? best : Solution{}, t0, has_best && !warm ? best.objective : k_no_service);
    // A solution of the reduced problem is one of the problem; the reductions only removed
    // solutions no better than the incumbent, so "reduced infeasible" proves the incumbent.
    const bool done = s.status == Status::optimal || s.status == Status::infeasible;
    if ((s.status == Status::optimal || s.status == Status::feasible) && (!has_best || s.objective < best.objective)) {
        s.iterations = best.iterations;
        s.nodes += best.nodes;
        best = std::move(s);
    } else {
        best.nodes += s.nodes;
        best.solver = "cbc";
        if (!has_best) {
            best.status = s.status;
            best.message = s.message;
        }
    }
    if (best.status == Status::feasible || best.status == Status::optimal) {
        best.status = done ? Status::optimal : Status::feasible;
        best.bound = done ? best.objective : std::max(red.bound, std::min(best.objective, s.bound));
    }
    return best;
}

}  // namespace

Solution solve_problem(const Problem& pr, const SolveOptions& opt) {
    const Stopwatch t0;
    check_problem(pr);
    if (opt.solver == Solver::lagrangian && (pr.model != Model::p_median || !pr.home.empty()) &&
        pr.model != Model::capacitated_p_median)
        throw UsageError({"the lagrangian solver is for the p-median model without home demands and for the capacitated "
                          "p-median",
                          "拉格朗日求解器仅用于无驻点约束的 p-中位模型和带容量 p-中位模型"});
    SearchOptions so{opt.time_limit_s, opt.seed, opt.rel_gap, 1'000'000};
    Solution sol;
    if (pr.model == Model::set_covering || pr.model == Model::p_center) {
        const auto left = uncoverable(pr, pr.model == Model::set_covering ? pr.radius : std::numeric_limits<double>::max());
        if (!left.empty()) {
            sol.status = Status::infeasible;
            sol.solver = opt.solver == Solver::automatic ? "check" : std::string(placement::solver_key(opt.solver));
            sol.message = std::to_string(left.size()) + " demand(s) cannot be covered by any candidate, e.g. " +
                          pr.demand_name(left.front());
            sol.time_s = t0.seconds();
            return sol;
        }
    }
    const std::size_t pairs = finite_pairs(pr);
    const bool covering = pr.model == Model::max_covering || pr.model == Model::set_covering || pr.model == Model::p_center;
    const bool mip_small = pairs <= (covering ? k_auto_mip_cover_pairs : k_auto_mip_pairs);
    const bool lagrangian = pr.model == Model::p_median && pr.home.empty();
    if (pr.model == Model::p_center) {
        SolveOptions o = opt;
        if (opt.solver == Solver::automatic && !mip_small) o.solver = Solver::heuristic;
        sol = p_center(pr, o, t0);
    } else if (pr.model == Model::capacitated_p_median && opt.solver != Solver::mip) {
        sol = capacitated(pr, opt, t0);
    } else if (opt.solver == Solver::lagrangian || (opt.solver == Solver::automatic && lagrangian)) {
        sol = p_median_lagrangian(pr, so);
    } else if (opt.solver == Solver::heuristic || (opt.solver == Solver::automatic && !mip_small)) {
        sol = pr.model == Model::p_median ? p_median_heuristic(pr, so) : interchange_heuristic(pr, opt.time_limit_s);
    } else {
        Solution start = pr.model == Model::p_median ? p_median_heuristic(pr, so) : interchange_heuristic(pr, opt.time_limit_s);
        sol = with_cbc(pr, opt, std::move(start), t0);
    }
    sol.time_s = t0.seconds();
    return sol;
}

}  // namespace coverplan::solve
