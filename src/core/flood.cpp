#include "core/flood.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.hpp"

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
