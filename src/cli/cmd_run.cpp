// coverplan run PROJECT -o OUT: the main job — validate, check, coverage, plan, maps and report —
// into one output folder (DESIGN §11).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/text.hpp"
#include "pipeline/run_job.hpp"

namespace coverplan::cli {

namespace {
struct RunCommandOptions : ProjectRunOptions {
    std::string date;
    bool no_maps = false;
    std::string to_postgis, schema;
    pipeline::RunOptions run;  // what the options set directly
    std::vector<std::string> argv;
};

std::string stage_label(const std::string& stage, bool zh) {
    static const std::map<std::string, std::pair<const char*, const char*>> k_labels = {
        {"validate", {"读取与检查数据", "loading and validating the data"}},
        {"travel_times", {"计算通行时间", "computing travel times"}},
        {"check", {"规则检查", "checking the rules"}},
        {"coverage", {"覆盖分析与缺口", "coverage and gaps"}},
        {"plan", {"站点规划", "planning"}},
        {"maps", {"绘制地图", "drawing the maps"}},
        {"report", {"写出报告与数据", "writing the report and data"}},
        {"postgis", {"写入 PostGIS", "writing to PostGIS"}}};
    const auto it = k_labels.find(stage);
    return it == k_labels.end() ? stage : (zh ? it->second.first : it->second.second);
}

int run_run(const RunCommandOptions& o, const GlobalOptions& g) {
    const io::ProjectConfig cfg = io::read_project(o.project);
    const std::unique_ptr<io::StagedOutput> staged = o.stage(cfg);
    pipeline::RunOptions ro = o.run;
    ro.threads = o.thread_count();
    ro.chinese = g.chinese();
    ro.date = o.date;
    ro.maps = !o.no_maps;
    ro.command_line = o.argv;
    // Progress only on a terminal (DESIGN §14.8): logs and pipes get the summary alone.
    const bool tty = isatty(fileno(stderr)) != 0;
    const bool zh = g.chinese();
    pipeline::StageObserver observe;
    if (tty)
        observe = [zh](int i, int n, const std::string& stage, double s) {
            if (s < 0) std::cerr << "[" << i + 1 << "/" << n << "] " << stage_label(stage, zh) << " …" << std::flush;
            else std::cerr << " " << format_decimal(s, 1) << (zh ? " 秒\n" : " s\n");
        };
    const pipeline::RunOutcome outcome = pipeline::run_job(cfg, ro, *staged, observe);
    std::cout << terminal_safe(outcome.summary);
    commit_outputs(*staged, zh);
    std::cout << (zh ? "报告：" : "Report: ") << (staged->destination() / "report.html").string() << "\n";
    if (!outcome.plan_complete) {
        std::cerr << (zh ? "coverplan：部分镇（街）没有可行方案，见报告中的规划一节\n"
                         : "coverplan: some townships have no feasible plan; see the plan section of the report\n");
        return static_cast<int>(ExitCode::input);
    }
    return 0;
}
}  // namespace

void add_run_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<RunCommandOptions>();
    CLI::App* cmd = app.add_subcommand("run", "the main job: check, coverage, plan, report and maps into one folder (一键生成简报材料)");
    add_project_options(cmd, *opts, "the briefing pack: report.html/.md/.xlsx, maps/, GeoJSON and CSV files, run.json");
    cmd->get_option("--out")->required();
    cmd->add_option_function<int>("--suppress-below", [opts](const int& k) { opts->run.suppress_below = k; },
                                  "show beneficiary counts below K as \"<K\" in the report and maps (default: [report] suppress_below, else 0)")
        ->check(within(setting::suppress_below));
    cmd->add_option("--date", opts->date, "date printed on the report and maps, YYYY-MM-DD (default: today)")
        ->check([](const std::string& s) {
            return is_calendar_date(s) ? std::string() : "expected a date that exists, YYYY-MM-DD from 1900 to 2199, found " + s;
        });
    cmd->add_flag("--no-maps", opts->no_maps, "skip the maps (faster)");
    cmd->add_option_function<double>("--print-dpi", [opts](const double& dpi) { opts->run.print_dpi = dpi; },
                                     "also write each map as maps/*_print.png at this resolution, e.g. 300 (the .pdf maps are the print format)")
        ->check(within(setting::print_dpi));
    cmd->add_flag_function("--site-isochrones", [opts](std::int64_t) { opts->run.site_isochrones = geo::SiteIsochrones::always; },
                           "trace isochrones per site even when the project covers several counties (default: one county only)");
    cmd->add_flag("--month-visits", opts->run.month_visits_always,
                  "plan the month's home-visit tours and print the sheets even when the project covers several counties "
                  "(default: one county only; otherwise R8 from a typical month, the tours from coverplan visits)");
    CLI::Option* to_pg = cmd->add_option("--to-postgis", opts->to_postgis,
                                         "also write the layers into a PostGIS database, e.g. \"PG:dbname=civil service=bureau\" "
                                         "(credentials from the string, PGSERVICEFILE or ~/.pgpass; never recorded)")
                                ->check([](const std::string& s) { return s.empty() ? std::string("expected a PostgreSQL connection, found nothing") : std::string(); });
    cmd->add_option("--schema", opts->schema, "with --to-postgis: the schema the results replace, whole, in one transaction")
        ->needs(to_pg)
        ->check([](const std::string& s) {
            try {
                io::check_schema_name(s);
                return std::string();
            } catch (const Error& e) {
                return std::string(e.what());
            }
        });
    to_pg->needs(cmd->get_option("--schema"));
    cmd->callback([opts, &global, &runner, cmd] {
        if (!opts->to_postgis.empty()) opts->run.postgis = io::PostgisTarget{opts->to_postgis, opts->schema};
        opts->argv = {"coverplan", "run"};
        for (const auto* opt : cmd->get_options())
            if (opt->count() > 0 && opt->get_name() != "--help" && opt->get_name() != "--threads")  // results do not depend on it
                for (const std::string& r : opt->results()) {
                    // Paths are shown as placeholders: the record must not depend on where the folders are.
                    if (opt->get_positional()) opts->argv.emplace_back("PROJECT");
                    else if (opt->get_name() == "--out") opts->argv.emplace_back("--out=OUT");
                    else if (opt->get_name() == "--to-postgis") opts->argv.push_back("--to-postgis=" + io::shown_connection(r));
                    else if (opt->get_expected_max() == 0) opts->argv.push_back(opt->get_name());  // a flag
                    else opts->argv.push_back(opt->get_name() + "=" + r);
                }
        runner = [opts, &global] { return run_run(*opts, global); };
    });
}

}  // namespace coverplan::cli
