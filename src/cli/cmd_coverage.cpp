// coverplan coverage PROJECT -o OUT: travel-time coverage of villages and beneficiaries.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "pipeline/commands.hpp"

namespace coverplan::cli {

namespace {
struct CoverageOptions : ProjectRunOptions {
    bool no_polygons = false;
    geo::SiteIsochrones site_isochrones = geo::SiteIsochrones::automatic;
};
}  // namespace

void add_coverage_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<CoverageOptions>();
    CLI::App* cmd = app.add_subcommand("coverage", "travel-time coverage of villages and beneficiaries (覆盖分析)");
    add_project_options(cmd, *opts, "villages.geojson, sites.geojson, coverage.csv, isochrones.geojson and gaps.geojson");
    cmd->add_flag("--no-polygons", opts->no_polygons, "skip isochrones.geojson, coverage_areas.geojson and gaps.geojson (faster on large regions)");
    cmd->add_flag_function("--site-isochrones", [opts](std::int64_t) { opts->site_isochrones = geo::SiteIsochrones::always; },
                           "trace isochrones per site even when the project covers several counties (default: one county only)");
    cmd->callback([opts, &global, &runner] {
        runner = [opts, &global] {
            const io::ProjectConfig cfg = io::read_project(opts->project);
            const auto staged = opts->stage(cfg);
            const pipeline::Outcome o = pipeline::run_coverage(cfg, opts->command(global.chinese()), !opts->no_polygons, opts->site_isochrones, staged.get());
            return finish(o, staged.get(), global.chinese());
        };
    });
}

}  // namespace coverplan::cli
