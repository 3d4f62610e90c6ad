#pragma once
// Internal to the briefing builder: the language switch and the sections of its second half.
#include <string>

#include "report/briefing.hpp"

namespace coverplan::report {

struct Lang {
    bool zh = true;
    std::string operator()(const std::string& chinese, const std::string& english) const { return zh ? chinese : english; }
};

std::string severity_text(Severity sev, const Lang& L);

// The coverage after the plan, or null without one (or without thresholds).
const CoverageSummary* after_plan_coverage(const BriefingInputs& in);
// "15 分钟" / "15 minutes": a threshold as the briefing's sentences write it.
std::string band_text(double minutes, const Lang& L);

// A project of several counties gets a briefing of counties: one row per county in the
// documents, the lists per township, village and site as sheets of the spreadsheet only, and
// no page per township.
bool several_counties(const BriefingInputs& in);

// The new points the plan puts in a township (0 without a plan).
int plan_added(const BriefingInputs& in, TownshipId township);

// 摘要 (the situation, the key figures now and after the plan) and 下一步建议 (with the sign-off).
std::vector<Section> summary_sections(const BriefingInputs& in, const Lang& L);
Section plan_section(const BriefingInputs& in, const Lang& L);
// One section per township: its figures, its new sites, its errors and its map.
std::vector<Section> township_sections(const BriefingInputs& in, const Lang& L);
Section annex_section(const BriefingInputs& in, const Lang& L);
Section data_quality_section(const BriefingInputs& in, const Lang& L);
Section method_section(const BriefingInputs& in, const Lang& L);

}  // namespace coverplan::report
