#pragma once
// Builds small regions in memory (metric coordinates) for rule and hierarchy tests.
#include <string>
#include <vector>

#include "core/region.hpp"

namespace coverplan::test {

inline MultiPolygon square(double x0, double y0, double size) {
    return {Polygon{{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}, {}}};
}

class RegionBuilder {
public:
    TownshipId township(const std::string& code, double x0, double size) {
        Township t;
        t.code = code;
        t.name = "T" + code.substr(6);
        t.polygon = square(x0, 0, size);
        t.anchor = {x0 + size / 2, size / 2};
        region.townships.push_back(t);
        return TownshipId{static_cast<std::uint32_t>(region.townships.size() - 1)};
    }
    // Villages are 1000 m squares placed left to right inside their township.
    VillageId village(TownshipId t, const std::string& code, double x0) {
        Village v;
        v.code = code;
        v.name = "V" + code.substr(9);
        v.township = t;
        v.polygon = square(x0, 0, 1000);
        v.anchor = {x0 + 500, 500};
        region.villages.push_back(v);
        return VillageId{static_cast<std::uint32_t>(region.villages.size() - 1)};
    }
    SiteId site(const std::string& id, SiteKind kind, TownshipId t, Point2 at, std::vector<VillageId> served) {
        Site s;
        s.id = id;
        s.name = id;
        s.kind = kind;
        s.township = t;
        s.location = at;
        s.served_villages = std::move(served);
        region.sites.push_back(s);
        return SiteId{static_cast<std::uint32_t>(region.sites.size() - 1)};
    }
    Region region;
};

}  // namespace coverplan::test
