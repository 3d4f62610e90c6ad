// coverplan check PROJECT [-o OUT]: evaluates the siting rules R1–R7.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "pipeline/commands.hpp"

namespace coverplan::cli {

namespace {
struct CheckOptions : ProjectRunOptions {
    bool fail_on_violation = false;
};
}  // namespace

void add_check_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<CheckOptions>();
    CLI::App* cmd = app.add_subcommand("check", "check the sites against the programme's rules R1–R7 (规则检查)");
    add_project_options(cmd, *opts, "violations.csv, violations.geojson and progress.csv");
    cmd->add_flag("--fail-on-violation", opts->fail_on_violation, "exit with code 1 when errors or warnings are found");
    cmd->callback([opts, &global, &runner] {
        runner = [opts, &global] {
            const io::ProjectConfig cfg = io::read_project(opts->project);
            const auto staged = opts->stage(cfg);  // an existing output folder is refused before the (possibly long) load
            const pipeline::Outcome o = pipeline::run_check(cfg, opts->command(global.chinese()), opts->fail_on_violation, staged.get());
            return finish(o, staged.get(), global.chinese());
        };
    });
}

}  // namespace coverplan::cli
