// The vehicle-routing solver (core/routing): tours against the optimum found by exhaustive search
// on small random instances, every tour of a larger one checked by a schedule of the test's own,
// the same tours for the same seed, customers that no route can take listed with why, malformed
// problems refused; and the Solomon reader and `coverplan solve --format solomon`'s library side.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/routing/vrptw.hpp"
#include "io/instance_reader.hpp"
#include "pipeline/commands.hpp"

using namespace coverplan;
using routing::Problem;

namespace {

Problem random_problem(Rng& rng, std::size_t n, bool limits) {
    Problem p;
    p.customers = n;
    std::vector<double> x(n + 1), y(n + 1);
    const double horizon = 200 + rng.uniform() * 200;
    for (std::size_t i = 0; i <= n; ++i) {
        x[i] = rng.uniform(0, 100);
        y[i] = rng.uniform(0, 100);
        const bool depot = i == 0;
        p.demand.push_back(depot ? 0 : static_cast<double>(1 + rng.below(10)));
        p.service.push_back(depot ? 0 : static_cast<double>(rng.below(15)));
        if (depot) {
            p.ready.push_back(0);
            p.due.push_back(horizon);
        } else if (rng.chance(0.3)) {
            p.ready.push_back(0);
            p.due.push_back(horizon);  // no window of its own
        } else {
            const double a = rng.uniform(0, horizon * 0.7);
            p.ready.push_back(a);
            p.due.push_back(a + rng.uniform(10, 80));
        }
    }
    p.time.resize((n + 1) * (n + 1));
    for (std::size_t i = 0; i <= n; ++i)
        for (std::size_t j = 0; j <= n; ++j) p.time[i * (n + 1) + j] = std::hypot(x[i] - x[j], y[i] - y[j]);
    if (rng.chance(0.5)) {  // a cost other than the time: kilometres at another scale, asymmetric
        p.cost.resize(p.time.size());
        for (std::size_t k = 0; k < p.time.size(); ++k) p.cost[k] = p.time[k] * rng.uniform(0.5, 1.5);
    }
    if (limits) {
        p.capacity = static_cast<double>(10 + rng.below(20));
        if (rng.chance(0.5)) p.max_duration = rng.uniform(120, 300);
        p.max_routes = rng.chance(0.5) ? 0 : 1 + rng.below(n);
    }
    return p;
}

// The test's own schedule: leaving at `departure`, whether every window holds and when the route is
// back.
bool windows_hold(const Problem& p, const std::vector<std::size_t>& stops, double departure, double& back) {
    double t = departure;
    std::size_t at = 0;
    for (std::size_t u : stops) {
        t = std::max(t + p.service[at] + p.travel(at, u), p.ready[u]);
        if (t > p.due[u] + 1e-9) return false;
        at = u;
    }
    back = t + p.service[at] + p.travel(at, 0);
    return back <= p.due[0] + 1e-9;
}

// The route's least duration: departing later never ends earlier, so the least duration is at the
// latest departure that keeps every window (found by bisection).
bool route_ok(const Problem& p, const std::vector<std::size_t>& stops, double* cost = nullptr) {
    double load = 0;
    for (std::size_t u : stops) load += p.demand[u];
    if (load > p.capacity + 1e-9) return false;
    double back = 0;
    if (!windows_hold(p, stops, p.ready[0], back)) return false;
    double lo = p.ready[0], hi = p.due[0];
    for (int k = 0; k < 100; ++k) {
        const double mid = 0.5 * (lo + hi);
        double b = 0;
        (windows_hold(p, stops, mid, b) ? lo : hi) = mid;
    }
    double b = 0;
    windows_hold(p, stops, lo, b);
    if (b - lo > p.max_duration + 1e-6) return false;
    if (cost) {
        double c = 0;
        std::size_t at = 0;
        for (std::size_t u : stops) {
            c += p.arc_cost(at, u);
            at = u;
        }
        *cost = c + p.arc_cost(at, 0);
    }
    return true;
}

// The optimum by exhaustive search: the best route of every subset (all its orders tried), then
// the best partition of all customers into at most max_routes of them. Infinity: none serves all.
double optimum(const Problem& p) {
    const std::size_t n = p.customers;
    const std::size_t full = (std::size_t{1} << n) - 1;
    std::vector<double> best_route(full + 1, routing::k_unlimited);
    for (std::size_t s = 1; s <= full; ++s) {
        std::vector<std::size_t> stops;
        for (std::size_t u = 0; u < n; ++u)
            if (s >> u & 1) stops.push_back(u + 1);
        do {
            double c = 0;
            if (route_ok(p, stops, &c)) best_route[s] = std::min(best_route[s], c);
        } while (std::next_permutation(stops.begin(), stops.end()));
    }
    const std::size_t routes = p.max_routes == 0 ? n : std::min(p.max_routes, n);
    std::vector<double> dp(full + 1, routing::k_unlimited);  // dp[s]: s served by at most r routes
    dp[0] = 0;
    for (std::size_t r = 0; r < routes; ++r) {
        std::vector<double> next = dp;
        for (std::size_t s = 1; s <= full; ++s) {
            const std::size_t low = s & (~s + 1);  // the route with s's lowest customer
            for (std::size_t sub = s; sub; sub = (sub - 1) & s)
                if ((sub & low) && best_route[sub] < routing::k_unlimited && dp[s ^ sub] < routing::k_unlimited)
                    next[s] = std::min(next[s], dp[s ^ sub] + best_route[sub]);
        }
        dp = std::move(next);
    }
    return dp[full];
}

void require_valid(const Problem& p, const routing::Solution& sol) {
    std::vector<int> seen(p.customers + 1, 0);
    double total = 0;
    for (const routing::Tour& t : sol.tours) {
        REQUIRE_FALSE(t.stops.empty());
        double c = 0;
        REQUIRE(route_ok(p, t.stops, &c));
        CHECK(t.cost == Approx(c).margin(1e-6));
        total += c;
        for (std::size_t u : t.stops) ++seen[u];
        // The printed schedule is one the test accepts: starts inside the windows, in order.
        double clock = t.departure;
        std::size_t at = 0;
        for (std::size_t k = 0; k < t.stops.size(); ++k) {
            const std::size_t u = t.stops[k];
            CHECK(t.start[k] >= std::max(clock + p.service[at] + p.travel(at, u), p.ready[u]) - 1e-6);
            CHECK(t.start[k] <= p.due[u] + 1e-6);
            clock = t.start[k];
            at = u;
        }
        CHECK(t.arrival >= clock + p.service[at] + p.travel(at, 0) - 1e-6);
        CHECK(t.duration() <= p.max_duration + 1e-6);
    }
    for (const auto& [u, why] : sol.unserved) ++seen[u];
    for (std::size_t u = 1; u <= p.customers; ++u) CHECK(seen[u] == 1);
    CHECK(sol.cost == Approx(total).margin(1e-6));
    if (p.max_routes > 0) CHECK(sol.tours.size() <= p.max_routes);
}

}  // namespace

