#include "core/coverage.hpp"

#include <algorithm>

namespace coverplan {

std::vector<std::optional<SiteId>> assigned_sites(const Region& region) {
    std::vector<std::optional<SiteId>> out(region.villages.size());
    for (std::uint32_t s = 0; s < region.sites.size(); ++s)
        for (VillageId v : region.sites[s].served_villages)
            if (!out[v.value]) out[v.value] = SiteId{s};
    return out;
}

namespace {

class Computation {
public:
    Computation(const Region& r, const RoadGraph& g, const Accesses& a, double limit_s)
        : m_r(r), m_g(g), m_a(a), m_limit(limit_s), m_sites_on_edge() {
        for (std::uint32_t s = 0; s < r.sites.size(); ++s)
            if (a.sites[s].reachable) m_sites_on_edge.emplace(a.sites[s].edge, s);
    }

    // One search from every site at once: each target's nearest site.
    void nearest(CoverageResult& out) const {
        Dijkstra d(m_g);
        std::vector<Seed> seeds;
        for (std::uint32_t s = 0; s < m_r.sites.size(); ++s) add_seeds(m_g, m_a.sites[s], s, seeds);
        d.run(seeds, m_limit);
        out.village_nearest.resize(m_r.villages.size());
        for (std::size_t v = 0; v < m_r.villages.size(); ++v) out.village_nearest[v] = best(d, m_a.villages[v]);
        out.beneficiary_nearest.resize(m_r.beneficiaries.size());
        for (std::size_t b = 0; b < m_r.beneficiaries.size(); ++b) out.beneficiary_nearest[b] = best(d, m_a.beneficiaries[b]);
    }

    // One search per site: the villages it serves and the beneficiaries living in them.
    void assigned(CoverageResult& out, int threads) const {
        const auto assigned = assigned_sites(m_r);
        std::vector<std::vector<std::uint32_t>> beneficiaries_of(m_r.villages.size());
        for (std::uint32_t b = 0; b < m_r.beneficiaries.size(); ++b)
            if (m_r.beneficiaries[b].village) beneficiaries_of[m_r.beneficiaries[b].village->value].push_back(b);
        out.village_assigned.assign(m_r.villages.size(), {});
        out.beneficiary_assigned.assign(m_r.beneficiaries.size(), {});
        out.served_time_s.assign(m_r.sites.size(), {});
        for_each_source(m_g, m_r.sites.size(), threads, [&](Dijkstra& d, std::size_t s) {
            const Site& site = m_r.sites[s];
            const Access& from = m_a.sites[s];
            std::vector<Seed> seeds;
            add_seeds(m_g, from, static_cast<std::uint32_t>(s), seeds);
            // Only this site's villages and their people are needed: stop once they are settled.
            std::vector<Access> targets;
            for (VillageId v : site.served_villages) {
                targets.push_back(m_a.villages[v.value]);
                for (std::uint32_t b : beneficiaries_of[v.value]) targets.push_back(m_a.beneficiaries[b]);
            }
            d.run(seeds, m_limit, &targets);
            auto time_to = [&](const Access& to) {
                const double t = std::min(d.arrive(to).time_s, same_edge_time(m_g, from, to));
                return t <= m_limit ? t : k_unreached;
            };
            for (VillageId v : site.served_villages) {
                const double t = time_to(m_a.villages[v.value]);
                out.served_time_s[s].push_back(t);
                if (assigned[v.value] != SiteId{static_cast<std::uint32_t>(s)}) continue;
                out.village_assigned[v.value] = {SiteId{static_cast<std::uint32_t>(s)}, t};
                for (std::uint32_t b : beneficiaries_of[v.value])
                    out.beneficiary_assigned[b] = {SiteId{static_cast<std::uint32_t>(s)}, time_to(m_a.beneficiaries[b])};
            }
        });
    }

private:
    TimeToSite best(const Dijkstra& d, const Access& to) const {
        const Dijkstra::Arrival via_nodes = d.arrive(to);
        TimeToSite r;
        if (via_nodes.time_s != k_unreached) r = {SiteId{via_nodes.label}, via_nodes.time_s};
        if (to.reachable) {  // a site on the same edge can be reached without passing a node
            auto [lo, hi] = m_sites_on_edge.equal_range(to.edge);
            for (auto it = lo; it != hi; ++it) {
                const double t = same_edge_time(m_g, m_a.sites[it->second], to);
                if (t <= m_limit && (t < r.time_s || (t == r.time_s && (!r.site || it->second < r.site->value))))
                    r = {SiteId{it->second}, t};
            }
        }
        return r;
    }

    const Region& m_r;
    const RoadGraph& m_g;
    const Accesses& m_a;
    double m_limit;
    std::multimap<std::uint32_t, std::uint32_t> m_sites_on_edge;  // edge → site
};

double weighted_median(std::vector<std::pair<double, double>> tw) {  // (time, weight)
    if (tw.empty()) return k_nan;
    std::sort(tw.begin(), tw.end());
    double total = 0;
    for (const auto& [t, w] : tw) total += w;
    double acc = 0;
    for (const auto& [t, w] : tw) {
        acc += w;
        if (acc >= total / 2) return t;
    }
    return tw.back().first;
}

struct Accumulator {
    CoverageStats stats;
    std::vector<std::pair<double, double>> times;  // reached: (seconds, weight)

