#include "geo/overlaps.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include "core/geometry.hpp"
#include "core/text.hpp"
#include "geo/geos_context.hpp"

namespace coverplan::geo {

std::vector<DataNote> township_overlaps(const Region& region, double min_share) {
    const Geos geos;
    const std::size_t n = region.townships.size();
    std::vector<Box> box(n);
    std::vector<double> area_m2(n, 0);
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i) {
        const MultiPolygon& mp = region.townships[i].polygon;
        if (mp.empty()) continue;
        box[i] = bounds(mp);
        area_m2[i] = area(mp);
        if (area_m2[i] > 0) order.push_back(i);
    }
    // Sweep over the boxes by their west edge: only pairs whose boxes meet are tested.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return box[a].min_x < box[b].min_x || (box[a].min_x == box[b].min_x && a < b); });
    std::vector<std::optional<PreparedGeometry>> prepared(n);
    std::vector<std::string> pairs_en, pairs_zh;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        for (std::size_t l = k + 1; l < order.size() && box[order[l]].min_x <= box[i].max_x; ++l) {
            const std::size_t j = order[l];
            if (box[j].min_y > box[i].max_y || box[j].max_y < box[i].min_y) continue;
            if (!prepared[i]) prepared[i].emplace(geos, geos.multipolygon(region.townships[i].polygon));
            const GeomPtr other = geos.multipolygon(region.townships[j].polygon);
            if (!prepared[i]->intersects(other.get()) || prepared[i]->touches(other.get())) continue;
            const GeomPtr a = geos.multipolygon(region.townships[i].polygon);
            const double shared = area(geos.to_multipolygon(geos.intersection(a.get(), other.get()).get()));
            const std::size_t smaller = area_m2[i] <= area_m2[j] ? i : j;
            const double share = shared / area_m2[smaller];
            if (!(share > min_share)) continue;
            const Township& ti = region.townships[std::min(i, j)];
            const Township& tj = region.townships[std::max(i, j)];
            const Township& ts = region.townships[smaller];
            const std::string pct = format_decimal(100 * std::min(1.0, share), 0) + "%";
            pairs_en.push_back(ti.name + " (" + ti.code + ") and " + tj.name + " (" + tj.code + "): " + pct + " of " + ts.name);
            pairs_zh.push_back(ti.name + "（" + ti.code + "）与" + tj.name + "（" + tj.code + "）：重叠部分占" + ts.name + "的 " + pct);
        }
    }
    if (pairs_en.empty()) return {};
    std::sort(pairs_en.begin(), pairs_en.end());
    std::sort(pairs_zh.begin(), pairs_zh.end());
    const std::string count = std::to_string(pairs_en.size());
    const std::string threshold = format_decimal(100 * min_share, 1) + "%";
    return {{Severity::warning, "townships_overlap",
             {count + " pairs of townships overlap by more than " + threshold + " of the smaller one (two editions of the boundaries, or "
                      "a county outline in the townships layer?): " + list_some(pairs_en, 10),
              count + " 对镇（街）互相重叠，重叠面积超过较小者的 " + threshold + "（是否混入了两版边界，或把县界放进了镇街图层？）：" +
                  list_some(pairs_zh, 10)}}};
}

}  // namespace coverplan::geo
