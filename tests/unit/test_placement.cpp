// Placement models and solvers on instances small enough to check by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/error.hpp"
#include "core/placement/capacitated.hpp"
#include "core/placement/capacitated_bound.hpp"
#include "core/placement/heuristics.hpp"
#include "core/placement/pmedian.hpp"
#include "core/rng.hpp"
#include "solve/solve.hpp"

using namespace coverplan;
using namespace coverplan::placement;

namespace {

// Demands and candidates on a line; cost = distance.
Problem line(const std::vector<double>& demand_x, const std::vector<double>& candidate_x, Model model, int p) {
    Problem pr;
    pr.model = model;
    pr.demands = demand_x.size();
    pr.candidates = candidate_x.size();
    for (double d : demand_x)
        for (double c : candidate_x) pr.cost.push_back(std::abs(d - c));
    pr.p = p;
    return pr;
}

Solution run(const Problem& pr, const std::string& solver) {
    solve::SolveOptions o;
    o.solver = placement::parse_named(placement::k_solvers, solver).value();
    o.time_limit_s = 10;
    return solve::solve_problem(pr, o);
}

// Every feasible solution of a capacitated problem, enumerated: each set of p candidates and
// each single-sourcing assignment within the capacities (exponential, a handful of demands only).
// Keeps the optimum, and the best objective of a solution using each pair, opening each
// candidate and leaving each candidate closed, to check the reduced-cost tests against.
struct Enumerated {
    double best = k_no_service;
    std::vector<double> with_pair, with_open, without_open;
};

Enumerated enumerate_capacitated(const Problem& pr) {
    Enumerated e;
    e.with_pair.assign(pr.demands * pr.candidates, k_no_service);
    e.with_open.assign(pr.candidates, k_no_service);
    e.without_open.assign(pr.candidates, k_no_service);
    std::vector<std::uint32_t> open;
    std::vector<std::int32_t> assign(pr.demands, -1);
    std::vector<double> load(pr.candidates, 0);
    std::function<void(std::size_t, double)> assign_from = [&](std::size_t i, double cost) {
        if (i == pr.demands) {
            for (std::uint32_t j : open) {
                const std::int32_t h = pr.home_of(j);
                if (h >= 0 && assign[static_cast<std::size_t>(h)] != static_cast<std::int32_t>(j)) return;
            }
            e.best = std::min(e.best, cost);
            for (std::size_t d = 0; d < pr.demands; ++d) {
                double& w = e.with_pair[d * pr.candidates + static_cast<std::size_t>(assign[d])];
                w = std::min(w, cost);
            }
            for (std::uint32_t j = 0; j < pr.candidates; ++j) {
                double& v = std::find(open.begin(), open.end(), j) != open.end() ? e.with_open[j] : e.without_open[j];
                v = std::min(v, cost);
            }
            return;
        }
        for (std::uint32_t j : open) {
            if (!std::isfinite(pr.c(i, j)) || load[j] + pr.s(i) > pr.cap(j)) continue;
            load[j] += pr.s(i);
            assign[i] = static_cast<std::int32_t>(j);
            assign_from(i + 1, cost + pr.w(i) * pr.c(i, j));
            load[j] -= pr.s(i);
        }
    };
    std::function<void(std::uint32_t)> choose = [&](std::uint32_t from) {
        if (open.size() == static_cast<std::size_t>(pr.p)) return assign_from(0, 0);
        for (std::uint32_t j = from; j < pr.candidates; ++j) {
            open.push_back(j);
            choose(j + 1);
            open.pop_back();
        }
    };
    choose(0);
    return e;
}

// Random plane instances with unequal demand sizes (so capacity binds and single sourcing
// matters), integral costs, and home demands on every third seed.
Problem random_capacitated(std::uint64_t seed, std::size_t demands, std::size_t candidates) {
    Rng rng(seed);
    Problem pr;
    pr.model = Model::capacitated_p_median;
    pr.demands = demands;
    pr.candidates = candidates;
    pr.p = 2 + static_cast<int>(seed % 2);
    std::vector<std::pair<double, double>> d(demands), c(candidates);
    for (auto& xy : d) xy = {rng.uniform(0, 100), rng.uniform(0, 100)};
    for (std::size_t j = 0; j < candidates; ++j) c[j] = j < 4 ? d[j] : std::make_pair(rng.uniform(0, 100), rng.uniform(0, 100));
    for (const auto& [dx, dy] : d)
        for (const auto& [cx, cy] : c) pr.cost.push_back(std::floor(std::hypot(dx - cx, dy - cy)));
    double total = 0;
    for (std::size_t i = 0; i < demands; ++i) {
        pr.size.push_back(static_cast<double>(1 + rng.below(6)));
        total += pr.size.back();
    }
    pr.capacity.assign(candidates, std::ceil(total * 1.15 / pr.p));  // tight: 15 % slack overall
    if (seed % 3 == 0) {
        pr.home.assign(candidates, -1);
        for (std::int32_t j = 0; j < 4; ++j) pr.home[static_cast<std::size_t>(j)] = j;
    }
    return pr;
}

}  // namespace

