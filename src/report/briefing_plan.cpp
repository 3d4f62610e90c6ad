// The briefing's second half: the plan, the maps, the annex tables (villages, sites), data
// quality, method and parameters.
#include <cmath>

#include "core/text.hpp"
#include "coverplan/version.hpp"
#include "report/briefing_parts.hpp"
#include "report/plan_text.hpp"
#include "report/village_counts.hpp"

namespace coverplan::report {

namespace {
Cell minutes_cell(double s) { return std::isfinite(s) && s < k_unreached ? Cell{s / 60} : Cell{}; }
Cell site_name_cell(const Region& region, const TimeToSite& t) { return t.site ? Cell{region.site(*t.site).name} : Cell{}; }
}  // namespace

Section plan_section(const BriefingInputs& in, const Lang& L) {
    Section s{"plan", L("规划方案", "Plan")};
    if (!in.plan) {
        s.paragraphs.push_back(L("未做规划（需要道路图层）。", "No plan was made (it needs a road layer)."));
        return s;
    }
    const Region& region = *in.region;
    const solve::Plan& plan = *in.plan;
    s.paragraphs.push_back(L("每个镇（街）保留符合规则的社工站和社工点，为缺口新设社工点（村委会驻地或候选场所），"
                             "并把每个村（社区）分配给本镇（街）的一个站点，每个社工点至多服务 ",
                             "Per township, the sites that follow the rules are kept, the required new points are placed (at a "
                             "village centre or a candidate premise) and every village is assigned to one site of its own "
                             "township, at most ") +
                           std::to_string(in.rules->villages_per_point) +
                           L(" 个村（社区），使按服务对象加权的通行时间最短。", " villages per point, with the least beneficiary-weighted travel time."));
    if (in.comparison) {
        const PlanComparison& c = *in.comparison;
        auto served = [](const CoverageResult& r) {
            long long n = 0;
            for (const TimeToSite& t : r.village_assigned) n += t.site.has_value();
            return n;
        };
        auto errors = [](const RuleReport& r) {
            long long n = 0;
            for (const char* rule : {"R1", "R2", "R3", "R4", "R5", "R6"}) n += static_cast<long long>(r.count(rule, Severity::error));
            return n;
        };
        s.figures.push_back({L("已纳入服务的村（社区）：规划前", "Villages assigned to a site: before"), served(c.before)});
        s.figures.push_back({L("已纳入服务的村（社区）：规划后", "Villages assigned to a site: after"), served(c.after)});
        s.figures.push_back({L("规则错误：规划前", "Rule errors: before"), errors(c.before_rules)});
        s.figures.push_back({L("规则错误：规划后", "Rule errors: after"), errors(c.after_rules)});
    }

    const auto people = beneficiaries_by_village(region);
    const auto by_cat = counts_by_village(region);
    Table t{L("规划", "plan"), L("新设与重新分配的站点及其服务村（社区）", "New and reassigned sites and the villages they serve")};
    t.columns = {{L("镇（街）", "township")}, {L("站点", "site")}, {L("类型", "kind")}, {L("来源", "origin")},
                 {L("服务村（社区）数", "villages")}, {L("服务村（社区）", "villages served")}, {L("服务对象数", "beneficiaries")},
                 {L("最长通行时间（分钟）", "longest trip (min)"), 1}, {L("平均通行时间（分钟）", "mean trip (min)"), 1},
                 {L("次优位置", "runner-up")}, {L("次优增加（人·分钟）", "runner-up extra (person-min)"), 1}};
    for (const auto& ps : plan.sites) {
        if (ps.origin == solve::SiteOrigin::kept) continue;
        const PlannedSiteFigures f = planned_site_figures(region, ps, people, by_cat);
        t.rows.push_back({region.township(ps.site.township).name, ps.site.name, kind_text(ps.site.kind, L.zh),
                          origin_text(ps.origin, L.zh), static_cast<long long>(f.codes.size()),
                          join(f.names, L("、", "; ")), people_cell(f.beneficiaries, in.suppress_below), minutes_cell(f.max_s),
                          minutes_cell(f.mean_s), ps.runner_up.empty() ? Cell{} : Cell{ps.runner_up},
                          ps.runner_up.empty() ? Cell{} : Cell{ps.runner_up_delta_min}});
    }
    t.note = L("完整方案（含保留的站点）见 plan.csv 和 plan.geojson。", "The whole plan, kept sites included, is in plan.csv and plan.geojson.");
    t.sheet_only = several_counties(in);
    s.tables.push_back(std::move(t));

    Table tw{L("规划求解", "plan by township"), L("各镇（街）求解情况", "Solution per township")};
    tw.columns = {{L("镇（街）", "township")}, {L("村（社区）数", "villages")}, {L("应建社工点", "points required")}, {L("已建", "built")},
                  {L("新增", "new")}, {L("新设社工站", "new station")}, {L("求解方法", "method")}, {L("状态", "status")}, {L("差距（%）", "gap (%)"), 2}};
    for (const auto& tp : plan.townships) {
        const auto& sol = tp.solution;
        const bool solved = sol.solver != "none" && std::isfinite(sol.objective) &&
                            (sol.status == placement::Status::optimal || sol.status == placement::Status::feasible);
        tw.rows.push_back({region.township(tp.township).name, static_cast<long long>(tp.villages), static_cast<long long>(tp.points_required),
                           static_cast<long long>(tp.points_built), static_cast<long long>(tp.new_points),
                           tp.new_station ? L("是", "yes") : L("否", "no"), solver_text(sol.solver, L.zh), solver_status(sol, L.zh),
                           solved ? Cell{100 * sol.gap()} : Cell{}});
        for (std::size_t k = 0; k < tp.notes.size(); ++k)
            s.bullets.push_back(region.township(tp.township).name + L("：", ": ") + (L.zh ? tp.notes_zh[k] : tp.notes[k]));
    }
    tw.sheet_only = several_counties(in);
    s.tables.push_back(std::move(tw));
    return s;
}

std::vector<Section> township_sections(const BriefingInputs& in, const Lang& L) {
    const Region& region = *in.region;
    std::vector<Section> out;
    // A page per township is a county's briefing; for several counties the townships are rows
    // of the spreadsheet's sheets and their maps stay in maps/.
    if (several_counties(in)) return out;
    const auto people = beneficiaries_by_village(region);
    const auto by_cat = counts_by_village(region);
    const CoverageSummary* after = after_plan_coverage(in);
    for (const ProgressRow& r : in.rules->progress) {
        const Township& tw = region.township(r.township);
        const Image* map = nullptr;
        for (const Image& img : in.maps)
            if (img.path == "maps/township_" + tw.code + ".png") map = &img;
        Section s{"township_" + tw.code, tw.name};
        const int added = plan_added(in, r.township);
        std::string text = L(tw.name + "辖村（社区）" + std::to_string(r.villages) + " 个，应建社工点 " + std::to_string(r.points_required) + " 个、已建 " +
                                 std::to_string(r.points_built) + " 个",
                             tw.name + " has " + std::to_string(r.villages) + " villages; " + std::to_string(r.points_required) +
                                 " points are required and " + std::to_string(r.points_built) + " built");
        if (in.plan) text += L("，本方案新增 " + std::to_string(added) + " 个", "; the plan adds " + std::to_string(added));
        text += L("。", ".");
        const std::size_t i = r.township.value;
        if (in.coverage && i < in.coverage->by_township.size() && !in.coverage->thresholds_min.empty()) {
            const CoverageStats& now = in.coverage->by_township[i];
            const std::string band = band_text(in.coverage->thresholds_min.front(), L);
            text += L(band + "可达站点的村（社区）现状 " + std::to_string(now.villages_within.front()) + " 个",
                      " Villages within " + band + " of a site: " + std::to_string(now.villages_within.front()) + " today");
            if (after && i < after->by_township.size())
                text += L("，规划后 " + std::to_string(after->by_township[i].villages_within.front()) + " 个",
                          ", " + std::to_string(after->by_township[i].villages_within.front()) + " after the plan");
            text += L("。", ".");
        }
        s.paragraphs.push_back(text);
        if (in.plan) {
            Table t{L("规划-" + tw.name, "plan " + tw.name), L("本镇（街）新设与重新分配的站点", "New and reassigned sites of the township")};
            t.columns = {{L("站点", "site")}, {L("来源", "origin")}, {L("服务村（社区）", "villages served")}, {L("服务对象数", "beneficiaries")},
                         {L("最长通行时间（分钟）", "longest trip (min)"), 1}};
            for (const auto& ps : in.plan->sites) {
                if (ps.origin == solve::SiteOrigin::kept || ps.site.township != r.township) continue;
                const PlannedSiteFigures f = planned_site_figures(region, ps, people, by_cat);
                t.rows.push_back({ps.site.name, origin_text(ps.origin, L.zh), join(f.names, L("、", "; ")),
                                  people_cell(f.beneficiaries, in.suppress_below), minutes_cell(f.max_s)});
            }
            if (!t.rows.empty()) s.tables.push_back(std::move(t));
        }
        for (const Violation& v : in.rules->violations)
            if (v.township == r.township && v.severity == Severity::error) s.bullets.push_back(L("错误：", "Error: ") + v.message.in(L.zh));
        std::size_t warnings = 0;
        for (const Violation& v : in.rules->violations) warnings += v.township == r.township && v.severity == Severity::warning;
        if (warnings > 0)
            s.bullets.push_back(L("警告 " + std::to_string(warnings) + " 项，见附录一。", std::to_string(warnings) + " warnings, listed in appendix A."));
        if (map) s.images.push_back(*map);
        out.push_back(std::move(s));
    }
    return out;
}

Section annex_section(const BriefingInputs& in, const Lang& L) {
    const Region& region = *in.region;
    Section s{"annex", L("附录三 村（社区）与站点", "Appendix C: villages and sites")};
    const auto people = beneficiaries_by_village(region);
    const auto by_cat = counts_by_village(region);
    const CoverageResult* cov = in.network ? &in.network->coverage : nullptr;

    Table v{L("村居", "villages"), L("村（社区）", "Villages")};
    v.columns = {{L("代码", "code")}, {L("名称", "name")}, {L("镇（街）", "township")}, {L("所属站点", "assigned site")},
                 {L("到所属站点（分钟）", "to assigned site (min)"), 1}, {L("最近站点", "nearest site")},
                 {L("到最近站点（分钟）", "to nearest site (min)"), 1}, {L("服务对象数", "beneficiaries")}};
    for (Category c : all_categories()) v.columns.push_back({std::string(L.zh ? category_zh(c) : category_en(c))});
    const auto assigned = assigned_sites(region);
    for (std::size_t i = 0; i < region.villages.size(); ++i) {
        const Village& vil = region.villages[i];
        std::vector<Cell> row{vil.code, vil.name, region.township(vil.township).name};
        if (cov) {
            row.push_back(site_name_cell(region, cov->village_assigned[i]));
            row.push_back(minutes_cell(cov->village_assigned[i].time_s));
            row.push_back(site_name_cell(region, cov->village_nearest[i]));
            row.push_back(minutes_cell(cov->village_nearest[i].time_s));
        } else {
            row.push_back(assigned[i] ? Cell{region.site(*assigned[i]).name} : Cell{});
            row.insert(row.end(), 3, Cell{});
        }
        row.push_back(people_cell(people[i], in.suppress_below));
        for (int n : by_cat[i]) row.push_back(people_cell(n, in.suppress_below));
        v.rows.push_back(std::move(row));
    }
    v.sheet_only = several_counties(in);
    s.tables.push_back(std::move(v));

    Table st{L("站点", "sites"), L("现有站点", "Existing sites")};
    st.columns = {{L("编号", "id")}, {L("名称", "name")}, {L("类型", "kind")}, {L("状态", "status")}, {L("镇（街）", "township")},
                  {L("服务村（社区）数", "villages")}, {L("服务村（社区）", "villages served")}, {L("服务对象数", "beneficiaries")},
                  {L("最长通行时间（分钟）", "longest trip (min)"), 1}};
    for (std::size_t i = 0; i < region.sites.size(); ++i) {
        const Site& site = region.sites[i];
        std::vector<std::string> names;
        long long served = 0;
        double worst = k_nan;
        for (std::size_t k = 0; k < site.served_villages.size(); ++k) {
            names.push_back(region.village(site.served_villages[k]).name);
            served += people[site.served_villages[k].value];
            if (cov) worst = std::isnan(worst) ? cov->served_time_s[i][k] : std::max(worst, cov->served_time_s[i][k]);
        }
        st.rows.push_back({site.id, site.name, kind_text(site.kind, L.zh),
                           site.status == SiteStatus::existing ? L("已建", "existing") : L("规划", "planned"), region.township(site.township).name,
                           static_cast<long long>(site.served_villages.size()), join(names, L("、", "; ")), people_cell(served, in.suppress_below),
                           minutes_cell(worst)});
    }
    st.sheet_only = several_counties(in);
    s.tables.push_back(std::move(st));
    return s;
}

Section data_quality_section(const BriefingInputs& in, const Lang& L) {
    const Region& region = *in.region;
    Section s{"data_quality", L("附录四 数据质量", "Appendix D: data quality")};
    Table t{L("读取", "layers"), L("各图层读取与使用的要素数", "Features read and used per layer")};
    t.columns = {{L("图层", "layer")}, {L("读取", "read")}, {L("使用", "used")}, {L("未使用", "not used")}};
    for (const LayerCount& c : region.counts)
        t.rows.push_back({layer_text(c.layer, L.zh), static_cast<long long>(c.read), static_cast<long long>(c.used), static_cast<long long>(c.read - c.used)});
    t.note = L("未使用的要素均在下列说明中给出原因。", "Every feature not used is accounted for in the notes below.");
    s.tables.push_back(std::move(t));
    for (const DataNote& n : region.notes) s.bullets.push_back("[" + severity_text(n.severity, L) + "] " + n.text.in(L.zh));
    if (region.notes.empty()) s.paragraphs.push_back(L("数据检查未发现问题。", "The data checks found nothing to report."));
    return s;
}

Section method_section(const BriefingInputs& in, const Lang& L) {
    const io::ProjectConfig& cfg = *in.project;
    Section s{"method", L("附录五 方法与参数", "Appendix E: method and parameters")};
    std::vector<std::string> th;
    for (double m : cfg.travel.thresholds_min) th.push_back(format_decimal(m, 1));
    s.bullets.push_back(L("工作坐标系：", "Working CRS: ") + crs_text(in.region->working_crs, L.zh));
    s.bullets.push_back(L("每个社工点服务村（社区）数：", "Villages per point: ") + std::to_string(cfg.rules.villages_per_point));
    s.bullets.push_back(L("站点与所服务村的距离容差（R5）：", "Site distance tolerance (R5): ") + format_decimal(cfg.rules.max_site_distance_m, 0) +
                        L(" 米", " m"));
    if (cfg.rules.max_travel_min > 0)
        s.bullets.push_back(L("最长通行时间（R6）：", "Longest trip (R6): ") + format_decimal(cfg.rules.max_travel_min, 1) + L(" 分钟", " min"));
    if (cfg.roads.present) {
        s.bullets.push_back(L("出行方式：", "Travel mode: ") + std::string(L.zh ? mode_zh(cfg.travel.mode) : mode_key(cfg.travel.mode)) + L("；时间阈值：", "; bands: ") + join(th, ", ") + L(" 分钟", " min") +
                            L("；步行接驳 ", "; walking to the road at ") + format_decimal(cfg.travel.access_kmh, 1) + " km/h" +
                            L("，最远 ", ", at most ") + format_decimal(cfg.travel.max_snap_m, 0) + L(" 米", " m"));
        const std::string together = L("覆盖范围与缺口按全部站点合并计算（coverage_areas.geojson、gaps.geojson），栅格 ",
                                       "areas and gaps from all sites together (coverage_areas.geojson, gaps.geojson), on a raster of ") +
                                     format_decimal(cfg.travel.polygon_cell_m, 0) + L(" 米", " m");
        std::string polygons = in.site_isochrones ? L("等时线：每个站点每个时间阈值一套（isochrones.geojson）；",
                                                      "Isochrones: one per site and band (isochrones.geojson); covered ") + together
                                                  : L("", "Covered ") + together;
        if (!in.site_isochrones)
            polygons += several_counties(in) ? L("；本项目跨多个县（区），未逐站点生成等时线（需要时用 --site-isochrones）",
                                                 "; the project covers several counties, so no per-site isochrones were traced (--site-isochrones traces them)")
                                             : L("；未逐站点生成等时线", "; no per-site isochrones were traced");
        s.bullets.push_back(polygons);
        s.bullets.push_back(L("求解方法：", "Solver: ") + solver_text(std::string(placement::solver_key(cfg.plan.solver)), L.zh) + L("；每镇时限 ", "; time limit per township ") +
                            format_decimal(cfg.plan.time_limit_s, 0) + L(" 秒", " s"));
    }
    s.bullets.push_back(L("服务对象按村（社区）和类别汇总；姓名、身份证号、电话和地址在读取时即被丢弃，不进入任何输出。",
                          "Beneficiaries are counted per village and category; names, ID numbers, phones and addresses are "
                          "dropped when read and never reach an output."));
    const std::string credit = data_attribution(cfg, L.zh);
    if (!credit.empty()) s.bullets.push_back(L("数据来源：", "Data: ") + credit);
    s.bullets.push_back(std::string("coverplan ") + k_version + L("；运行记录（输入文件校验值、参数、软件版本、用时）见 run.json。",
                                                                   "; the run record (input checksums, parameters, versions, timings) is run.json."));
    return s;
}

}  // namespace coverplan::report
