#include "core/flood.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.hpp"
#include "core/travel_time.hpp"

namespace coverplan {

std::size_t HazardExposure::exposed() const {
    return static_cast<std::size_t>(std::count_if(zone_of.begin(), zone_of.end(), [](std::int32_t z) { return z >= 0; }));
}

HazardExposure hazard_exposure(const Region& region) {
    HazardExposure out;
    out.zone_of.assign(region.beneficiaries.size(), -1);
    // Zones by level, highest first (stable: the layer's order on a tie), so the first zone that
    // contains a point is the one it is counted in.
    std::vector<std::size_t> order(region.hazards.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return region.hazards[a].level > region.hazards[b].level; });
    for (std::size_t i = 0; i < region.beneficiaries.size(); ++i) {
        const Point2& p = region.beneficiaries[i].location;
        for (std::size_t k : order) {
            const Hazard& h = region.hazards[k];
            if (h.box.contains(p) && contains(h.polygon, p)) {
                out.zone_of[i] = static_cast<std::int32_t>(k);
                break;
            }
        }
    }
    return out;
}

CutoffResult compare_cutoff(const Region& region, const CoverageResult& before, const CoverageResult& after) {
    CutoffResult out;
    auto reached = [](double t) { return std::isfinite(t); };
    out.villages.resize(region.villages.size());
    for (std::size_t v = 0; v < region.villages.size(); ++v) {
        VillageCutoff& c = out.villages[v];
        c.own_before_s = before.village_assigned[v].site ? before.village_assigned[v].time_s : k_unreached;
        c.own_after_s = after.village_assigned[v].site ? after.village_assigned[v].time_s : k_unreached;
        c.nearest_before_s = before.village_nearest[v].time_s;
        c.nearest_after_s = after.village_nearest[v].time_s;
        const bool has_site = c.has_site = before.village_assigned[v].site.has_value();
        const double b = has_site ? c.own_before_s : c.nearest_before_s;
        const double a = has_site ? c.own_after_s : c.nearest_after_s;
        if (!reached(c.nearest_before_s) && !reached(b)) c.status = CutoffStatus::unreached_before;
        else if (reached(c.nearest_before_s) && !reached(c.nearest_after_s)) c.status = CutoffStatus::cut_from_all;
        else if (reached(b) && !reached(a)) c.status = CutoffStatus::cut_from_site;
        else if (reached(b) && a > b + k_detour_s) c.status = CutoffStatus::detour;
    }
    for (std::size_t i = 0; i < region.beneficiaries.size(); ++i) {
        const Beneficiary& ben = region.beneficiaries[i];
        const bool site = reached(before.beneficiary_assigned[i].time_s) && !reached(after.beneficiary_assigned[i].time_s);
        const bool all = reached(before.beneficiary_nearest[i].time_s) && !reached(after.beneficiary_nearest[i].time_s);
        out.cut_from_site += site;
        out.cut_from_all += all;
        if (site)
            for (int k = 0; k < k_category_count; ++k) out.cut_from_site_by_category[k] += (ben.categories >> k) & 1u;
        if (!ben.village) continue;
        VillageCutoff& c = out.villages[ben.village->value];
        ++c.beneficiaries;
        c.cut_from_site += site;
        c.cut_from_all += all;
    }
    for (std::uint32_t s = 0; s < region.sites.size(); ++s) {
        const Point2& p = region.sites[s].location;
        std::optional<std::size_t> zone;  // the highest level holding the site, the first on a tie
        for (std::size_t k = 0; k < region.hazards.size(); ++k)
            if (region.hazards[k].box.contains(p) && contains(region.hazards[k].polygon, p) &&
                (!zone || region.hazards[k].level > region.hazards[*zone].level))
                zone = k;
        if (zone) out.sites_in_hazard.emplace_back(SiteId{s}, *zone);
    }
    return out;
}

ShelterAssignment assign_shelters(const Region& region, const HazardExposure& exposure, const CoverageResult& to_shelters,
                                  const FloodConfig& flood) {
    ShelterAssignment out;
    const std::size_t n = region.shelters.size();
    out.shelter_of.assign(region.beneficiaries.size(), std::nullopt);
    out.time_s.assign(region.beneficiaries.size(), k_unreached);
    out.people.assign(n, 0);
    out.priority.assign(n, 0);
    out.farthest_s.assign(n, 0);
    for (std::size_t i = 0; i < region.beneficiaries.size(); ++i) {
        if (exposure.zone_of[i] < 0) continue;
        ++out.exposed;
        const TimeToSite& t = to_shelters.beneficiary_nearest[i];
        if (!t.site || !std::isfinite(t.time_s)) {
            ++out.unsheltered;
            continue;
        }
        const std::uint32_t s = t.site->value;
        out.shelter_of[i] = s;
        out.time_s[i] = t.time_s;
        ++out.people[s];
        out.priority[s] += (region.beneficiaries[i].categories & flood.priority) != 0;
        out.farthest_s[s] = std::max(out.farthest_s[s], t.time_s);
    }
    for (std::size_t s = 0; s < n; ++s) out.over_capacity += out.people[s] > static_cast<std::size_t>(region.shelters[s].capacity);
    return out;
}

std::optional<int> parse_hazard_level(const std::string& raw) {
    std::string t = trim(raw);
    if (t.empty()) return std::nullopt;
    if (std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }) && t.size() <= 2) {
        const int v = std::stoi(t);
        if (v >= 1 && v <= 9) return v;
        return std::nullopt;
    }
    // "2.0" from a real-valued field.
    if (t.size() > 2 && t.compare(t.size() - 2, 2, ".0") == 0) return parse_hazard_level(t.substr(0, t.size() - 2));
    static const std::map<std::string, int> words = {
        {"低", 1},    {"低风险", 1},   {"中", 2},    {"中风险", 2},         {"高", 3},    {"高风险", 3},
        {"极高", 4},  {"极高风险", 4}, {"low", 1},   {"medium", 2},         {"high", 3},  {"very high", 4},
    };
    const auto it = words.find(ascii_lower(t));
    if (it == words.end()) return std::nullopt;
    return it->second;
}

}  // namespace coverplan
