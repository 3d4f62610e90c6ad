// The briefing's first half: key figures, progress, coverage, violations and gaps. The plan,
// the annex tables, data quality and method follow in briefing_plan.cpp.
#include "report/briefing.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "report/briefing_parts.hpp"
#include "report/check_report.hpp"

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
    auto add = [&](std::vector<Cell> row, const ProgressTotals& tot) {
        for (int v : tot.values()) row.emplace_back(static_cast<long long>(v));
        t.rows.push_back(std::move(row));
    };
    std::map<std::string, ProgressTotals> by_county;
    ProgressTotals all;
    for (const ProgressRow& r : in.rules->progress) {
        const Township& tw = region.township(r.township);
        ProgressTotals one;
        one.add(r);
        add({region.county_name(tw.county_code()), tw.name, tw.code}, one);
        by_county[tw.county_code()].add(r);
        all.add(r);
    }
    if (by_county.size() > 1)
        for (const auto& [code, tot] : by_county) add({region.county_name(code), L("小计", "subtotal"), code}, tot);
    add({L("合计", "total"), Cell{}, Cell{}}, all);
    t.note = L("应建社工点 = ⌈（村数 − 社工站服务村数）÷ 每点服务村数⌉（R7）。", "Points required = ⌈(villages − villages served by the station) ÷ villages per point⌉ (R7).");
    s.tables.push_back(std::move(t));
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
    for (double m : th) cat.columns.push_back({minutes_label(m, L) + L("内占比%", " within, %"), 1});
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
    cat_row(L("全部服务对象", "all beneficiaries"), cs.total);
    cat.note = L("一人可属多个类别。", "A person can belong to several categories.");
    s.tables.push_back(std::move(cat));

    Table tw{L("镇街覆盖", "townships"), L("各镇（街）的可达情况", "Coverage by township")};
    tw.columns = {{L("镇（街）", "township")}, {L("代码", "code")}, {L("村（社区）数", "villages")}};
    for (double m : th) tw.columns.push_back({minutes_label(m, L) + L("内村数", " villages within")});
    tw.columns.push_back({L("服务对象数", "beneficiaries")});
    for (double m : th) tw.columns.push_back({minutes_label(m, L) + L("内服务对象占比%", " beneficiaries within, %"), 1});
    tw.columns.push_back({L("中位分钟", "median min"), 1});
    auto tw_row = [&](std::vector<Cell> row, const CoverageStats& st) {
        row.emplace_back(static_cast<long long>(st.villages));
        for (std::size_t k = 0; k < th.size(); ++k) row.emplace_back(static_cast<long long>(st.villages_within[k]));
        row.push_back(people_cell(static_cast<long long>(st.beneficiaries), in.suppress_below));
        for (std::size_t k = 0; k < th.size(); ++k) row.push_back(pct_cell(st.weight_within_nearest[k], st.weight));
        row.push_back(std::isfinite(st.median_min) ? Cell{st.median_min} : Cell{});
        tw.rows.push_back(std::move(row));
    };
    for (std::size_t i = 0; i < in.region->townships.size(); ++i)
        tw_row({in.region->townships[i].name, in.region->townships[i].code}, cs.by_township[i]);
    tw_row({L("合计", "total"), Cell{}}, cs.total);
    s.tables.push_back(std::move(tw));
    return s;
}

Section violations_section(const BriefingInputs& in, const Lang& L) {
    const Region& region = *in.region;
    Section s{"violations", L("规则核查", "Rule check")};
    std::map<std::string, std::array<long long, 3>> per_rule;
    for (const Violation& v : in.rules->violations) ++per_rule[v.rule][static_cast<std::size_t>(v.severity)];
    for (const auto& [rule, n] : per_rule)
        s.bullets.push_back(rule + L("：错误 ", ": errors ") + std::to_string(n[0]) + L("，警告 ", ", warnings ") + std::to_string(n[1]) +
                            L("，提示 ", ", notes ") + std::to_string(n[2]));
    if (per_rule.empty()) s.paragraphs.push_back(L("未发现违反规则 R1–R6 的情况。", "No finding for rules R1–R6."));
    for (const SkippedRule& sk : in.rules->skipped) s.bullets.push_back(sk.rule + L("（未检查）：", " (not checked): ") + sk.reason.in(L.zh));
    Table t{L("违规", "violations"), L("违规与提示清单", "Findings")};
    t.columns = {{L("规则", "rule")}, {L("级别", "severity")}, {L("镇（街）", "township")}, {L("站点", "site")}, {L("村（社区）", "villages")},
                 {L("说明", "message")}};
    for (const Violation& v : in.rules->violations) {
        std::vector<std::string> names;
        for (VillageId id : v.villages) names.push_back(region.village(id).name);
        t.rows.push_back({v.rule, severity_text(v.severity, L), v.township ? Cell{region.township(*v.township).name} : Cell{},
                          v.site ? Cell{region.site(*v.site).name} : Cell{}, join(names, L("、", "; ")), v.message.in(L.zh)});
    }
    s.tables.push_back(std::move(t));
    return s;
}

Section gaps_section(const BriefingInputs& in, const Lang& L) {
    Section s{"gaps", L("覆盖缺口", "Gaps")};
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
    for (const geo::Gap* g : gaps) {
        const Township& tw = in.region->township(g->township);
        std::vector<Cell> row{g->band_min, static_cast<long long>(g->rank), tw.name, tw.code, g->area_m2 / 1e6,
                              people_cell(static_cast<long long>(g->uncovered), in.suppress_below)};
        for (int n : g->by_category) row.push_back(people_cell(n, in.suppress_below));
        t.rows.push_back(std::move(row));
    }
    s.tables.push_back(std::move(t));
    return s;
}

}  // namespace

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
    doc.sections.push_back(violations_section(in, L));
    doc.sections.push_back(gaps_section(in, L));
    doc.sections.push_back(plan_section(in, L));
    doc.sections.push_back(maps_section(in, L));
    doc.sections.push_back(annex_section(in, L));
    doc.sections.push_back(data_quality_section(in, L));
    doc.sections.push_back(method_section(in, L));
    std::erase_if(doc.sections, [](const Section& s) { return s.title.empty(); });
    return doc;
}

}  // namespace coverplan::report
