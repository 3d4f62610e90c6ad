#pragma once
// The models of problem.hpp as mixed-integer programs, written out as plain arrays so that any
// MIP solver can take them (src/solve hands them to CBC). Columns: y_j (open, binary) for every
// candidate, then per model x_ij (assignment) or z_i (covered).
#include <cstdint>
#include <utility>
#include <vector>

#include "core/placement/problem.hpp"

namespace coverplan::placement {

struct MipModel {
    bool maximise = false;
    std::vector<double> obj, col_lb, col_ub;
    std::vector<char> integer;
    std::vector<double> row_lb, row_ub;
    std::vector<std::size_t> row_start{0};  // rows in compressed form
    std::vector<int> row_col;
    std::vector<double> row_value;

    std::size_t cols() const { return obj.size(); }
    std::size_t rows() const { return row_lb.size(); }
    int add_col(double objective, double lb, double ub, bool is_integer);
    void add_row(const std::vector<std::pair<int, double>>& terms, double lb, double ub);
};

struct MipMapping {
    std::vector<int> y;                                // column of y_j
    std::vector<std::vector<std::pair<std::uint32_t, int>>> x;  // per demand: (candidate, column)
};

// p-median, capacitated p-median, MCLP and LSCP. (p-center is solved as a sequence of LSCPs.)
MipModel build_mip(const Problem& problem, MipMapping& mapping);

// Column values for a known solution (a MIP start).
std::vector<double> mip_start(const Problem& problem, const MipModel& model, const MipMapping& mapping, const Solution& solution);

// The open set and assignment read back from column values.
Solution solution_from_mip(const Problem& problem, const MipMapping& mapping, const std::vector<double>& values);

}  // namespace coverplan::placement
