#include "geo/isochrones.hpp"

#include <algorithm>

#include "core/isochrone.hpp"
#include "core/travel_time.hpp"
#include "geo/geos_context.hpp"

namespace coverplan::geo {

namespace {
ReachGridOptions grid_options(const TravelConfig& travel, const PolygonOptions& options) {
    ReachGridOptions o;
    o.max_s = travel.thresholds_min.back() * 60;
    o.cell_m = options.cell_m;
    o.walk_ms = travel.access_kmh / 3.6;
    o.walk_cap_m = travel.max_snap_m;
    o.memory = options.memory;
    return o;
}
// A band traced from the grid follows the cells' edges. Simplified (topology kept) by 3/4 of a
// cell, the staircase becomes straight lines while no edge moves farther than the grid's own
// resolution; where GEOS finds the simplified band invalid, the traced one stays. `larger`
// (already smoothed, valid) then cuts it, so that the bands still nest.
MultiPolygon smooth_band(const Geos& geos, const MultiPolygon& traced, const MultiPolygon* larger, double cell_m) {
    if (traced.empty()) return traced;
    GeomPtr s = geos.simplify_keeping_topology(geos.multipolygon(traced).get(), 0.75 * cell_m);
    if (!geos.is_valid(s.get())) s = geos.multipolygon(traced);
    if (larger && !larger->empty()) {
        const GeomPtr outer = geos.multipolygon(*larger);
        s = geos.intersection(s.get(), outer.get());
    }
    return geos.to_multipolygon(s.get());
}

}  // namespace

std::vector<IsochroneBand> site_isochrones(const Region& region, const RoadGraph& graph, const Accesses& access,
                                           const TravelConfig& travel, const PolygonOptions& options, int threads) {
    const std::size_t n_sites = region.sites.size();
    const std::size_t n_bands = travel.thresholds_min.size();
    std::vector<IsochroneBand> out(n_sites * n_bands);
    ReachGridOptions o = grid_options(travel, options);
    o.concurrent = std::max(1, std::min<int>(threads, static_cast<int>(n_sites)));
    for_each_source(graph, n_sites, threads, [&](Dijkstra& d, std::size_t s) {
        std::vector<Seed> seeds;
        add_seeds(graph, access.sites[s], static_cast<std::uint32_t>(s), seeds);
        d.run(seeds, o.max_s);
        const TimeGrid grid = reach_grid(graph, d, {access.sites[s]}, o);
        const Geos geos;  // one GEOS context per thread
        // From the largest band down, each smoothed and cut to the one above it.
        for (std::size_t b = n_bands; b-- > 0;) {
            IsochroneBand& band = out[s * n_bands + b];
            band.site = SiteId{static_cast<std::uint32_t>(s)};
            band.band_min = travel.thresholds_min[b];
            const MultiPolygon traced = band_polygons(grid, band.band_min * 60);  // valid by construction
            band.polygon = smooth_band(geos, traced, b + 1 < n_bands ? &out[s * n_bands + b + 1].polygon : nullptr, options.cell_m);
        }
    });
    return out;
}

std::vector<Gap> coverage_gaps(const Region& region, const RoadGraph& graph, const Accesses& access, const CoverageResult& coverage,
                               const TravelConfig& travel, const PolygonOptions& options) {
    const ReachGridOptions o = grid_options(travel, options);
    // One search from all sites: the area each band covers, whichever site covers it.
    Dijkstra d(graph);
    std::vector<Seed> seeds;
    for (std::uint32_t s = 0; s < region.sites.size(); ++s) add_seeds(graph, access.sites[s], s, seeds);
    d.run(seeds, o.max_s);
    const TimeGrid grid = reach_grid(graph, d, access.sites, o);
    const Geos geos;
    const double min_area = 2 * options.cell_m * options.cell_m;  // smaller slivers are raster edges

    std::vector<Gap> gaps;
    for (double band : travel.thresholds_min) {
        const MultiPolygon covered = smooth_band(geos, band_polygons(grid, band * 60), nullptr, options.cell_m);
        GeomPtr covered_g = geos.multipolygon(repair_polygon(geos, covered, nullptr));
        for (std::uint32_t t = 0; t < region.townships.size(); ++t) {
            const Township& town = region.townships[t];
            if (town.polygon.empty()) continue;
            GeomPtr town_g = geos.multipolygon(town.polygon);
            GeomPtr rest = geos.difference(town_g.get(), covered_g.get());
            for (Polygon& part : geos.to_multipolygon(rest.get())) {
                Gap g;
                g.township = TownshipId{t};
                g.band_min = band;
                g.area_m2 = area(MultiPolygon{part});
                g.polygon = std::move(part);
                gaps.push_back(std::move(g));
            }
        }
        // The uncovered beneficiaries of this band, each in the gap that holds it.
        const auto first = gaps.end() - static_cast<long>(std::count_if(gaps.begin(), gaps.end(), [&](const Gap& g) { return g.band_min == band; }));
        std::vector<Box> boxes;
        for (auto it = first; it != gaps.end(); ++it) boxes.push_back(bounds(MultiPolygon{it->polygon}));
        for (std::size_t i = 0; i < region.beneficiaries.size(); ++i) {
            if (coverage.beneficiary_nearest[i].time_s <= band * 60) continue;
            const Beneficiary& b = region.beneficiaries[i];
            for (std::size_t k = 0; k < boxes.size(); ++k) {
                Gap& g = *(first + static_cast<long>(k));
                if (!boxes[k].contains(b.location) || !contains(MultiPolygon{g.polygon}, b.location)) continue;
                ++g.uncovered;
                g.uncovered_weight += b.weight;
                for (int c = 0; c < k_category_count; ++c)
                    if (b.categories & bit(static_cast<Category>(c))) ++g.by_category[static_cast<std::size_t>(c)];
                break;
            }
        }
        gaps.erase(std::remove_if(first, gaps.end(), [&](const Gap& g) { return g.area_m2 < min_area && g.uncovered == 0; }), gaps.end());
    }
    // Rank within each band: most uncovered weight first, then larger area, then township order.
    std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) {
        if (a.band_min != b.band_min) return a.band_min < b.band_min;
        if (a.uncovered_weight != b.uncovered_weight) return a.uncovered_weight > b.uncovered_weight;
        if (a.area_m2 != b.area_m2) return a.area_m2 > b.area_m2;
        return a.township < b.township;
    });
    for (std::size_t i = 0; i < gaps.size(); ++i) gaps[i].rank = (i > 0 && gaps[i - 1].band_min == gaps[i].band_min) ? gaps[i - 1].rank + 1 : 1;
    return gaps;
}

}  // namespace coverplan::geo
