// The briefing's first half: key figures, progress, coverage, violations and gaps. The plan,
// the annex tables, data quality and method follow in briefing_plan.cpp.
#include "report/briefing.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/text.hpp"
#include "report/briefing_parts.hpp"
#include "report/check_report.hpp"
#include "report/visits_report.hpp"

namespace coverplan::report {

Cell people_cell(long long n, int suppress_below) {
    if (suppress_below > 0 && n > 0 && n < suppress_below) return "<" + std::to_string(suppress_below);
    return n;
}

std::string data_attribution(const io::ProjectConfig& project, bool zh) {
    std::vector<std::string> parts;
    if (project.roads_from_osm()) parts.emplace_back(zh ? "道路数据 © OpenStreetMap 贡献者（ODbL）" : "Road data © OpenStreetMap contributors (ODbL)");
    if (!project.report.attribution.empty()) parts.push_back(project.report.attribution);
    return join(parts, zh ? "；" : "; ");
}

namespace {

Cell pct_cell(double part, double whole) { return whole > 0 ? Cell{100 * part / whole} : Cell{}; }

std::string minutes_label(double m, const Lang& L) { return format_decimal(m, m == static_cast<int>(m) ? 0 : 1) + L("分钟", " min"); }

Section progress_section(const BriefingInputs& in, const Lang& L) {
    const Region& region = *in.region;
    Section s{"progress", L("建设进度", "Progress")};
    Table t{L("进度", "progress"), L("建设进度一览表（按镇街）", "Progress per township")};
    for (const std::string& h : progress_header(L.zh)) t.columns.push_back({h});
    // With a plan, its new points, the shortfall left after it and the built rate after it: the
    // same figures as the summary (社工点规划 above counts the sites layer's own planned ones).
    if (in.plan) {
        t.columns.push_back({L("本方案新增社工点", "points added by the plan")});
        t.columns.push_back({L("规划后社工点缺口", "points shortfall after the plan")});
    }
    t.columns.push_back({in.plan ? L("规划后社工点建成率%", "points built rate after the plan, %") : L("社工点建成率%", "points built rate, %"), 1, true});
    struct Acc {
        ProgressTotals tot;
        long long added = 0, short_after = 0, have_after = 0;
        void add(const ProgressRow& r, int plan_added) {
            tot.add(r);
            added += plan_added;
            short_after += std::max(0, r.points_required - r.points_built - plan_added);
            have_after += std::min(r.points_required, r.points_built + plan_added);
        }
    };
    auto add_row = [&](Table& table, std::vector<Cell> row, const Acc& a) {
        for (int v : a.tot.values()) row.emplace_back(static_cast<long long>(v));
        if (in.plan) {
            row.emplace_back(a.added);
            row.emplace_back(a.short_after);
        }
        row.push_back(a.tot.pt_req > 0 ? Cell{100.0 * static_cast<double>(a.have_after) / a.tot.pt_req} : Cell{});
        table.rows.push_back(std::move(row));
    };
    std::map<std::string, Acc> by_county;
    Acc all;
    for (const ProgressRow& r : in.rules->progress) {
        const int added = plan_added(in, r.township);
        const Township& tw = region.township(r.township);
        Acc one;
        one.add(r, added);
        add_row(t, {region.county_name(tw.county_code()), tw.name, tw.code}, one);
        by_county[tw.county_code()].add(r, added);
        all.add(r, added);
    }
    if (by_county.size() > 1)
        for (const auto& [code, acc] : by_county) add_row(t, {region.county_name(code), L("小计", "subtotal"), code}, acc);
    add_row(t, {L("合计", "total"), Cell{}, Cell{}}, all);
    t.total_rows = 1 + (by_county.size() > 1 ? by_county.size() : 0);
    // Several counties: one row each in the documents, the townships in the spreadsheet.
    std::optional<Table> counties;
    if (several_counties(in)) {
        t.sheet_only = true;
        counties.emplace(L("区县进度", "county progress"), L("建设进度一览表（按区县）", "Progress per county"));
        counties->columns = t.columns;
        counties->columns.erase(counties->columns.begin() + 1);  // no township column
        counties->columns[1].header = L("区县代码", "county code");
        for (const auto& [code, acc] : by_county) add_row(*counties, {region.county_name(code), code}, acc);
        add_row(*counties, {L("合计", "total"), Cell{}}, all);
        counties->total_rows = 1;
    }
    t.note = L("应建社工点 = ⌈（村数 − 社工站服务村数）÷ 每点服务村数⌉（R7）。已纳入服务：村（社区）已分配给一个站点。"
               "建成率 = 已建社工点（不超过应建数）÷ 应建社工点。",
               "Points required = ⌈(villages − villages served by the station) ÷ villages per point⌉ (R7). Assigned: the "
               "village is assigned to a site. Built rate = points built (at most the number required) ÷ points required.");
    Chart bars;
    bars.title = L("各镇（街）社工点：应建、已建与规划后", "Points per township: required, built and after the plan");
    Chart::Series req{L("应建", "required"), {}}, built{L("已建", "built"), {}}, later{L("规划后", "after the plan"), {}};
    for (const ProgressRow& r : in.rules->progress) {
        bars.categories.push_back(region.township(r.township).name);
        req.values.push_back(r.points_required);
        built.values.push_back(r.points_built);
        later.values.push_back(r.points_built + plan_added(in, r.township));
    }
    bars.series = {std::move(req), std::move(built)};
    if (in.plan) bars.series.push_back(std::move(later));
    if (!bars.categories.empty() && bars.categories.size() <= 40) s.charts.push_back(std::move(bars));
    // The form a bureau files (一览表): one row per township, in the spreadsheet only.
    Table form{L("一览表", "form"), L(region.name + " 社工站点建设进度一览表", region.name + ": progress of the social-work sites")};
    form.form = true;
    form.columns = {{L("序号", "no.")},     {L("区县", "county")},      {L("镇（街）", "township")},   {L("社工点应建", "points required")},
                    {L("社工点已建", "points built")}, {L("本方案规划", "planned")}, {L("规划后缺口", "shortfall after")},
                    {L("建成率", "built rate"), 1, true}, {L("备注", "remarks")}};
    long long no = 0;
    for (const ProgressRow& r : in.rules->progress) {
        const int added = plan_added(in, r.township);
        const Township& tw = region.township(r.township);
        const int after = std::min(r.points_required, r.points_built + added);
        std::string remark;
        if (r.station_shortfall() > 0) remark = L("缺社工站", "no station");
        form.rows.push_back({++no, region.county_name(tw.county_code()), tw.name, static_cast<long long>(r.points_required),
                             static_cast<long long>(r.points_built), static_cast<long long>(added),
                             static_cast<long long>(std::max(0, r.points_required - r.points_built - added)),
                             r.points_required > 0 ? Cell{100.0 * after / r.points_required} : Cell{}, remark});
    }
    form.rows.push_back({Cell{}, L("合计", "total"), Cell{}, static_cast<long long>(all.tot.pt_req), static_cast<long long>(all.tot.pt_built),
                         all.added, all.short_after, all.tot.pt_req > 0 ? Cell{100.0 * static_cast<double>(all.have_after) / all.tot.pt_req} : Cell{},
                         Cell{}});
    form.total_rows = 1;
    form.signoff = {{L("填报单位（盖章）", "Organisation (seal)"), in.project->report.organisation},
                    {L("填报人", "Prepared by"), in.project->report.prepared_by},
                    {L("审核人", "Reviewed by"), in.project->report.reviewed_by},
                    {L("日期", "Date"), in.project->report.signed_date}};
    if (counties) s.tables.push_back(std::move(*counties));
    s.tables.push_back(std::move(t));
    s.tables.push_back(std::move(form));
    return s;
}

Section coverage_section(const BriefingInputs& in, const Lang& L) {
    Section s{"coverage", L("覆盖情况", "Coverage")};
    if (!in.coverage) {
        s.paragraphs.push_back(L("项目没有道路图层，未计算通行时间与覆盖。", "The project has no road layer: travel times and coverage were not computed."));
        return s;
    }
    const CoverageSummary& cs = *in.coverage;
    const auto& th = cs.thresholds_min;
    s.paragraphs.push_back(L("通行时间为沿道路到最近站点（社工站或社工点）的时间；服务对象按权重计。",
                             "Travel time along the roads to the nearest site (station or point); beneficiaries are weighted."));

    Table cat{L("类别覆盖", "categories"), L("各类服务对象的可达情况", "Coverage by beneficiary category")};
    cat.columns = {{L("类别", "category")}, {L("服务对象数", "beneficiaries")}};
    for (double m : th) cat.columns.push_back({minutes_label(m, L) + L("内占比%", " within, %"), 1, true});
    cat.columns.push_back({L("中位分钟", "median min"), 1});
    cat.columns.push_back({L("不可达人数", "unreached"), 0});
    auto cat_row = [&](std::string name, const CoverageStats& st) {
        std::vector<Cell> row{std::move(name), people_cell(static_cast<long long>(st.beneficiaries), in.suppress_below)};
        for (std::size_t k = 0; k < th.size(); ++k) row.push_back(pct_cell(st.weight_within_nearest[k], st.weight));
        row.push_back(std::isfinite(st.median_min) ? Cell{st.median_min} : Cell{});
        row.push_back(people_cell(static_cast<long long>(st.beneficiaries_unreached), in.suppress_below));
        cat.rows.push_back(std::move(row));
    };
    for (std::size_t c = 0; c < all_categories().size(); ++c) {
        const Category k = all_categories()[c];
        if (cs.by_category[c].beneficiaries > 0) cat_row(std::string(L.zh ? category_zh(k) : category_en(k)), cs.by_category[c]);
    }
    cat_row(L("全部服务对象", "all beneficiaries"), cs.total);  // not a total row: a person can be in several categories
    if (!th.empty()) {
        const std::string band = minutes_label(th.front(), L);
        Chart c;
        c.title = L("各类服务对象" + band + "内可达站点的占比：现状与规划后", "Beneficiaries within " + band + " of a site, by category: now and after the plan");
        c.unit = "%";
        c.max = 100;
        Chart::Series now{L("现状", "now"), {}}, later{L("规划后", "after the plan"), {}};
        const CoverageSummary* after = after_plan_coverage(in);
        auto share = [](const CoverageStats& st) { return st.weight > 0 ? 100 * st.weight_within_nearest.front() / st.weight : std::nan(""); };
        for (std::size_t k = 0; k < all_categories().size(); ++k) {
            if (cs.by_category[k].beneficiaries == 0) continue;
            const Category cat_key = all_categories()[k];
            c.categories.emplace_back(L.zh ? category_zh(cat_key) : category_en(cat_key));
            now.values.push_back(share(cs.by_category[k]));
            if (after) later.values.push_back(share(after->by_category[k]));
        }
        c.categories.push_back(L("全部服务对象", "all beneficiaries"));
        now.values.push_back(share(cs.total));
        if (after) later.values.push_back(share(after->total));
        c.series.push_back(std::move(now));
        if (after) c.series.push_back(std::move(later));
        s.charts.push_back(std::move(c));
    }
    cat.note = L("一人可属多个类别。", "A person can belong to several categories.");
    s.tables.push_back(std::move(cat));

    Table tw{L("镇街覆盖", "townships"), L("各镇（街）的可达情况", "Coverage by township")};
    tw.columns = {{L("镇（街）", "township")}, {L("代码", "code")}, {L("村（社区）数", "villages")}};
    for (double m : th) tw.columns.push_back({minutes_label(m, L) + L("内村数", " villages within")});
    tw.columns.push_back({L("服务对象数", "beneficiaries")});
    for (double m : th) tw.columns.push_back({minutes_label(m, L) + L("内服务对象占比%", " beneficiaries within, %"), 1, true});
    tw.columns.push_back({L("中位分钟", "median min"), 1});
    auto tw_row = [&](Table& table, std::vector<Cell> row, const CoverageStats& st) {
        row.emplace_back(static_cast<long long>(st.villages));
        for (std::size_t k = 0; k < th.size(); ++k) row.emplace_back(static_cast<long long>(st.villages_within[k]));
        row.push_back(people_cell(static_cast<long long>(st.beneficiaries), in.suppress_below));
        for (std::size_t k = 0; k < th.size(); ++k) row.push_back(pct_cell(st.weight_within_nearest[k], st.weight));
        row.push_back(std::isfinite(st.median_min) ? Cell{st.median_min} : Cell{});
        table.rows.push_back(std::move(row));
    };
    for (std::size_t i = 0; i < in.region->townships.size(); ++i)
        tw_row(tw, {in.region->townships[i].name, in.region->townships[i].code}, cs.by_township[i]);
    tw_row(tw, {L("合计", "total"), Cell{}}, cs.total);
    tw.total_rows = 1;
    if (several_counties(in)) {
        // One row per county in the documents; the townships in the spreadsheet.
        Table ct{L("区县覆盖", "county coverage"), L("各区县的可达情况", "Coverage by county")};
        ct.columns = tw.columns;
        ct.columns[0].header = L("区县", "county");
        for (const auto& [code, st] : cs.by_county) tw_row(ct, {in.region->county_name(code), code}, st);
        tw_row(ct, {L("合计", "total"), Cell{}}, cs.total);
        ct.total_rows = 1;
        tw.sheet_only = true;
        s.tables.push_back(std::move(ct));
    }
    s.tables.push_back(std::move(tw));
    return s;
}

Section violations_section(const BriefingInputs& in, const Lang& L) {
    const Region& region = *in.region;
    const int k = in.rules->villages_per_point;
    Section s{"violations", L("附录一 规则核查", "Appendix A: rule check")};
    std::map<std::string, std::array<long long, 3>> per_rule;
    for (const Violation& v : in.rules->violations) ++per_rule[v.rule][static_cast<std::size_t>(v.severity)];
    for (const auto& [rule, n] : per_rule)
        s.bullets.push_back(rule_text(rule, k, L.zh) + L("：错误 ", ": errors ") + std::to_string(n[0]) + L("，警告 ", ", warnings ") +
                            std::to_string(n[1]) + L("，提示 ", ", notes ") + std::to_string(n[2]));
    if (per_rule.empty()) s.paragraphs.push_back(L("未发现违反规则 R1–R6 的情况。", "No finding for rules R1–R6."));
    for (const SkippedRule& sk : in.rules->skipped)
        s.bullets.push_back(rule_text(sk.rule, k, L.zh) + L("（未检查）：", " (not checked): ") + sk.reason.in(L.zh));
    // Errors first, then warnings and notes; within each, by township and rule.
    std::vector<const Violation*> order;
    for (const Violation& v : in.rules->violations) order.push_back(&v);
    std::stable_sort(order.begin(), order.end(), [](const Violation* a, const Violation* b) {
        if (a->severity != b->severity) return a->severity < b->severity;
        const auto ta = a->township ? a->township->value : ~0u, tb = b->township ? b->township->value : ~0u;
        if (ta != tb) return ta < tb;
        return a->rule < b->rule;
    });
    Table t{L("违规", "violations"), L("违规与提示清单（错误在前）", "Findings (errors first)")};
    t.columns = {{L("级别", "severity")}, {L("镇（街）", "township")}, {L("规则", "rule")}, {L("站点", "site")}, {L("村（社区）", "villages")},
                 {L("说明", "message")}, {L("整改建议", "what to do")}};
    for (const Violation* v : order) {
        std::vector<std::string> names;
        for (VillageId id : v->villages) names.push_back(region.village(id).name);
        t.rows.push_back({severity_text(v->severity, L), v->township ? Cell{region.township(*v->township).name} : Cell{},
                          rule_text(v->rule, k, L.zh), v->site ? Cell{region.site(*v->site).name} : Cell{}, join(names, L("、", "; ")),
                          v->message.in(L.zh), remedy_text(v->kind, L.zh)});
    }
    t.sheet_only = several_counties(in);
    s.tables.push_back(std::move(t));
    return s;
}

Section gaps_section(const BriefingInputs& in, const Lang& L) {
    Section s{"gaps", L("附录二 覆盖缺口", "Appendix B: gaps")};
    if (!in.gaps) {
        s.paragraphs.push_back(L("未计算覆盖缺口（需要道路图层）。", "Gap areas were not computed (they need a road layer)."));
        return s;
    }
    s.paragraphs.push_back(L("缺口是镇（街）内到最近站点超过时间阈值的范围，按其中未覆盖的服务对象（加权）排序。",
                             "A gap is the part of a township farther than the band from every site, ranked by the (weighted) "
                             "beneficiaries inside it."));
    Table t{L("缺口", "gaps"), L("覆盖缺口（按未覆盖服务对象排序）", "Gaps, ranked by uncovered beneficiaries")};
    t.columns = {{L("阈值（分钟）", "band (min)"), 0}, {L("排名", "rank")}, {L("镇（街）", "township")}, {L("代码", "code")},
                 {L("面积（平方千米）", "area (km²)"), 2}, {L("未覆盖服务对象", "uncovered beneficiaries")}};
    for (Category c : all_categories()) t.columns.push_back({std::string(L.zh ? category_zh(c) : category_en(c))});
    std::vector<const geo::Gap*> gaps;
    for (const auto& g : *in.gaps) gaps.push_back(&g);
    std::stable_sort(gaps.begin(), gaps.end(), [](const geo::Gap* a, const geo::Gap* b) {
        return a->band_min != b->band_min ? a->band_min < b->band_min : a->rank < b->rank;
    });
    std::size_t empty = 0;
    for (const geo::Gap* g : gaps) {
        if (g->uncovered == 0) {  // no beneficiary inside: a place, not a gap in the service (still in gaps.geojson)
            ++empty;
            continue;
        }
        const Township& tw = in.region->township(g->township);
        std::vector<Cell> row{g->band_min, static_cast<long long>(g->rank), tw.name, tw.code, g->area_m2 / 1e6,
                              people_cell(static_cast<long long>(g->uncovered), in.suppress_below)};
        for (int n : g->by_category) row.push_back(people_cell(n, in.suppress_below));
        t.rows.push_back(std::move(row));
    }
    if (empty > 0)
        t.note = L("另有 " + std::to_string(empty) + " 处缺口范围内没有服务对象，未列出（见 gaps.geojson）。",
                   std::to_string(empty) + " more gap areas hold no beneficiary and are not listed (they are in gaps.geojson).");
    t.sheet_only = several_counties(in);
    s.tables.push_back(std::move(t));
    return s;
}

}  // namespace

const CoverageSummary* after_plan_coverage(const BriefingInputs& in) {
    return in.comparison && !in.comparison->after_summary.thresholds_min.empty() ? &in.comparison->after_summary : nullptr;
}

std::string band_text(double minutes, const Lang& L) {
    return format_decimal(minutes, minutes == std::floor(minutes) ? 0 : 1) + L(" 分钟", " minutes");
}

bool several_counties(const BriefingInputs& in) { return in.region->county_count() > 1; }

int plan_added(const BriefingInputs& in, TownshipId township) {
    if (in.plan)
        for (const auto& tp : in.plan->townships)
            if (tp.township == township) return tp.new_points;
    return 0;
}

std::string severity_text(Severity sev, const Lang& L) {
    switch (sev) {
        case Severity::error: return L("错误", "error");
        case Severity::warning: return L("警告", "warning");
        case Severity::info: return L("提示", "note");
    }
    return "";
}

Document build_briefing(const BriefingInputs& in) {
    const Lang L{in.chinese};
    Document doc;
    doc.chinese = in.chinese;
    doc.title = in.region->name.empty() ? L("社工站点规划与核查报告", "Social-work sites: plan and audit") : in.region->name;
    doc.date = in.date;
    doc.subtitle = L("社工站点规划与核查报告 · ", "Social-work stations and points: plan and audit · ") + in.date;
    const std::string credit = data_attribution(*in.project, in.chinese);
    if (!credit.empty()) doc.subtitle += " · " + credit;
    for (Section& s : summary_sections(in, L)) doc.sections.push_back(std::move(s));
    doc.sections.push_back(progress_section(in, L));
    doc.sections.push_back(coverage_section(in, L));
    doc.sections.push_back(plan_section(in, L));
    if (in.access) doc.sections.push_back(access_section(*in.region, *in.access, in.chinese));
    if (in.visits) doc.sections.push_back(staffing_section(*in.region, *in.visits, in.project->staffing, in.visits_month, in.chinese));
    if (in.flood && in.network) {
        Section flood = flood_section(*in.region, in.network->graph, *in.flood, in.project->flood, in.suppress_below, in.chinese);
        for (const Image& img : in.maps)
            if (img.path == "maps/flood.png") flood.images.push_back(img);
        doc.sections.push_back(std::move(flood));
    }
    for (Section& s : township_sections(in, L)) doc.sections.push_back(std::move(s));
    // The full lists, as appendices.
    doc.sections.push_back(violations_section(in, L));
    doc.sections.push_back(gaps_section(in, L));
    doc.sections.push_back(annex_section(in, L));
    doc.sections.push_back(data_quality_section(in, L));
    doc.sections.push_back(method_section(in, L));
    std::erase_if(doc.sections, [](const Section& s) { return s.title.empty(); });
    return doc;
}

}  // namespace coverplan::report
