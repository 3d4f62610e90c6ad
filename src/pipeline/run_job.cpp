#include "pipeline/run_job.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <optional>

#include "core/calendar.hpp"
#include "core/text.hpp"
#include "io/geopackage.hpp"
#include "io/load_region.hpp"
#include "pipeline/run_record.hpp"
#include "pipeline/stages.hpp"
#include "report/briefing.hpp"
#include "report/check_report.hpp"
#include "report/coverage_report.hpp"
#include "report/map/qgis_style.hpp"
#include "report/map/render.hpp"
#include "report/plan_report.hpp"
#include "report/visits_report.hpp"

namespace coverplan::pipeline {

namespace map = report::map;

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

namespace {

// Times the stages and tells the observer (the progress display) when each starts and ends.
class StageClock {
public:
    StageClock(const StageObserver& observe, int count) : m_observe(observe), m_count(count) {}

    template <class F>
    auto run(const std::string& stage, F&& f) {
        fail_if_asked(stage);
        if (m_observe) m_observe(m_index, m_count, stage, -1);
        const auto start = std::chrono::steady_clock::now();
        struct Finish {
            StageClock& clock;
            const std::string& stage;
            std::chrono::steady_clock::time_point start;
            ~Finish() {
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                clock.m_times.push_back({stage, s});
                if (clock.m_observe) clock.m_observe(clock.m_index, clock.m_count, stage, s);
                ++clock.m_index;
            }
        } finish{*this, stage, start};
        return f();
    }

    const std::vector<StageTime>& times() const { return m_times; }

private:
    // For the tests of DESIGN §12 (a run that fails late leaves the previous outputs as they were):
    // COVERPLAN_TEST_FAIL_AT=<stage> fails the run as that stage starts, with everything before
    // it written to the staging folder. Not for users; unset, it does nothing.
    static void fail_if_asked(const std::string& stage) {
        const char* at = std::getenv("COVERPLAN_TEST_FAIL_AT");
        if (at && stage == at)
            throw OutputError({"stopped before stage \"" + stage + "\" as COVERPLAN_TEST_FAIL_AT asks (a test of failed runs)",
                               "按 COVERPLAN_TEST_FAIL_AT 的要求在“" + stage + "”阶段前停止（失败运行测试）"});
    }

