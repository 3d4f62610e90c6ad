#include "pipeline/stages.hpp"

#include <algorithm>
#include <cmath>

#include "core/critical_links.hpp"
#include "core/detour_links.hpp"
#include "core/flood.hpp"
#include "core/text.hpp"
#include "geo/closures.hpp"
#include "geo/snap.hpp"

namespace coverplan::pipeline {

namespace {
geo::SnapOptions snap_options(const TravelConfig& travel) { return {travel.max_snap_m, travel.access_kmh}; }
}  // namespace

std::vector<Access> candidate_access(const Region& region, const geo::NetworkAnalysis& net, const TravelConfig& travel) {
    const geo::EdgeSnapper snapper(net.graph);
    std::vector<Access> out;
    out.reserve(region.candidates.size());
    for (const Candidate& c : region.candidates) out.push_back(snapper.access(c.location, snap_options(travel)));
    return out;
}

PlanStage plan_programme(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads,
                         const VisitPlan* visits) {
    const std::vector<Access> candidates = candidate_access(region, net, cfg.travel);
    const double limit_s = cfg.travel.max_search_min * 60;
    std::optional<solve::PlanWorkload> workload;
    if (!region.beneficiaries.empty()) {
        workload.emplace();
        workload->staffing = cfg.staffing;
        workload->travel_per_visit_h = visits ? visits->travel_per_visit_h : typical_visit_plan(region, cfg, net, threads).travel_per_visit_h;
        workload->village_hours = village_visit_hours(region, cfg.visits, workload->travel_per_visit_h.value_or(0));
    }
    PlanStage out;
    out.plan = solve::plan_programme(region, cfg.rules, net.graph, {&net.access.sites, &net.access.villages, &candidates}, limit_s,
                                     cfg.plan, threads, workload ? &*workload : nullptr);

    // The same coverage and rule check on the planned network, for the before/after figures.
    const Region after = solve::planned_region(region, out.plan);
    const geo::EdgeSnapper snapper(net.graph);
    Accesses after_access = net.access;
    after_access.sites.clear();
    for (const auto& ps : out.plan.sites)
        after_access.sites.push_back(ps.existing ? net.access.sites[ps.existing->value]
                                                 : snapper.access(ps.site.location, snap_options(cfg.travel)));
    report::PlanComparison& cmp = out.comparison;
    cmp.before = net.coverage;
    cmp.after = compute_coverage(after, net.graph, after_access, limit_s, threads);
    cmp.before_summary = summarise_coverage(region, cmp.before, cfg.travel.thresholds_min);
    cmp.after_summary = summarise_coverage(after, cmp.after, cfg.travel.thresholds_min);
    cmp.before_rules = check_rules(region, cfg.rules, &cmp.before.served_time_s);
    cmp.after_rules = check_rules(after, cfg.rules, &cmp.after.served_time_s);
    return out;
}

solve::ReachPlan plan_reach(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads) {
    // The question spans the whole project: a travel-time matrix (float) and a cost matrix
    // (double) of every possible site × every village.
    const double places = static_cast<double>(region.sites.size() + region.candidates.size() +
                                              (cfg.plan.village_hosts ? region.villages.size() : 0));
    const double villages = static_cast<double>(region.villages.size());
    const std::string size = format_decimal(places, 0) + " × " + format_decimal(villages, 0);
    cfg.memory.require(places * villages * (sizeof(float) + sizeof(double)),
                       {"a project-wide question's matrices (" + size + " possible sites × villages)",
                        "全项目范围问题的矩阵（" + size + " 个可选位置 × 村）"},
                       {"ask the question per county (a project per county), or set village_hosts = false and give candidates",
                        "请按县分别提问（每县一个项目），或设 village_hosts = false 并提供候选场所"});
    const std::vector<Access> candidates = candidate_access(region, net, cfg.travel);
    return solve::plan_reach(region, cfg.rules, net.graph, {&net.access.sites, &net.access.villages, &candidates},
                             cfg.travel.max_search_min * 60, cfg.plan, threads);
}

VisitPlan visit_plan(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int month, int threads) {
    const VisitInputs in{&region, &net.graph, &net.access, cfg.travel.max_search_min * 60};
    return plan_visits(in, cfg.staffing, cfg.visits, month, threads);
}

VisitPlan typical_visit_plan(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads) {
    const VisitInputs in{&region, &net.graph, &net.access, cfg.travel.max_search_min * 60};
    return plan_typical_month(in, cfg.staffing, cfg.visits, threads);
}

bool has_flood_layers(const io::ProjectConfig& cfg) { return cfg.hazards.present || cfg.closures.present || cfg.shelters.present; }

report::FloodResult flood_analysis(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads) {
    report::FloodResult f;
    f.links = critical_links(region, net.graph, net.access);
    const double limit_s = cfg.travel.max_search_min * 60;
    if (!net.coverage.village_nearest.empty())
        f.detours = detour_links(region, net.graph, net.access, net.coverage, graph_bridges(net.graph), cfg.flood.detour, limit_s, threads);
    // The roads as they can be driven in the scenario: the closed stretches cut out.
    std::optional<geo::NetworkAnalysis> flooded_net;
    if (cfg.flood.close_roads_from_level || !region.closures.empty()) {
        f.closed = geo::close_roads(region, cfg.flood);
        Region flooded = region;
        flooded.roads = f.closed->open;
        flooded_net = geo::analyse_network(flooded, cfg.travel, threads);
        f.cutoff = compare_cutoff(region, net.coverage, flooded_net->coverage);
    }
    if (region.hazards.empty()) return f;
    f.exposure = hazard_exposure(region);
    // Everything after this moves on the scenario's roads.
    const geo::NetworkAnalysis& roads = flooded_net ? *flooded_net : net;

    // The outreach before the storm: every exposed beneficiary, by the site serving their village
    // when it still reaches them, else by the nearest site that does (in an emergency nobody is
    // left for want of a site of their own).
    std::vector<std::uint32_t> exposed;
    std::vector<std::optional<SiteId>> outreach_site(region.beneficiaries.size());
    const std::vector<std::optional<SiteId>> own = assigned_sites(region);
    const CoverageResult& times = roads.coverage;
    const bool timed = times.beneficiary_nearest.size() == region.beneficiaries.size();
    for (std::uint32_t b = 0; b < f.exposure->zone_of.size(); ++b) {
        if (f.exposure->zone_of[b] < 0) continue;
        exposed.push_back(b);
        const Beneficiary& ben = region.beneficiaries[b];
        const std::optional<SiteId> mine = ben.village ? own[ben.village->value] : std::nullopt;
        outreach_site[b] = mine;
        if (!timed || (mine && std::isfinite(times.beneficiary_assigned[b].time_s))) continue;
        const TimeToSite& near = times.beneficiary_nearest[b];
        if (near.site && std::isfinite(near.time_s)) {
            outreach_site[b] = near.site;
            ++f.outreach_by_nearest;
        } else if (!mine && net.coverage.beneficiary_nearest.size() == region.beneficiaries.size()) {
            // No site reaches them on the open roads: the nearest before the closures, which the
            // plan then reports as not reached (rather than as having no site).
            outreach_site[b] = net.coverage.beneficiary_nearest[b].site;
        }
    }
    OutreachConfig outreach;
    outreach.days = cfg.flood.outreach_days;
    outreach.minutes = cfg.flood.outreach_minutes;
    // A fifth of a month's search: the plan is wanted within the hour before a storm, and on the
    // generated Guangdong it plans 0.2 % fewer visits than the full search in two thirds of the time.
    outreach.iterations_per_visit = std::max<std::uint64_t>(1, cfg.visits.iterations_per_visit / 5);
    outreach.site_time_limit_s = cfg.visits.site_time_limit_s;
    outreach.seed = cfg.visits.seed;
    f.outreach = plan_outreach({&region, &roads.graph, &roads.access, limit_s}, cfg.staffing, outreach, exposed, outreach_site, threads);

    if (region.shelters.empty()) return f;
    // Shelters by road: a coverage run on the same roads whose sites are the shelters.
    Region to_shelters = region;
    to_shelters.roads.clear();
    to_shelters.sites.clear();
    Accesses access = roads.access;
    access.sites.clear();
    const geo::EdgeSnapper snapper(roads.graph);
    for (const Shelter& sh : region.shelters) {
        Site s;
        s.id = sh.id;
        s.name = sh.name;
        s.kind = SiteKind::point;
        s.location = sh.location;
        to_shelters.sites.push_back(std::move(s));
        access.sites.push_back(snapper.access(sh.location, snap_options(cfg.travel)));
    }
    const CoverageResult to_shelter = compute_coverage(to_shelters, roads.graph, access, limit_s, threads);
    f.shelters = assign_shelters(region, *f.exposure, to_shelter, cfg.flood);
    return f;
}

report::AccessResult access_to_workers(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads) {
    report::AccessResult a;
    a.config = cfg.access;
    a.demand = solve::weighted_beneficiaries(region, cfg.plan);
    for (const Site& s : region.sites) a.supply.push_back(cfg.staffing.staff_of(s));
    const std::vector<float> t = time_matrix(net.graph, net.access.sites, net.access.villages, cfg.access.catchment_min * 60, threads);
    a.values = floating_catchment(a.supply, a.demand, t, cfg.access);
    return a;
}

std::string site_isochrones_note(std::size_t counties, bool chinese) {
    return chinese ? "\n逐站点等时线（isochrones.geojson）未生成：本项目含 " + std::to_string(counties) +
                         " 个县（区），覆盖范围见 coverage_areas.geojson；需要时加 --site-isochrones。\n"
                   : "\nPer-site isochrones (isochrones.geojson) not traced: the project covers " + std::to_string(counties) +
                         " counties; the covered areas are in coverage_areas.geojson. Add --site-isochrones for them.\n";
}

std::string month_visits_note(std::size_t counties, bool chinese) {
    return chinese ? "本月入户走访路线与逐站表格（visits.csv、tours.geojson、sheets/）未生成：本项目含 " + std::to_string(counties) +
                         " 个县（区），工作量与 R8 按典型月份计算（staffing.csv）；请按县运行 coverplan visits，或加 --month-visits。\n"
                   : "The month's home-visit tours and sheets (visits.csv, tours.geojson, sheets/) not planned: the project covers " +
                         std::to_string(counties) +
                         " counties; the workload and R8 come from a typical month (staffing.csv). Run coverplan visits per county, or add "
                         "--month-visits.\n";
}

PolygonStage trace_polygons(const Region& region, const io::ProjectConfig& cfg, const geo::NetworkAnalysis& net, int threads,
                            SiteIsochrones site_isochrones) {
    const geo::PolygonOptions poly{cfg.travel.polygon_cell_m, cfg.memory};
    PolygonStage out;
    out.per_site = site_isochrones == SiteIsochrones::always || region.county_count() <= 1;
    if (out.per_site) out.isochrones = geo::site_isochrones(region, net.graph, net.access, cfg.travel, poly, threads);
    geo::BandAreas areas = geo::band_areas(region, net.graph, net.access, net.coverage, cfg.travel, poly, threads);
    out.covered = std::move(areas.covered);
    out.gaps = std::move(areas.gaps);
    return out;
}

}  // namespace coverplan::pipeline
