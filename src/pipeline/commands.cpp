#include "pipeline/commands.hpp"

#include "core/rules.hpp"
#include "core/text.hpp"
#include "io/load_region.hpp"
#include "pipeline/stages.hpp"
#include "report/check_report.hpp"
#include "report/coverage_report.hpp"
#include "report/plan_report.hpp"
#include "report/reach_report.hpp"

namespace coverplan::pipeline {

Prepared prepare(const io::ProjectConfig& cfg, NetworkNeed need, int threads) {
    Prepared p{io::load_region(cfg), std::nullopt};
    if (!cfg.roads.present || need == NetworkNeed::none) return p;
    p.network = need == NetworkNeed::join ? geo::join_network(p.region, cfg.travel) : geo::analyse_network(p.region, cfg.travel, threads);
    p.region.notes.insert(p.region.notes.end(), p.network->notes.begin(), p.network->notes.end());
    return p;
}

namespace {
void require_roads(const io::ProjectConfig& cfg, const char* what_en, const char* what_zh) {
    if (!cfg.roads.present)
        throw UsageError({cfg.file.string() + ": " + what_en + " needs a road layer for the travel times: add [layers.roads]",
                          cfg.file.string() + "：" + what_zh + "需要道路图层以计算通行时间，请添加 [layers.roads]"});
}
}  // namespace

Outcome run_validate(const io::ProjectConfig& cfg, const CommandOptions& options) {
    const Prepared p = prepare(cfg, NetworkNeed::join, options.threads);
    Outcome out;
    out.summary = report::load_summary(p.region, options.chinese) + report::layer_counts(p.region, options.chinese);
    out.commit = false;
    return out;
}

Outcome run_check(const io::ProjectConfig& cfg, const CommandOptions& options, bool fail_on_violation, io::StagedOutput* staged) {
    // R6 needs travel times: computed when the project has roads and sets max_travel_min.
    const bool r6 = cfg.rules.max_travel_min > 0;
    const Prepared p = prepare(cfg, r6 ? NetworkNeed::travel_times : NetworkNeed::none, options.threads);
    const RuleReport report = check_rules(p.region, cfg.rules, p.network ? &p.network->coverage.served_time_s : nullptr);
    Outcome out;
    out.summary = report::load_summary(p.region, options.chinese) + report::check_summary(p.region, report, options.chinese);
    if (staged) report::write_check_outputs(*staged, p.region, report, options.chinese);
    if (fail_on_violation && report.has_findings()) {
        out.code = ExitCode::violations;
        out.failure = Text{"the rule check found errors or warnings (--fail-on-violation)", "规则检查发现错误或警告（--fail-on-violation）"};
    }
    return out;
}

Outcome run_coverage(const io::ProjectConfig& cfg, const CommandOptions& options, bool polygons, io::StagedOutput* staged) {
    require_roads(cfg, "coverage", "覆盖分析");
    const bool zh = options.chinese;
    const Prepared p = prepare(cfg, NetworkNeed::travel_times, options.threads);
    const geo::NetworkAnalysis& net = *p.network;
    const CoverageSummary summary = summarise_coverage(p.region, net.coverage, cfg.travel.thresholds_min);
    Outcome out;
    out.summary = report::load_summary(p.region, zh) + report::coverage_summary(p.region, summary, zh);
    if (cfg.rules.max_travel_min > 0) {
        const RuleReport rules = check_rules(p.region, cfg.rules, &net.coverage.served_time_s);
        out.summary += (zh ? "\nR6 通行时间超限：" : "\nR6 travel time over the limit: ") + std::to_string(rules.count("R6")) + "\n";
    }
    if (!staged) return out;
    report::write_coverage_outputs(*staged, p.region, net, summary, zh);
    if (!polygons) return out;
    const PolygonStage poly = trace_polygons(p.region, cfg, net, options.threads);
    report::write_polygon_outputs(*staged, p.region, poly.isochrones, poly.gaps);
    const double first_band = cfg.travel.thresholds_min.front();
    out.summary += (zh ? "\n覆盖缺口（" : "\nLargest gaps (") + format_decimal(first_band, 1) +
                   (zh ? " 分钟，按未覆盖服务对象排序）：\n" : " min, by uncovered beneficiaries):\n");
    for (const auto& gap : poly.gaps) {
        if (gap.band_min != first_band || gap.rank > 5) continue;
        out.summary += "  " + std::to_string(gap.rank) + ". " + p.region.township(gap.township).name + "  " +
                       format_decimal(gap.area_m2 / 1e6, 2) + (zh ? " 平方千米，未覆盖 " : " km², uncovered ") + std::to_string(gap.uncovered) + "\n";
    }
    return out;
}

Outcome run_plan(const io::ProjectConfig& project, const CommandOptions& options, const placement::PlanOverrides& overrides,
                 io::StagedOutput* staged) {
    require_roads(project, "planning", "规划");
    io::ProjectConfig cfg = project;
    cfg.plan = placement::with_overrides(cfg.plan, overrides);
    const bool zh = options.chinese;
    const Prepared p = prepare(cfg, NetworkNeed::travel_times, options.threads);
    Outcome out;
    if (cfg.plan.model != placement::PlanModel::programme) {
        const solve::ReachPlan rp = plan_reach(p.region, cfg, *p.network, options.threads);
        out.summary = report::load_summary(p.region, zh) + report::reach_summary(p.region, rp, zh);
        const bool solved = rp.solution.status == placement::Status::optimal || rp.solution.status == placement::Status::feasible;
        if (!solved) {
            out.code = ExitCode::input;
            out.failure = Text{"the question has no feasible answer; see above", "该问题没有可行方案，见上方说明"};
            out.commit = false;
        } else if (staged) {
            report::write_reach_outputs(*staged, p.region, rp, zh);
        }
        return out;
    }
    const PlanStage stage = plan_programme(p.region, cfg, *p.network, options.threads);
    out.summary = report::load_summary(p.region, zh) + report::plan_summary(p.region, stage.plan, stage.comparison, zh);
    if (staged) report::write_plan_outputs(*staged, p.region, stage.plan, zh);
    if (!stage.plan.complete()) {
        out.code = ExitCode::input;
        out.failure = Text{"some townships have no feasible plan; see the notes above", "部分镇（街）没有可行方案，见上方说明"};
    }
    return out;
}

}  // namespace coverplan::pipeline