    const StageObserver& m_observe;
    int m_count;
    int m_index = 0;
    std::vector<StageTime> m_times;
};

std::string map_title(const Region& region, bool zh, bool planned) {
    const std::string place = region.county_names.size() == 1 ? region.county_names.begin()->second : region.name;
    if (!planned) return place + (zh ? " 社工站点现状" : " — social-work sites now");
    return place + (zh ? " 社工站点现状与规划" : " — social-work sites, now and planned");
}

std::string figures_text(const report::Document& doc) {
    std::string out = "\n" + doc.title + "\n";
    // The briefing's opening sentences (摘要), as the leader reads them.
    for (const std::string& p : doc.sections.front().paragraphs) out += "  " + p + "\n";
    return out;
}

}  // namespace

RunOutcome run_job(const io::ProjectConfig& project, const RunOptions& options, io::StagedOutput& out, const StageObserver& observe) {
    io::ProjectConfig cfg = project;
    cfg.plan.model = placement::PlanModel::programme;  // the briefing is about the programme's own model
    const bool zh = options.chinese;
    cfg.plan.chinese_names = zh;
    const bool roads = cfg.roads.present;
    const int suppress = options.suppress_below.value_or(cfg.report.suppress_below);
    RunOptions opts = options;
    if (opts.date.empty()) opts.date = today();
    StageClock clock(observe, (roads ? 6 : 3) + (opts.maps ? 1 : 0) + (opts.postgis ? 1 : 0));

    Region region = clock.run("validate", [&] { return io::load_region(cfg); });
    std::optional<geo::NetworkAnalysis> net;
    if (roads) {
        net = clock.run("travel_times", [&] { return geo::analyse_network(region, cfg.travel, opts.threads); });
        region.notes.insert(region.notes.end(), net->notes.begin(), net->notes.end());
    }
    // The month of the report's date (its typical month gives R8 its travel); for several counties
    // only the typical month: a province's month of tours and 5,750 sheets is `coverplan visits`'
    // work, county by county.
    std::optional<VisitPlan> visits;
    const bool month_visits = opts.month_visits_always || region.county_count() <= 1;
    const RuleReport rules = clock.run("check", [&] {
        RuleReport r = check_rules(region, cfg.rules, net && cfg.rules.max_travel_min > 0 ? &net->coverage.served_time_s : nullptr);
        if (net && !region.beneficiaries.empty()) {
            visits = month_visits ? visit_plan(region, cfg, *net, month_index(*parse_date(opts.date)), opts.threads)
                                  : typical_visit_plan(region, cfg, *net, opts.threads);
            for (Violation& v : report::workload_violations(region, *visits, cfg.staffing)) r.violations.push_back(std::move(v));
        } else {
            r.skipped.push_back({"R8", !net ? Text{"no road layer: the visits' travel is not known", "无道路图层，走访路程未知"}
                                            : Text{"no beneficiaries", "无服务对象"}});
        }
        return r;
    });
    std::optional<CoverageSummary> coverage;
    std::optional<PolygonStage> polygons;
    std::optional<PlanStage> plan;
    std::optional<report::AccessResult> access;
    std::optional<report::FloodResult> flood;
    if (net) {
        clock.run("coverage", [&] {
            coverage = summarise_coverage(region, net->coverage, cfg.travel.thresholds_min);
            access = access_to_workers(region, cfg, *net, opts.threads);
            polygons = trace_polygons(region, cfg, *net, opts.threads, opts.site_isochrones);
            // The 防汛 section whenever the project has flood-season layers.
            if (has_flood_layers(cfg)) flood = flood_analysis(region, cfg, *net, opts.threads);
        });
        plan = clock.run("plan", [&] { return plan_programme(region, cfg, *net, opts.threads, visits ? &*visits : nullptr); });
    }

    report::BriefingInputs bi;
    bi.project = &cfg;
    bi.region = &region;
    bi.rules = &rules;
    bi.network = net ? &*net : nullptr;
    bi.coverage = coverage ? &*coverage : nullptr;
    bi.gaps = polygons ? &polygons->gaps : nullptr;
    bi.site_isochrones = polygons && polygons->per_site;
    bi.plan = plan ? &plan->plan : nullptr;
    bi.comparison = plan ? &plan->comparison : nullptr;
    bi.visits = visits ? &*visits : nullptr;
    bi.visits_month = month_visits;
    bi.access = access ? &*access : nullptr;
    bi.flood = flood ? &*flood : nullptr;
    bi.date = opts.date;
    bi.suppress_below = suppress;
    bi.chinese = zh;
    // The report's vector maps draw from `content` when report.pdf is written, below.
    std::optional<map::MapContent> content;
    if (opts.maps)
        clock.run("maps", [&] {
            content = map::gather_map_content(region, net ? &net->coverage : nullptr, cfg.travel.thresholds_min,
                                                              polygons ? &polygons->isochrones : nullptr, polygons ? &polygons->gaps : nullptr,
                                                              plan ? &plan->plan : nullptr);
            content->chinese = zh;
            content->date = opts.date;
            content->attribution = report::data_attribution(cfg, zh);
            content->organisation = cfg.report.organisation;
            if (flood && net) content->flood = map::gather_flood_marks(region, net->graph, *flood);
            map::MapOptions mo;
            mo.print_dpi = opts.print_dpi;
            mo.threads = opts.threads;
            const std::string title = map_title(region, zh, plan.has_value());
            mo.web = {title, cfg.report.tile_url, cfg.report.tile_attribution, suppress};
            bi.maps = map::write_maps(out.dir() / "maps", *content, title, mo);
        });

    const report::Document doc = clock.run("report", [&] {
        // Every GeoJSON layer is also written, feature by feature, into pack.gpkg, styled for QGIS
        // as the maps are.
        io::GeoPackageWriter pack(out.dir() / "pack.gpkg",
                                  map::pack_layers(cfg.travel.thresholds_min, zh, access ? access->values.e2sfca : std::vector<double>{}),
                                  opts.date);
        out.attach_pack(&pack);
        struct Detach {
            io::StagedOutput& out;
            ~Detach() { out.attach_pack(nullptr); }
        } detach{out};
        report::write_check_outputs(out, region, rules, zh);
        if (net) {
            report::write_coverage_outputs(out, region, *net, *coverage, zh);
            report::write_polygon_outputs(out, region, polygons->per_site ? &polygons->isochrones : nullptr, polygons->covered, polygons->gaps);
            report::write_plan_outputs(out, region, plan->plan, zh);
        }
        if (access) report::write_access_outputs(out, region, *access, zh);
        if (visits && month_visits) report::write_visits_outputs(out, region, *visits, cfg.staffing, opts.date, zh, opts.threads);
        else if (visits) report::write_staffing_output(out, region, *visits, cfg.staffing, zh, false);
        if (flood) report::write_flood_outputs(out, region, net->graph, *flood, cfg.flood, zh);
        pack.close();
        report::Document d = report::build_briefing(bi);
        out.write("report.md", [&](std::ostream& o) { report::write_markdown(o, d); });
        out.write("report.html", [&](std::ostream& o) { report::write_html(o, d); });
        out.write("report.pdf", [&](std::ostream& o) { report::write_pdf(o, d); });
        report::write_xlsx(out.dir() / "report.xlsx", d);
        return d;
    });

    // Into PostGIS before the folder is committed: a failure there fails the run, the previous
    // schema and the previous folder both left as they were.
    std::optional<Text> postgis_note;
    if (opts.postgis) postgis_note = clock.run("postgis", [&] { return io::publish_to_postgis(out.dir() / "pack.gpkg", *opts.postgis); });

    RunOutcome outcome;
    outcome.timings = clock.times();
    outcome.plan_complete = !plan || plan->plan.complete();
    outcome.summary = figures_text(doc);
    if (polygons && !polygons->per_site) outcome.summary += site_isochrones_note(region.county_count(), zh);
    if (visits && !month_visits) outcome.summary += month_visits_note(region.county_count(), zh);
    if (postgis_note) outcome.summary += "\n" + (zh ? postgis_note->zh : postgis_note->en) + "\n";
    RunRecordInputs rec{&cfg, &opts, plan ? &plan->plan : nullptr, suppress, outcome.timings, out.dir()};
    out.write("run.json", [&](std::ostream& o) { o << run_record_json(rec); });
    return outcome;
}

}  // namespace coverplan::pipeline
