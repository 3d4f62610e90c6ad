// coverplan validate PROJECT: loads every layer and reports what was read and used, and the
// data-quality findings, the road network's included (errors end with exit code 3, warnings are
// listed).
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "geo/network_analysis.hpp"
#include "io/load_region.hpp"
#include "report/check_report.hpp"

namespace coverplan::cli {

namespace {
struct ValidateOptions {
    std::filesystem::path project;
};

int run_validate(const ValidateOptions& o, const GlobalOptions& g) {
    const io::ProjectConfig cfg = io::read_project(o.project);
    Region region = io::load_region(cfg);
    // With roads: what cannot reach the network or is stranded on a cut-off part.
    if (cfg.roads.present) {
        const geo::NetworkAnalysis net = geo::join_network(region, cfg.travel);
        region.notes.insert(region.notes.end(), net.notes.begin(), net.notes.end());
    }
    std::cout << report::load_summary(region, g.chinese()) << report::layer_counts(region, g.chinese());
    return 0;
}
}  // namespace

void add_validate_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<ValidateOptions>();
    CLI::App* cmd = app.add_subcommand("validate", "load the project's data and report problems (数据检查)");
    cmd->add_option("project", opts->project, "project file (project.toml)")->required();
    cmd->callback([opts, &global, &runner] { runner = [opts, &global] { return run_validate(*opts, global); }; });
}

}  // namespace coverplan::cli
