#pragma once
// CBC (COIN-OR branch and cut, Debian coinor-libcbc-dev) behind one RAII type.
#include <string>
#include <vector>

#include "core/placement/mip_model.hpp"

namespace coverplan::solve {

struct MipOptions {
    double time_limit_s = 60;
    double rel_gap = 1e-6;
    std::vector<double> start;  // column values of a known feasible solution, or empty
    double cutoff = placement::k_no_service;  // only solutions better than this are of interest
};

struct MipResult {
    placement::Status status = placement::Status::no_solution;
    std::vector<double> values;  // column values of the best solution (empty: none)
    double objective = 0;
    double bound = 0;            // best possible objective
    long long nodes = 0;
    double time_s = 0;
};

MipResult solve_mip(const placement::MipModel& model, const MipOptions& options);

std::string cbc_version();

}  // namespace coverplan::solve
