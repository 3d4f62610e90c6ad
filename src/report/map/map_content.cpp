#include "report/map/map_content.hpp"

#include <map>

#include "core/text.hpp"
#include "report/map/style.hpp"
#include "report/village_counts.hpp"

namespace coverplan::report::map {

Rgb band_colour(int band) {
    if (band < 0) return style::k_band_fill.back();
    return style::k_band_fill[std::min<std::size_t>(static_cast<std::size_t>(band), style::k_band_fill.size() - 2)];
}

std::vector<std::pair<Rgb, std::string>> band_legend(const std::vector<double>& th, bool zh) {
    const std::string unit = zh ? " 分钟" : " min";
    std::vector<std::pair<Rgb, std::string>> out;
    for (std::size_t k = 0; k < th.size(); ++k)
        out.emplace_back(band_colour(static_cast<int>(k)), (k ? format_decimal(th[k - 1], 0) + "–" : "≤ ") + format_decimal(th[k], 0) + unit);
    if (!th.empty()) out.emplace_back(band_colour(static_cast<int>(th.size())), "> " + format_decimal(th.back(), 0) + unit);
    out.emplace_back(band_colour(-1), zh ? "无法到达" : "not reached");
    return out;
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