TEST_CASE("p-median: every solver finds the hand-checked optimum", "[placement][p-median]") {
    // Two clusters {0,1} and {10,11}: one median in each, total distance 2.
    const Problem pr = line({0, 1, 10, 11}, {0, 1, 5, 10, 11}, Model::p_median, 2);
    for (const char* solver : {"lagrangian", "heuristic", "mip", "auto"}) {
        INFO(solver);
        const Solution s = run(pr, solver);
        CHECK(s.objective == Approx(2));
        REQUIRE(s.open.size() == 2);
        CHECK(s.open[0] <= 1);
        CHECK(s.open[1] >= 3);
        if (std::string(solver) != "heuristic") {
            CHECK(s.status == Status::optimal);
            CHECK(s.bound == Approx(2));
            CHECK(s.gap() == 0);
        }
    }
}

TEST_CASE("p-median: a fixed facility stays open and the rest is optimal around it", "[placement][p-median]") {
    Problem pr = line({0, 1, 10, 11}, {0, 1, 5, 10, 11}, Model::p_median, 2);
    pr.fixed = {0, 0, 1, 0, 0};  // an existing site at 5
    // With 5 open the best second site is 10 or 11 (a tie): 5 + 4 + 0 + 1 = 10.
    for (const char* solver : {"lagrangian", "mip", "heuristic"}) {
        INFO(solver);
        const Solution s = run(pr, solver);
        CHECK(s.objective == Approx(10));
        CHECK(std::find(s.open.begin(), s.open.end(), 2u) != s.open.end());
    }
    // Ties are broken the same way every time.
    CHECK(run(pr, "lagrangian").open == run(pr, "lagrangian").open);
}

TEST_CASE("p-median: weights pull the median", "[placement][p-median]") {
    Problem pr = line({0, 10}, {0, 10}, Model::p_median, 1);
    pr.weight = {1, 3};
    const Solution s = run(pr, "auto");
    CHECK(s.open == std::vector<std::uint32_t>{1});
    CHECK(s.objective == Approx(10));
}

TEST_CASE("p-median: a demand no candidate can serve makes the problem infeasible", "[placement][p-median]") {
    Problem pr = line({0, 1}, {0, 1}, Model::p_median, 1);
    pr.cost[2] = pr.cost[3] = k_no_service;  // demand 2 cannot be served
    CHECK(run(pr, "lagrangian").status == Status::infeasible);
    CHECK(run(pr, "mip").status == Status::infeasible);
}

TEST_CASE("capacitated p-median: capacity exactly met, and one short", "[placement][capacitated]") {
    Problem pr = line({0, 1, 2, 10}, {0, 10}, Model::capacitated_p_median, 2);
    pr.capacity = {2, 2};
    // The site at 0 can take two of {0,1,2}; the third goes to 10: 0 + 1 + 8 + 0 = 9.
    for (const char* solver : {"auto", "lagrangian", "mip", "heuristic"}) {
        INFO(solver);
        const Solution s = run(pr, solver);
        CHECK(s.objective == Approx(9));
        CHECK(s.assignment[2] == 1);
    }
    pr.capacity = {2, 1};  // total 3 < 4 demands
    CHECK(run(pr, "mip").status == Status::infeasible);
    CHECK(run(pr, "auto").status == Status::infeasible);
    CHECK(assign_capacitated(pr, {0, 1}).objective == k_no_service);
}

