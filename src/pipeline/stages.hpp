#pragma once
// The stages of the main job (DESIGN §3) as library functions, shared by the subcommands that
// run one of them and by `coverplan run`, which runs them all.
#include <memory>
#include <optional>
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

// With beneficiaries, the plan counts their home visits' workload (village_visit_hours) at the
// travel rate of `visits` (a month's plan, which carries its typical month's rate), else of a
// typical month planned here.
PlanStage plan_programme(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads,
                         const VisitPlan* visits = nullptr);

solve::ReachPlan plan_reach(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads);

struct PolygonStage {
    bool per_site = false;                       // isochrones traced (else empty)
    std::vector<geo::IsochroneBand> isochrones;  // per site and band
    std::vector<geo::CoveredArea> covered;       // per band and township
    std::vector<geo::Gap> gaps;                  // per band, ranked
};

// The month's home visits on the joined network (sites' and beneficiaries' accesses).
VisitPlan visit_plan(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int month, int threads);
// A typical month's (the steady-state workload and R8, whatever the month).
VisitPlan typical_visit_plan(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads);

// The flood-season analysis: critical links; with a scenario that closes roads (`net` must then
// hold travel times), the roads cut and every village's trips before and after; with hazard zones
// the exposure, the outreach tours to every exposed person and, with shelters, the nearest shelter
// of each — on the scenario's roads.
report::FloodResult flood_analysis(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads);
// Whether the project asks for it: a hazard, closures or shelters layer.
bool has_flood_layers(const io::ProjectConfig& cfg);

// Access to a social worker (2SFCA / E2SFCA): social workers per site, weighted beneficiaries per
// village, travel times by road within the catchment.
report::AccessResult access_to_workers(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads);

// Which isochrones are traced. The covered area and the gaps of each township and band come
// from one raster for all sites, at any scale. Per-site isochrones cost one search and one
// raster per site (about 45 ms each: four minutes and a 458 MB file for Guangdong's 5,750
// sites), so with SiteIsochrones::automatic they are traced for a project of one county only.
using geo::SiteIsochrones;

PolygonStage trace_polygons(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads,
                            SiteIsochrones site_isochrones);

// The line the summary prints when per-site isochrones were not traced.
std::string site_isochrones_note(std::size_t counties, bool chinese);
// The line the summary prints when the month's visits were left to `coverplan visits`.
std::string month_visits_note(std::size_t counties, bool chinese);

}  // namespace coverplan::pipeline
