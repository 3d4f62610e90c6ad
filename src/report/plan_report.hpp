#pragma once
// What `coverplan plan` shows and writes: the summary (per township, the new sites with their
// villages, before and after), plan.geojson, assignments.geojson and plan.csv.
#include <array>
#include <string>
#include <vector>

#include "core/coverage.hpp"
#include "core/region.hpp"
#include "core/rules.hpp"
#include "io/output_dir.hpp"
#include "solve/plan.hpp"

namespace coverplan::report {

// Figures before and after the plan, from the coverage and rule check of each.
struct PlanComparison {
    CoverageResult before, after;
    CoverageSummary before_summary, after_summary;
    RuleReport before_rules, after_rules;
};

// A planned site's villages, the beneficiaries in them and the travel times, as every plan
// output shows them.
struct PlannedSiteFigures {
    int beneficiaries = 0;
    std::array<int, k_category_count> cats{};
    double max_s = 0, mean_s = 0;  // NaN when the site serves no village
    std::vector<std::string> codes, names;
};
// `people` and `by_category` per village: beneficiaries_by_village and counts_by_village.
PlannedSiteFigures planned_site_figures(const Region& region, const solve::PlannedSite& ps, const std::vector<int>& people,
                                        const std::vector<std::array<int, k_category_count>>& by_category);

// Villages assigned to a site (已纳入服务).
std::size_t villages_served(const CoverageResult& result);

std::string plan_summary(const Region& region, const solve::Plan& plan, const PlanComparison& cmp, bool chinese);

void write_plan_outputs(io::StagedOutput& out, const Region& region, const solve::Plan& plan, bool chinese);

}  // namespace coverplan::report