TEST_CASE("capacitated p-median: a facility serves the demand it stands in", "[placement][capacitated]") {
    // Demand 1 sits at candidate 1's place but is nearer... to nobody else; make candidate 0
    // cheaper for it and check that the home rule still wins.
    Problem pr = line({0, 4, 5}, {0, 5}, Model::capacitated_p_median, 2);
    pr.capacity = {3, 3};
    pr.home = {0, 1};  // candidate 1 stands in demand 1 (at x = 4, cost 1 from it)
    for (const char* solver : {"auto", "mip"}) {
        INFO(solver);
        const Solution s = run(pr, solver);
        CHECK(s.assignment[1] == 1);
        CHECK(s.objective == Approx(0 + 1 + 0));
    }
    CHECK(assign_capacitated(pr, {0, 1}).assignment[1] == 1);
}

TEST_CASE("capacitated p-median: the Lagrangian branch and bound agrees with enumeration", "[placement][capacitated]") {
    for (std::uint64_t seed = 1; seed <= 25; ++seed) {
        const Problem pr = random_capacitated(seed, 10, 7);
        const double expected = enumerate_capacitated(pr).best;
        INFO("seed " << seed << ", enumerated optimum " << expected);
        for (const char* solver : {"auto", "mip"}) {  // mip: CBC on the whole model, independently
            INFO(solver);
            const Solution s = run(pr, solver);
            if (!std::isfinite(expected)) {
                CHECK(s.status == Status::infeasible);
                continue;
            }
            CHECK(s.status == Status::optimal);
            CHECK(s.objective == Approx(expected));
            CHECK(s.bound == Approx(expected));
        }
        const Solution lag = run(pr, "lagrangian");  // without CBC at the leaves: a bound, maybe a proof
        if (std::isfinite(expected)) {
            CHECK(lag.objective >= expected - 1e-9);
            CHECK(lag.bound <= expected + 1e-9);
            if (lag.status == Status::optimal) CHECK(lag.objective == Approx(expected));
        }
    }
}

TEST_CASE("capacitated p-median: the reduced-cost tests remove only what cannot beat the incumbent", "[placement][capacitated]") {
    // Checked against enumeration: every removed pair, closed candidate and forced-open one must
    // be such that no solution using (resp. avoiding) it is better than the final incumbent.
    std::size_t removed = 0, closed = 0;
    for (std::uint64_t seed = 1; seed <= 25; ++seed) {
        const Problem pr = random_capacitated(seed, 9, 7);
        const Enumerated e = enumerate_capacitated(pr);
        if (!std::isfinite(e.best)) continue;
        CapacitatedOptions opt;
        opt.node_limit = 0;  // the root's tests only
        const CapacitatedReduction red = reduce_capacitated(pr, interchange_heuristic(pr, 10), opt);
        INFO("seed " << seed << ", optimum " << e.best << ", incumbent " << red.best.objective << ", bound " << red.bound);
        CHECK(red.bound <= e.best + 1e-9);
        CHECK(red.best.objective >= e.best - 1e-9);
        const double ub = red.best.objective;
        for (std::size_t i = 0; i < pr.demands; ++i)
            for (std::size_t j = 0; j < pr.candidates; ++j)
                if (std::isfinite(pr.c(i, j)) && !std::isfinite(red.reduced.c(i, j))) {
                    ++removed;
                    CHECK(e.with_pair[i * pr.candidates + j] >= ub - 1e-9);
                }
        for (std::size_t j = 0; j < pr.candidates; ++j) {
            if (red.reduced.is_excluded(j)) {
                ++closed;
                CHECK(e.with_open[j] >= ub - 1e-9);
            }
            if (red.reduced.is_fixed(j)) CHECK(e.without_open[j] >= ub - 1e-9);
        }
    }
    CHECK(removed > 20);  // the tests do fire on these instances (45 pairs, 12 candidates)

    // A search stopped by its time limit before its first step proves nothing.
    const Problem pr = random_capacitated(2, 9, 7);
    CapacitatedOptions none;
    none.time_limit_s = 0;
    none.node_limit = 1000;
    const CapacitatedReduction red = reduce_capacitated(pr, interchange_heuristic(pr, 10), none);
    CHECK_FALSE(red.proven);
    CHECK(red.bound <= enumerate_capacitated(pr).best);
    CHECK(closed > 0);
}

