#include "solve/solve.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/placement/heuristics.hpp"
#include "core/placement/mip_model.hpp"
#include "core/placement/pmedian.hpp"
#include "solve/cbc.hpp"

namespace coverplan::solve {

using namespace placement;

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Above these many assignment pairs a MIP is not attempted unless asked for.
constexpr std::size_t k_auto_mip_pairs = 250'000;
constexpr std::size_t k_auto_mip_cover_pairs = 4'000'000;

std::size_t finite_pairs(const Problem& pr) {
    return static_cast<std::size_t>(std::count_if(pr.cost.begin(), pr.cost.end(), [](double c) { return std::isfinite(c); }));
}

Solution with_cbc(const Problem& pr, const SolveOptions& opt, Solution start, Clock::time_point t0) {
    MipMapping map;
    const MipModel mip = build_mip(pr, map);
    MipOptions mo;
    mo.time_limit_s = std::max(0.1, opt.time_limit_s - since(t0));
    mo.rel_gap = opt.rel_gap;
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
Solution p_center(const Problem& pr, const SolveOptions& opt, Clock::time_point t0) {
    Solution best = interchange_heuristic(pr, opt.time_limit_s);
    if (opt.solver == "heuristic" || best.status != Status::feasible) return best;
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

}  // namespace

Solution solve_problem(const Problem& pr, const SolveOptions& opt) {
    const auto t0 = Clock::now();
    check_problem(pr);
    if (opt.solver != "auto" && opt.solver != "heuristic" && opt.solver != "lagrangian" && opt.solver != "mip")
        throw UsageError({"unknown solver \"" + opt.solver + "\", expected auto, heuristic, lagrangian or mip",
                          "未知求解器 \"" + opt.solver + "\"，应为 auto、heuristic、lagrangian 或 mip"});
    if (opt.solver == "lagrangian" && (pr.model != Model::p_median || !pr.home.empty()))
        throw UsageError({"the lagrangian solver is for the p-median model without home demands",
                          "拉格朗日求解器仅用于无驻点约束的 p-中位模型"});
    SearchOptions so{opt.time_limit_s, opt.seed, opt.rel_gap, 1'000'000};
    Solution sol;
    if (pr.model == Model::set_covering || pr.model == Model::p_center) {
        const auto left = uncoverable(pr, pr.model == Model::set_covering ? pr.radius : std::numeric_limits<double>::max());
        if (!left.empty()) {
            sol.status = Status::infeasible;
            sol.solver = opt.solver == "auto" ? "check" : opt.solver;
            sol.message = std::to_string(left.size()) + " demand(s) cannot be covered by any candidate, e.g. " +
                          pr.demand_name(left.front());
            sol.time_s = since(t0);
            return sol;
        }
    }
    const std::size_t pairs = finite_pairs(pr);
    const bool covering = pr.model == Model::max_covering || pr.model == Model::set_covering || pr.model == Model::p_center;
    const bool mip_small = pairs <= (covering ? k_auto_mip_cover_pairs : k_auto_mip_pairs);
    const bool lagrangian = pr.model == Model::p_median && pr.home.empty();
    if (pr.model == Model::p_center) {
        SolveOptions o = opt;
        if (opt.solver == "auto" && !mip_small) o.solver = "heuristic";
        sol = p_center(pr, o, t0);
    } else if (opt.solver == "lagrangian" || (opt.solver == "auto" && lagrangian)) {
        sol = p_median_lagrangian(pr, so);
    } else if (opt.solver == "heuristic" || (opt.solver == "auto" && !mip_small)) {
        sol = pr.model == Model::p_median ? p_median_heuristic(pr, so) : interchange_heuristic(pr, opt.time_limit_s);
    } else {
        Solution start = pr.model == Model::p_median ? p_median_heuristic(pr, so) : interchange_heuristic(pr, opt.time_limit_s);
        sol = with_cbc(pr, opt, std::move(start), t0);
    }
    sol.time_s = since(t0);
    return sol;
}

}  // namespace coverplan::solve
