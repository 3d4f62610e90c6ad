#include "report/map/map_content.hpp"

#include <cmath>
#include <limits>
#include <map>

#include "core/text.hpp"
#include "report/map/style.hpp"
#include "report/village_counts.hpp"

namespace coverplan::report::map {

Rgb band_colour(int band, std::size_t bands) {
    if (band < 0) return style::k_band_unreached;
    if (static_cast<std::size_t>(band) >= bands) return style::k_band_beyond;
    const double t = bands > 1 ? static_cast<double>(band) / static_cast<double>(bands - 1) : 0;
    const Rgb& a = style::k_band_first;
    const Rgb& b = style::k_band_last;
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

double cie_lightness(const Rgb& c) {
    auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const double y = 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
    return y > 216.0 / 24389 ? 116 * std::cbrt(y) - 16 : y * 24389.0 / 27;
}

std::vector<std::pair<Rgb, std::string>> band_legend(const std::vector<double>& th, bool zh) {
    const std::string unit = zh ? " 分钟" : " min";
    std::vector<std::pair<Rgb, std::string>> out;
    for (std::size_t k = 0; k < th.size(); ++k)
        out.emplace_back(band_colour(static_cast<int>(k), th.size()), (k ? format_decimal(th[k - 1], 0) + "–" : "≤ ") + format_decimal(th[k], 0) + unit);
    if (!th.empty()) out.emplace_back(band_colour(static_cast<int>(th.size()), th.size()), "> " + format_decimal(th.back(), 0) + unit);
    out.emplace_back(band_colour(-1, th.size()), zh ? "无法到达" : "not reached");
    return out;
}

std::optional<VillageId> host_village(const Region& region, const Site& site) {
    // The village whose boundary holds the site, in the site's township first.
    std::optional<VillageId> best;
    for (std::size_t v = 0; v < region.villages.size(); ++v) {
        const Village& vil = region.villages[v];
        if (vil.polygon.empty() || !contains(vil.polygon, site.location)) continue;
        if (!best || vil.township == site.township) best = VillageId{static_cast<std::uint32_t>(v)};
        if (vil.township == site.township) return best;
    }
    if (best) return best;
    // Villages given as points, or a site just outside every boundary: the nearest village of
    // its township (its served villages first).
    double best_d = std::numeric_limits<double>::infinity();
    auto consider = [&](VillageId v) {
        const double d = distance(region.villages[v.value].anchor, site.location);
        if (d < best_d) best_d = d, best = v;
    };
    for (VillageId v : site.served_villages) consider(v);
    if (best) return best;
    for (std::size_t v = 0; v < region.villages.size(); ++v)
        if (region.villages[v].township == site.township) consider(VillageId{static_cast<std::uint32_t>(v)});
    return best;
}

MapContent gather_map_content(const Region& region, const CoverageResult* coverage, const std::vector<double>& thresholds_min,
                              const std::vector<geo::IsochroneBand>* isochrones, const std::vector<geo::Gap>* gaps,
                              const solve::Plan* plan) {
    MapContent m;
    m.region = &region;
    m.thresholds_min = thresholds_min;
    m.has_travel = coverage != nullptr;
    m.village_band.assign(region.villages.size(), -1);
    m.village_site.assign(region.villages.size(), -1);
    m.village_nearest_min.assign(region.villages.size(), k_nan);
    m.village_people = beneficiaries_by_village(region);
    auto band_of = [&](double time_s) {
        int band = 0;
        while (band < static_cast<int>(thresholds_min.size()) && time_s > thresholds_min[static_cast<std::size_t>(band)] * 60) ++band;
        return band;
    };
    if (coverage)
        for (std::size_t v = 0; v < region.villages.size(); ++v) {
            const TimeToSite& t = coverage->village_nearest[v];
            if (!t.site || !(t.time_s < k_unreached)) continue;
            m.village_nearest_min[v] = t.time_s / 60;
            m.village_band[v] = band_of(t.time_s);
        }
    auto add_sites = [&](std::vector<SiteMark>& sites, std::vector<int>& village_site, const auto& list, const auto& site_of) {
        village_site.assign(region.villages.size(), -1);
        std::map<TownshipId, int> per_township;
        for (const auto& item : list) {
            const Site& s = site_of(item);
            for (VillageId v : s.served_villages)
                if (village_site[v.value] < 0) village_site[v.value] = static_cast<int>(sites.size());
            sites.push_back({s.location, s.kind, s.status == SiteStatus::planned, s.name, s.township, s.served_villages,
                             per_township[s.township]++, host_village(region, s)});
        }
    };
    const auto& own = [](const Site& s) -> const Site& { return s; };
    add_sites(m.sites_now, m.village_site_now, region.sites, own);
    m.has_plan = plan != nullptr;
    m.village_band_plan.assign(region.villages.size(), -1);
    m.village_plan_min.assign(region.villages.size(), k_nan);
    if (plan) {
        add_sites(m.sites, m.village_site, plan->sites, [](const solve::PlannedSite& ps) -> const Site& { return ps.site; });
        // After the plan: each village's time to the site that serves it.
        for (const auto& ps : plan->sites)
            for (std::size_t k = 0; k < ps.site.served_villages.size() && k < ps.time_s.size(); ++k) {
                const std::size_t v = ps.site.served_villages[k].value;
                if (!std::isfinite(ps.time_s[k]) || std::isfinite(m.village_plan_min[v])) continue;
                m.village_plan_min[v] = ps.time_s[k] / 60;
                m.village_band_plan[v] = band_of(ps.time_s[k]);
            }
    } else {
        m.sites = m.sites_now;
        m.village_site = m.village_site_now;
    }
    m.context = prefecture_context(region);
    const double first = thresholds_min.empty() ? 0 : thresholds_min.front();
    if (isochrones)
        for (const auto& band : *isochrones)
            if (band.band_min == first) m.isochrones.push_back(&band.polygon);
    if (gaps)
        for (const auto& g : *gaps)
            if (g.band_min == first) m.gaps.push_back({&g.polygon, g.township});
    return m;
}

FloodMarks gather_flood_marks(const Region& region, const RoadGraph& graph, const FloodResult& f) {
    FloodMarks m;
    m.village_status.assign(region.villages.size(), FloodMarks::unaffected);
    m.township_affected.assign(region.townships.size(), false);
    if (f.cutoff)
        for (std::size_t v = 0; v < region.villages.size(); ++v) {
            switch (f.cutoff->villages[v].status) {
            case CutoffStatus::detour: m.village_status[v] = FloodMarks::detour; break;
            case CutoffStatus::cut_from_site: m.village_status[v] = FloodMarks::cut_from_site; break;
            case CutoffStatus::cut_from_all: m.village_status[v] = FloodMarks::cut_from_all; break;
            default: break;
            }
            if (m.village_status[v] != FloodMarks::unaffected) m.township_affected[region.villages[v].township.value] = true;
        }
    if (f.exposure)
        for (std::size_t b = 0; b < region.beneficiaries.size(); ++b) {
            const Beneficiary& ben = region.beneficiaries[b];
            if (f.exposure->zone_of[b] >= 0 && ben.village) m.township_affected[region.village(*ben.village).township.value] = true;
        }
    if (f.closed) m.closed = &f.closed->closed;
    // The first k_mapped_links critical links by people (every one is in the tables and files;
    // most of the rest are the last road into a single village).
    for (const CriticalLink& l : f.links)
        if (l.villages + l.beneficiaries > 0 && m.critical.size() < FloodMarks::k_mapped_links)
            m.critical.push_back({&graph.edges[l.edge].points, "L" + std::to_string(l.edge + 1), l.no_site});
    if (f.detours)
        for (const DetourLink& l : f.detours->links)
            m.detours.push_back({&graph.edges[l.edge].points, "L" + std::to_string(l.edge + 1), false});
    for (std::size_t s = 0; s < region.shelters.size(); ++s)
        m.shelters.push_back({region.shelters[s].location, f.shelters ? f.shelters->people[s] : 0, region.shelters[s].capacity});
    return m;
}

}  // namespace coverplan::report::map
