#include "geo/network_analysis.hpp"

#include <algorithm>
#include <optional>

#include "core/text.hpp"
#include "geo/geos_context.hpp"
#include "geo/noding.hpp"
#include "geo/snap.hpp"

namespace coverplan::geo {

SpeedProfile make_profile(const TravelConfig& travel) {
    SpeedProfile p(travel.mode);
    for (const auto& [cls, kmh] : travel.speeds_kmh) p.set_class_speed(cls, kmh);
    p.access_kmh = travel.access_kmh;
    return p;
}

namespace {

void note_graph(const RoadGraph& g, const TravelConfig& travel, const SpeedProfile& profile, std::vector<DataNote>& notes) {
    const auto& st = g.stats;
    std::size_t main_nodes = g.component_nodes.empty() ? 0 : g.component_nodes.front();
    const std::string mode_cn(mode_zh(travel.mode));
    const std::string share = g.node_count() ? format_decimal(100.0 * static_cast<double>(main_nodes) / g.node_count(), 1) : "0";
    notes.push_back({Severity::info, "road_graph",
                     {"road network for " + std::string(mode_key(travel.mode)) + ": " + std::to_string(st.lines) + " lines, " + std::to_string(g.node_count()) +
                          " nodes, " + std::to_string(g.edges.size()) + " edges, " + std::to_string(g.component_nodes.size()) +
                          " connected parts (the largest holds " + share + " % of nodes)",
                      "道路网络（" + mode_cn + "）：" + std::to_string(st.lines) + " 条道路，" + std::to_string(g.node_count()) + " 个节点，" +
                          std::to_string(g.edges.size()) + " 条路段，" + std::to_string(g.component_nodes.size()) + " 个连通片（最大的含 " +
                          share + "% 的节点）"}});
    if (st.unusable_lines > 0)
        notes.push_back({Severity::info, "roads_unusable",
                         {std::to_string(st.unusable_lines) + " road lines cannot be used by " + std::string(mode_key(travel.mode)) +
                              " (e.g. footways by car, expressways by e-bike) or have no length",
                          std::to_string(st.unusable_lines) + " 条道路不适用于" + std::string(mode_zh(travel.mode)) + "（如汽车走人行道、电动车上高速）或长度为零"}});
    if (st.unknown_class_lines > 0)
        notes.push_back({Severity::warning, "roads_unknown_class",
                         {std::to_string(st.unknown_class_lines) + " road lines have a class the speed table does not know; " +
                              format_decimal(profile.default_kmh, 1) + " km/h is used (set speeds under [travel.speeds])",
                          std::to_string(st.unknown_class_lines) + " 条道路的等级不在速度表中，按 " + format_decimal(profile.default_kmh, 1) +
                              " 千米/小时计算（可在 [travel.speeds] 中设置）"}});
}

void note_access(const RoadGraph& g, const std::vector<Access>& access, const std::vector<std::string>& names,
                 const std::string& what_en, const std::string& what_zh, double max_snap_m, std::vector<DataNote>& notes) {
    std::vector<std::string> none, cut_off;
    for (std::size_t i = 0; i < access.size(); ++i) {
        if (!access[i].reachable) none.push_back(names.empty() ? std::to_string(i) : names[i]);
        else if (g.edge_component(access[i].edge) != 0) cut_off.push_back(names.empty() ? std::to_string(i) : names[i]);
    }
    const std::string m = format_decimal(max_snap_m, 0);
    if (!none.empty()) {
        const std::string list = names.empty() ? "" : ": " + list_some(none, 8);
        notes.push_back({Severity::warning, "no_road_nearby",
                         {std::to_string(none.size()) + " " + what_en + " have no usable road within " + m + " m and count as not reached" + list,
                          std::to_string(none.size()) + " 个" + what_zh + "在 " + m + " 米内没有可用道路，按不可达计" + list}});
    }
    if (!cut_off.empty()) {
        const std::string list = names.empty() ? "" : ": " + list_some(cut_off, 8);
        notes.push_back({Severity::warning, "off_main_network",
                         {std::to_string(cut_off.size()) + " " + what_en + " join a road that is cut off from the main network" + list,
                          std::to_string(cut_off.size()) + " 个" + what_zh + "连接的道路与主路网不连通" + list}});
    }
}

// Road parts cut off from the main one, with their length; what is joined to them is listed by
// note_access.
void note_parts(const RoadGraph& g, std::vector<DataNote>& notes) {
    if (g.component_nodes.size() > 1) {
        double cut_m = 0;
        for (const RoadEdge& e : g.edges)
            if (g.node_component[e.from] != 0 && !e.cum_length_m.empty()) cut_m += e.cum_length_m.back();
        const std::string parts = std::to_string(g.component_nodes.size() - 1), km = format_decimal(cut_m / 1000, 1);
        notes.push_back({Severity::info, "roads_cut_off",
                         {parts + " road parts (" + km + " km of road) are not connected to the main network: whatever joins them reaches only "
                              "what is on the same part (missing junctions, or a bridge or ferry left out?)",
                          parts + " 个道路连通片（共 " + km + " 千米）与主路网不连通：连接到这些道路的对象只能到达同一连通片上的地点（是否缺少路口，或漏了桥梁、渡口？）"}});
    }
}

// Whether a road crosses the township between vertices that all lie outside it: the exact test,
// for the few townships the vertex sample below finds empty (a small township, or one crossed by
// a long straight road).
bool road_crosses(const Geos& geos, const MultiPolygon& polygon, const Box& box, const RoadGraph& g) {
    const PreparedGeometry shape(geos, geos.multipolygon(polygon));
    for (const RoadEdge& e : g.edges)
        if (e.points.size() >= 2 && bounds(e.points).intersects(box) && shape.intersects(geos.line(e.points).get())) return true;
    return false;
}

// Townships with no usable road inside: their villages' times rest on roads outside them, usually
// a road layer clipped short. Road vertices are bucketed on a grid (a few per cell suffice to show
// a road is there), so each township tests only points near itself; the few it finds empty get
// the exact test.
void note_roadless_townships(const Region& region, const RoadGraph& g, std::vector<DataNote>& notes) {
    constexpr std::size_t k_grid = 512, k_per_cell = 4;
    Box all;
    for (const RoadEdge& e : g.edges)
        for (const Point2& p : e.points) all.expand(p);
    std::vector<std::vector<Point2>> cells(all.empty() ? 0 : k_grid * k_grid);
    const double size = all.empty() ? 1.0 : std::max({all.max_x - all.min_x, all.max_y - all.min_y, 1.0}) / k_grid;
    auto cell_of = [&](double v, double lo) { return std::min(k_grid - 1, static_cast<std::size_t>(std::max(0.0, (v - lo) / size))); };
    for (const RoadEdge& e : g.edges)
        for (const Point2& p : e.points) {
            auto& c = cells[cell_of(p.y, all.min_y) * k_grid + cell_of(p.x, all.min_x)];
            if (c.size() < k_per_cell) c.push_back(p);
        }
    std::vector<std::string> roadless;
    std::optional<Geos> geos;  // made only when a township needs the exact test
    for (const Township& t : region.townships) {
        const Box b = bounds(t.polygon);
        bool found = false;
        if (!cells.empty() && !t.polygon.empty() && b.intersects(all)) {
            const std::size_t x0 = cell_of(b.min_x, all.min_x), x1 = cell_of(b.max_x, all.min_x);
            const std::size_t y0 = cell_of(b.min_y, all.min_y), y1 = cell_of(b.max_y, all.min_y);
            for (std::size_t y = y0; y <= y1 && !found; ++y)
                for (std::size_t x = x0; x <= x1 && !found; ++x)
                    for (const Point2& p : cells[y * k_grid + x])
                        if (b.contains(p) && contains(t.polygon, p)) {
                            found = true;
                            break;
                        }
        }
        if (!found && !t.polygon.empty() && b.intersects(all)) {
            if (!geos) geos.emplace();
            found = road_crosses(*geos, t.polygon, b, g);
        }
        if (!found && !t.polygon.empty()) roadless.push_back(t.name + " (" + t.code + ")");
    }
    if (!roadless.empty())
        notes.push_back({Severity::warning, "township_without_roads",
                         {std::to_string(roadless.size()) + " townships have no usable road inside them (does the road layer cover them?): " +
                              list_some(roadless, 8),
                          std::to_string(roadless.size()) + " 个镇（街）内没有可用道路（道路图层是否覆盖这些镇街？）：" + list_some(roadless, 8)}});
}

}  // namespace

NetworkAnalysis join_network(const Region& region, const TravelConfig& travel) {
    NetworkAnalysis out;
    const SpeedProfile profile = make_profile(travel);
    if (travel.node_crossings) {
        std::vector<Road> roads = region.roads;
        const std::size_t added = node_crossings(roads);
        out.notes.push_back({Severity::info, "crossings_joined",
                             {std::to_string(added) + " junctions added where roads cross without a shared vertex (node_crossings = true)",
                              "在无共享节点的道路交叉处新增 " + std::to_string(added) + " 个路口（node_crossings = true）"}});
        out.graph = build_road_graph(roads, profile);
    } else {
        out.graph = build_road_graph(region.roads, profile);
    }
    note_graph(out.graph, travel, profile, out.notes);
    note_parts(out.graph, out.notes);
    note_roadless_townships(region, out.graph, out.notes);

    const EdgeSnapper snapper(out.graph);
    const SnapOptions opt{travel.max_snap_m, travel.access_kmh};
    auto join_all = [&](auto&& items, auto&& where) {
        std::vector<Access> a;
        a.reserve(items.size());
        for (const auto& it : items) a.push_back(snapper.access(where(it), opt));
        return a;
    };
    out.access.sites = join_all(region.sites, [](const Site& s) { return s.location; });
    out.access.villages = join_all(region.villages, [](const Village& v) { return v.anchor; });
    out.access.beneficiaries = join_all(region.beneficiaries, [](const Beneficiary& b) { return b.location; });

    std::vector<std::string> site_names, village_names;
    for (const Site& s : region.sites) site_names.push_back(s.name + " (" + s.id + ")");
    for (const Village& v : region.villages) village_names.push_back(v.name + " (" + v.code + ")");
    note_access(out.graph, out.access.sites, site_names, "sites", "站点", travel.max_snap_m, out.notes);
    note_access(out.graph, out.access.villages, village_names, "villages", "村（社区）", travel.max_snap_m, out.notes);
    note_access(out.graph, out.access.beneficiaries, {}, "beneficiaries", "服务对象", travel.max_snap_m, out.notes);
    return out;
}

NetworkAnalysis analyse_network(const Region& region, const TravelConfig& travel, int threads) {
    NetworkAnalysis out = join_network(region, travel);
    out.coverage = compute_coverage(region, out.graph, out.access, travel.max_search_min * 60, threads);
    return out;
}

}  // namespace coverplan::geo
