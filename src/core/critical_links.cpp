#include "core/critical_links.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <tuple>

namespace coverplan {

namespace {

constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();

// One depth-first forest of the undirected graph: preorder numbers (a subtree is the range
// [tin, tin + size)), the tree edge to each node's parent, each node's root, and which edges are
// bridges. Roots are taken in node order, so each root is its part's lowest-numbered node.
struct Forest {
    std::vector<std::uint32_t> tin, size, parent_edge, root;
    std::vector<char> bridge;  // per edge
};

Forest search_forest(const RoadGraph& g) {
    const std::uint32_t n = g.node_count();
    const auto m = static_cast<std::uint32_t>(g.edges.size());
    // Undirected adjacency as CSR: per node, (edge, other end); loops left out.
    std::vector<std::uint32_t> first(static_cast<std::size_t>(n) + 1, 0);
    for (const RoadEdge& e : g.edges)
        if (e.from != e.to) {
            ++first[e.from + 1];
            ++first[e.to + 1];
        }
    for (std::uint32_t v = 0; v < n; ++v) first[v + 1] += first[v];
    std::vector<std::uint32_t> adj_edge(first.back()), adj_node(first.back());
    {
        std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
        for (std::uint32_t k = 0; k < m; ++k) {
            const RoadEdge& e = g.edges[k];
            if (e.from == e.to) continue;
            adj_edge[next[e.from]] = k;
            adj_node[next[e.from]++] = e.to;
            adj_edge[next[e.to]] = k;
            adj_node[next[e.to]++] = e.from;
        }
    }
    assert(first.front() == 0 && first.back() == adj_edge.size());

    Forest f;
    f.tin.assign(n, k_none);
    f.size.assign(n, 0);
    f.parent_edge.assign(n, k_none);
    f.root.assign(n, k_none);
    f.bridge.assign(m, 0);
    std::vector<std::uint32_t> low(n, 0);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;  // node, next adjacency entry
    std::uint32_t timer = 0;
    for (std::uint32_t r = 0; r < n; ++r) {
        if (f.tin[r] != k_none) continue;
        f.tin[r] = low[r] = timer++;
        f.root[r] = r;
        stack.emplace_back(r, first[r]);
        while (!stack.empty()) {
            const std::uint32_t v = stack.back().first;
            const std::uint32_t i = stack.back().second;
            if (i < first[v + 1]) {
                ++stack.back().second;
                const std::uint32_t e = adj_edge[i], w = adj_node[i];
                if (e == f.parent_edge[v]) continue;  // the edge itself, not a parallel one
                if (f.tin[w] == k_none) {
                    f.tin[w] = low[w] = timer++;
                    f.parent_edge[w] = e;
                    f.root[w] = r;
                    stack.emplace_back(w, first[w]);
                } else {
                    low[v] = std::min(low[v], f.tin[w]);
                }
                continue;
            }
            f.size[v] = timer - f.tin[v];
            stack.pop_back();
            if (stack.empty()) break;
            const std::uint32_t u = stack.back().first;
            low[u] = std::min(low[u], low[v]);
            if (low[v] > f.tin[u]) f.bridge[f.parent_edge[v]] = 1;
        }
    }
    return f;
}

// Counts of what joins the roads, by preorder position of the node each object is keyed to (its
// edge's `from` node), summed as prefixes so that any range of positions is counted at once.
struct Tally {
    std::size_t villages = 0, sites = 0, beneficiaries = 0;
    double weight = 0;
    std::vector<std::size_t> by_category = std::vector<std::size_t>(k_category_count, 0);

    void add(const Tally& o, int sign) {
        auto step = [sign](std::size_t& a, std::size_t b) { a = sign > 0 ? a + b : a - b; };
        step(villages, o.villages);
        step(sites, o.sites);
        step(beneficiaries, o.beneficiaries);
        weight += sign * o.weight;
        for (int c = 0; c < k_category_count; ++c) step(by_category[c], o.by_category[c]);
    }
    void add_beneficiary(const Beneficiary& b) {
        ++beneficiaries;
        weight += b.weight;
        for (int c = 0; c < k_category_count; ++c) by_category[c] += (b.categories >> c) & 1u;
    }
};

class LinkFinder {
public:
    LinkFinder(const Region& region, const RoadGraph& g, const Accesses& access)
        : m_region(region), m_g(g), m_access(access), m_f(search_forest(g)) {}

    std::vector<CriticalLink> run() {
        index_objects();
        std::vector<CriticalLink> out;
        for (std::uint32_t e = 0; e < m_f.bridge.size(); ++e) {
            if (!m_f.bridge[e]) continue;
            CriticalLink link = measure(e);
            if (link.villages + link.sites + link.beneficiaries > 0) out.push_back(std::move(link));
        }
        std::sort(out.begin(), out.end(), [](const CriticalLink& a, const CriticalLink& b) {
            return std::make_tuple(b.beneficiaries, b.villages, b.sites, a.edge) < std::make_tuple(a.beneficiaries, a.villages, a.sites, b.edge);
        });
        return out;
    }

private:
    struct OnLink {
        Tally tally;
        std::vector<VillageId> villages;
        std::vector<SiteId> sites;
    };

    std::uint32_t position(const Access& a) const { return m_f.tin[m_g.edges[a.edge].from]; }

