#include "report/flood_report.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "geo/proj_transform.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"

namespace coverplan::report {

namespace {

// The link's name in every output: stable for the same roads ("L" and the graph edge's index).
std::string link_id(const CriticalLink& l) { return "L" + std::to_string(l.edge + 1); }

// The townships of the villages and sites listed for the link, at most three named ("等" or "…"
// after them when there are more).
std::string townships_of(const Region& region, const CriticalLink& l, bool zh) {
    std::set<std::uint32_t> seen;
    std::vector<std::string> names;
    auto add = [&](TownshipId t) {
        if (seen.insert(t.value).second) names.push_back(region.township(t).name);
    };
    for (VillageId v : l.listed_villages) add(region.village(v).township);
    for (SiteId s : l.listed_sites) add(region.site(s).township);
    const bool more = names.size() > 3 || l.listed_villages.size() < l.villages || l.listed_sites.size() < l.sites;
    if (names.size() > 3) names.resize(3);
    return join(names, zh ? "、" : ", ") + (more && !names.empty() ? (zh ? "等" : ", …") : "");
}

std::vector<std::string> village_names(const Region& region, const CriticalLink& l) {
    std::vector<std::string> out;
    for (VillageId v : l.listed_villages) out.push_back(region.village(v).name);
    return out;
}
std::vector<std::string> village_codes(const Region& region, const CriticalLink& l) {
    std::vector<std::string> out;
    for (VillageId v : l.listed_villages) out.push_back(region.village(v).code);
    return out;
}
std::vector<std::string> site_ids(const Region& region, const CriticalLink& l) {
    std::vector<std::string> out;
    for (SiteId s : l.listed_sites) out.push_back(region.site(s).id);
    return out;
}

// A list for a table cell; "…" says it is cut short (the count column has the whole number).
std::string list_cell(const std::vector<std::string>& items, std::size_t total, bool zh) {
    std::string s = join(items, zh ? "、" : "; ");
    if (total > items.size()) s += zh ? " 等" : " …";
    return s;
}

}  // namespace

void write_critical_link_outputs(io::StagedOutput& out, const Region& region, const RoadGraph& graph,
                                 const std::vector<CriticalLink>& links, bool zh) {
    const std::vector<Category>& cats = all_categories();
    out.write("critical_links.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        std::vector<std::string> head =
            zh ? std::vector<std::string>{"序号", "路段编号", "长度（米）", "所在镇（街）", "隔断村数", "隔断村（社区）", "村级代码", "隔断站点数",
                                          "隔断站点编号", "隔断服务对象人数"}
               : std::vector<std::string>{"rank",  "link",    "length_m", "townships", "villages_cut", "villages", "village_codes", "sites_cut",
                                          "site_ids", "beneficiaries_cut"};
        for (Category c : cats) head.push_back(std::string(zh ? category_zh(c) : category_key(c)));
        head.push_back(zh ? "隔断区域内有无站点" : "site_in_cut_area");
        csv.row(head);
        for (std::size_t k = 0; k < links.size(); ++k) {
            const CriticalLink& l = links[k];
            std::vector<std::string> row{std::to_string(k + 1),
                                         link_id(l),
                                         format_decimal(graph.edges[l.edge].length_m(), 0),
                                         townships_of(region, l, zh),
                                         std::to_string(l.villages),
                                         list_cell(village_names(region, l), l.villages, zh),
                                         list_cell(village_codes(region, l), l.villages, false),
                                         std::to_string(l.sites),
                                         list_cell(site_ids(region, l), l.sites, false),
                                         std::to_string(l.beneficiaries)};
            for (Category c : cats) row.push_back(std::to_string(l.by_category[static_cast<int>(c)]));
            row.push_back(l.no_site ? (zh ? "无" : "no") : (zh ? "有" : "yes"));
            csv.row(row);
        }
    });
    out.write("critical_links.geojson", [&](std::ostream& o) {
        const geo::Transformer to_lonlat(region.working_crs, "EPSG:4326");
        io::GeoJsonWriter gj(o, 7, out.mirror("critical_links.geojson"));
        for (std::size_t k = 0; k < links.size(); ++k) {
            const CriticalLink& l = links[k];
            io::JsonProps p;
            p.add("rank", k + 1).add("link", link_id(l)).add("length_m", graph.edges[l.edge].length_m(), 0);
            p.add("townships", townships_of(region, l, zh));
            p.add("villages_cut", l.villages).add("village_codes", village_codes(region, l)).add("village_names", village_names(region, l));
            p.add("sites_cut", l.sites).add("site_ids", site_ids(region, l)).add("beneficiaries_cut", l.beneficiaries);
            for (Category c : cats) p.add(category_key(c), l.by_category[static_cast<int>(c)]);
            p.add("site_in_cut_area", !l.no_site);
            LineString ll;
            for (const Point2& q : graph.edges[l.edge].points) ll.push_back(to_lonlat.forward(q));
            gj.line(p, ll);
        }
        gj.finish();
    });
}

std::string critical_links_summary(const Region& region, const RoadGraph& graph, const std::vector<CriticalLink>& links, bool zh,
                                   std::size_t top) {
    std::size_t without_site = 0;
    for (const CriticalLink& l : links) without_site += l.no_site && l.villages + l.beneficiaries > 0;
    std::string s = zh ? "\n关键路段（任一处中断即隔断村、站点或服务对象）：" + std::to_string(links.size()) + " 条，其中 " +
                             std::to_string(without_site) + " 条隔断的区域内没有站点；明细见 critical_links.csv\n"
                       : "\nCritical links (each alone cuts off villages, sites or beneficiaries): " + std::to_string(links.size()) + ", " +
                             std::to_string(without_site) + " of them cutting off an area with no site; see critical_links.csv\n";
    for (std::size_t k = 0; k < std::min(top, links.size()); ++k) {
        const CriticalLink& l = links[k];
        const std::string town = townships_of(region, l, zh);
        s += "  " + std::to_string(k + 1) + ". " + link_id(l) + (zh ? "（" : " (") + format_decimal(graph.edges[l.edge].length_m(), 0) +
             (zh ? " 米" : " m") + (town.empty() ? "" : (zh ? "，" : ", ") + town) + (zh ? "）" : ")") +
             (zh ? "：村 " + std::to_string(l.villages) + " 个，站点 " + std::to_string(l.sites) + " 个，服务对象 " + std::to_string(l.beneficiaries) + " 人"
                 : ": " + std::to_string(l.villages) + " villages, " + std::to_string(l.sites) + " sites, " + std::to_string(l.beneficiaries) +
                       " beneficiaries") +
             (l.no_site ? (zh ? "，区域内无站点" : ", no site in the area") : "") + "\n";
    }
    return s;
}

}  // namespace coverplan::report
