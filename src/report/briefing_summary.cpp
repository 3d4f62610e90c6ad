// The briefing's first pages (issue 14 §1): what a leader reads in two minutes. Three to five
// sentences that state the situation and the conclusion, the key figures now and after the
// plan, the next steps drawn from the findings, and the sign-off block.
#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "report/briefing_parts.hpp"
#include "report/check_report.hpp"
#include "report/plan_report.hpp"

namespace coverplan::report {

namespace {

// One number format for shares throughout the pack: one decimal, no space ("50.9%").
std::string share_text(double part, double whole) { return whole > 0 ? format_percent(part / whole) : "—"; }

std::string count_text(long long n) { return std::to_string(n); }

std::string people_text(long long n, int suppress_below) { return cell_text(people_cell(n, suppress_below), 0); }

// "甲镇、乙镇和丙镇" / "A, B and C".
std::string list_text(const std::vector<std::string>& items, const Lang& L) {
    if (items.empty()) return "";
    if (items.size() == 1) return items.front();
    std::string out;
    for (std::size_t k = 0; k + 1 < items.size(); ++k) out += (k ? L("、", ", ") : "") + items[k];
    return out + L("和", " and ") + items.back();
}

struct Totals {
    ProgressTotals now;
    long long new_points = 0, new_stations = 0, short_after = 0;
    long long errors_now = 0, warnings_now = 0, errors_after = 0;
};

long long count_severity(const RuleReport& r, Severity sev) {
    return std::count_if(r.violations.begin(), r.violations.end(), [&](const Violation& v) { return v.severity == sev; });
}

Totals totals(const BriefingInputs& in) {
    Totals t;
    for (const ProgressRow& r : in.rules->progress) t.now.add(r);
    t.errors_now = count_severity(*in.rules, Severity::error);
    t.warnings_now = count_severity(*in.rules, Severity::warning);
    // The shortfall after the plan from the rule check's counts, as the progress table has it.
    for (const ProgressRow& r : in.rules->progress)
        t.short_after += std::max(0, r.points_required - r.points_built - plan_added(in, r.township));
    if (in.plan)
        for (const auto& tp : in.plan->townships) {
            t.new_points += tp.new_points;
            t.new_stations += tp.new_station;
        }
    if (in.comparison) t.errors_after = count_severity(in.comparison->after_rules, Severity::error);
    return t;
}

// Points built as a share of points required, capped at 100% (a township with more points than
// it needs does not make up for another's shortfall).
double build_rate(const BriefingInputs& in, bool after) {
    long long req = 0, have = 0;
    for (const ProgressRow& r : in.rules->progress) {
        const long long built = r.points_built + (after ? plan_added(in, r.township) : 0);
        req += r.points_required;
        have += std::min<long long>(built, r.points_required);
    }
    return req > 0 ? static_cast<double>(have) / static_cast<double>(req) : 1.0;
}

std::vector<std::string> situation(const BriefingInputs& in, const Totals& t, const Lang& L) {
    const Region& region = *in.region;
    const std::string name = region.name.empty() ? L("本地区", "The area") : region.name;
    std::vector<std::string> out;
    out.push_back(L(name + "辖镇（街）" + count_text(static_cast<long long>(region.townships.size())) + " 个、村（社区）" +
                        count_text(static_cast<long long>(region.villages.size())) + " 个，登记服务对象 " +
                        people_text(static_cast<long long>(region.beneficiaries.size()), in.suppress_below) + " 人。",
                    name + " has " + count_text(static_cast<long long>(region.townships.size())) + " townships and " +
                        count_text(static_cast<long long>(region.villages.size())) + " villages, with " +
                        people_text(static_cast<long long>(region.beneficiaries.size()), in.suppress_below) +
                        " registered beneficiaries."));
    const std::string k = std::to_string(in.rules->villages_per_point);
    std::string s2 = L("按每个镇（街）一个社工站、每 " + k + " 个村（社区）一个社工点的要求，应建社工站 " + count_text(t.now.st_req) +
                           " 个、社工点 " + count_text(t.now.pt_req) + " 个；现已建社工站 " + count_text(t.now.st_built) + " 个、社工点 " +
                           count_text(t.now.pt_built) + " 个，社工点缺口 " + count_text(t.now.pt_short) + " 个，建成率 " +
                           share_text(build_rate(in, false), 1) + "。",
                       "One station per township and one point per " + k + " villages require " + count_text(t.now.st_req) +
                           " stations and " + count_text(t.now.pt_req) + " points; " + count_text(t.now.st_built) + " stations and " +
                           count_text(t.now.pt_built) + " points are built, a shortfall of " + count_text(t.now.pt_short) +
                           " points (built rate " + share_text(build_rate(in, false), 1) + ").");
    if (t.now.st_short > 0)
        s2 += L("另缺社工站 " + count_text(t.now.st_short) + " 个。", " " + count_text(t.now.st_short) + " stations are also missing.");
    out.push_back(s2);
    if (in.plan) {
        std::string s3 = L("本方案拟新增社工点 " + count_text(t.new_points) + " 个", "The plan adds " + count_text(t.new_points) + " points");
        if (t.new_stations > 0) s3 += L("、社工站 " + count_text(t.new_stations) + " 个", " and " + count_text(t.new_stations) + " stations");
        s3 += L("，实施后社工点缺口 " + count_text(t.short_after) + " 个，建成率 " + share_text(build_rate(in, true), 1) + "。",
                "; afterwards the shortfall is " + count_text(t.short_after) + " points and the built rate " +
                    share_text(build_rate(in, true), 1) + ".");
        out.push_back(s3);
    }
    if (in.coverage && !in.coverage->thresholds_min.empty()) {
        const CoverageStats& now = in.coverage->total;
        const std::string band = band_text(in.coverage->thresholds_min.front(), L);
        std::string s4 = L("现状下，" + band + "内可达站点的服务对象占 " + share_text(now.weight_within_nearest.front(), now.weight),
                           "Today " + share_text(now.weight_within_nearest.front(), now.weight) + " of beneficiaries are within " + band +
                               " of a site");
        if (const CoverageSummary* later = after_plan_coverage(in)) {
            const CoverageStats& after = later->total;
            s4 += L("，规划后为 " + share_text(after.weight_within_nearest.front(), after.weight),
                    ", " + share_text(after.weight_within_nearest.front(), after.weight) + " after the plan");
        }
        s4 += L("。", ".");
        if (now.beneficiaries_unreached > 0)
            s4 += L(people_text(static_cast<long long>(now.beneficiaries_unreached), in.suppress_below) +
                        " 名服务对象附近没有可通行道路或超出搜索范围，无法计算通行时间。",
                    " " + people_text(static_cast<long long>(now.beneficiaries_unreached), in.suppress_below) +
                        " beneficiaries have no usable road nearby or lie beyond the search limit: no travel time is known for them.");
        out.push_back(s4);
    }
    std::string s5 = t.errors_now > 0
                         ? L("规则核查发现错误 " + count_text(t.errors_now) + " 项、警告 " + count_text(t.warnings_now) + " 项，错误须在实施前整改",
                             "The rule check found " + count_text(t.errors_now) + " errors and " + count_text(t.warnings_now) +
                                 " warnings; the errors must be corrected before the plan is carried out")
                         : L("规则核查未发现错误（警告 " + count_text(t.warnings_now) + " 项）",
                             "The rule check found no errors (" + count_text(t.warnings_now) + " warnings)");
    if (in.comparison) {
        std::vector<std::string> skipped;
        for (const SkippedRule& sk : in.comparison->after_rules.skipped) skipped.push_back(sk.rule);
        s5 += L("；按规划方案复核，错误 " + count_text(t.errors_after) + " 项", "; checked again on the plan, " + count_text(t.errors_after) +
                                                                             " errors remain");
        if (!skipped.empty()) s5 += L("（" + join(skipped, "、") + " 未复核）", " (" + join(skipped, ", ") + " not checked)");
    }
    out.push_back(s5 + L("。", "."));
    return out;
}

Table key_table(const BriefingInputs& in, const Totals& t, const Lang& L) {
    Table tab{L("要点", "key figures"), L("主要指标：现状与规划后", "Key figures: now and after the plan")};
    tab.columns = {{L("指标", "figure")}, {L("现状", "now")}};
    const bool after = in.plan != nullptr;
    if (after) tab.columns.push_back({L("规划后", "after the plan")});
    auto row = [&](std::string label, std::string now, std::string later) {
        std::vector<Cell> r{std::move(label), std::move(now)};
        if (after) r.push_back(std::move(later));
        tab.rows.push_back(std::move(r));
    };
    row(L("社工站（已建 / 应建）", "Stations (built / required)"), count_text(t.now.st_built) + " / " + count_text(t.now.st_req),
        count_text(t.now.st_built + t.new_stations) + " / " + count_text(t.now.st_req));
    row(L("社工点（已建 / 应建）", "Points (built / required)"), count_text(t.now.pt_built) + " / " + count_text(t.now.pt_req),
        count_text(t.now.pt_built + t.new_points) + " / " + count_text(t.now.pt_req));
    row(L("社工点缺口", "Point shortfall"), count_text(t.now.pt_short), count_text(t.short_after));
    row(L("社工点建成率", "Points built rate"), share_text(build_rate(in, false), 1), share_text(build_rate(in, true), 1));
    const double villages = static_cast<double>(in.region->villages.size());
    row(L("已纳入服务的村（社区）", "Villages assigned to a site"), share_text(t.now.served, villages),
        in.comparison ? share_text(static_cast<double>(villages_served(in.comparison->after)), villages) : "—");
    if (in.coverage && !in.coverage->thresholds_min.empty()) {
        const std::string band = band_text(in.coverage->thresholds_min.front(), L);
        const CoverageStats& now = in.coverage->total;
        const CoverageStats* later = after_plan_coverage(in) ? &after_plan_coverage(in)->total : nullptr;
        row(L(band + "可达的村（社区）", "Villages within " + band), share_text(static_cast<double>(now.villages_within.front()), villages),
            later ? share_text(static_cast<double>(later->villages_within.front()), villages) : "—");
        row(L(band + "可达的服务对象（加权）", "Beneficiaries within " + band + " (weighted)"),
            share_text(now.weight_within_nearest.front(), now.weight),
            later ? share_text(later->weight_within_nearest.front(), later->weight) : "—");
    }
    row(L("规则错误（项）", "Rule errors"), count_text(t.errors_now), in.comparison ? count_text(t.errors_after) : "—");
    tab.note = L("已纳入服务：村（社区）已分配给一个社工站或社工点。N 分钟可达：沿道路到最近站点不超过 N 分钟。"
                 "建成率：各镇（街）已建社工点（不超过应建数）之和 ÷ 应建社工点数。",
                 "Assigned: the village is assigned to a station or point. Within N minutes: at most N minutes along the roads to "
                 "the nearest site. Built rate: points built per township (at most the number required), summed, ÷ points required.");
    return tab;
}

std::vector<std::string> next_steps(const BriefingInputs& in, const Lang& L) {
    const Region& region = *in.region;
    std::vector<std::string> out;
    // 1. The townships with the largest shortfall, and what the plan puts there.
    struct Short {
        std::string name;
        int shortfall, planned;
    };
    std::vector<Short> shorts;
    for (const ProgressRow& r : in.rules->progress) {
        if (r.point_shortfall() == 0) continue;
        shorts.push_back({region.township(r.township).name, r.point_shortfall(), plan_added(in, r.township)});
    }
    std::stable_sort(shorts.begin(), shorts.end(), [](const Short& a, const Short& b) { return a.shortfall > b.shortfall; });
    if (!shorts.empty()) {
        std::vector<std::string> names;
        for (std::size_t k = 0; k < shorts.size() && k < 3; ++k)
            names.push_back(shorts[k].name + L("（缺 " + std::to_string(shorts[k].shortfall) + " 个",
                                               " (" + std::to_string(shorts[k].shortfall) + " missing") +
                            (in.plan ? L("，拟新增 " + std::to_string(shorts[k].planned) + " 个）", ", " + std::to_string(shorts[k].planned) + " planned)")
                                     : L("）", ")")));
        out.push_back(L("优先在" + list_text(names, L) + "建设社工点" + (in.plan ? "，选址与服务村（社区）见“规划方案”。" : "。"),
                        "Build points first in " + list_text(names, L) + (in.plan ? "; sites and villages are in \"Plan\"." : ".")));
    }
    for (const ProgressRow& r : in.rules->progress)
        if (r.station_shortfall() > 0)
            out.push_back(L("在" + region.township(r.township).name + "设立社工站。", "Set up a station in " + region.township(r.township).name + "."));
    // 2. Each rule error, with its site.
    std::vector<const Violation*> errors;
    for (const Violation& v : in.rules->violations)
        if (v.severity == Severity::error) errors.push_back(&v);
    constexpr std::size_t k_listed = 5;
    for (std::size_t k = 0; k < errors.size() && k < k_listed; ++k) {
        const Violation& v = *errors[k];
        out.push_back(L("整改：", "Correct: ") + v.message.in(L.zh));  // the message names the site and villages
    }
    if (errors.size() > k_listed)
        out.push_back(L("另有 " + std::to_string(errors.size() - k_listed) + " 项错误须整改，见附录一。",
                        std::to_string(errors.size() - k_listed) + " more errors to correct are listed in appendix A."));
    // 3. Villages still beyond the first band after the plan.
    const CoverageSummary* after = after_plan_coverage(in)                              ? after_plan_coverage(in)
                                   : in.coverage && !in.coverage->thresholds_min.empty() ? in.coverage
                                                                                         : nullptr;
    if (after) {
        const std::string band = band_text(after->thresholds_min.front(), L);
        struct Far {
            std::string name;
            long long villages;
        };
        std::vector<Far> far;
        long long total = 0;
        for (std::size_t i = 0; i < region.townships.size() && i < after->by_township.size(); ++i) {
            const CoverageStats& st = after->by_township[i];
            const auto n = static_cast<long long>(st.villages - st.villages_within.front());
            if (n > 0) far.push_back({region.townships[i].name, n});
            total += n;
        }
        std::stable_sort(far.begin(), far.end(), [](const Far& a, const Far& b) { return a.villages > b.villages; });
        if (total > 0) {
            std::vector<std::string> names;
            for (std::size_t k = 0; k < far.size() && k < 3; ++k) names.push_back(far[k].name + L("（" + std::to_string(far[k].villages) + " 个）", " (" + std::to_string(far[k].villages) + ")"));
            out.push_back(L((in.comparison ? "规划后仍有 " : "仍有 ") + std::to_string(total) + " 个村（社区）距最近站点超过 " + band + "，主要在" +
                                list_text(names, L) + "，建议以流动服务、定期驻村等方式保障走访。",
                            std::to_string(total) + " villages remain more than " + band + " from the nearest site" +
                                (in.comparison ? " after the plan" : "") + ", mostly in " + list_text(names, L) +
                                ": reach them with mobile services and regular village days."));
        }
        if (after->total.beneficiaries_unreached > 0)
            out.push_back(L("核实 " + people_text(static_cast<long long>(after->total.beneficiaries_unreached), in.suppress_below) +
                                " 名无法经道路到达的服务对象的位置和当地道路数据。",
                            "Check the locations of the " + people_text(static_cast<long long>(after->total.beneficiaries_unreached), in.suppress_below) +
                                " beneficiaries no road reaches, and the road data there."));
    }
    if (out.empty()) out.push_back(L("各项指标均已达到要求，按现有站点继续开展服务。", "Every figure meets the requirements: continue with the present sites."));
    return out;
}

}  // namespace

std::vector<Section> summary_sections(const BriefingInputs& in, const Lang& L) {
    Section s{"summary", L("摘要", "Summary")};
    const Totals t = totals(in);
    s.paragraphs = situation(in, t, L);
    s.tables.push_back(key_table(in, t, L));
    if (in.suppress_below > 0)
        s.tables.back().note += L("为保护隐私，少于 " + std::to_string(in.suppress_below) + " 人的数字显示为“<" + std::to_string(in.suppress_below) + "”。",
                                  " To protect privacy, counts below " + std::to_string(in.suppress_below) + " are shown as \"<" +
                                      std::to_string(in.suppress_below) + "\".");
    Section next{"next_steps", L("下一步建议", "Next steps")};
    next.new_page = false;
    next.bullets = next_steps(in, L);
    const io::ReportConfig& rc = in.project->report;
    next.signoff = {{L("编制单位", "Organisation"), rc.organisation},
                    {L("编制人", "Prepared by"), rc.prepared_by},
                    {L("审核人", "Reviewed by"), rc.reviewed_by},
                    {L("日期", "Date"), rc.signed_date}};
    for (const Image& img : in.maps)
        if (img.path.find("county") != std::string::npos) next.images.push_back(img);
    return {std::move(s), std::move(next)};
}

}  // namespace coverplan::report