    explicit Accumulator(std::size_t n_thresholds) {
        stats.villages_within.assign(n_thresholds, 0);
        stats.weight_within_nearest.assign(n_thresholds, 0);
        stats.weight_within_assigned.assign(n_thresholds, 0);
    }
    void village(double nearest_s, const std::vector<double>& th_s) {
        ++stats.villages;
        for (std::size_t k = 0; k < th_s.size(); ++k)
            if (nearest_s <= th_s[k]) ++stats.villages_within[k];
    }
    void beneficiary(const Beneficiary& b, double nearest_s, double assigned_s, const std::vector<double>& th_s) {
        ++stats.beneficiaries;
        stats.weight += b.weight;
        for (std::size_t k = 0; k < th_s.size(); ++k) {
            if (nearest_s <= th_s[k]) stats.weight_within_nearest[k] += b.weight;
            if (assigned_s <= th_s[k]) stats.weight_within_assigned[k] += b.weight;
        }
        if (nearest_s == k_unreached) ++stats.beneficiaries_unreached;
        else times.emplace_back(nearest_s, b.weight);
    }
    CoverageStats finish() {
        if (!times.empty()) {
            double sum = 0, w = 0, mx = 0;
            for (const auto& [t, wt] : times) {
                sum += t * wt;
                w += wt;
                mx = std::max(mx, t);
            }
            stats.mean_min = w > 0 ? sum / w / 60 : k_nan;
            stats.median_min = weighted_median(times) / 60;
            stats.max_min = mx / 60;
        }
        return stats;
    }
};

}  // namespace

std::vector<float> time_matrix(const RoadGraph& graph, const std::vector<Access>& sources, const std::vector<Access>& targets,
                               double limit_s, int threads) {
    std::vector<float> m(sources.size() * targets.size(), static_cast<float>(k_unreached));
    for_each_source(graph, sources.size(), threads,
                    [&](Dijkstra& d, std::size_t s) { time_row(graph, d, sources[s], targets, limit_s, m.data() + s * targets.size()); });
    return m;
}

void time_row(const RoadGraph& graph, Dijkstra& d, const Access& source, const std::vector<Access>& targets, double limit_s, float* row) {
    std::vector<Seed> seeds;
    add_seeds(graph, source, 0, seeds);
    d.run(seeds, limit_s, &targets);
    for (std::size_t t = 0; t < targets.size(); ++t) {
        const double time = std::min(d.arrive(targets[t]).time_s, same_edge_time(graph, source, targets[t]));
        row[t] = time <= limit_s ? static_cast<float>(time) : static_cast<float>(k_unreached);
    }
}

CoverageResult compute_coverage(const Region& region, const RoadGraph& graph, const Accesses& access, double limit_s,
                                int threads) {
    CoverageResult out;
    out.limit_s = limit_s;
    const Computation c(region, graph, access, limit_s);
    c.nearest(out);
    c.assigned(out, threads);
    return out;
}

CoverageSummary summarise_coverage(const Region& region, const CoverageResult& result, const std::vector<double>& thresholds_min) {
    std::vector<double> th_s;
    for (double m : thresholds_min) th_s.push_back(m * 60);
    const std::size_t n = th_s.size();
    Accumulator total(n);
    std::map<std::string, Accumulator> county;
    std::vector<Accumulator> township(region.townships.size(), Accumulator(n));
    std::vector<Accumulator> category(all_categories().size(), Accumulator(n));
    auto county_of = [&](TownshipId t) -> Accumulator& {
        return county.try_emplace(region.township(t).county_code(), n).first->second;
    };
    for (std::size_t v = 0; v < region.villages.size(); ++v) {
        const double t = result.village_nearest[v].time_s;
        const TownshipId tid = region.villages[v].township;
        total.village(t, th_s);
        township[tid.value].village(t, th_s);
        county_of(tid).village(t, th_s);
    }
    for (std::size_t i = 0; i < region.beneficiaries.size(); ++i) {
        const Beneficiary& b = region.beneficiaries[i];
        const double tn = result.beneficiary_nearest[i].time_s;
        const double ta = result.beneficiary_assigned[i].time_s;
        total.beneficiary(b, tn, ta, th_s);
        if (b.village) {
            const TownshipId tid = region.village(*b.village).township;
            township[tid.value].beneficiary(b, tn, ta, th_s);
            county_of(tid).beneficiary(b, tn, ta, th_s);
        }
        for (std::size_t c = 0; c < all_categories().size(); ++c)
            if (b.categories & bit(all_categories()[c])) category[c].beneficiary(b, tn, ta, th_s);
    }
    CoverageSummary s;
    s.thresholds_min = thresholds_min;
    s.total = total.finish();
    for (auto& [code, acc] : county) s.by_county.emplace(code, acc.finish());
    for (auto& acc : township) s.by_township.push_back(acc.finish());
    for (auto& acc : category) s.by_category.push_back(acc.finish());
    return s;
}

}  // namespace coverplan
