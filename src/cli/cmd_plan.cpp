// coverplan plan PROJECT -o OUT: where the required new points go and which villages each serves.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "geo/network_analysis.hpp"
#include "io/load_region.hpp"
#include "io/output_dir.hpp"
#include "pipeline/stages.hpp"
#include "report/check_report.hpp"
#include "report/plan_report.hpp"
#include "report/reach_report.hpp"

namespace coverplan::cli {

namespace {
struct PlanOptions : ProjectRunOptions {
    bool reassign = false;
    std::string solver;
    double time_limit_s = 0;
    double max_travel_min = -1;
    std::string model;
    int budget = -1;
    double within_min = -1;
};

int run_plan(const PlanOptions& o, const GlobalOptions& g) {
    io::ProjectConfig cfg = io::read_project(o.project);
    if (!cfg.roads.present)
        throw UsageError({cfg.file.string() + ": planning needs travel times: add [layers.roads]",
                          cfg.file.string() + "：规划需要通行时间，请添加 [layers.roads]"});
    if (o.reassign) cfg.plan.reassign = true;
    if (!o.solver.empty()) cfg.plan.solver = o.solver;
    if (o.time_limit_s > 0) cfg.plan.time_limit_s = o.time_limit_s;
    if (o.max_travel_min >= 0) cfg.plan.max_travel_min = o.max_travel_min;
    if (!o.model.empty()) cfg.plan.model = o.model;
    if (o.budget >= 0) cfg.plan.budget = o.budget;
    if (o.within_min > 0) cfg.plan.within_min = o.within_min;
    const std::unique_ptr<io::StagedOutput> staged = o.stage(cfg);
    Region region = io::load_region(cfg);
    const int threads = o.thread_count();
    geo::NetworkAnalysis net = geo::analyse_network(region, cfg.travel, threads);
    region.notes.insert(region.notes.end(), net.notes.begin(), net.notes.end());

    if (cfg.plan.model != "programme") {
        const solve::ReachPlan rp = pipeline::plan_reach(region, cfg, net, threads);
        std::cout << report::load_summary(region, g.chinese()) << report::reach_summary(region, rp, g.chinese());
        const bool solved = rp.solution.status == placement::Status::optimal || rp.solution.status == placement::Status::feasible;
        if (!solved) {
            std::cerr << (g.chinese() ? "coverplan：该问题没有可行方案，见上方说明\n" : "coverplan: the question has no feasible answer; see above\n");
            return static_cast<int>(ExitCode::input);
        }
        if (staged) {
            report::write_reach_outputs(*staged, region, rp, g.chinese());
            commit_outputs(*staged, g.chinese());
        }
        return 0;
    }
    const pipeline::PlanStage stage = pipeline::plan_programme(region, cfg, net, threads);
    const solve::Plan& plan = stage.plan;
    const report::PlanComparison& cmp = stage.comparison;

    std::cout << report::load_summary(region, g.chinese()) << report::plan_summary(region, plan, cmp, g.chinese());
    if (staged) {
        report::write_plan_outputs(*staged, region, plan, g.chinese());
        commit_outputs(*staged, g.chinese());
    }
    if (!plan.complete()) {
        std::cerr << (g.chinese() ? "coverplan：部分镇（街）没有可行方案，见上方说明\n"
                                  : "coverplan: some townships have no feasible plan; see the notes above\n");
        return static_cast<int>(ExitCode::input);
    }
    return 0;
}
}  // namespace

void add_plan_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<PlanOptions>();
    CLI::App* cmd = app.add_subcommand("plan", "place the required new points and assign villages to sites (站点规划)");
    add_project_options(cmd, *opts, "plan.geojson, assignments.geojson, plan.csv and plan_townships.csv (--model: plan.geojson, plan.csv, plan_villages.csv)");
    cmd->add_flag("--reassign", opts->reassign, "re-plan the villages of existing points too (the station keeps its own)");
    cmd->add_option("--solver", opts->solver, "auto (default), heuristic or mip")->check(CLI::IsMember({"auto", "heuristic", "mip"}));
    cmd->add_option("--time-limit", opts->time_limit_s, "seconds per township (default 30)")->check(CLI::PositiveNumber);
    cmd->add_option("--max-travel-min", opts->max_travel_min, "hard limit from a site to each of its villages, minutes (0 = none)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--model", opts->model,
                    "programme (default: per township, DESIGN §10), or over the whole project: mclp (most beneficiaries within "
                    "T with --budget new points), lscp (fewest new points with every village within T), p-center (--budget new "
                    "points, shortest longest trip)")
        ->check(CLI::IsMember({"programme", "mclp", "lscp", "p-center"}));
    cmd->add_option("--budget", opts->budget, "new points for mclp and p-center")->check(CLI::NonNegativeNumber);
    cmd->add_option("--within-min", opts->within_min, "T in minutes for mclp and lscp (default: max_travel_min)")->check(CLI::PositiveNumber);
    cmd->callback([opts, &global, &runner] { runner = [opts, &global] { return run_plan(*opts, global); }; });
}

}  // namespace coverplan::cli
