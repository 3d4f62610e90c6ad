#include "geo/isochrones.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "core/isochrone.hpp"
#include "core/parallel.hpp"
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
// Boxes bucketed on a grid over their extent (about 256 buckets along the longer side): the
// boxes that may hold a point, in the order given.
class BoxBuckets {
public:
    BoxBuckets(const std::vector<Box>& boxes, const Box& all) : m_all(all) {
        if (boxes.empty() || all.empty()) return;
        m_cell = std::max({all.max_x - all.min_x, all.max_y - all.min_y, 1.0}) / 256;
        m_w = static_cast<int>((all.max_x - all.min_x) / m_cell) + 1;
        m_h = static_cast<int>((all.max_y - all.min_y) / m_cell) + 1;
        m_buckets.resize(static_cast<std::size_t>(m_w) * static_cast<std::size_t>(m_h));
        for (std::uint32_t k = 0; k < boxes.size(); ++k) {
            if (boxes[k].empty()) continue;
            const auto [i0, j0] = cell(boxes[k].min_x, boxes[k].min_y);
            const auto [i1, j1] = cell(boxes[k].max_x, boxes[k].max_y);
            for (int j = j0; j <= j1; ++j)
                for (int i = i0; i <= i1; ++i) m_buckets[index(i, j)].push_back(k);
        }
    }
    const std::vector<std::uint32_t>& at(const Point2& p) const {
        static const std::vector<std::uint32_t> none;
        if (m_buckets.empty() || !m_all.contains(p)) return none;
        const auto [i, j] = cell(p.x, p.y);
        return m_buckets[index(i, j)];
    }

private:
    std::pair<int, int> cell(double x, double y) const {
        return {std::clamp(static_cast<int>((x - m_all.min_x) / m_cell), 0, m_w - 1), std::clamp(static_cast<int>((y - m_all.min_y) / m_cell), 0, m_h - 1)};
    }
    std::size_t index(int i, int j) const { return static_cast<std::size_t>(j) * static_cast<std::size_t>(m_w) + static_cast<std::size_t>(i); }
    Box m_all;
    double m_cell = 1;
    int m_w = 0, m_h = 0;
    std::vector<std::vector<std::uint32_t>> m_buckets;
};

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

BandAreas band_areas(const Region& region, const RoadGraph& graph, const Accesses& access, const CoverageResult& coverage,
                     const TravelConfig& travel, const PolygonOptions& options, int threads) {
    const ReachGridOptions o = grid_options(travel, options);
    // One search from all sites: the area each band covers, whichever site covers it.
    Dijkstra d(graph);
    std::vector<Seed> seeds;
    for (std::uint32_t s = 0; s < region.sites.size(); ++s) add_seeds(graph, access.sites[s], s, seeds);
    d.run(seeds, o.max_s);
    const TimeGrid grid = reach_grid(graph, d, access.sites, o);
    const double min_area = 2 * options.cell_m * options.cell_m;  // smaller slivers are raster edges

    // Each township from the window of the grid around it, a few cells wider than the smoothing
    // moves an edge: the traced cells within the township are the whole grid's (the smoothed
    // edges within ¾ cell of them, as before), at a cost that grows with the township's area,
    // not the region's. Townships in parallel, each writing only its own results, gathered below
    // in township order.
    const std::vector<double>& bands = travel.thresholds_min;
    struct TownshipBands {
        std::vector<CoveredArea> covered;    // per band
        std::vector<std::vector<Gap>> gaps;  // per band
    };
    std::vector<TownshipBands> per_township(region.townships.size());
    for_each_index(region.townships.size(), threads, [] { return Geos(); }, [&](const Geos& geos, std::size_t t) {
        const Township& town = region.townships[t];
        if (town.polygon.empty()) return;
        const TimeGrid near = window(grid, bounds(town.polygon), 3);
        const GeomPtr town_g = geos.multipolygon(town.polygon);
        const double town_area = area(town.polygon);
        TownshipBands& mine = per_township[t];
        mine.gaps.resize(bands.size());
        for (std::size_t b = 0; b < bands.size(); ++b) {
            const MultiPolygon covered = smooth_band(geos, band_polygons(near, bands[b] * 60), nullptr, options.cell_m);
            const GeomPtr covered_g = geos.multipolygon(repair_polygon(geos, covered, nullptr));
            CoveredArea& in = mine.covered.emplace_back();
            in.township = TownshipId{static_cast<std::uint32_t>(t)};
            in.band_min = bands[b];
            in.polygon = geos.to_multipolygon(geos.intersection(town_g.get(), covered_g.get()).get());
            in.area_m2 = area(in.polygon);
            in.township_area_m2 = town_area;
            const GeomPtr rest = geos.difference(town_g.get(), covered_g.get());
            for (Polygon& part : geos.to_multipolygon(rest.get())) {
                Gap g;
                g.township = in.township;
                g.band_min = bands[b];
                g.area_m2 = area(MultiPolygon{part});
                g.polygon = std::move(part);
                mine.gaps[b].push_back(std::move(g));
            }
        }
    });

    BandAreas out;
    std::vector<Gap>& gaps = out.gaps;
    for (std::size_t band_i = 0; band_i < bands.size(); ++band_i) {
        const double band = bands[band_i];
        for (TownshipBands& town : per_township) {
            if (town.covered.empty()) continue;
            out.covered.push_back(std::move(town.covered[band_i]));
            std::move(town.gaps[band_i].begin(), town.gaps[band_i].end(), std::back_inserter(gaps));
        }
        // The uncovered beneficiaries of this band, each in the first gap that holds it, found
        // through a grid of buckets over the gaps' boxes.
        const auto first = gaps.end() - static_cast<long>(std::count_if(gaps.begin(), gaps.end(), [&](const Gap& g) { return g.band_min == band; }));
        std::vector<Box> boxes;
        Box all;
        for (auto it = first; it != gaps.end(); ++it) {
            boxes.push_back(bounds(MultiPolygon{it->polygon}));
            all.expand(boxes.back());
        }
        const BoxBuckets buckets(boxes, all);
        for (std::size_t i = 0; i < region.beneficiaries.size(); ++i) {
            if (coverage.beneficiary_nearest[i].time_s <= band * 60) continue;
            const Beneficiary& b = region.beneficiaries[i];
            for (std::uint32_t k : buckets.at(b.location)) {
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
    return out;
}

}  // namespace coverplan::geo
