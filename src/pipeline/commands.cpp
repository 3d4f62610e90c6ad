#include "pipeline/commands.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "core/calendar.hpp"
#include "core/rules.hpp"
#include "core/text.hpp"
#include "io/load_region.hpp"
#include "pipeline/stages.hpp"
#include "report/check_report.hpp"
#include "report/coverage_report.hpp"
#include "report/briefing.hpp"
#include "report/flood_report.hpp"
#include "report/map/render.hpp"
#include "report/plan_report.hpp"
#include "report/reach_report.hpp"
#include "report/visits_report.hpp"
#include "pipeline/run_job.hpp"

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

void add_workload_rule(RuleReport& report, const Prepared& p, const io::ProjectConfig& cfg, int threads) {
    if (!p.network || p.region.beneficiaries.empty()) {
        report.skipped.push_back({"R8", !p.network ? Text{"no road layer: the visits' travel is not known", "无道路图层，走访路程未知"}
                                                   : Text{"no beneficiaries", "无服务对象"}});
        return;
    }
    const VisitPlan plan = typical_visit_plan(p.region, cfg, *p.network, threads);
    for (Violation& v : report::workload_violations(p.region, plan, cfg.staffing)) report.violations.push_back(std::move(v));
}

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
    // R8 needs the month's tours: the roads joined, when the project has beneficiaries.
    const bool r8 = cfg.beneficiaries.present;
    const Prepared p = prepare(cfg, r6 ? NetworkNeed::travel_times : r8 ? NetworkNeed::join : NetworkNeed::none, options.threads);
    RuleReport report = check_rules(p.region, cfg.rules, p.network ? &p.network->coverage.served_time_s : nullptr);
    add_workload_rule(report, p, cfg, options.threads);
    Outcome out;
    out.summary = report::load_summary(p.region, options.chinese) + report::check_summary(p.region, report, options.chinese);
    if (staged) report::write_check_outputs(*staged, p.region, report, options.chinese);
    if (fail_on_violation && report.has_findings()) {
        out.code = ExitCode::violations;
        out.failure = Text{"the rule check found errors or warnings (--fail-on-violation)", "规则检查发现错误或警告（--fail-on-violation）"};
    }
    return out;
}

