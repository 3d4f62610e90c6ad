#pragma once
// County → township → village: from the 12-digit codes, or by where the village anchor lies.
#include <optional>
#include <string>
#include <vector>

#include "core/region.hpp"

namespace coverplan {

struct VillageParent {
    std::string code;           // the village's code (may be empty)
    std::string township_code;  // explicit township code from a field (may be empty)
    Point2 anchor;
};

struct ParentResult {
    std::optional<TownshipId> township;
    bool by_containment = false;  // true when the code did not decide it
};

// Resolves the township of one village: an explicit township code first, then the code's
// first 9 digits, then the township polygon containing the anchor (nearest boundary within
// `tolerance_m` for anchors that sit on a shared border).
class TownshipIndex {
public:
    explicit TownshipIndex(const std::vector<Township>& townships);
    ParentResult parent_of(const VillageParent& v, double tolerance_m = 1.0) const;
    std::optional<TownshipId> by_code(const std::string& township_code) const;
    std::optional<TownshipId> containing(const Point2& p, double tolerance_m = 1.0) const;

private:
    const std::vector<Township>& m_townships;
    std::vector<std::pair<std::string, TownshipId>> m_by_code;  // sorted
    std::vector<Box> m_boxes;
};

}  // namespace coverplan
