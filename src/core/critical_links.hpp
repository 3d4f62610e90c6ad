#pragma once
// Critical links (DESIGN §10, flood season): the roads whose loss alone would cut part of the
// network off — the bridges of the undirected road graph, found in one depth-first search
// (Tarjan's low-link rule, parallel roads told apart by edge) — and, for each, what it would cut
// off: villages, sites and beneficiaries by category. Needs no hazard layer: a pre-season list.
//
// A link is one edge of the graph: the road between two junctions (degree-2 chains are one edge).
// Its loss is the loss of that whole stretch, so whatever joins the road on the link itself is cut
// off with it. Of the two parts the loss leaves, the part cut off is the one with fewer road
// nodes; on a tie, the one without the lowest-numbered node of the connected part. Connectivity is
// undirected: a one-way road still links its ends (the extra minutes of a closure, one way or
// both, are the closure analysis's).
#include <cstdint>
#include <vector>

#include "core/category.hpp"
#include "core/coverage.hpp"
#include "core/region.hpp"
#include "core/road_graph.hpp"

namespace coverplan {

// The edges whose removal disconnects their two ends, in ascending order. Linear in nodes and edges
// (iterative: no recursion depth limit on long rural chains).
std::vector<std::uint32_t> graph_bridges(const RoadGraph& g);

struct CriticalLink {
    std::uint32_t edge = 0;
    std::uint32_t nodes_cut = 0;        // road nodes of the part cut off
    std::size_t villages = 0;           // villages whose centre joins the part cut off (or the link)
    std::size_t sites = 0;
    std::size_t beneficiaries = 0;
    double weight = 0;                  // their weights summed
    std::vector<std::size_t> by_category = std::vector<std::size_t>(k_category_count, 0);
    // Villages and sites cut off, for the tables: at most k_listed each, the first met in the
    // search's order, then sorted by index; the counts above are always complete.
    std::vector<VillageId> listed_villages;
    std::vector<SiteId> listed_sites;
    bool no_site = false;               // the part cut off has no site of its own
};

inline constexpr std::size_t k_listed = 20;

// Every bridge of `g` that cuts off at least one village, site or beneficiary joined to the
// roads (access), most beneficiaries first, then most villages, sites, and the edge's index.
// Objects not joined to any road are left out (they are reported as not reached elsewhere).
std::vector<CriticalLink> critical_links(const Region& region, const RoadGraph& g, const Accesses& access);

}  // namespace coverplan
