#pragma once
// Vehicle routing with time windows, capacities and route-duration limits (DESIGN §8): the tours
// of the social workers' home visits, and `coverplan solve --format solomon` for benchmarking.
//
// One depot (node 0) and customers 1..n. Every route leaves the depot and comes back to it; the
// start of service at a customer must fall inside its window (arriving early means waiting); the
// depot's window is the working day (leave no earlier than its start, be back by its end). The
// search minimises the total cost of the routes, with at most `max_routes` of them; customers no
// route can take are returned as unserved, each with its reason, never dropped silently.
//
// Search: greedy insertion, then ruin and recreate (string removals around a random customer
// from neighbouring routes, reinsertion in a random order with "blinks"; after Christiaens and
// Vanden Berghe's SISR, 2020) under simulated annealing, with a descent of relocate, exchange,
// 2-opt* and Or-opt moves on every new best. When the fleet is too small for the greedy start,
// the search first looks for a full assignment: guided by how often each customer was left out,
// a customer left over may take a place by ejecting one left out less often (after Nagata and
// Bräysy, 2009). Time windows are checked in O(1) per move by
// concatenating segment summaries (duration, time warp, earliest and latest start; Vidal et al.,
// 2013). The work is counted in iterations, so a seed gives the same tours on every machine; the
// time limit only stops a search that would overrun it (and says so).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace coverplan::routing {

inline constexpr double k_unlimited = std::numeric_limits<double>::infinity();

struct Problem {
    std::size_t customers = 0;  // nodes 1..customers; node 0 is the depot
    // Per node, depot first (size customers + 1).
    std::vector<double> demand;   // load taken on the route (depot: 0)
    std::vector<double> service;  // time spent at the node
    std::vector<double> ready;    // earliest start of service (depot: earliest departure)
    std::vector<double> due;      // latest start of service (depot: latest return)
    // (customers + 1)² row-major: travel time from i to j, and what the search minimises (empty:
    // the travel time).
    std::vector<double> time;
    std::vector<double> cost;
    double capacity = k_unlimited;
    double max_duration = k_unlimited;  // longest route, from leaving the depot to coming back, waiting included
    std::size_t max_routes = 0;         // 0: as many as needed

    std::size_t nodes() const { return customers + 1; }
    double travel(std::size_t i, std::size_t j) const { return time[i * nodes() + j]; }
    double arc_cost(std::size_t i, std::size_t j) const { return cost.empty() ? travel(i, j) : cost[i * nodes() + j]; }
};

// Why a customer is not on any route.
enum class Unserved {
    window,    // even alone on a route its window cannot be met (or the working day is too short)
    capacity,  // its demand alone is above the capacity
    duration,  // even alone the route would be longer than max_duration
    fleet,     // it fits alone, but no route of the at most max_routes could take it
};
const char* unserved_key(Unserved reason);

struct Tour {
    std::vector<std::size_t> stops;  // customers in order, depot excluded
    std::vector<double> start;       // start of service at each stop
    double departure = 0;            // leaving the depot: the earliest that keeps the route shortest
    double arrival = 0;              // back at the depot
    double cost = 0;
    double load = 0;
    double duration() const { return arrival - departure; }
};

struct Options {
    std::uint64_t iterations = 0;  // ruin-and-recreate iterations; 0: by the problem's size (see k_iterations_per_customer)
    double time_limit_s = 60;      // stops a search that would run longer
    std::uint64_t seed = 1;
    bool local_search = true;      // the descent on every new best
    std::uint64_t starts = 3;      // independent searches sharing the iterations (fewer, down to 1, so that each has ≥ 10,000)
};

inline constexpr std::uint64_t k_iterations_per_customer = 2000;  // at least 20,000 in all

struct Solution {
    std::vector<Tour> tours;  // non-empty routes, in a stable order (by their first stop)
    std::vector<std::pair<std::size_t, Unserved>> unserved;  // by customer
    double cost = 0;
    std::uint64_t iterations = 0;
    bool time_limit_reached = false;
    double time_s = 0;
};

// Throws std::invalid_argument when the problem is malformed (sizes, a negative or non-finite
// value, a window that ends before it starts).
Solution solve(const Problem& problem, const Options& options);

// The schedule of one route from scratch: service starts, departure (the earliest that keeps
// the duration least), arrival, cost and load; `feasible` says whether every window, the
// capacity and the duration hold. For the CLI's output and the tests.
struct Schedule {
    Tour tour;
    bool feasible = false;
};
Schedule schedule(const Problem& problem, const std::vector<std::size_t>& stops);

}  // namespace coverplan::routing
