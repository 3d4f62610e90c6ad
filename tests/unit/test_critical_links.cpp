// Critical links against brute force: each edge removed in turn, the parts found by a plain
// breadth-first search, the objects cut off counted one by one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <set>

#include "core/critical_links.hpp"
#include "core/rng.hpp"

using namespace coverplan;

namespace {

struct Case {
    RoadGraph graph;
    Region region;
    Accesses access;
};

RoadEdge edge(std::uint32_t a, std::uint32_t b) {
    RoadEdge e;
    e.from = a;
    e.to = b;
    e.points = {{static_cast<double>(a), 0}, {static_cast<double>(b), 1}};
    e.cum_length_m = {0, 1};
    e.cum_time_s = {0, 1};
    return e;
}

Access on(std::uint32_t e, bool reachable = true) {
    Access a;
    a.reachable = reachable;
    a.edge = e;
    return a;
}

// A random multigraph of n nodes (loops, parallel edges and several parts included) with villages,
// sites and beneficiaries on random edges, a few not joined to any road.
Case random_case(Rng& rng, std::uint32_t n) {
    Case c;
    c.graph.node_xy.resize(n);
    const std::size_t m = 1 + rng.below(2 * n);
    for (std::size_t k = 0; k < m; ++k)
        c.graph.edges.push_back(edge(static_cast<std::uint32_t>(rng.below(n)), static_cast<std::uint32_t>(rng.below(n))));
    auto some_edge = [&] { return on(static_cast<std::uint32_t>(rng.below(m)), !rng.chance(0.1)); };
    for (std::size_t v = 0, nv = rng.below(8); v < nv; ++v) {
        c.region.villages.emplace_back();
        c.access.villages.push_back(some_edge());
    }
    for (std::size_t s = 0, ns = rng.below(4); s < ns; ++s) {
        c.region.sites.emplace_back();
        c.access.sites.push_back(some_edge());
    }
    for (std::size_t b = 0, nb = rng.below(30); b < nb; ++b) {
        Beneficiary ben;
        ben.categories = static_cast<CategorySet>(1 + rng.below(127));
        ben.weight = 0.5 + static_cast<double>(rng.below(4));
        c.region.beneficiaries.push_back(ben);
        c.access.beneficiaries.push_back(some_edge());
    }
    return c;
}

// The nodes reached from `start` without edge `skip`.
std::set<std::uint32_t> reach(const RoadGraph& g, std::uint32_t start, std::uint32_t skip) {
    std::set<std::uint32_t> seen{start};
    std::deque<std::uint32_t> todo{start};
    while (!todo.empty()) {
        const std::uint32_t v = todo.front();
        todo.pop_front();
        for (std::uint32_t k = 0; k < g.edges.size(); ++k) {
            if (k == skip) continue;
            const RoadEdge& e = g.edges[k];
            for (const auto& [a, b] : {std::pair{e.from, e.to}, std::pair{e.to, e.from}})
                if (a == v && seen.insert(b).second) todo.push_back(b);
        }
    }
    return seen;
}

// What the removal of `e` cuts off, by brute force; nullopt when its ends stay connected.
std::optional<CriticalLink> brute_force(const Case& c, std::uint32_t e) {
    const RoadEdge& re = c.graph.edges[e];
    const std::set<std::uint32_t> a = reach(c.graph, re.from, e);
    if (a.count(re.to)) return std::nullopt;
    const std::set<std::uint32_t> b = reach(c.graph, re.to, e);
    // The smaller part; on a tie the one without the part's lowest node.
    const std::uint32_t lowest = std::min(*a.begin(), *b.begin());
    const std::set<std::uint32_t>& cut = a.size() != b.size() ? (a.size() < b.size() ? a : b) : (a.count(lowest) ? b : a);
    CriticalLink link;
    link.edge = e;
    link.nodes_cut = static_cast<std::uint32_t>(cut.size());
    auto is_cut = [&](const Access& x) { return x.reachable && (x.edge == e || cut.count(c.graph.edges[x.edge].from) > 0); };
    for (std::uint32_t v = 0; v < c.access.villages.size(); ++v)
        if (is_cut(c.access.villages[v])) {
            ++link.villages;
            link.listed_villages.push_back(VillageId{v});
        }
    for (std::uint32_t s = 0; s < c.access.sites.size(); ++s)
        if (is_cut(c.access.sites[s])) {
            ++link.sites;
            link.listed_sites.push_back(SiteId{s});
        }
    for (std::size_t i = 0; i < c.access.beneficiaries.size(); ++i)
        if (is_cut(c.access.beneficiaries[i])) {
            const Beneficiary& ben = c.region.beneficiaries[i];
            ++link.beneficiaries;
            link.weight += ben.weight;
            for (int k = 0; k < k_category_count; ++k) link.by_category[k] += (ben.categories >> k) & 1u;
        }
    link.no_site = link.sites == 0;
    return link;
}

}  // namespace

