#pragma once
// Travel times on the road graph (DESIGN §8). A point (site, village centre, beneficiary)
// joins the network at the nearest position on the nearest edge; the leg between the point
// and the road is walked. Searches are bounded Dijkstra runs on an indexed 4-ary heap whose
// buffers are reused from source to source; only the nodes a run touched are reset.
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/parallel.hpp"
#include "core/road_graph.hpp"

namespace coverplan {

inline constexpr double k_unreached = std::numeric_limits<double>::infinity();
inline constexpr std::uint32_t k_no_label = 0xFFFFFFFFu;

// Where one point joins the network.
struct Access {
    bool reachable = false;     // false: no usable road within the maximum snap distance
    std::uint32_t edge = 0;
    double along_s = 0;         // travel time from the edge's `from` node to the access position
    double leg_s = 0;           // walking time between the point and the road
    double snap_distance_m = 0;
    Point2 on_road;
};

struct Seed {
    std::uint32_t node;
    double time_s;
    std::uint32_t label;  // which source, for multi-source runs
};

// Seeds of a trip that starts at `from`: its leg, then along its edge to each end it may drive to.
void add_seeds(const RoadGraph& g, const Access& from, std::uint32_t label, std::vector<Seed>& seeds);

// Travel from `from` to `to` when both join the same edge, without passing a node
// (k_unreached when they are on different edges or the direction is not allowed).
double same_edge_time(const RoadGraph& g, const Access& from, const Access& to);

class Dijkstra {
public:
    explicit Dijkstra(const RoadGraph& g);
    // Searching `arcs` instead of the graph's own (a copy with some arcs' times raised, to take a
    // road out of use); the edges, for the access points, are still the graph's.
    Dijkstra(const RoadGraph& g, const ArcTable& arcs);

    // Settles every node reachable within `limit_s` from the seeds, or stops as soon as all
    // the access points in `stop_after` can be reached exactly (both ends of their edges settled).
    void run(const std::vector<Seed>& seeds, double limit_s, const std::vector<Access>* stop_after = nullptr);

    // Time to a node, k_unreached when the last run did not settle it.
    double node_time(std::uint32_t v) const { return m_time[v] <= m_settled_up_to ? m_time[v] : k_unreached; }
    std::uint32_t node_label(std::uint32_t v) const { return m_time[v] <= m_settled_up_to ? m_label[v] : k_no_label; }
    std::size_t settled_count() const { return m_settled; }

    struct Arrival {
        double time_s = k_unreached;
        std::uint32_t label = k_no_label;
    };
    // Arrival at `to` through either end of its edge, including its leg. Exact when within the
    // limit; beyond the limit it is reported as unreached.
    Arrival arrive(const Access& to) const;

private:
    // A queued node with its time's bits: times are finite and ≥ 0, and such doubles order as
    // their IEEE-754 bit patterns do as unsigned integers, so the heap compares integers (exact,
    // no rounding, no NaN branches). Equal times pop in the heap's own order, which is the same on
    // every run; the times and labels found do not depend on it (an early stop still settles
    // every node at its stopping time).
    struct Entry {
        std::uint64_t key;
        std::uint32_t node;
    };
    static constexpr std::uint32_t k_not_queued = 0xFFFFFFFFu;
    static std::uint64_t key_of(double t) { return t > 0 ? std::bit_cast<std::uint64_t>(t) : 0; }  // −0 and rounding below 0 first
    static bool earlier(const Entry& a, const Entry& b) { return a.key < b.key; }
    void relax(std::uint32_t v, double t, std::uint32_t label);
    void sift_up(std::size_t i, Entry e);
    void sift_down(std::size_t i, Entry e);
    const RoadGraph& m_g;
    const ArcTable& m_arcs;
    std::vector<double> m_time;
    std::vector<std::uint32_t> m_label;
    std::vector<std::uint32_t> m_slot;          // a node's place in the heap, k_not_queued when not in it
    std::vector<std::uint32_t> m_touched;
    std::vector<Entry> m_heap;                  // 4-ary, each node at most once (decrease-key)
    std::vector<char> m_wanted;                 // nodes an early stop waits for
    std::vector<std::uint32_t> m_wanted_list;
    double m_limit = 0;
    double m_settled_up_to = 0;
    std::size_t m_settled = 0;
};

// The road line of the quickest trip between two access points, for drawing tours: the search
// is the engine's own (same times), and the path is walked back from the target through edges
// whose times add up exactly. Not for many-to-many work: one bounded search per call.
class PathTracer {
public:
    explicit PathTracer(const RoadGraph& g);
    struct Trip {
        double time_s = k_unreached;
        double length_m = 0;  // along the roads (the walked legs excluded)
        LineString line;      // from the source's position on the road to the target's; empty when unreached
        std::vector<std::uint32_t> edges;  // the edges driven, in order (the source's and the target's included)
    };
    Trip trace(const Access& from, const Access& to, double limit_s);

private:
    const RoadGraph& m_g;
    Dijkstra m_search;
    std::vector<std::uint32_t> m_first;     // CSR of the edges at each node
    std::vector<std::uint32_t> m_incident;
};

// Runs fn(worker's Dijkstra, i) for i in [0, n) on `threads` threads, each with its own search
// buffers (for_each_index: the outcome does not depend on the thread count).
template <class Fn>
void for_each_source(const RoadGraph& g, std::size_t n, int threads, Fn fn) {
    for_each_index(n, threads, [&g] { return Dijkstra(g); }, fn);
}

}  // namespace coverplan
