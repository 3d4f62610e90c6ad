// Synthetic flood-season layers for a sample county (see synth.hpp: add_flood).
#include <algorithm>

#include "synth.hpp"

namespace coverplan::gen {

namespace {

MultiPolygon clipped_buffer(const geo::Geos& geos, const GEOSGeometry* g, double width, const GEOSGeometry* outline) {
    const geo::GeomPtr b = geos.buffer(g, width);
    const geo::GeomPtr c = geos.intersection(b.get(), outline);
    return geos.to_multipolygon(c.get());
}

}  // namespace

void add_flood(const geo::Geos& geos, SynthCounty& c, Rng rng) {
    SynthFlood f;
    const Box box = bounds(c.outline);
    const double h = box.max_y - box.min_y;
    const Point2 west{box.min_x - 500, box.min_y + h * rng.uniform(0.35, 0.65)};
    const Point2 east{box.max_x + 500, box.min_y + h * rng.uniform(0.35, 0.65)};
    f.river = winding_line(west, east, 0.12, 200, rng);
    const geo::GeomPtr outline = geos.multipolygon(c.outline);
    const geo::GeomPtr river = geos.line(f.river);
    // Nested bands: each level's zone is the whole buffer (a home in the 200 m band is in all three;
    // coverplan counts it at its highest level).
    const struct {
        int level;
        double width_m;
        const char* name;
    } bands[] = {{1, 1200, "沿河低洼区"}, {2, 500, "沿河洪水淹没区"}, {3, 200, "河道行洪区"}};
    for (const auto& b : bands) {
        MultiPolygon zone = clipped_buffer(geos, river.get(), b.width_m, outline.get());
        if (!zone.empty()) f.hazards.push_back({std::move(zone), b.level, "洪涝", b.name});
    }
    // Two landslide spots (500 m) at hamlets of villages away from the river, drawn in village order.
    std::vector<const SynthVillage*> far;
    for (const auto& t : c.townships)
        for (const auto& v : t.villages) {
            double d = 0;
            GEOSDistance_r(geos.ctx(), geos.point(v.anchor).get(), river.get(), &d);
            if (d > 3000 && !v.hamlets.empty()) far.push_back(&v);
        }
    for (int k = 0; k < 2 && !far.empty(); ++k) {
        const std::size_t i = rng.below(far.size());
        const SynthVillage& v = *far[i];
        const Point2 spot = v.hamlets[rng.below(v.hamlets.size())];
        MultiPolygon zone = clipped_buffer(geos, geos.point(spot).get(), 500, outline.get());
        if (!zone.empty()) f.hazards.push_back({std::move(zone), 3, "地质灾害", v.admin.name + "滑坡隐患点"});
        far.erase(far.begin() + static_cast<std::ptrdiff_t>(i));
    }
    // Closures: where the first three county or township roads cross the 500 m band outside the
    // 200 m one (the 200 m band closes roads by its level in the sample's scenario).
    const geo::GeomPtr band2 = geos.buffer(river.get(), 500), band3 = geos.buffer(river.get(), 200);
    const geo::GeomPtr middle = geos.difference(band2.get(), band3.get());
    for (const SynthRoad& r : c.roads) {
        if (f.closures.size() == 3) break;
        if (r.road_class != "县道" && r.road_class != "乡道") continue;
        const geo::GeomPtr cut = geos.intersection(geos.line(r.line).get(), middle.get());
        const std::vector<LineString> parts = geos.to_lines(cut.get());
        if (parts.empty()) continue;
        const LineString& longest =
            *std::max_element(parts.begin(), parts.end(), [](const LineString& a, const LineString& b) { return length(a) < length(b); });
        f.closures.push_back({longest, r.ref + " " + r.name + " 水浸封闭"});
    }
    // Shelters: the central school of every township seat; the committee office (村委会 or 居委会) of
    // every fourth village whose centre lies outside the 500 m band.
    for (const auto& t : c.townships) {
        f.shelters.push_back({"SH-" + t.admin.code, t.admin.name + "中心小学", "学校", 300 + 50 * static_cast<int>(rng.below(7)), t.seat});
        int k = 0;
        for (const auto& v : t.villages) {
            const geo::GeomPtr a = geos.point(v.anchor);
            if (GEOSIntersects_r(geos.ctx(), a.get(), band2.get()) == 1 || v.anchor == t.seat) continue;
            if (k++ % 4 != 0) continue;
            // A community's office is its 居委会, a village's its 村委会.
            const bool community = v.admin.name.size() >= 6 && v.admin.name.compare(v.admin.name.size() - 6, 6, "社区") == 0;
            const std::string office = community ? "居委会" : "村委会";
            f.shelters.push_back({"SH-" + v.admin.code, v.admin.name + office, office, 40 + 10 * static_cast<int>(rng.below(8)), v.anchor});
        }
    }
    c.flood = std::move(f);
}

}  // namespace coverplan::gen
