// Critical links on Andorra's real roads (OSM): every link reported, removed, cuts off exactly
// what it lists; a sample of the other edges, removed, cuts off nothing. The parts are found by a
// plain breadth-first search over the edge list, not by the code under test.
#include <catch2/catch.hpp>

#include <deque>
#include <vector>

#include "core/critical_links.hpp"
#include "core/rng.hpp"
#include "geo/network_analysis.hpp"
#include "io/load_region.hpp"

using namespace coverplan;

namespace {

struct Adjacency {
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> of;  // per node: (edge, other end)
    explicit Adjacency(const RoadGraph& g) : of(g.node_count()) {
        for (std::uint32_t k = 0; k < g.edges.size(); ++k) {
            of[g.edges[k].from].emplace_back(k, g.edges[k].to);
            of[g.edges[k].to].emplace_back(k, g.edges[k].from);
        }
    }
    // 1 for each node reached from `start` without edge `skip`.
    std::vector<char> reach(std::uint32_t start, std::uint32_t skip) const {
        std::vector<char> seen(of.size(), 0);
        seen[start] = 1;
        std::deque<std::uint32_t> todo{start};
        while (!todo.empty()) {
            const std::uint32_t v = todo.front();
            todo.pop_front();
            for (const auto& [e, w] : of[v])
                if (e != skip && !seen[w]) {
                    seen[w] = 1;
                    todo.push_back(w);
                }
        }
        return seen;
    }
};

struct Cut {
    std::size_t villages = 0, sites = 0, beneficiaries = 0;
    std::vector<VillageId> village_list;
};

// What the loss of `e` cuts off, by brute force (the smaller part; the link's own objects with it).
std::optional<Cut> cut_by(const RoadGraph& g, const Adjacency& adj, const Accesses& acc, std::uint32_t e) {
    const RoadEdge& re = g.edges[e];
    const std::vector<char> a = adj.reach(re.from, e);
    if (a[re.to]) return std::nullopt;
    const std::vector<char> b = adj.reach(re.to, e);
    std::size_t na = 0, nb = 0;
    std::uint32_t lowest_a = UINT32_MAX, lowest_b = UINT32_MAX;
    for (std::uint32_t v = 0; v < a.size(); ++v) {
        if (a[v]) ++na, lowest_a = std::min(lowest_a, v);
        if (b[v]) ++nb, lowest_b = std::min(lowest_b, v);
    }
    const std::vector<char>& cut = na != nb ? (na < nb ? a : b) : (lowest_a < lowest_b ? b : a);
    auto is_cut = [&](const Access& x) { return x.reachable && (x.edge == e || cut[g.edges[x.edge].from]); };
    Cut c;
    for (std::uint32_t v = 0; v < acc.villages.size(); ++v)
        if (is_cut(acc.villages[v])) {
            ++c.villages;
            c.village_list.push_back(VillageId{v});
        }
    for (const Access& s : acc.sites) c.sites += is_cut(s);
    for (const Access& x : acc.beneficiaries) c.beneficiaries += is_cut(x);
    return c;
}

}  // namespace

TEST_CASE("on Andorra's roads each critical link cuts off exactly what it lists, and other edges cut off nothing",
          "[flood][critical_links][andorra]") {
    const io::ProjectConfig cfg = io::read_project(std::string(COVERPLAN_DATA_DIR) + "/andorra/project.toml");
    const Region r = io::load_region(cfg);
    const geo::NetworkAnalysis net = geo::join_network(r, cfg.travel);
    const RoadGraph& g = net.graph;
    const std::vector<CriticalLink> links = critical_links(r, g, net.access);
    const Adjacency adj(g);
    REQUIRE(links.size() >= 5);  // Andorra's valleys hang on single roads
    std::vector<char> reported(g.edges.size(), 0);
    std::size_t with_villages = 0;
    for (const CriticalLink& l : links) {
        reported[l.edge] = 1;
        INFO("edge " << l.edge);
        const std::optional<Cut> c = cut_by(g, adj, net.access, l.edge);
        REQUIRE(c);
        CHECK(l.villages == c->villages);
        CHECK(l.sites == c->sites);
        CHECK(l.beneficiaries == c->beneficiaries);
        if (c->villages <= k_listed) CHECK(l.listed_villages == c->village_list);
        with_villages += l.villages > 0;
    }
    CHECK(with_villages > 0);
    // 400 edges not reported, drawn at random: removing one cuts nothing off.
    Rng rng(7);
    std::size_t tried = 0, bridges_cutting_nothing = 0;
    for (int k = 0; k < 4000 && tried < 400; ++k) {
        const auto e = static_cast<std::uint32_t>(rng.below(g.edges.size()));
        if (reported[e]) continue;
        ++tried;
        const std::optional<Cut> c = cut_by(g, adj, net.access, e);
        if (!c) continue;
        ++bridges_cutting_nothing;  // a dead-end road with nothing on it
        CHECK(c->villages + c->sites + c->beneficiaries == 0);
    }
    CHECK(tried == 400);
    // graph_bridges agrees with the brute force on those edges.
    const std::vector<std::uint32_t> bridges = graph_bridges(g);
    CHECK(bridges.size() >= links.size());
    CHECK(bridges_cutting_nothing > 0);
}
