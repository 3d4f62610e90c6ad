#include "report/plan_report.hpp"

#include <cmath>

#include "core/text.hpp"
#include "geo/proj_transform.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"
#include "report/plan_text.hpp"
#include "report/text_table.hpp"
#include "report/village_counts.hpp"

namespace coverplan::report {

namespace {

std::size_t villages_within(const CoverageResult& r, double limit_s) {
    std::size_t n = 0;
    for (const TimeToSite& t : r.village_assigned) n += t.site && t.time_s <= limit_s;
    return n;
}


std::size_t rule_errors(const RuleReport& r) {
    std::size_t n = 0;
    for (const char* rule : {"R2", "R3", "R4", "R5"}) n += r.count(rule, Severity::error);
    return n;
}

double mean_weighted_min(const solve::Plan& plan, bool after) {
    double w = 0;
    for (const auto& ps : plan.sites)
        for (VillageId v : ps.site.served_villages) w += plan.village_weight[v.value];
    const double obj = after ? plan.objective_after_s : plan.objective_before_s;
    return w > 0 ? obj / w / 60 : k_nan;
}

}  // namespace

std::size_t villages_served(const CoverageResult& r) {
    std::size_t n = 0;
    for (const TimeToSite& t : r.village_assigned) n += t.site.has_value();
    return n;
}

PlannedSiteFigures planned_site_figures(const Region& region, const solve::PlannedSite& ps, const std::vector<int>& people,
                                        const std::vector<std::array<int, k_category_count>>& by_category) {
    PlannedSiteFigures f;
    double sum = 0;
    for (std::size_t k = 0; k < ps.site.served_villages.size(); ++k) {
        const VillageId v = ps.site.served_villages[k];
        f.codes.push_back(region.village(v).code);
        f.names.push_back(region.village(v).name);
        f.beneficiaries += people[v.value];
        for (std::size_t c = 0; c < f.cats.size(); ++c) f.cats[c] += by_category[v.value][c];
        f.max_s = std::max(f.max_s, ps.time_s[k]);
        sum += ps.time_s[k];
    }
    f.mean_s = ps.time_s.empty() ? k_nan : sum / static_cast<double>(ps.time_s.size());
    if (ps.time_s.empty()) f.max_s = k_nan;
    return f;
}

namespace {
// The social workers the planned network needs: new points' in total, and the sites whose staff
// (given, or the [staffing] default) falls short of their villages' workload after the plan.
std::string staffing_lines(const solve::Plan& plan, bool zh) {
    const solve::PlanWorkload& w = *plan.workload;
    int new_needed = 0, new_points = 0;
    std::vector<std::string> short_sites;
    for (const auto& ps : plan.sites) {
        if (ps.site.status == SiteStatus::planned) {
            new_needed += ps.staff_needed;
            ++new_points;
        }
        const int staff = w.staffing.staff_of(ps.site);
        if (ps.staff_needed > staff)
            short_sites.push_back(ps.site.name + (zh ? "（需 " + std::to_string(ps.staff_needed) + " 人，现 " + std::to_string(staff) + " 人）"
                                                     : " (needs " + std::to_string(ps.staff_needed) + ", has " + std::to_string(staff) + ")"));
    }
    std::string out;
    const std::string rate = w.travel_per_visit_h ? format_decimal(*w.travel_per_visit_h * 60, 1) : "0";
    out += zh ? "\n走访工作量（每次走访 " + rate + " 分钟路程，取典型月份走访路线的全县平均）：新社工点 " + std::to_string(new_points) +
                    " 个共需社工 " + std::to_string(new_needed) + " 人；规划后社工不足的站点 " + std::to_string(short_sites.size()) + " 个\n"
              : "\nVisiting workload (" + rate + " min of travel per visit, the county mean of a typical month's tours): the " +
                    std::to_string(new_points) + " new points need " + std::to_string(new_needed) + " social workers; sites short of staff after the plan: " +
                    std::to_string(short_sites.size()) + "\n";
    if (!w.travel_per_visit_h)
        out += zh ? "  （没有可排的走访路线，路程按 0 计）\n" : "  (no tour could be planned: travel counted as 0)\n";
    if (!short_sites.empty()) out += "  " + list_some(short_sites, 8) + "\n";
    return out;
}
}  // namespace

std::string plan_summary(const Region& region, const solve::Plan& plan, const PlanComparison& cmp, bool zh) {
    std::string out;
    const std::string vpp = std::to_string(cmp.after_rules.villages_per_point);
    const bool workload_capacity = plan.workload && plan.capacity != placement::PlanCapacity::villages;
    const std::string point_hours =
        plan.workload ? format_decimal(plan.workload->staffing.point * plan.workload->staffing.visiting_hours_per_worker(), 0) : "";
    if (!workload_capacity) {
        out = zh ? "\n规划（每个社工点服务本镇（街）至多 " + vpp + " 个村（社区），按服务对象加权通行时间最短）：\n"
                 : "\nPlan (each point serves at most " + vpp + " villages of its own township; least beneficiary-weighted travel time):\n";
    } else if (plan.capacity == placement::PlanCapacity::workload) {
        out = zh ? "\n规划（按走访工作量：每个社工点每月走访工时不超过其社工的走访工时，新社工点 " + point_hours +
                       " 小时；按服务对象加权通行时间最短）：\n"
                 : "\nPlan (by workload: each point's monthly visiting hours within its social workers' visiting hours, " + point_hours +
                       " h for a new point; least beneficiary-weighted travel time):\n";
    } else {
        out = zh ? "\n规划（每个社工点至多 " + vpp + " 个村（社区），且每月走访工时不超过其社工的走访工时，新社工点 " + point_hours +
                       " 小时；按服务对象加权通行时间最短）：\n"
                 : "\nPlan (each point at most " + vpp + " villages and its monthly visiting hours within its social workers' hours, " +
                       point_hours + " h for a new point; least beneficiary-weighted travel time):\n";
    }
    TextTable t(zh ? std::vector<std::string>{"镇（街）", "村（社区）", "应建社工点", "已建", "新增", "新设社工站", "求解", "状态", "差距", "用时(秒)"}
                   : std::vector<std::string>{"township", "villages", "points required", "built", "new", "new station", "solver", "status", "gap", "time (s)"});
    int total_new = 0, stations_new = 0;
    for (const auto& tp : plan.townships) {
        const auto& s = tp.solution;
        total_new += tp.new_points;
        stations_new += tp.new_station;
        t.row({region.township(tp.township).name, std::to_string(tp.villages), std::to_string(tp.points_required),
               std::to_string(tp.points_built), std::to_string(tp.new_points), tp.new_station ? (zh ? "是" : "yes") : "",
               s.solver, solver_status(s, zh), s.solver == "none" ? "" : format_decimal(100 * s.gap(), 2) + "%", format_decimal(s.time_s, 2)});
    }
    out += t.render(1);
    for (const auto& tp : plan.townships)
        for (std::size_t k = 0; k < tp.notes.size(); ++k)
            out += "  " + region.township(tp.township).name + (zh ? "：" + tp.notes_zh[k] : ": " + tp.notes[k]) + "\n";

    const auto by_cat = counts_by_village(region);
    const auto by_village = beneficiaries_by_village(region);
    out += zh ? "\n新设站点（" + std::to_string(total_new) + " 个社工点，" + std::to_string(stations_new) + " 个社工站）：\n"
              : "\nNew sites (" + std::to_string(total_new) + " points, " + std::to_string(stations_new) + " stations):\n";
    for (const auto& ps : plan.sites) {
        if (ps.site.status != SiteStatus::planned) continue;
        std::vector<std::string> vs;
        std::array<int, k_category_count> cats{};
        int people = 0;
        for (std::size_t k = 0; k < ps.site.served_villages.size(); ++k) {
            const VillageId v = ps.site.served_villages[k];
            vs.push_back(region.village(v).name + " " + minutes(ps.time_s[k]) + (zh ? "分" : " min"));
            for (int c = 0; c < k_category_count; ++c) cats[static_cast<std::size_t>(c)] += by_cat[v.value][static_cast<std::size_t>(c)];
            people += by_village[v.value];
        }
        out += "  " + ps.site.id + "  " + ps.site.name + "\n    " + (zh ? "服务：" : "serves: ") + join(vs, zh ? "、" : ", ") + "\n";
        std::vector<std::string> cs;
        for (int c = 0; c < k_category_count; ++c)
            if (cats[static_cast<std::size_t>(c)] > 0)
                cs.push_back(std::string(zh ? category_zh(static_cast<Category>(c)) : category_key(static_cast<Category>(c))) + " " +
                             std::to_string(cats[static_cast<std::size_t>(c)]));
        out += std::string("    ") + (zh ? "服务对象 " : "beneficiaries ") + std::to_string(people) + (cs.empty() ? "" : "（" + join(cs, zh ? "，" : ", ") + "）") + "\n";
        if (plan.workload)
            out += std::string("    ") + (zh ? "走访工作量 " : "visiting workload ") + format_decimal(ps.workload_h, 1) +
                   (zh ? " 小时/月，需社工 " + std::to_string(ps.staff_needed) + " 人"
                       : " h a month, social workers needed " + std::to_string(ps.staff_needed)) +
                   "\n";
        if (!ps.runner_up.empty())
            out += std::string("    ") + (zh ? "次优位置：" : "runner-up: ") + ps.runner_up + (zh ? "（加权通行时间多 " : " (+") +
                   format_decimal(ps.runner_up_delta_min, 1) + (zh ? " 人·分钟）" : " weighted person-minutes)") + "\n";
    }
    if (plan.workload) out += staffing_lines(plan, zh);

    const auto& th = cmp.after_summary.thresholds_min;
    out += zh ? "\n规划前后：\n" : "\nBefore and after:\n";
    TextTable c(zh ? std::vector<std::string>{"指标", "规划前", "规划后"} : std::vector<std::string>{"figure", "before", "after"});
    const std::size_t nv = region.villages.size();
    c.row({zh ? "已纳入服务的村（社区）" : "villages assigned to a site", std::to_string(villages_served(cmp.before)) + "/" + std::to_string(nv),
           std::to_string(villages_served(cmp.after)) + "/" + std::to_string(nv)});
    for (double m : th)
        c.row({(zh ? "所属站点 " : "assigned site within ") + format_decimal(m, 0) + (zh ? " 分钟内可达的村" : " min (villages)"),
               std::to_string(villages_within(cmp.before, m * 60)), std::to_string(villages_within(cmp.after, m * 60))});
    for (std::size_t k = 0; k < th.size(); ++k)
        c.row({(zh ? "所属站点 " : "beneficiaries within ") + format_decimal(th[k], 0) + (zh ? " 分钟内的服务对象（加权）" : " min of their site (weighted)"),
               format_decimal(cmp.before_summary.total.weight_within_assigned[k], 0), format_decimal(cmp.after_summary.total.weight_within_assigned[k], 0)});
    c.row({zh ? "平均通行时间（按服务对象加权，分钟）" : "mean travel time, weighted (min)", format_decimal(mean_weighted_min(plan, false), 1),
           format_decimal(mean_weighted_min(plan, true), 1)});
    c.row({zh ? "R2–R5 规则错误" : "R2–R5 rule errors", std::to_string(rule_errors(cmp.before_rules)), std::to_string(rule_errors(cmp.after_rules))});
    out += c.render(1);
    return out;
}

void write_plan_outputs(io::StagedOutput& out, const Region& region, const solve::Plan& plan, bool zh) {
    const geo::Transformer to_ll(region.working_crs, "EPSG:4326");
    const auto by_cat = counts_by_village(region);
    const auto people = beneficiaries_by_village(region);
    auto figures = [&](const solve::PlannedSite& ps) { return planned_site_figures(region, ps, people, by_cat); };

    out.write("plan.geojson", [&](std::ostream& o) {
        io::GeoJsonWriter gj(o, 7, out.mirror("plan.geojson"));
        for (const auto& ps : plan.sites) {
            const PlannedSiteFigures f = figures(ps);
            const Township& t = region.township(ps.site.township);
            io::JsonProps p;
            p.add("id", ps.site.id).add("name", ps.site.name).add("kind", ps.site.kind == SiteKind::station ? "station" : "point");
            p.add("status", ps.site.status == SiteStatus::existing ? "existing" : "planned").add("origin", origin_key(ps.origin));
            p.add("township_code", t.code).add("township", t.name);
            p.add("served_villages", f.codes).add("served_names", f.names).add("villages", f.codes.size());
            p.add("beneficiaries", f.beneficiaries);
            for (int c = 0; c < k_category_count; ++c) p.add(category_key(static_cast<Category>(c)), f.cats[static_cast<std::size_t>(c)]);
            add_time(p, "max_min", std::isnan(f.max_s) ? k_unreached : f.max_s);
            p.add("runner_up", ps.runner_up);
            if (ps.runner_up.empty()) p.add_null("runner_up_delta_min", io::PropValue::Kind::real);
            else p.add("runner_up_delta_min", ps.runner_up_delta_min, 1);
            p.add("reassigned_for", ps.reason);
            gj.point(p, to_ll.forward(ps.site.location));
        }
    });

    out.write("assignments.geojson", [&](std::ostream& o) {
        io::GeoJsonWriter gj(o, 7, out.mirror("assignments.geojson"));
        for (const auto& ps : plan.sites)
            for (std::size_t k = 0; k < ps.site.served_villages.size(); ++k) {
                const Village& v = region.village(ps.site.served_villages[k]);
                io::JsonProps p;
                p.add("site_id", ps.site.id).add("site_status", ps.site.status == SiteStatus::existing ? "existing" : "planned");
                p.add("village_code", v.code).add("village", v.name);
                add_time(p, "time_min", ps.time_s[k]);
                p.add("weight", plan.village_weight[ps.site.served_villages[k].value], 2);
                gj.line(p, LineString{to_ll.forward(ps.site.location), to_ll.forward(v.anchor)});
            }
    });

    out.write("plan.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        std::vector<std::string> header = zh ? std::vector<std::string>{"镇（街）代码", "镇（街）", "站点编号", "站点名称", "类型", "状态", "来源",
                                                                       "服务村（社区）数", "服务村（社区）代码", "服务村（社区）", "服务对象数"}
                                             : std::vector<std::string>{"township_code", "township", "site_id", "site_name", "kind", "status", "origin",
                                                                       "villages", "village_codes", "villages_served", "beneficiaries"};
        for (Category c : all_categories()) header.emplace_back(zh ? category_zh(c) : category_key(c));
        for (const char* h : zh ? std::vector<const char*>{"最长通行时间（分钟）", "平均通行时间（分钟）", "次优位置", "次优增加（人·分钟）", "重新分配原因"}
                                : std::vector<const char*>{"max_min", "mean_min", "runner_up", "runner_up_delta_min", "reassigned_for"})
            header.emplace_back(h);
        if (plan.workload)
            for (const char* h : zh ? std::vector<const char*>{"走访工时（小时/月）", "社工（人）", "所需社工（人）"}
                                    : std::vector<const char*>{"visiting_hours_month", "staff", "staff_needed"})
                header.emplace_back(h);
        csv.row(header);
        for (const auto& ps : plan.sites) {
            const PlannedSiteFigures f = figures(ps);
            const Township& t = region.township(ps.site.township);
            std::vector<std::string> row{t.code, t.name, ps.site.id, ps.site.name, kind_text(ps.site.kind, zh),
                                         ps.site.status == SiteStatus::existing ? (zh ? "已建" : "existing") : (zh ? "规划" : "planned"),
                                         zh ? origin_zh(ps.origin) : origin_key(ps.origin), std::to_string(f.codes.size()), join(f.codes, ";"),
                                         join(f.names, zh ? "、" : ";"), std::to_string(f.beneficiaries)};
            for (int c : f.cats) row.push_back(std::to_string(c));
            row.push_back(std::isnan(f.max_s) ? "" : minutes(f.max_s));
            row.push_back(std::isnan(f.mean_s) ? "" : minutes(f.mean_s));
            row.push_back(ps.runner_up);
            row.push_back(ps.runner_up.empty() ? "" : format_decimal(ps.runner_up_delta_min, 1));
            row.push_back(ps.reason);
            if (plan.workload) {
                row.push_back(format_decimal(ps.workload_h, 1));
                // Planned sites carry no staff yet: the [staffing] default is what the plan assumes.
                row.push_back(std::to_string(plan.workload->staffing.staff_of(ps.site)));
                row.push_back(std::to_string(ps.staff_needed));
            }
            csv.row(row);
        }
    });

    // One row per township: the model's size and how well it was solved (no wall-clock time, so
    // that the file is identical across runs and thread counts).
    out.write("plan_townships.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"镇（街）代码", "镇（街）", "村（社区）数", "应建社工点", "已建", "新增", "新设社工站", "求解器",
                                              "状态", "目标值（人·分钟）", "下界（人·分钟）", "差距（%）", "分支节点"}
                   : std::vector<std::string>{"township_code", "township", "villages", "points_required", "built", "new", "new_station",
                                              "solver", "status", "objective_person_min", "bound_person_min", "gap_pct", "nodes"});
        for (const auto& tp : plan.townships) {
            const auto& s = tp.solution;
            const Township& t = region.township(tp.township);
            const bool solved = s.solver != "none" && std::isfinite(s.objective) &&
                                (s.status == placement::Status::optimal || s.status == placement::Status::feasible);
            csv.row({t.code, t.name, std::to_string(tp.villages), std::to_string(tp.points_required), std::to_string(tp.points_built),
                     std::to_string(tp.new_points), tp.new_station ? "1" : "0", s.solver, solver_status(s, zh),
                     solved ? format_decimal(s.objective / 60, 1) : "", solved ? format_decimal(s.bound / 60, 1) : "",
                     solved ? format_decimal(100 * s.gap(), 2) : "", std::to_string(s.nodes)});
        }
    });
}

}  // namespace coverplan::report