Outcome run_coverage(const io::ProjectConfig& cfg, const CommandOptions& options, bool polygons, geo::SiteIsochrones site_isochrones,
                     io::StagedOutput* staged) {
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
    const report::AccessResult access = access_to_workers(p.region, cfg, net, options.threads);
    out.summary += report::access_summary(p.region, access, zh);
    if (!staged) return out;
    report::write_coverage_outputs(*staged, p.region, net, summary, zh);
    report::write_access_outputs(*staged, p.region, access, zh);
    if (!polygons) return out;
    const PolygonStage poly = trace_polygons(p.region, cfg, net, options.threads, site_isochrones);
    report::write_polygon_outputs(*staged, p.region, poly.per_site ? &poly.isochrones : nullptr, poly.covered, poly.gaps);
    if (!poly.per_site) out.summary += site_isochrones_note(p.region.county_count(), zh);
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
    cfg.plan.chinese_names = options.chinese;
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

Outcome run_visits(const io::ProjectConfig& cfg, const CommandOptions& options, std::optional<int> month, io::StagedOutput* staged) {
    require_roads(cfg, "planning home visits", "入户走访排程");
    if (!cfg.beneficiaries.present)
        throw UsageError({cfg.file.string() + ": planning home visits needs the beneficiaries: add [layers.beneficiaries]",
                          cfg.file.string() + "：入户走访排程需要服务对象图层，请添加 [layers.beneficiaries]"});
    const bool zh = options.chinese;
    const Prepared p = prepare(cfg, NetworkNeed::join, options.threads);
    if (!p.region.beneficiaries.empty() && p.region.beneficiaries.front().record.empty())
        throw UsageError({cfg.file.string() + ": the visit lists name each beneficiary by the bureau's own record id (档案编号) only: map "
                                              "[layers.beneficiaries.fields] record to that column",
                          cfg.file.string() + "：走访清单只以档案编号列出服务对象，请在 [layers.beneficiaries.fields] 中把 record 对应到档案编号列"});
    const VisitPlan plan = visit_plan(p.region, cfg, *p.network, month.value_or(month_index(today_days())), options.threads);
    Outcome out;
    out.summary = report::load_summary(p.region, zh) + report::visits_summary(p.region, plan, cfg.staffing, zh);
    const std::vector<Violation> r8 = report::workload_violations(p.region, plan, cfg.staffing);
    out.summary += (zh ? "\nR8 走访工作量超出社工工时的站点：" : "\nR8 sites whose visiting workload exceeds their staff's hours: ") +
                   std::to_string(r8.size()) + "\n";
    for (const Violation& v : r8) out.summary += "  " + v.message.in(zh) + "\n";
    if (staged) report::write_visits_outputs(*staged, p.region, plan, cfg.staffing, today(), zh, options.threads);
    return out;
}

Outcome run_flood(const io::ProjectConfig& cfg, const CommandOptions& options, io::StagedOutput* staged) {
    require_roads(cfg, "the flood-season analysis", "防汛分析");
    const bool zh = options.chinese;
    // Travel times: the trips the detour links lengthen, the villages a closure cuts off (before
    // and after) and who goes to whom in the outreach.
    const Prepared p = prepare(cfg, NetworkNeed::travel_times, options.threads);
    const report::FloodResult flood = flood_analysis(p.region, cfg, *p.network, options.threads);
    Outcome out;
    out.summary = report::load_summary(p.region, zh) + report::flood_summary(p.region, p.network->graph, flood, cfg.flood, zh);
    if (!staged) return out;
    report::write_flood_outputs(*staged, p.region, p.network->graph, flood, cfg.flood, zh);
    // The flood-season maps: the whole area, and (one county) each township affected.
    report::map::MapContent content =
        report::map::gather_map_content(p.region, &p.network->coverage, cfg.travel.thresholds_min, nullptr, nullptr, nullptr);
    content.chinese = zh;
    content.date = today();
    content.attribution = report::data_attribution(cfg, zh);
    content.organisation = cfg.report.organisation;
    content.flood = report::map::gather_flood_marks(p.region, p.network->graph, flood);
    report::map::MapOptions mo;
    mo.flood_only = true;
    mo.townships = p.region.county_count() <= 1;
    mo.threads = options.threads;
    report::map::write_maps(staged->dir() / "maps", content, "", mo);
    return out;
}

namespace {
std::vector<std::uint32_t> candidates_named(const placement::Problem& pr, const std::vector<std::string>& names, const char* option) {
    std::vector<std::uint32_t> out;
    for (const std::string& name : names) {
        auto it = std::find(pr.candidate_names.begin(), pr.candidate_names.end(), name);
        if (it == pr.candidate_names.end())
            throw UsageError({std::string(option) + ": \"" + name + "\" is not a candidate of the instance",
                              std::string(option) + "：\"" + name + "\" 不是该实例的候选点"});
        out.push_back(static_cast<std::uint32_t>(it - pr.candidate_names.begin()));
    }
    return out;
}
// A number for JSON, null when not finite.
nlohmann::ordered_json json_number(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); }

Outcome run_routing(const SolveRequest& rq) {
    auto refuse = [](bool given, const char* option) {
        if (given)
            throw UsageError({std::string(option) + " does not apply to a routing problem (--format solomon)",
                              std::string(option) + " 不适用于车辆路径问题（--format solomon）"});
    };
    refuse(rq.model.has_value(), "--model");
    refuse(rq.p.has_value(), "-p");
    refuse(rq.radius.has_value(), "--radius");
    refuse(!rq.fixed.empty(), "--fixed");
    refuse(!rq.only.empty(), "--candidates");
    refuse(rq.assignment, "--assignment");
    refuse(!rq.input.weights.empty(), "--weights");
    refuse(!rq.input.capacities.empty(), "--capacities");
    routing::Problem pr = io::read_routing_instance(rq.input.file, rq.input.memory);
    if (rq.routes) pr.max_routes = *rq.routes;
    routing::Options options;
    options.time_limit_s = rq.solver.time_limit_s;
    options.seed = rq.solver.seed;
    if (rq.iterations) options.iterations = *rq.iterations;
    options.local_search = rq.local_search;
    const routing::Solution sol = routing::solve(pr, options);
    auto round6 = [](double v) { return std::round(v * 1e6) / 1e6; };
    nlohmann::ordered_json out;
    out["instance"] = rq.input.file.filename().string();
    out["problem"] = "vrptw";
    out["customers"] = pr.customers;
    out["max_routes"] = pr.max_routes;
    out["capacity"] = json_number(pr.capacity);
    out["max_duration"] = json_number(pr.max_duration);
    out["status"] = sol.unserved.empty() ? "feasible" : "incomplete";
    out["distance"] = round6(sol.cost);
    out["routes"] = sol.tours.size();
    out["seed"] = options.seed;
    out["iterations"] = sol.iterations;
    out["local_search"] = options.local_search;
    out["time_limit_reached"] = sol.time_limit_reached;
    out["time_s"] = sol.time_s;
    nlohmann::ordered_json tours = nlohmann::ordered_json::array();
    for (const routing::Tour& t : sol.tours) {
        nlohmann::ordered_json j;
        j["stops"] = t.stops;
        j["distance"] = round6(t.cost);
        j["load"] = t.load;
        j["departure"] = round6(t.departure);
        j["return"] = round6(t.arrival);
        std::vector<double> start;
        for (double v : t.start) start.push_back(round6(v));
        j["start"] = start;
        tours.push_back(std::move(j));
    }
    out["tours"] = std::move(tours);
    nlohmann::ordered_json unserved = nlohmann::ordered_json::array();
    for (const auto& [customer, why] : sol.unserved) unserved.push_back({{"customer", customer}, {"reason", routing::unserved_key(why)}});
    out["unserved"] = std::move(unserved);
    Outcome result;
    result.summary = out.dump(2) + "\n";
    result.commit = false;
    if (!sol.unserved.empty()) {
        result.code = ExitCode::input;
        const std::string k = std::to_string(sol.unserved.size());
        result.failure = Text{"customers that could not be served: " + k + " (see \"unserved\")", "无法安排的客户：" + k + " 个（见 \"unserved\"）"};
    }
    return result;
}

}  // namespace

