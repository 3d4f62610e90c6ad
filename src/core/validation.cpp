#include "core/validation.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace coverplan {

namespace {

double distance_to(const MultiPolygon& mp, const Point2& p) { return contains(mp, p) ? 0.0 : distance_to_boundary(mp, p); }

double box_gap_m(const Box& a, const Box& b) {
    const double dx = std::max({0.0, b.min_x - a.max_x, a.min_x - b.max_x});
    const double dy = std::max({0.0, b.min_y - a.max_y, a.min_y - b.max_y});
    return std::hypot(dx, dy);
}

void check_extents(const Region& r, std::vector<DataNote>& out) {
    Box towns;
    for (const Township& t : r.townships) {
        towns.expand(bounds(t.polygon));
        towns.expand(t.anchor);
    }
    auto check = [&](const std::string& layer, const Box& b) {
        if (b.empty() || towns.empty()) return;
        const double gap = box_gap_m(towns, b);
        if (gap <= 20000) return;  // neighbouring data may stick out a little
        const std::string km = format_decimal(gap / 1000, 0);
        out.push_back({Severity::error, "extent_apart",
                       {"the " + layer + " layer lies " + km +
                            " km away from the townships: a wrong CRS (crs = …) or longitude and latitude swapped in one of them?",
                        layer + " 图层与镇（街）图层相距 " + km + " 千米：是否坐标系（crs）有误，或经纬度颠倒？"}});
    };
    Box b;
    for (const Village& v : r.villages) b.expand(v.anchor);
    check("villages", b);
    b = {};
    for (const Site& s : r.sites) b.expand(s.location);
    check("sites", b);
    b = {};
    for (const Beneficiary& x : r.beneficiaries) b.expand(x.location);
    check("beneficiaries", b);
    b = {};
    for (const Road& x : r.roads) b.expand(bounds(x.line));
    check("roads", b);
    b = {};
    for (const Candidate& c : r.candidates) b.expand(c.location);
    check("candidates", b);
}

}  // namespace

std::vector<DataNote> validate_region(const Region& r, const ValidationConfig& config) {
    std::vector<DataNote> out;
    check_extents(r, out);

    std::vector<std::string> outside_town, outside_own;
    for (const Village& v : r.villages) {
        const Township& t = r.township(v.township);
        const std::string label = v.name + " (" + v.code + ")";
        if (!t.polygon.empty() && distance_to(t.polygon, v.anchor) > 1.0) outside_town.push_back(label);
        if (!v.polygon.empty() && distance_to(v.polygon, v.anchor) > 1.0) outside_own.push_back(label);
    }
    if (!outside_town.empty())
        out.push_back({Severity::warning, "village_outside_township",
                       {std::to_string(outside_town.size()) + " villages have their centre outside their township: " + list_some(outside_town, 6),
                        std::to_string(outside_town.size()) + " 个村（社区）的中心点不在所属镇（街）内：" + list_some(outside_town, 6)}});
    if (!outside_own.empty())
        out.push_back({Severity::warning, "anchor_outside_village",
                       {std::to_string(outside_own.size()) + " villages have their centre (village committee) outside their own boundary: " + list_some(outside_own, 6),
                        std::to_string(outside_own.size()) + " 个村（社区）的中心点（村委会）不在本村边界内：" + list_some(outside_own, 6)}});

    std::vector<std::string> sites_outside;
    for (const Site& s : r.sites) {
        const Township& t = r.township(s.township);
        if (!t.polygon.empty() && distance_to(t.polygon, s.location) > 1.0) sites_outside.push_back(s.name + " (" + s.id + ")");
    }
    if (!sites_outside.empty())
        out.push_back({Severity::warning, "site_outside_township",
                       {std::to_string(sites_outside.size()) + " sites stand outside their township: " + list_some(sites_outside, 6),
                        std::to_string(sites_outside.size()) + " 个站点不在所属镇（街）内：" + list_some(sites_outside, 6)}});

    std::size_t far = 0;
    double farthest = 0;
    for (const Beneficiary& b : r.beneficiaries) {
        if (!b.village) continue;
        const Village& v = r.village(*b.village);
        const double d = v.polygon.empty() ? distance(v.anchor, b.location) : distance_to(v.polygon, b.location);
        if (d > config.max_beneficiary_distance_m) {
            ++far;
            farthest = std::max(farthest, d);
        }
    }
    if (far > 0) {
        const std::string limit = format_decimal(config.max_beneficiary_distance_m, 0), most = format_decimal(farthest / 1000, 1);
        out.push_back({Severity::warning, "beneficiary_far_from_village",
                       {std::to_string(far) + " beneficiaries live more than " + limit + " m from their registered village (farthest " + most +
                            " km): wrong village code or wrong coordinates?",
                        std::to_string(far) + " 名服务对象距登记所在村超过 " + limit + " 米（最远 " + most + " 千米）：村代码或坐标是否有误？"}});
    }
    return out;
}

}  // namespace coverplan
