#pragma once
// The stages of the main job (DESIGN §3) as library functions, shared by the subcommands that
// run one of them and by `coverplan run`, which runs them all.
#include <memory>
#include <optional>
#include <vector>

#include "core/coverage.hpp"
#include "core/region.hpp"
#include "core/rules.hpp"
#include "geo/isochrones.hpp"
#include "geo/network_analysis.hpp"
#include "io/project_file.hpp"
#include "report/plan_report.hpp"
#include "solve/plan.hpp"
#include "solve/reach_plan.hpp"

namespace coverplan::pipeline {

// Where the candidate premises join the road network (for new sites).
std::vector<Access> candidate_access(const Region& region, const geo::NetworkAnalysis& net, const TravelConfig& travel);

// The programme's plan and the coverage and rule check before and after it.
struct PlanStage {
    solve::Plan plan;
    report::PlanComparison comparison;
};

PlanStage plan_programme(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads);

solve::ReachPlan plan_reach(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads);

// Isochrone bands per site and gap polygons per township and band.
struct PolygonStage {
    std::vector<geo::IsochroneBand> isochrones;
    std::vector<geo::Gap> gaps;
};

PolygonStage trace_polygons(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads);

}  // namespace coverplan::pipeline