TEST_CASE("MCLP: the most weight within the radius", "[placement][mclp]") {
    Problem pr = line({0, 2, 7, 9, 20}, {0, 2, 8, 20}, Model::max_covering, 2);
    pr.weight = {1, 1, 2, 2, 3};
    pr.radius = 2;
    // Open 8 (covers 7 and 9: weight 4) and 20 (weight 3) = 7; {0 or 2} gives only 2.
    for (const char* solver : {"mip", "heuristic"}) {
        INFO(solver);
        const Solution s = run(pr, solver);
        CHECK(s.objective == Approx(7));
        CHECK(s.open == std::vector<std::uint32_t>{2, 3});
    }
    CHECK(run(pr, "mip").status == Status::optimal);
}

TEST_CASE("LSCP: fewest sites covering everyone, and a demand out of reach", "[placement][lscp]") {
    Problem pr = line({0, 3, 6, 9}, {0, 3, 6, 9}, Model::set_covering, 0);
    pr.radius = 3;
    const Solution s = run(pr, "mip");
    CHECK(s.status == Status::optimal);
    CHECK(s.objective == Approx(2));  // {3, 6} or {0, 6}/{3, 9}
    pr.radius = 1;
    CHECK(run(pr, "mip").objective == Approx(4));
    Problem far = line({0, 100}, {0, 1}, Model::set_covering, 0);
    far.radius = 5;
    far.demand_names = {"村甲", "村乙"};
    const Solution none = run(far, "auto");
    CHECK(none.status == Status::infeasible);
    CHECK(none.message.find("村乙") != std::string::npos);
}

TEST_CASE("p-center: the smallest largest distance", "[placement][p-center]") {
    const Problem pr = line({0, 4, 10}, {0, 4, 10}, Model::p_center, 1);
    const Solution s = run(pr, "auto");
    CHECK(s.status == Status::optimal);
    CHECK(s.objective == Approx(6));
    CHECK(s.open == std::vector<std::uint32_t>{1});
    // {2, 10.5}: 2 from 0 and 4, 0.5 from 10 and 11; any other pair leaves someone farther.
    const Problem two = line({0, 4, 10, 11}, {2, 4, 10.5}, Model::p_center, 2);
    const Solution t = run(two, "auto");
    CHECK(t.objective == Approx(2));
    CHECK(t.open == std::vector<std::uint32_t>{0, 2});
}

TEST_CASE("problems with inconsistent sizes or p out of range are refused", "[placement]") {
    Problem pr = line({0, 1}, {0, 1}, Model::p_median, 3);
    CHECK_THROWS_AS(check_problem(pr), UsageError);
    pr.p = 1;
    pr.weight = {1};
    CHECK_THROWS_AS(check_problem(pr), UsageError);
    pr.weight.clear();
    pr.cost[0] = -1;
    CHECK_THROWS_AS(check_problem(pr), UsageError);
}

TEST_CASE("the p-median heuristic is deterministic for a seed", "[placement][p-median]") {
    // 30 points on a spiral, every one a candidate: enough for local optima.
    std::vector<double> xs;
    for (int i = 0; i < 30; ++i) xs.push_back(std::fmod(i * 7.3, 31.0) + i * 0.01);
    const Problem pr = line(xs, xs, Model::p_median, 4);
    SearchOptions o;
    o.time_limit_s = 5;
    const Solution a = p_median_heuristic(pr, o), b = p_median_heuristic(pr, o);
    CHECK(a.open == b.open);
    CHECK(a.objective == b.objective);
    const Solution exact = p_median_lagrangian(pr, o);
    CHECK(exact.status == Status::optimal);
    CHECK(a.objective >= exact.objective - 1e-9);
}
