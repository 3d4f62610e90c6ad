// coverplan flood PROJECT -o OUT: the flood-season analysis (防汛), pipeline::run_flood.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "pipeline/commands.hpp"

namespace coverplan::cli {

void add_flood_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<ProjectRunOptions>();
    CLI::App* cmd = app.add_subcommand("flood", "flood season: people in hazard zones, roads closed, shelters, outreach tours, critical and detour links, maps (防汛)");
    add_project_options(cmd, *opts, "exposure.csv, cutoff.csv, shelters.csv, outreach.csv, critical_links.csv, detour_links.csv, their GeoJSON and maps/flood*");
    cmd->callback([opts, &global, &runner] {
        runner = [opts, &global] {
            const io::ProjectConfig cfg = io::read_project(opts->project);
            const auto staged = opts->stage(cfg);
            const pipeline::Outcome o = pipeline::run_flood(cfg, opts->command(global.chinese()), staged.get());
            return finish(o, staged.get(), global.chinese());
        };
    });
}

}  // namespace coverplan::cli
