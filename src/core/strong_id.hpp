#pragma once
// Dense 0..n-1 ids that cannot be mixed up: a VillageId is not a SiteId (DESIGN §5, §14.5).
#include <compare>
#include <cstdint>
#include <limits>

namespace coverplan {

template <class Tag>
struct StrongId {
    std::uint32_t value = std::numeric_limits<std::uint32_t>::max();

    constexpr StrongId() = default;
    constexpr explicit StrongId(std::uint32_t v) : value(v) {}
    constexpr bool valid() const { return value != std::numeric_limits<std::uint32_t>::max(); }
    friend constexpr auto operator<=>(StrongId, StrongId) = default;
};

using TownshipId = StrongId<struct TownshipTag>;
using VillageId = StrongId<struct VillageTag>;
using SiteId = StrongId<struct SiteTag>;

}  // namespace coverplan
