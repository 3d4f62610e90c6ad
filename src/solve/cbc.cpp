#include "solve/cbc.hpp"
#include "core/stopwatch.hpp"

#include <coin/Cbc_C_Interface.h>

#include <cmath>
#include <memory>

namespace coverplan::solve {

namespace {
struct CbcDeleter {
    void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};
using CbcModelPtr = std::unique_ptr<Cbc_Model, CbcDeleter>;
}  // namespace

std::string cbc_version() { return Cbc_getVersion(); }

MipResult solve_mip(const placement::MipModel& mip, const MipOptions& opt) {
    const Stopwatch t0;
    const std::size_t nc = mip.cols(), nr = mip.rows();
    // CBC loads columns; the model is kept by rows: transpose.
    std::vector<CoinBigIndex> start(nc + 1, 0);
    for (int c : mip.row_col) ++start[static_cast<std::size_t>(c) + 1];
    for (std::size_t c = 0; c < nc; ++c) start[c + 1] += start[c];
    std::vector<int> index(mip.row_col.size());
    std::vector<double> value(mip.row_col.size());
    std::vector<CoinBigIndex> fill(start.begin(), start.end() - 1);
    for (std::size_t r = 0; r < nr; ++r)
        for (std::size_t k = mip.row_start[r]; k < mip.row_start[r + 1]; ++k) {
            const auto at = static_cast<std::size_t>(fill[static_cast<std::size_t>(mip.row_col[k])]++);
            index[at] = static_cast<int>(r);
            value[at] = mip.row_value[k];
        }
    CbcModelPtr model(Cbc_newModel());
    auto finite = [](std::vector<double> v) {
        for (double& x : v)
            if (std::isinf(x)) x = x > 0 ? 1e30 : -1e30;  // CBC's infinity
        return v;
    };
    const std::vector<double> rlb = finite(mip.row_lb), rub = finite(mip.row_ub);
    Cbc_loadProblem(model.get(), static_cast<int>(nc), static_cast<int>(nr), start.data(), index.data(), value.data(),
                    mip.col_lb.data(), mip.col_ub.data(), mip.obj.data(), rlb.data(), rub.data());
    for (std::size_t c = 0; c < nc; ++c)
        if (mip.integer[c]) Cbc_setInteger(model.get(), static_cast<int>(c));
    Cbc_setObjSense(model.get(), mip.maximise ? -1.0 : 1.0);
    Cbc_setLogLevel(model.get(), 0);
    Cbc_setMaximumSeconds(model.get(), opt.time_limit_s);
    Cbc_setAllowableFractionGap(model.get(), opt.rel_gap);
    // No "threads" parameter: CBC's threaded tree code, even with one thread, stalled ~10 s in about one
    // call of 400 on this machine (swain55, pcenter/mclp); the serial default is deterministic too.
    Cbc_setParameter(model.get(), "timeMode", "elapsed");  // the time limit is wall-clock time
    if (std::isfinite(opt.cutoff)) Cbc_setCutoff(model.get(), opt.cutoff);
    if (!opt.start.empty()) {
        std::vector<int> cols;
        std::vector<double> vals;
        for (std::size_t c = 0; c < nc; ++c)
            if (mip.integer[c] && opt.start[c] != 0) {
                cols.push_back(static_cast<int>(c));
                vals.push_back(opt.start[c]);
            }
        Cbc_setMIPStartI(model.get(), static_cast<int>(cols.size()), cols.data(), vals.data());
    }
    Cbc_solve(model.get());
    MipResult r;
    r.nodes = Cbc_getNodeCount(model.get());
    r.bound = Cbc_getBestPossibleObjValue(model.get());
    const double* sol = Cbc_bestSolution(model.get());
    if (Cbc_isProvenInfeasible(model.get())) {
        r.status = placement::Status::infeasible;
    } else if (sol) {
        r.values.assign(sol, sol + nc);
        r.objective = Cbc_getObjValue(model.get());
        r.status = Cbc_isProvenOptimal(model.get()) ? placement::Status::optimal : placement::Status::feasible;
    }
    r.time_s = t0.seconds();
    return r;
}

}  // namespace coverplan::solve
