#include "core/detour_links.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <tuple>

#include "core/parallel.hpp"
#include "core/travel_time.hpp"

namespace coverplan {

namespace {

// A time no bounded search reaches: an arc given it is out of use (the arc table must hold
// finite times).
constexpr double k_closed_s = 1e12;

struct Trip {
    std::optional<SiteId> site;
    double before_s = k_unreached;
    std::size_t people = 0;
};

// A thread's copy of the arcs, to close one link's arcs at a time, and its search over them.
struct Closer {
    std::unique_ptr<ArcTable> arcs;
    std::unique_ptr<Dijkstra> search;
    // The arcs of edge e between its ends (one per direction allowed), found by head and time.
    std::vector<std::uint32_t> arcs_of(const RoadGraph& g, std::uint32_t e) const {
        std::vector<std::uint32_t> out;
        const RoadEdge& edge = g.edges[e];
        auto find = [&](std::uint32_t from, std::uint32_t to) {
            for (std::uint32_t a = arcs->first_out[from]; a < arcs->first_out[from + 1]; ++a)
                if (arcs->head[a] == to && arcs->time_s[a] == edge.time_s() &&
                    std::find(out.begin(), out.end(), a) == out.end()) {
                    out.push_back(a);
                    return;
                }
        };
        if (edge.forward) find(edge.from, edge.to);
        if (edge.backward) find(edge.to, edge.from);
        return out;
    }
};

}  // namespace

DetourResult detour_links(const Region& region, const RoadGraph& g, const Accesses& access, const CoverageResult& coverage,
                          const std::vector<std::uint32_t>& bridges, const DetourOptions& options, double limit_s, int threads) {
    DetourResult out;
    const std::size_t nv = region.villages.size();
    if (options.candidates == 0 || nv == 0 || access.sites.empty()) return out;
    // Each village's trip: to the site serving it when that site reaches it, else to the nearest.
    std::vector<Trip> trips(nv);
    for (const Beneficiary& b : region.beneficiaries)
        if (b.village) ++trips[b.village->value].people;
    for (std::size_t v = 0; v < nv; ++v) {
        const TimeToSite& own = coverage.village_assigned.size() == nv ? coverage.village_assigned[v] : TimeToSite{};
        const TimeToSite& near = coverage.village_nearest.size() == nv ? coverage.village_nearest[v] : TimeToSite{};
        const TimeToSite& t = own.site && std::isfinite(own.time_s) ? own : near;
        if (t.site && std::isfinite(t.time_s) && access.villages[v].reachable) {
            trips[v].site = t.site;
            trips[v].before_s = t.time_s;
        }
    }
    // The roads of each trip, and per edge the villages and people over it.
    std::vector<std::vector<std::uint32_t>> path(nv);
    for_each_index(
        nv, threads, [&g] { return PathTracer(g); },
        [&](PathTracer& tracer, std::size_t v) {
            if (!trips[v].site) return;
            const Access& from = access.sites[trips[v].site->value];
            PathTracer::Trip t = tracer.trace(from, access.villages[v], std::min(limit_s, trips[v].before_s + 1));
            // The links the trip starts and ends on are left out: closing them lengthens nothing
            // (a place on a closed link is still reached from either end).
            std::erase_if(t.edges, [&](std::uint32_t e) { return e == from.edge || e == access.villages[v].edge; });
            std::sort(t.edges.begin(), t.edges.end());
            t.edges.erase(std::unique(t.edges.begin(), t.edges.end()), t.edges.end());
            path[v] = std::move(t.edges);
        });
    std::vector<std::size_t> villages_on(g.edges.size(), 0), people_on(g.edges.size(), 0);
    for (std::size_t v = 0; v < nv; ++v)
        for (std::uint32_t e : path[v]) {
            ++villages_on[e];
            people_on[e] += trips[v].people;
        }
    // The busiest links that cut nothing off.
    std::vector<char> is_bridge(g.edges.size(), 0);
    for (std::uint32_t e : bridges) is_bridge[e] = 1;
    std::vector<std::uint32_t> busy;
    for (std::uint32_t e = 0; e < g.edges.size(); ++e)
        if (!is_bridge[e] && villages_on[e] > 0 && g.edges[e].from != g.edges[e].to) busy.push_back(e);
    std::sort(busy.begin(), busy.end(), [&](std::uint32_t a, std::uint32_t b) {
        return std::tie(people_on[b], villages_on[b], a) < std::tie(people_on[a], villages_on[a], b);
    });
    if (busy.size() > options.candidates) busy.resize(options.candidates);
    out.checked = busy.size();

    // Each candidate out of use in turn: the trips over it timed again from their sites.
    std::vector<DetourLink> checked(busy.size());
    for_each_index(
        busy.size(), threads,
        [&g] {
            Closer c;
            c.arcs = std::make_unique<ArcTable>(g.arcs);
            c.search = std::make_unique<Dijkstra>(g, *c.arcs);
            return c;
        },
        [&](Closer& c, std::size_t k) {
            const std::uint32_t e = busy[k];
            DetourLink& link = checked[k];
            link.edge = e;
            link.villages_using = villages_on[e];
            link.beneficiaries_using = people_on[e];
            const std::vector<std::uint32_t> closed = c.arcs_of(g, e);
            for (std::uint32_t a : closed) c.arcs->time_s[a] = k_closed_s;
            // The villages over the link, by site: one search per site.
            std::vector<std::pair<std::uint32_t, std::uint32_t>> users;  // (site, village)
            for (std::size_t v = 0; v < nv; ++v)
                if (std::binary_search(path[v].begin(), path[v].end(), e)) users.emplace_back(trips[v].site->value, static_cast<std::uint32_t>(v));
            std::sort(users.begin(), users.end());
            std::vector<std::pair<double, std::uint32_t>> delayed;  // (extra, village)
            std::vector<Seed> seeds;
            for (std::size_t i = 0; i < users.size();) {
                std::size_t j = i;
                std::vector<Access> targets;
                while (j < users.size() && users[j].first == users[i].first) targets.push_back(access.villages[users[j++].second]);
                seeds.clear();
                add_seeds(g, access.sites[users[i].first], 0, seeds);
                c.search->run(seeds, limit_s, &targets);
                for (std::size_t u = i; u < j; ++u) {
                    const std::uint32_t v = users[u].second;
                    const Access& site = access.sites[users[u].first];
                    const double after = std::min(c.search->arrive(access.villages[v]).time_s, same_edge_time(g, site, access.villages[v]));
                    const double extra = after - trips[v].before_s;
                    if (!(extra > options.min_extra_s)) continue;
                    delayed.emplace_back(std::isfinite(after) ? extra : k_unreached, v);
                    ++link.villages_delayed;
                    link.beneficiaries_delayed += trips[v].people;
                    if (std::isfinite(after)) link.max_extra_s = std::max(link.max_extra_s, extra);
                    else ++link.villages_unreached;
                }
                i = j;
            }
            for (std::uint32_t a : closed) c.arcs->time_s[a] = g.arcs.time_s[a];
            std::sort(delayed.begin(), delayed.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
            for (std::size_t i = 0; i < std::min(delayed.size(), k_detour_listed); ++i) link.listed_villages.push_back(VillageId{delayed[i].second});
        });
    // Without beneficiaries the villages are what is counted.
    const bool people = !region.beneficiaries.empty();
    for (DetourLink& l : checked)
        if (l.villages_delayed > 0 && (people ? l.beneficiaries_delayed : l.villages_delayed) >= options.min_people) out.links.push_back(std::move(l));
    std::stable_sort(out.links.begin(), out.links.end(), [](const DetourLink& a, const DetourLink& b) {
        return std::tie(b.beneficiaries_delayed, b.villages_delayed) < std::tie(a.beneficiaries_delayed, a.villages_delayed);
    });
    return out;
}

}  // namespace coverplan
