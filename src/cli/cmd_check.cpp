// coverplan check PROJECT [-o OUT]: evaluates the siting rules R1–R7.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/rules.hpp"
#include "geo/network_analysis.hpp"
#include "io/load_region.hpp"
#include "io/output_dir.hpp"
#include "report/check_report.hpp"

namespace coverplan::cli {

namespace {
struct CheckOptions : ProjectRunOptions {
    bool fail_on_violation = false;
};

int run_check(const CheckOptions& o, const GlobalOptions& g) {
    const io::ProjectConfig cfg = io::read_project(o.project);
    // Refuse an existing output folder before the (possibly long) load.
    const std::unique_ptr<io::StagedOutput> staged = o.stage(cfg);
    Region region = io::load_region(cfg);
    // R6 needs travel times: computed when the project has roads and sets max_travel_min.
    std::unique_ptr<geo::NetworkAnalysis> net;
    if (cfg.rules.max_travel_min > 0 && cfg.roads.present) {
        net = std::make_unique<geo::NetworkAnalysis>(geo::analyse_network(region, cfg.travel, o.thread_count()));
        region.notes.insert(region.notes.end(), net->notes.begin(), net->notes.end());
    }
    const RuleReport report = check_rules(region, cfg.rules, net ? &net->coverage.served_time_s : nullptr);
    std::cout << report::load_summary(region, g.chinese()) << report::check_summary(region, report, g.chinese());
    if (staged) {
        report::write_check_outputs(*staged, region, report, g.chinese());
        commit_outputs(*staged, g.chinese());
    }
    return o.fail_on_violation && report.has_findings() ? static_cast<int>(ExitCode::violations) : 0;
}
}  // namespace

void add_check_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<CheckOptions>();
    CLI::App* cmd = app.add_subcommand("check", "check the sites against the programme's rules R1–R7 (规则检查)");
    add_project_options(cmd, *opts, "violations.csv, violations.geojson and progress.csv");
    cmd->add_flag("--fail-on-violation", opts->fail_on_violation, "exit with code 1 when errors or warnings are found");
    cmd->callback([opts, &global, &runner] { runner = [opts, &global] { return run_check(*opts, global); }; });
}

}  // namespace coverplan::cli
