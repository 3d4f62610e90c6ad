#include "core/placement/mip_model.hpp"

#include <algorithm>
#include <cmath>

namespace coverplan::placement {

int MipModel::add_col(double objective, double lb, double ub, bool is_integer) {
    obj.push_back(objective);
    col_lb.push_back(lb);
    col_ub.push_back(ub);
    integer.push_back(is_integer ? 1 : 0);
    return static_cast<int>(obj.size() - 1);
}

void MipModel::add_row(const std::vector<std::pair<int, double>>& terms, double lb, double ub) {
    for (const auto& [col, value] : terms) {
        row_col.push_back(col);
        row_value.push_back(value);
    }
    row_start.push_back(row_col.size());
    row_lb.push_back(lb);
    row_ub.push_back(ub);
}

MipModel build_mip(const Problem& pr, MipMapping& map) {
    MipModel mip;
    const double inf = k_no_service;
    const bool assigns = pr.model == Model::p_median || pr.model == Model::capacitated_p_median;
    mip.maximise = pr.model == Model::max_covering;
    map.y.resize(pr.candidates);
    map.x.assign(pr.demands, {});
    for (std::uint32_t j = 0; j < pr.candidates; ++j)
        map.y[j] = mip.add_col(pr.model == Model::set_covering ? 1.0 : 0.0, pr.is_fixed(j) ? 1.0 : 0.0,
                               pr.is_excluded(j) ? 0.0 : 1.0, true);
    std::vector<std::pair<int, double>> row;
    if (pr.model != Model::set_covering) {
        row.clear();
        for (std::uint32_t j = 0; j < pr.candidates; ++j) row.emplace_back(map.y[j], 1.0);
        mip.add_row(row, pr.p, pr.p);
    }
    for (std::size_t i = 0; i < pr.demands; ++i) {
        row.clear();
        if (assigns) {
            for (std::uint32_t j = 0; j < pr.candidates; ++j) {
                if (!std::isfinite(pr.c(i, j))) continue;
                const int col = mip.add_col(pr.w(i) * pr.c(i, j), 0, 1, pr.model == Model::capacitated_p_median);
                map.x[i].emplace_back(j, col);
                row.emplace_back(col, 1.0);
            }
            mip.add_row(row, 1, 1);  // served exactly once (an empty row makes the model infeasible)
            for (const auto& [j, col] : map.x[i]) mip.add_row({{col, 1.0}, {map.y[j], -1.0}}, -inf, 0);
        } else {
            for (std::uint32_t j = 0; j < pr.candidates; ++j)
                if (pr.c(i, j) <= pr.radius) row.emplace_back(map.y[j], 1.0);
            if (pr.model == Model::set_covering) {
                mip.add_row(row, 1, inf);
            } else {  // MCLP: z_i ≤ Σ y_j over the candidates covering i
                const int z = mip.add_col(pr.w(i), 0, 1, false);
                map.x[i].emplace_back(0, z);
                row.emplace_back(z, -1.0);
                mip.add_row(row, 0, inf);
            }
        }
    }
    if (pr.model == Model::capacitated_p_median)
        for (std::uint32_t j = 0; j < pr.candidates; ++j) {
            if (!std::isfinite(pr.cap(j))) continue;
            row.clear();
            for (std::size_t i = 0; i < pr.demands; ++i)
                for (const auto& [jj, col] : map.x[i])
                    if (jj == j) row.emplace_back(col, pr.s(i));
            row.emplace_back(map.y[j], -pr.cap(j));
            mip.add_row(row, -inf, 0);
        }
    if (assigns)  // a facility serves its home demand: x_hj ≥ y_j
        for (std::uint32_t j = 0; j < pr.candidates; ++j) {
            const std::int32_t h = pr.home_of(j);
            if (h < 0) continue;
            const auto& xs = map.x[static_cast<std::size_t>(h)];
            auto it = std::find_if(xs.begin(), xs.end(), [&](const auto& e) { return e.first == j; });
            if (it == xs.end()) mip.col_ub[static_cast<std::size_t>(map.y[j])] = 0;  // cannot serve its own home
            else mip.add_row({{it->second, 1.0}, {map.y[j], -1.0}}, 0, inf);
        }
    return mip;
}

std::vector<double> mip_start(const Problem& pr, const MipModel& mip, const MipMapping& map, const Solution& sol) {
    std::vector<double> v(mip.cols(), 0.0);
    for (std::uint32_t j : sol.open) v[static_cast<std::size_t>(map.y[j])] = 1;
    for (std::size_t i = 0; i < pr.demands; ++i) {
        if (pr.model == Model::max_covering) {
            if (!map.x[i].empty()) v[static_cast<std::size_t>(map.x[i][0].second)] = sol.assignment[i] >= 0 ? 1 : 0;
            continue;
        }
        for (const auto& [j, col] : map.x[i])
            if (static_cast<std::int32_t>(j) == sol.assignment[i]) v[static_cast<std::size_t>(col)] = 1;
    }
    return v;
}

Solution solution_from_mip(const Problem& pr, const MipMapping& map, const std::vector<double>& values) {
    Solution sol;
    for (std::uint32_t j = 0; j < pr.candidates; ++j)
        if (values[static_cast<std::size_t>(map.y[j])] > 0.5) sol.open.push_back(j);
    sol.assignment.assign(pr.demands, -1);
    if (pr.model == Model::p_median || pr.model == Model::capacitated_p_median) {
        for (std::size_t i = 0; i < pr.demands; ++i) {
            double best = 0;
            for (const auto& [j, col] : map.x[i])
                if (values[static_cast<std::size_t>(col)] > best) {
                    best = values[static_cast<std::size_t>(col)];
                    sol.assignment[i] = static_cast<std::int32_t>(j);
                }
        }
        double sum = 0;
        for (std::size_t i = 0; i < pr.demands; ++i)
            sum += sol.assignment[i] >= 0 ? pr.w(i) * pr.c(i, static_cast<std::size_t>(sol.assignment[i])) : k_no_service;
        sol.objective = sum;
    } else {
        Evaluation ev = evaluate(pr, sol.open);
        sol.assignment = std::move(ev.assignment);
        sol.objective = ev.objective;
    }
    return sol;
}

}  // namespace coverplan::placement