    void index_objects() {
        const std::size_t n = m_g.node_count();
        std::vector<Tally> at(n);
        m_on_link.assign(m_g.edges.size(), -1);
        auto on_link = [&](std::uint32_t edge) -> OnLink* {
            if (!m_f.bridge[edge]) return nullptr;
            if (m_on_link[edge] < 0) {
                m_on_link[edge] = static_cast<int>(m_links.size());
                m_links.emplace_back();
            }
            return &m_links[static_cast<std::size_t>(m_on_link[edge])];
        };
        for (std::uint32_t v = 0; v < m_access.villages.size(); ++v) {
            const Access& a = m_access.villages[v];
            if (!a.reachable) continue;
            ++at[position(a)].villages;
            m_village_at.emplace_back(position(a), v);
            if (OnLink* l = on_link(a.edge)) {
                ++l->tally.villages;
                l->villages.push_back(VillageId{v});
            }
        }
        for (std::uint32_t s = 0; s < m_access.sites.size(); ++s) {
            const Access& a = m_access.sites[s];
            if (!a.reachable) continue;
            ++at[position(a)].sites;
            m_site_at.emplace_back(position(a), s);
            if (OnLink* l = on_link(a.edge)) {
                ++l->tally.sites;
                l->sites.push_back(SiteId{s});
            }
        }
        for (std::size_t b = 0; b < m_access.beneficiaries.size(); ++b) {
            const Access& a = m_access.beneficiaries[b];
            if (!a.reachable) continue;
            at[position(a)].add_beneficiary(m_region.beneficiaries[b]);
            if (OnLink* l = on_link(a.edge)) l->tally.add_beneficiary(m_region.beneficiaries[b]);
        }
        std::sort(m_village_at.begin(), m_village_at.end());
        std::sort(m_site_at.begin(), m_site_at.end());
        m_prefix.assign(n + 1, Tally{});
        for (std::size_t k = 0; k < n; ++k) {
            m_prefix[k + 1] = m_prefix[k];
            m_prefix[k + 1].add(at[k], +1);
        }
    }

    // What is keyed to positions [a, b).
    Tally range(std::uint32_t a, std::uint32_t b) const {
        Tally t = m_prefix[b];
        t.add(m_prefix[a], -1);
        return t;
    }

    template <typename Id>
    static void list_range(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& at, std::uint32_t a, std::uint32_t b,
                           std::vector<Id>& out) {
        auto it = std::lower_bound(at.begin(), at.end(), std::make_pair(a, std::uint32_t{0}));
        for (; it != at.end() && it->first < b && out.size() < k_listed; ++it) out.push_back(Id{it->second});
    }

    CriticalLink measure(std::uint32_t e) {
        const RoadEdge& edge = m_g.edges[e];
        const std::uint32_t child = m_f.parent_edge[edge.to] == e ? edge.to : edge.from;
        const std::uint32_t root = m_f.root[child];
        const std::uint32_t s0 = m_f.tin[child], s1 = s0 + m_f.size[child];
        const std::uint32_t r0 = m_f.tin[root], r1 = r0 + m_f.size[root];
        // The smaller part is cut off; on a tie the subtree, which never holds the root.
        const bool cut_subtree = m_f.size[child] <= m_f.size[root] - m_f.size[child];
        CriticalLink link;
        link.edge = e;
        Tally cut;
        if (cut_subtree) {
            link.nodes_cut = m_f.size[child];
            cut = range(s0, s1);
        } else {
            link.nodes_cut = m_f.size[root] - m_f.size[child];
            cut = range(r0, s0);
            cut.add(range(s1, r1), +1);
        }
        auto lists = [&](auto& at, auto& out) {
            if (cut_subtree) {
                list_range(at, s0, s1, out);
            } else {
                list_range(at, r0, s0, out);
                list_range(at, s1, r1, out);
            }
        };
        lists(m_village_at, link.listed_villages);
        lists(m_site_at, link.listed_sites);
        // What joins the link itself is keyed to its `from` end: counted above when that end is
        // in the part cut off, added here when it is not.
        const bool from_in_subtree = m_f.tin[edge.from] >= s0 && m_f.tin[edge.from] < s1;
        if (m_on_link[e] >= 0 && from_in_subtree != cut_subtree) {
            const OnLink& l = m_links[static_cast<std::size_t>(m_on_link[e])];
            cut.add(l.tally, +1);
            for (VillageId v : l.villages)
                if (link.listed_villages.size() < k_listed) link.listed_villages.push_back(v);
            for (SiteId s : l.sites)
                if (link.listed_sites.size() < k_listed) link.listed_sites.push_back(s);
        }
        std::sort(link.listed_villages.begin(), link.listed_villages.end());
        std::sort(link.listed_sites.begin(), link.listed_sites.end());
        link.villages = cut.villages;
        link.sites = cut.sites;
        link.beneficiaries = cut.beneficiaries;
        link.weight = cut.weight;
        link.by_category = cut.by_category;
        link.no_site = cut.sites == 0;
        return link;
    }

    const Region& m_region;
    const RoadGraph& m_g;
    const Accesses& m_access;
    const Forest m_f;
    std::vector<Tally> m_prefix;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_village_at, m_site_at;  // (position, index), sorted
    std::vector<int> m_on_link;  // per edge: index into m_links, -1 when nothing joins it (or not a bridge)
    std::vector<OnLink> m_links;
};

}  // namespace

std::vector<std::uint32_t> graph_bridges(const RoadGraph& g) {
    const Forest f = search_forest(g);
    std::vector<std::uint32_t> out;
    for (std::uint32_t e = 0; e < f.bridge.size(); ++e)
        if (f.bridge[e]) out.push_back(e);
    return out;
}

std::vector<CriticalLink> critical_links(const Region& region, const RoadGraph& g, const Accesses& access) {
    return LinkFinder(region, g, access).run();
}

}  // namespace coverplan
