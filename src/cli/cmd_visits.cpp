// coverplan visits PROJECT -o OUT [--month YYYY-MM]: the month's home visits of every site.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/calendar.hpp"
#include "pipeline/commands.hpp"

namespace coverplan::cli {

namespace {
struct VisitsOptions : ProjectRunOptions {
    std::optional<int> month;
};
}  // namespace

void add_visits_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<VisitsOptions>();
    CLI::App* cmd = app.add_subcommand("visits", "the month's home visits per site and social worker, and the workload (入户走访排程)");
    add_project_options(cmd, *opts, "visits.csv, tours.geojson, unplanned.csv, staffing.csv, visits.xlsx and sheets/*.pdf");
    cmd->add_option_function<std::string>("--month", [opts](const std::string& v) { opts->month = parse_month(v); },
                                           "the month to plan, YYYY-MM (default: this month)")
        ->check([](const std::string& v) {
            return parse_month(v) ? std::string() : "expected a month YYYY-MM from 1900-01 to 2199-12, found " + v;
        });
    cmd->callback([opts, &global, &runner] {
        runner = [opts, &global] {
            const io::ProjectConfig cfg = io::read_project(opts->project);
            const auto staged = opts->stage(cfg);
            const pipeline::Outcome o = pipeline::run_visits(cfg, opts->command(global.chinese()), opts->month, staged.get());
            return finish(o, staged.get(), global.chinese());
        };
    });
}

}  // namespace coverplan::cli