TEST_CASE("on random instances of up to 8 stops the tours cost what exhaustive search finds optimal", "[routing]") {
    Rng rng(2026);
    int complete = 0, incomplete = 0;
    for (int round = 0; round < 60; ++round) {
        const std::size_t n = 1 + static_cast<std::size_t>(round % 8);
        const Problem p = random_problem(rng, n, round % 3 != 0);
        routing::Options o;
        o.seed = static_cast<std::uint64_t>(round);
        o.iterations = 3000;
        const routing::Solution sol = routing::solve(p, o);
        INFO("round " << round << ", " << n << " stops");
        require_valid(p, sol);
        const double best = optimum(p);
        if (best < routing::k_unlimited) {
            ++complete;
            CHECK(sol.unserved.empty());
            CHECK(sol.cost == Approx(best).margin(1e-6));
        } else {
            ++incomplete;
            CHECK_FALSE(sol.unserved.empty());  // nothing serves everyone: some are listed
        }
    }
    CHECK(complete >= 30);  // the instances test something either way
    CHECK(incomplete >= 1);
}

TEST_CASE("every tour of a 60-stop instance keeps its windows, capacity and duration, and a seed gives the same tours", "[routing]") {
    Rng rng(11);
    Problem p = random_problem(rng, 60, false);
    p.capacity = 60;
    p.max_duration = 350;
    routing::Options o;
    o.iterations = 20'000;
    const routing::Solution a = routing::solve(p, o);
    require_valid(p, a);
    const routing::Solution b = routing::solve(p, o);
    REQUIRE(a.tours.size() == b.tours.size());
    for (std::size_t k = 0; k < a.tours.size(); ++k) CHECK(a.tours[k].stops == b.tours[k].stops);
    CHECK(a.cost == b.cost);
    CHECK(a.iterations == 20'000);
    CHECK_FALSE(a.time_limit_reached);
}

TEST_CASE("customers no route can take are listed with their reason, never dropped", "[routing]") {
    // Depot at 0 on a line; customers at 10, 20, 30, 500.
    Problem p;
    p.customers = 5;
    const std::vector<double> pos{0, 10, 20, 30, 500, 15};
    for (std::size_t i = 0; i <= 5; ++i)
        for (std::size_t j = 0; j <= 5; ++j) p.time.push_back(std::abs(pos[i] - pos[j]));
    p.demand = {0, 1, 1, 1, 1, 50};
    p.service = {0, 0, 0, 0, 0, 0};
    p.ready = {0, 0, 0, 0, 0, 0};
    p.due = {100, 100, 100, 5, 100, 100};  // 3 cannot be reached by 5; 4 is too far for the day
    p.capacity = 10;                        // 5 is too heavy
    const routing::Solution sol = routing::solve(p, {});
    require_valid(p, sol);
    REQUIRE(sol.unserved.size() == 3);
    CHECK(sol.unserved[0] == std::pair<std::size_t, routing::Unserved>{3, routing::Unserved::window});
    CHECK(sol.unserved[1] == std::pair<std::size_t, routing::Unserved>{4, routing::Unserved::window});
    CHECK(sol.unserved[2] == std::pair<std::size_t, routing::Unserved>{5, routing::Unserved::capacity});
    CHECK(sol.cost == Approx(40));  // 0 → 10 → 20 → 0

    // One route and two customers whose windows cannot share it: one is left for want of a route.
    Problem q;
    q.customers = 2;
    q.time = {0, 10, 10, 10, 0, 20, 10, 20, 0};
    q.demand = {0, 1, 1};
    q.service = {0, 0, 0};
    q.ready = {0, 10, 10};
    q.due = {100, 10, 10};
    q.max_routes = 1;
    const routing::Solution one = routing::solve(q, {});
    require_valid(q, one);
    REQUIRE(one.unserved.size() == 1);
    CHECK(one.unserved[0].second == routing::Unserved::fleet);
    q.max_routes = 2;
    const routing::Solution two = routing::solve(q, {});
    CHECK(two.unserved.empty());
    CHECK(two.tours.size() == 2);

    // A duration limit shorter than the round trip.
    q.max_duration = 15;
    const routing::Solution short_day = routing::solve(q, {});
    REQUIRE(short_day.unserved.size() == 2);
    CHECK(short_day.unserved[0].second == routing::Unserved::duration);
}

TEST_CASE("a tour leaves as late as keeps it shortest, so a worker does not wait at the first door", "[routing]") {
    Problem p;
    p.customers = 1;
    p.time = {0, 10, 10, 0};
    p.demand = {0, 1};
    p.service = {0, 45};
    p.ready = {480, 600};  // the day starts at 08:00; the visit cannot start before 10:00
    p.due = {1050, 660};
    const routing::Solution sol = routing::solve(p, {});
    REQUIRE(sol.tours.size() == 1);
    CHECK(sol.tours[0].departure == Approx(590));
    CHECK(sol.tours[0].start[0] == Approx(600));
    CHECK(sol.tours[0].arrival == Approx(655));
    CHECK(sol.tours[0].duration() == Approx(65));
}

TEST_CASE("a malformed routing problem is refused", "[routing]") {
    Rng rng(3);
    const Problem good = random_problem(rng, 4, true);
    CHECK_NOTHROW(routing::solve(good, {}));
    Problem p = good;
    p.time.pop_back();
    CHECK_THROWS_AS(routing::solve(p, {}), std::invalid_argument);
    p = good;
    p.due[2] = p.ready[2] - 1;
    CHECK_THROWS_AS(routing::solve(p, {}), std::invalid_argument);
    p = good;
    p.time[3] = std::nan("");
    CHECK_THROWS_AS(routing::solve(p, {}), std::invalid_argument);
    p = good;
    p.demand[1] = -1;
    CHECK_THROWS_AS(routing::solve(p, {}), std::invalid_argument);
}

namespace {

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
    const auto dir = std::filesystem::temp_directory_path() / "coverplan_unit_routing";
    std::filesystem::create_directories(dir);
    const auto file = dir / name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
}

// Two arms from a depot at the origin: three customers east, two north; a capacity of 3 keeps them
// on two routes, 60 + 40 long.
const char* k_arms =
    "4 2 5 1\n"
    "0 3\n"
    "0 0 0 0 0 0 0 0 1000\n"
    "1 10 0 5 1 1 1 1 0 1000\n"
    "2 20 0 5 1 1 1 1 0 1000\n"
    "3 30 0 5 1 1 1 1 0 1000\n"
    "4 0 10 5 1 1 1 1 0 1000\n"
    "5 0 20 5 1 1 1 1 0 1000\n";

}  // namespace

