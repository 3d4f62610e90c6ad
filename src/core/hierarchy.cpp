#include "core/hierarchy.hpp"

#include <algorithm>

#include "core/admin_code.hpp"

namespace coverplan {

TownshipIndex::TownshipIndex(const std::vector<Township>& townships) : m_townships(townships) {
    for (std::uint32_t i = 0; i < townships.size(); ++i) {
        m_by_code.emplace_back(townships[i].code, TownshipId{i});
        m_boxes.push_back(bounds(townships[i].polygon));
    }
    std::sort(m_by_code.begin(), m_by_code.end());
}

std::optional<TownshipId> TownshipIndex::by_code(const std::string& code) const {
    auto it = std::lower_bound(m_by_code.begin(), m_by_code.end(), code,
                               [](const auto& e, const std::string& c) { return e.first < c; });
    if (it != m_by_code.end() && it->first == code) return it->second;
    return std::nullopt;
}

std::optional<TownshipId> TownshipIndex::containing(const Point2& p, double tolerance_m) const {
    std::optional<TownshipId> nearest;
    double nearest_d = tolerance_m;
    for (std::uint32_t i = 0; i < m_townships.size(); ++i) {
        const Box& b = m_boxes[i];
        if (b.empty() || p.x < b.min_x - tolerance_m || p.x > b.max_x + tolerance_m ||
            p.y < b.min_y - tolerance_m || p.y > b.max_y + tolerance_m)
            continue;
        if (contains(m_townships[i].polygon, p)) return TownshipId{i};
        const double d = distance_to_boundary(m_townships[i].polygon, p);
        if (d <= nearest_d) {
            nearest_d = d;
            nearest = TownshipId{i};
        }
    }
    return nearest;
}

ParentResult TownshipIndex::parent_of(const VillageParent& v, double tolerance_m) const {
    if (!v.township_code.empty()) {
        if (auto code = normalise_township_code(v.township_code))
            if (auto t = by_code(*code)) return {t, false};
    }
    if (is_village_code(v.code))
        if (auto t = by_code(township_of(v.code))) return {t, false};
    return {containing(v.anchor, tolerance_m), true};
}

}  // namespace coverplan
