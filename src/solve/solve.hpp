#pragma once
// One entry point for every placement model: picks the solver (or takes the one asked for),
// runs it, and returns a Solution that records solver, status, objective, bound, gap and time.
#include <cstdint>
#include <string>

#include "core/placement/plan_config.hpp"
#include "core/placement/problem.hpp"

namespace coverplan::solve {

struct SolveOptions {
    // auto: the Lagrangian branch and bound for p-median, CBC for the other models when the
    // instance is small enough (see solve.cpp), the heuristic otherwise.
    placement::Solver solver = placement::Solver::automatic;
    double time_limit_s = 60;
    std::uint64_t seed = 1;
    double rel_gap = 1e-6;
};

placement::Solution solve_problem(const placement::Problem& problem, const SolveOptions& options);

}  // namespace coverplan::solve