Outcome run_solve(const SolveRequest& rq) {
    if (rq.format == io::InstanceFormat::solomon) return run_routing(rq);
    io::InstanceInput in = rq.input;
    if (rq.format) {
        in.format = *rq.format;
    } else if (in.file.extension() == ".csv") {
        in.format = io::InstanceFormat::csv_long;
    } else {
        throw UsageError({"--format is needed for " + in.file.string() + " (orlib-pmed, orlib-pmedcap, points, csv-long, csv-wide, solomon)",
                          in.file.string() + " 需要 --format（orlib-pmed、orlib-pmedcap、points、csv-long、csv-wide、solomon）"});
    }
    if (rq.radius && !(std::isfinite(*rq.radius) && *rq.radius >= 0))
        throw UsageError({"--radius: expected a finite number ≥ 0, found " + format_decimal(*rq.radius, 3),
                          "--radius：应为有限的非负数，实际为 " + format_decimal(*rq.radius, 3)});
    placement::Problem pr = io::read_instance(in);
    if (rq.model) pr.model = *rq.model;
    if (rq.p) pr.p = *rq.p;
    if (rq.radius) pr.radius = *rq.radius;
    const std::string model = std::string(placement::model_key(pr.model));
    if (pr.model == placement::Model::capacitated_p_median && pr.capacity.empty())
        throw UsageError({"the capacitated model needs --capacities FILE", "带容量模型需要 --capacities 文件"});
    if ((pr.model == placement::Model::max_covering || pr.model == placement::Model::set_covering) && !rq.radius)
        throw UsageError({"the " + model + " model needs --radius", model + " 模型需要 --radius"});
    if (pr.model != placement::Model::set_covering && pr.p <= 0)
        throw UsageError({"-p is needed: the number of facilities to open", "需要 -p：要开设的设施数"});
    if (pr.model != placement::Model::capacitated_p_median && in.format == io::InstanceFormat::orlib_pmedcap) {
        pr.weight = pr.size;  // the uncapacitated models weigh the points by their demand
        pr.home.clear();
    }
    if (!rq.fixed.empty()) {
        pr.fixed.assign(pr.candidates, 0);
        for (auto j : candidates_named(pr, rq.fixed, "--fixed")) pr.fixed[j] = 1;
    }
    if (!rq.only.empty()) {
        pr.excluded.assign(pr.candidates, 1);
        for (auto j : candidates_named(pr, rq.only, "--candidates")) pr.excluded[j] = 0;
    }
    const placement::Solution sol = solve::solve_problem(pr, rq.solver);
    nlohmann::ordered_json out;
    out["instance"] = in.file.filename().string();
    out["model"] = model;
    out["demands"] = pr.demands;
    out["candidates"] = pr.candidates;
    if (pr.model != placement::Model::set_covering) out["p"] = pr.p;
    if (pr.model == placement::Model::max_covering || pr.model == placement::Model::set_covering) out["radius"] = pr.radius;
    out["solver"] = sol.solver;
    out["status"] = placement::status_key(sol.status);
    const bool found = sol.status == placement::Status::optimal || sol.status == placement::Status::feasible;
    out["objective"] = found ? json_number(sol.objective) : nlohmann::ordered_json(nullptr);
    out["bound"] = found ? json_number(sol.bound) : nlohmann::ordered_json(nullptr);
    out["gap"] = found ? json_number(sol.gap()) : nlohmann::ordered_json(nullptr);
    out["time_s"] = sol.time_s;
    out["nodes"] = sol.nodes;
    std::vector<std::string> open;
    for (auto j : sol.open) open.push_back(pr.candidate_name(j));
    out["sites"] = open;
    if (rq.assignment && found) {
        nlohmann::ordered_json a = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < pr.demands; ++i)
            a[pr.demand_name(i)] = sol.assignment[i] >= 0 ? nlohmann::ordered_json(pr.candidate_name(static_cast<std::size_t>(sol.assignment[i])))
                                                          : nlohmann::ordered_json(nullptr);
        out["assignment"] = a;
    }
    if (!sol.message.empty()) out["message"] = sol.message;
    Outcome result;
    result.summary = out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";  // names not in UTF-8 do not throw
    result.commit = false;
    if (sol.status == placement::Status::infeasible || sol.status == placement::Status::no_solution) {
        result.code = ExitCode::input;
        result.failure = Text{"the problem has no feasible solution (" + std::string(placement::status_key(sol.status)) + ")",
                              "该问题无可行解（" + std::string(placement::status_key(sol.status)) + "）"};
    }
    return result;
}

}  // namespace coverplan::pipeline
