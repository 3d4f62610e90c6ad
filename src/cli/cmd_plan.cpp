// coverplan plan PROJECT -o OUT: where the required new points go and which villages each serves.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/placement/plan_config.hpp"
#include "pipeline/commands.hpp"

namespace coverplan::cli {

namespace {
struct PlanOptions : ProjectRunOptions {
    placement::PlanOverrides overrides;
};
}  // namespace

void add_plan_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<PlanOptions>();
    placement::PlanOverrides& ov = opts->overrides;
    CLI::App* cmd = app.add_subcommand("plan", "place the required new points and assign villages to sites (站点规划)");
    add_project_options(cmd, *opts, "plan.geojson, assignments.geojson, plan.csv and plan_townships.csv (--model: plan.geojson, plan.csv, plan_villages.csv)");
    cmd->add_flag("--reassign", ov.reassign, "re-plan the villages of existing points too (the station keeps its own)");
    add_choice(cmd, "--solver", ov.solver, placement::k_plan_solvers, "auto (default), heuristic or mip");
    add_bounded(cmd, "--time-limit", ov.time_limit_s, setting::time_limit_s, "seconds per township (default 30)");
    add_bounded(cmd, "--max-travel-min", ov.max_travel_min, setting::plan_max_travel_min,
                "hard limit from a site to each of its villages, minutes (0 = none; default: [plan], then [rules] max_travel_min)");
    add_choice(cmd, "--model", ov.model, placement::k_plan_models,
               "programme (default: per township, DESIGN §10), or over the whole project: mclp (most beneficiaries within "
               "T with --budget new points), lscp (fewest new points with every village within T), p-center (--budget new "
               "points, shortest longest trip)");
    add_bounded(cmd, "--budget", ov.budget, setting::budget, "new points for mclp and p-center");
    add_choice(cmd, "--capacity", ov.capacity, placement::k_plan_capacities,
               "what a point's capacity counts in the programme model: villages (villages_per_point, default), workload (monthly "
               "hours of home visits against its social workers' visiting hours, [staffing] and [visits]) or both");
    add_bounded(cmd, "--within-min", ov.within_min, setting::within_min, "T in minutes for mclp and lscp (default: max_travel_min)");
    cmd->callback([opts, &global, &runner] {
        runner = [opts, &global] {
            const io::ProjectConfig cfg = io::read_project(opts->project);
            const auto staged = opts->stage(cfg);
            const pipeline::Outcome o = pipeline::run_plan(cfg, opts->command(global.chinese()), opts->overrides, staged.get());
            return finish(o, staged.get(), global.chinese());
        };
    });
}

}  // namespace coverplan::cli