TEST_CASE("critical links are exactly the edges whose loss cuts something off, with what it cuts off (brute force on 400 graphs)",
          "[flood][critical_links]") {
    Rng rng(20261207);
    std::size_t bridges_seen = 0, links_seen = 0;
    for (int round = 0; round < 400; ++round) {
        const Case c = random_case(rng, 1 + static_cast<std::uint32_t>(rng.below(9)));
        const std::vector<CriticalLink> links = critical_links(c.region, c.graph, c.access);
        const std::vector<std::uint32_t> bridges = graph_bridges(c.graph);
        std::vector<std::uint32_t> expected_bridges;
        std::vector<CriticalLink> expected;
        for (std::uint32_t e = 0; e < c.graph.edges.size(); ++e) {
            const std::optional<CriticalLink> b = brute_force(c, e);
            if (!b) continue;
            expected_bridges.push_back(e);
            if (b->villages + b->sites + b->beneficiaries > 0) expected.push_back(*b);
        }
        INFO("round " << round);
        REQUIRE(bridges == expected_bridges);
        REQUIRE(links.size() == expected.size());
        bridges_seen += bridges.size();
        links_seen += links.size();
        for (const CriticalLink& got : links) {
            const auto it = std::find_if(expected.begin(), expected.end(), [&](const CriticalLink& x) { return x.edge == got.edge; });
            REQUIRE(it != expected.end());
            INFO("edge " << got.edge);
            CHECK(got.nodes_cut == it->nodes_cut);
            CHECK(got.villages == it->villages);
            CHECK(got.sites == it->sites);
            CHECK(got.beneficiaries == it->beneficiaries);
            CHECK(got.weight == Approx(it->weight));
            CHECK(got.by_category == it->by_category);
            CHECK(got.listed_villages == it->listed_villages);  // fewer than k_listed here: every one
            CHECK(got.listed_sites == it->listed_sites);
            CHECK(got.no_site == it->no_site);
        }
        // Most beneficiaries first, then villages, sites, edge.
        for (std::size_t k = 1; k < links.size(); ++k) {
            const CriticalLink &a = links[k - 1], &b = links[k];
            CHECK(std::make_tuple(b.beneficiaries, b.villages, b.sites, a.edge) < std::make_tuple(a.beneficiaries, a.villages, a.sites, b.edge));
        }
    }
    CHECK(bridges_seen > 500);  // the cases are not all trivial
    CHECK(links_seen > 300);
}

TEST_CASE("a village beyond one bridge is cut off by it; a ring around it saves it", "[flood][critical_links]") {
    // 0 — 1 — 2 — 3, the village and two beneficiaries on 2 — 3, a site on 0 — 1.
    Case c;
    c.graph.node_xy.resize(4);
    c.graph.edges = {edge(0, 1), edge(1, 2), edge(2, 3)};
    c.region.villages.emplace_back();
    c.access.villages = {on(2)};
    c.region.sites.emplace_back();
    c.access.sites = {on(0)};
    c.region.beneficiaries.resize(2);
    c.region.beneficiaries[0].categories = bit(Category::tekun);
    c.region.beneficiaries[1].categories = bit(Category::tekun) | bit(Category::disabled);
    c.access.beneficiaries = {on(2), on(2)};
    std::vector<CriticalLink> links = critical_links(c.region, c.graph, c.access);
    REQUIRE(links.size() == 3);
    // 2 — 3 (the village's own road) and 1 — 2 cut off the village and both people; 0 — 1 the site.
    CHECK(links[0].edge == 1);
    CHECK(links[0].nodes_cut == 2);
    CHECK(links[0].beneficiaries == 2);
    CHECK(links[0].by_category[static_cast<int>(Category::tekun)] == 2);
    CHECK(links[0].by_category[static_cast<int>(Category::disabled)] == 1);
    CHECK(links[0].no_site);
    CHECK(links[1].edge == 2);
    CHECK(links[1].nodes_cut == 1);
    CHECK(links[1].villages == 1);
    CHECK(links[2].edge == 0);
    CHECK(links[2].sites == 1);
    CHECK_FALSE(links[2].no_site);
    // A second road 0 — 3 makes a ring: no edge is critical any more.
    c.graph.edges.push_back(edge(3, 0));
    CHECK(graph_bridges(c.graph).empty());
    CHECK(critical_links(c.region, c.graph, c.access).empty());
    // Two parallel roads are not bridges either; a loop never is.
    c.graph.edges = {edge(0, 1), edge(0, 1), edge(1, 1)};
    c.graph.node_xy.resize(2);
    CHECK(graph_bridges(c.graph).empty());
}

TEST_CASE("bridges are found without recursion on a chain of 200,000 nodes", "[flood][critical_links]") {
    RoadGraph g;
    const std::uint32_t n = 200000;
    g.node_xy.resize(n);
    for (std::uint32_t v = 0; v + 1 < n; ++v) g.edges.push_back(edge(v, v + 1));
    CHECK(graph_bridges(g).size() == n - 1);
}