TEST_CASE("a Solomon instance is read in Cordeau's format and solved through pipeline::run_solve", "[routing][instance]") {
    const auto file = write_temp("arms.txt", k_arms);
    const Problem p = io::read_routing_instance(file, MemoryBudget{});
    CHECK(p.customers == 5);
    CHECK(p.max_routes == 2);
    CHECK(p.capacity == 3);
    CHECK(p.max_duration == routing::k_unlimited);
    CHECK(p.travel(1, 4) == Approx(std::sqrt(200.0)));
    CHECK(p.service[3] == 5);

    pipeline::SolveRequest rq;
    rq.input.file = file;
    rq.format = io::InstanceFormat::solomon;
    const pipeline::Outcome out = pipeline::run_solve(rq);
    CHECK(out.code == ExitCode::ok);
    const auto j = nlohmann::json::parse(out.summary);
    CHECK(j["status"] == "feasible");
    CHECK(j["distance"].get<double>() == Approx(100));
    CHECK(j["routes"] == 2);
    REQUIRE(j["tours"].size() == 2);
    std::vector<std::vector<int>> arms;  // each route's customers (orders of equal length differ: 0-20-30-10-0 is 60 too)
    for (const auto& t : j["tours"]) {
        auto stops = t["stops"].get<std::vector<int>>();
        std::sort(stops.begin(), stops.end());
        arms.push_back(stops);
    }
    std::sort(arms.begin(), arms.end());
    CHECK(arms == std::vector<std::vector<int>>{{1, 2, 3}, {4, 5}});

    // One route cannot carry five: the customers left are listed and the exit is 3.
    rq.routes = 1;
    const pipeline::Outcome short_fleet = pipeline::run_solve(rq);
    CHECK(short_fleet.code == ExitCode::input);
    const auto k = nlohmann::json::parse(short_fleet.summary);
    CHECK(k["status"] == "incomplete");
    CHECK(k["unserved"].size() == 2);
    CHECK(k["unserved"][0]["reason"] == "fleet");

    // Placement options do not apply.
    rq.routes.reset();
    rq.p = 3;
    CHECK_THROWS_AS(pipeline::run_solve(rq), UsageError);
}

TEST_CASE("a Solomon file that is not one is refused with its line", "[routing][instance]") {
    auto message = [](const std::string& text) {
        try {
            io::read_routing_instance(write_temp("bad.txt", text), MemoryBudget{});
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK_THAT(message("1 2 5 1\n0 3\n"), Catch::Contains("problem type 4"));
    CHECK_THAT(message("4 2 2 1\n0 3\n0 0 0 0 0 0 0 0 1000\n2 10 0 5 1 1 1 1 0 1000\n"), Catch::Contains("expected node 1"));
    CHECK_THAT(message("4 2 1 1\n0 3\n0 0 0 0 0 0 0 0 1000\n1 10 0 5 1 1 1 1 50 10\n"), Catch::Contains("window"));
    CHECK_THAT(message("4 2 1 1\n0 3\n0 0 0 0 0 0 0 0 1000\n1 10 0 5 1 1 1 1 0\n"), Catch::Contains("ends where"));
    CHECK_THAT(message("4 2 1 1\n0 3\n0 0 0 0 0 0 0 0 1000\n1 10 zero 5 1 1 1 1 0 100\n"), Catch::Contains("line 4"));
}
