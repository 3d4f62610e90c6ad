#pragma once
// The briefing's content (DESIGN §11) built from what the stages computed: key figures, the
// progress table, coverage by category and township, violations, gaps, the plan, data quality,
// method. One Document, written as report.md, report.html and report.xlsx.
#include <string>
#include <vector>

#include "core/coverage.hpp"
#include "core/region.hpp"
#include "core/rules.hpp"
#include "core/visits.hpp"
#include "geo/isochrones.hpp"
#include "geo/network_analysis.hpp"
#include "io/project_file.hpp"
#include "report/access_report.hpp"
#include "report/flood_report.hpp"
#include "report/document.hpp"
#include "report/plan_report.hpp"
#include "solve/plan.hpp"

namespace coverplan::report {

struct BriefingInputs {
    const io::ProjectConfig* project = nullptr;
    const Region* region = nullptr;
    const RuleReport* rules = nullptr;
    // Absent when the project has no road layer (no travel times, so no coverage and no plan).
    const geo::NetworkAnalysis* network = nullptr;
    const CoverageSummary* coverage = nullptr;
    const std::vector<geo::Gap>* gaps = nullptr;
    bool site_isochrones = false;  // isochrones.geojson was traced (per site)
    const solve::Plan* plan = nullptr;
    const PlanComparison* comparison = nullptr;
    const VisitPlan* visits = nullptr;     // the month's home visits and the workload (R8); absent without roads or beneficiaries
    bool visits_month = true;              // `visits` is the month's; false: a typical month's (several counties)
    const AccessResult* access = nullptr;  // 2SFCA / E2SFCA; absent without roads
    const FloodResult* flood = nullptr;    // the 防汛 section; absent without flood-season layers
    std::vector<Image> maps;
    std::string date;       // YYYY-MM-DD
    int suppress_below = 0; // beneficiary counts 1..K-1 shown as "<K"
    bool chinese = true;
};

Document build_briefing(const BriefingInputs& in);

// A count of people as a cell: hidden ("<K") when 0 < n < K.
Cell people_cell(long long n, int suppress_below);

// The data attribution every map and report carries ("© OpenStreetMap contributors" for OSM roads).
std::string data_attribution(const io::ProjectConfig& project, bool chinese);

}  // namespace coverplan::report
