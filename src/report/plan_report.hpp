#pragma once
// What `coverplan plan` shows and writes: the summary (per township, the new sites with their
// villages, before and after), plan.geojson, assignments.geojson and plan.csv.
#include <string>

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

std::string plan_summary(const Region& region, const solve::Plan& plan, const PlanComparison& cmp, bool chinese);

void write_plan_outputs(io::StagedOutput& out, const Region& region, const solve::Plan& plan, bool chinese);

}  // namespace coverplan::report
