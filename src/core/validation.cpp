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

// Names damaged by a wrong encoding somewhere upstream (the loader already refuses bytes that are
// not UTF-8): they would print as nonsense on every map and table.
void check_garbled(const Region& r, std::vector<DataNote>& out) {
    std::vector<std::string> names;
    auto look = [&](const std::string& name, const std::string& id) {
        if (looks_garbled(name)) names.push_back(name + " (" + id + ")");
    };
    for (const Township& t : r.townships) look(t.name, t.code);
    for (const Village& v : r.villages) look(v.name, v.code);
    for (const Site& s : r.sites) look(s.name, s.id);
    for (const Candidate& c : r.candidates) look(c.name, c.id);
    if (names.empty()) return;
    const std::string n = std::to_string(names.size()), list = list_some(names, 6);
    out.push_back({Severity::warning, "garbled_names",
                   {n + " names look garbled (replacement characters \"\xEF\xBF\xBD\" or Latin letters where Chinese is expected: the file "
                        "went through a wrong encoding, e.g. GBK opened as Latin-1 or saved as UTF-8 with losses); fix them in the source: " + list,
                    n + " 个名称疑似乱码（含替换字符“\xEF\xBF\xBD”或本应是中文处的拉丁字母：文件曾以错误编码打开或转存，如 GBK 被当作 Latin-1）；请在源数据中更正：" + list}});
}

}  // namespace

std::vector<DataNote> validate_region(const Region& r, const ValidationConfig& config) {
    std::vector<DataNote> out;
    check_extents(r, out);
    check_garbled(r, out);

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

    // A township without villages: usually a villages layer that misses part of the county.
    std::vector<int> villages_in(r.townships.size(), 0);
    for (const Village& v : r.villages) ++villages_in[v.township.value];
    std::vector<std::string> empty_towns;
    for (std::size_t i = 0; i < r.townships.size(); ++i)
        if (villages_in[i] == 0) empty_towns.push_back(r.townships[i].name + " (" + r.townships[i].code + ")");
    if (!empty_towns.empty())
        out.push_back({Severity::warning, "township_without_villages",
                       {std::to_string(empty_towns.size()) + " townships have no village in the villages layer (is the layer complete?): " +
                            list_some(empty_towns, 6),
                        std::to_string(empty_towns.size()) + " 个镇（街）在村（社区）图层中没有任何村（社区）（图层是否完整？）：" + list_some(empty_towns, 6)}});

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
