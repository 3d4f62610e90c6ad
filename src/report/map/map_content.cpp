#include "report/map/map_content.hpp"

#include <map>

#include "report/village_counts.hpp"

namespace coverplan::report::map {

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
    if (coverage)
        for (std::size_t v = 0; v < region.villages.size(); ++v) {
            const TimeToSite& t = coverage->village_nearest[v];
            if (!t.site || !(t.time_s < k_unreached)) continue;
            m.village_nearest_min[v] = t.time_s / 60;
            int band = 0;
            while (band < static_cast<int>(thresholds_min.size()) && t.time_s > thresholds_min[static_cast<std::size_t>(band)] * 60) ++band;
            m.village_band[v] = band;
        }
    std::map<TownshipId, int> per_township;
    auto add_site = [&](const Site& s) {
        for (VillageId v : s.served_villages)
            if (m.village_site[v.value] < 0) m.village_site[v.value] = static_cast<int>(m.sites.size());
        m.sites.push_back({s.location, s.kind, s.status == SiteStatus::planned, s.name, s.township, s.served_villages,
                           per_township[s.township]++});
    };
    if (plan)
        for (const auto& ps : plan->sites) add_site(ps.site);
    else
        for (const Site& s : region.sites) add_site(s);
    const double first = thresholds_min.empty() ? 0 : thresholds_min.front();
    if (isochrones)
        for (const auto& band : *isochrones)
            if (band.band_min == first) m.isochrones.push_back(&band.polygon);
    if (gaps)
        for (const auto& g : *gaps)
            if (g.band_min == first) m.gaps.push_back({&g.polygon, g.township});
    return m;
}

}  // namespace coverplan::report::map
