// coverplan coverage PROJECT -o OUT: travel-time coverage of villages and beneficiaries.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/text.hpp"
#include "core/rules.hpp"
#include "geo/network_analysis.hpp"
#include "io/load_region.hpp"
#include "io/output_dir.hpp"
#include "pipeline/stages.hpp"
#include "report/check_report.hpp"
#include "report/coverage_report.hpp"

namespace coverplan::cli {

namespace {
struct CoverageOptions : ProjectRunOptions {
    bool no_polygons = false;
};

int run_coverage(const CoverageOptions& o, const GlobalOptions& g) {
    const io::ProjectConfig cfg = io::read_project(o.project);
    if (!cfg.roads.present)
        throw UsageError({cfg.file.string() + ": coverage needs a road layer: add [layers.roads]",
                          cfg.file.string() + "：覆盖分析需要道路图层，请添加 [layers.roads]"});
    const std::unique_ptr<io::StagedOutput> staged = o.stage(cfg);
    Region region = io::load_region(cfg);
    const int threads = o.thread_count();
    geo::NetworkAnalysis net = geo::analyse_network(region, cfg.travel, threads);
    region.notes.insert(region.notes.end(), net.notes.begin(), net.notes.end());
    const CoverageSummary summary = summarise_coverage(region, net.coverage, cfg.travel.thresholds_min);
    std::cout << report::load_summary(region, g.chinese()) << report::coverage_summary(region, summary, g.chinese());
    if (cfg.rules.max_travel_min > 0) {
        const RuleReport rules = check_rules(region, cfg.rules, &net.coverage.served_time_s);
        std::cout << (g.chinese() ? "\nR6 通行时间超限：" : "\nR6 travel time over the limit: ") << rules.count("R6") << "\n";
    }
    if (staged) {
        report::write_coverage_outputs(*staged, region, net, summary, g.chinese());
        if (!o.no_polygons) {
            const pipeline::PolygonStage polygons = pipeline::trace_polygons(region, cfg, net, threads);
            report::write_polygon_outputs(*staged, region, polygons.isochrones, polygons.gaps);
            const double first_band = cfg.travel.thresholds_min.front();
            std::cout << (g.chinese() ? "\n覆盖缺口（" : "\nLargest gaps (") << format_decimal(first_band, 1)
                      << (g.chinese() ? " 分钟，按未覆盖服务对象排序）：\n" : " min, by uncovered beneficiaries):\n");
            for (const auto& gap : polygons.gaps) {
                if (gap.band_min != first_band || gap.rank > 5) continue;
                std::cout << "  " << gap.rank << ". " << region.township(gap.township).name << "  "
                          << format_decimal(gap.area_m2 / 1e6, 2) << (g.chinese() ? " 平方千米，未覆盖 " : " km², uncovered ")
                          << gap.uncovered << "\n";
            }
        }
        commit_outputs(*staged, g.chinese());
    }
    return 0;
}
}  // namespace

void add_coverage_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<CoverageOptions>();
    CLI::App* cmd = app.add_subcommand("coverage", "travel-time coverage of villages and beneficiaries (覆盖分析)");
    add_project_options(cmd, *opts, "villages.geojson, sites.geojson, coverage.csv, isochrones.geojson and gaps.geojson");
    cmd->add_flag("--no-polygons", opts->no_polygons, "skip isochrones.geojson and gaps.geojson (faster on large regions)");
    cmd->callback([opts, &global, &runner] { runner = [opts, &global] { return run_coverage(*opts, global); }; });
}

}  // namespace coverplan::cli
