#include "report/flood_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/coverage.hpp"
#include "core/text.hpp"
#include "report/briefing.hpp"
#include "report/visits_report.hpp"
#include "geo/proj_transform.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"

namespace coverplan::report {

namespace {

// A link's name in every output: stable for the same roads ("L" and the graph edge's index).
std::string link_id(std::uint32_t edge) { return "L" + std::to_string(edge + 1); }
std::string link_id(const CriticalLink& l) { return link_id(l.edge); }

// The townships of the villages and sites listed, at most three named ("等" or "…" after them
// when there are more, or when the lists are cut short of the totals).
std::string townships_named(const Region& region, const std::vector<VillageId>& villages, const std::vector<SiteId>& sites, bool cut_short,
                            bool zh) {
    std::set<std::uint32_t> seen;
    std::vector<std::string> names;
    auto add = [&](TownshipId t) {
        if (seen.insert(t.value).second) names.push_back(region.township(t).name);
    };
    for (VillageId v : villages) add(region.village(v).township);
    for (SiteId s : sites) add(region.site(s).township);
    const bool more = names.size() > 3 || cut_short;
    if (names.size() > 3) names.resize(3);
    return join(names, zh ? "、" : ", ") + (more && !names.empty() ? (zh ? "等" : ", …") : "");
}
std::string townships_of(const Region& region, const CriticalLink& l, bool zh) {
    return townships_named(region, l.listed_villages, l.listed_sites, l.listed_villages.size() < l.villages || l.listed_sites.size() < l.sites, zh);
}

std::vector<std::string> village_names(const Region& region, const std::vector<VillageId>& villages) {
    std::vector<std::string> out;
    for (VillageId v : villages) out.push_back(region.village(v).name);
    return out;
}
std::vector<std::string> village_codes(const Region& region, const std::vector<VillageId>& villages) {
    std::vector<std::string> out;
    for (VillageId v : villages) out.push_back(region.village(v).code);
    return out;
}
std::vector<std::string> village_names(const Region& region, const CriticalLink& l) { return village_names(region, l.listed_villages); }
std::vector<std::string> village_codes(const Region& region, const CriticalLink& l) { return village_codes(region, l.listed_villages); }
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

// One row of exposure.csv: the beneficiaries of one village (or of none) in zones of one level.
struct ExposureRow {
    int level = 0;
    std::optional<VillageId> village;
    std::set<std::string> types;
    std::size_t beneficiaries = 0, priority = 0;
    std::vector<std::size_t> by_category = std::vector<std::size_t>(k_category_count, 0);
    std::set<std::string> households;  // ids; a beneficiary without one is a household of their own
    std::size_t lone = 0;
    std::size_t household_count() const { return households.size() + lone; }
};

// Whether the beneficiaries carry household ids (户号): then the exposure is also counted in households.
bool has_households(const Region& region) {
    return std::any_of(region.beneficiaries.begin(), region.beneficiaries.end(), [](const Beneficiary& b) { return !b.household.empty(); });
}

// Rows by level (highest first), then township and village code (no village last).
std::vector<ExposureRow> exposure_rows(const Region& region, const HazardExposure& ex, const FloodConfig& flood) {
    std::map<std::pair<int, long long>, ExposureRow> rows;  // (−level, village index or −1)
    for (std::size_t i = 0; i < region.beneficiaries.size(); ++i) {
        if (ex.zone_of[i] < 0) continue;
        const Beneficiary& b = region.beneficiaries[i];
        const Hazard& h = region.hazards[static_cast<std::size_t>(ex.zone_of[i])];
        ExposureRow& r = rows[{-h.level, b.village ? static_cast<long long>(b.village->value) : -1}];
        r.level = h.level;
        r.village = b.village;
        if (!h.type.empty()) r.types.insert(h.type);
        ++r.beneficiaries;
        if (b.household.empty()) ++r.lone;
        else r.households.insert(b.household);
        r.priority += (b.categories & flood.priority) != 0;
        for (int c = 0; c < k_category_count; ++c) r.by_category[c] += (b.categories >> c) & 1u;
    }
    std::vector<ExposureRow> out;
    for (auto& [key, row] : rows) out.push_back(std::move(row));
    auto code = [&](const ExposureRow& r) { return r.village ? region.village(*r.village).code : std::string("~"); };
    std::stable_sort(out.begin(), out.end(), [&](const ExposureRow& a, const ExposureRow& b) {
        return a.level != b.level ? a.level > b.level : code(a) < code(b);
    });
    return out;
}

void write_shelters(io::StagedOutput& out, const Region& region, const ShelterAssignment& a, bool zh) {
    out.write("shelters.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"避难场所编号", "名称", "类型", "容量（人）", "分配服务对象人数", "其中转移优先对象", "剩余容量", "最远（分钟）", "状态"}
                   : std::vector<std::string>{"shelter_id", "name", "type", "capacity", "people", "priority", "places_left", "farthest_min", "status"});
        for (std::size_t s = 0; s < region.shelters.size(); ++s) {
            const Shelter& sh = region.shelters[s];
            const long long left = static_cast<long long>(sh.capacity) - static_cast<long long>(a.people[s]);
            const char* status = a.people[s] == 0 ? (zh ? "无分配" : "none assigned") : left < 0 ? (zh ? "超出容量" : "over capacity")
                                                                                                 : (zh ? "容量足够" : "within capacity");
            csv.row({sh.id, sh.name, sh.type, std::to_string(sh.capacity), std::to_string(a.people[s]), std::to_string(a.priority[s]),
                     std::to_string(left), a.people[s] ? format_decimal(a.farthest_s[s] / 60, 2) : "", status});
        }
    });
}

}  // namespace

std::string shelters_summary(const Region& region, const ShelterAssignment& a, bool zh) {
    long long places = 0;
    std::vector<std::string> over;
    for (std::size_t s = 0; s < region.shelters.size(); ++s) {
        places += region.shelters[s].capacity;
        if (a.people[s] > static_cast<std::size_t>(region.shelters[s].capacity))
            over.push_back(region.shelters[s].name + (zh ? "（" : " (") + std::to_string(a.people[s]) + "/" + std::to_string(region.shelters[s].capacity) +
                           (zh ? "）" : ")"));
    }
    if (zh)
        return "  避难场所 " + std::to_string(region.shelters.size()) + " 处，容量 " + std::to_string(places) + " 人；区内服务对象 " +
               std::to_string(a.exposed - a.unsheltered) + " 人有可达避难场所，" + std::to_string(a.unsheltered) + " 人无可达避难场所；超出容量 " +
               std::to_string(over.size()) + " 处" + (over.empty() ? "" : "：" + list_some(over, 6)) + "；明细见 shelters.csv\n";
    return "  Shelters: " + std::to_string(region.shelters.size()) + ", " + std::to_string(places) + " places; " +
           std::to_string(a.exposed - a.unsheltered) + " beneficiaries in zones reach one, " + std::to_string(a.unsheltered) + " reach none; " +
           std::to_string(over.size()) + " over capacity" + (over.empty() ? "" : ": " + list_some(over, 6)) + "; see shelters.csv\n";
}

void write_exposure_outputs(io::StagedOutput& out, const Region& region, const HazardExposure& ex, const FloodConfig& flood,
                            const ShelterAssignment* shelters, bool zh) {
    if (shelters) write_shelters(out, region, *shelters, zh);
    const std::vector<Category>& cats = all_categories();
    const std::vector<std::optional<SiteId>> site_of = assigned_sites(region);
    const std::string no_village = zh ? "（未归属村）" : "(no village)";
    out.write("exposure.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        std::vector<std::string> head = zh ? std::vector<std::string>{"风险等级", "风险类型", "区县", "镇（街）", "村级代码", "村（社区）", "服务站点编号",
                                                                      "服务站点", "区内服务对象人数", "转移优先对象人数"}
                                           : std::vector<std::string>{"level", "hazard_types", "county", "township", "village_code", "village",
                                                                      "site_id", "site", "beneficiaries", "priority"};
        const bool households = has_households(region);
        if (households) head.insert(head.begin() + 9, zh ? "区内户数" : "households");
        for (Category c : cats) head.push_back(std::string(zh ? category_zh(c) : category_key(c)));
        csv.row(head);
        for (const ExposureRow& r : exposure_rows(region, ex, flood)) {
            std::vector<std::string> row{std::to_string(r.level), join(std::vector<std::string>(r.types.begin(), r.types.end()), zh ? "、" : ";")};
            if (r.village) {
                const Village& v = region.village(*r.village);
                const Township& t = region.township(v.township);
                const std::optional<SiteId> s = site_of[r.village->value];
                row.insert(row.end(), {region.county_name(t.county_code()), t.name, v.code, v.name, s ? region.site(*s).id : "",
                                       s ? region.site(*s).name : ""});
            } else {
                row.insert(row.end(), {"", "", "", no_village, "", ""});
            }
            row.push_back(std::to_string(r.beneficiaries));
            if (households) row.push_back(std::to_string(r.household_count()));
            row.push_back(std::to_string(r.priority));
            for (Category c : cats) row.push_back(std::to_string(r.by_category[static_cast<int>(c)]));
            csv.row(row);
        }
    });
    // The transfer list names people by the bureau's record id only; without record ids there is none.
    if (region.beneficiaries.empty() || region.beneficiaries.front().record.empty()) return;
    std::vector<std::size_t> listed;
    for (std::size_t i = 0; i < region.beneficiaries.size(); ++i)
        if (ex.zone_of[i] >= 0 && (region.beneficiaries[i].categories & flood.priority)) listed.push_back(i);
    auto key = [&](std::size_t i) {
        const Beneficiary& b = region.beneficiaries[i];
        const int level = region.hazards[static_cast<std::size_t>(ex.zone_of[i])].level;
        return std::make_tuple(-level, b.village ? region.village(*b.village).code : std::string("~"), b.record);
    };
    std::sort(listed.begin(), listed.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    out.write("priority.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        std::vector<std::string> head =
            zh ? std::vector<std::string>{"序号", "档案编号", "类别", "风险等级", "风险类型", "风险区", "镇（街）", "村级代码", "村（社区）", "服务站点编号"}
               : std::vector<std::string>{"rank", "record", "categories", "level", "hazard_type", "hazard_zone", "township", "village_code",
                                          "village", "site_id"};
        if (shelters) {
            head.push_back(zh ? "避难场所编号" : "shelter_id");
            head.push_back(zh ? "到避难场所（分钟）" : "shelter_min");
        }
        csv.row(head);
        for (std::size_t k = 0; k < listed.size(); ++k) {
            const Beneficiary& b = region.beneficiaries[listed[k]];
            const Hazard& h = region.hazards[static_cast<std::size_t>(ex.zone_of[listed[k]])];
            std::vector<std::string> row{std::to_string(k + 1), b.record, categories_text(b.categories & flood.priority, zh), std::to_string(h.level),
                                         h.type, h.name};
            if (b.village) {
                const Village& v = region.village(*b.village);
                const std::optional<SiteId> s = site_of[b.village->value];
                row.insert(row.end(), {region.township(v.township).name, v.code, v.name, s ? region.site(*s).id : ""});
            } else {
                row.insert(row.end(), {"", "", no_village, ""});
            }
            if (shelters) {
                const std::optional<std::uint32_t> sh = shelters->shelter_of[listed[k]];
                row.push_back(sh ? region.shelters[*sh].id : (zh ? "（无可达避难场所）" : "(none in reach)"));
                row.push_back(sh ? format_decimal(shelters->time_s[listed[k]] / 60, 2) : "");
            }
            csv.row(row);
        }
    });
}

std::string exposure_summary(const Region& region, const HazardExposure& ex, const FloodConfig& flood, bool zh) {
    std::map<int, std::size_t> zones_by_level, people_by_level;
    for (const Hazard& h : region.hazards) ++zones_by_level[h.level];
    std::set<std::uint32_t> villages;
    std::size_t people = 0, priority = 0, lone = 0;
    std::set<std::string> households;
    std::vector<std::size_t> priority_by_cat(k_category_count, 0);
    for (std::size_t i = 0; i < region.beneficiaries.size(); ++i) {
        if (ex.zone_of[i] < 0) continue;
        const Beneficiary& b = region.beneficiaries[i];
        ++people;
        if (b.household.empty()) ++lone;
        else households.insert((b.village ? region.village(*b.village).code : std::string()) + '\x1f' + b.household);  // ids within a village
        ++people_by_level[region.hazards[static_cast<std::size_t>(ex.zone_of[i])].level];
        if (b.village) villages.insert(b.village->value);
        if (b.categories & flood.priority) {
            ++priority;
            for (int c = 0; c < k_category_count; ++c) priority_by_cat[c] += (b.categories & flood.priority) >> c & 1u;
        }
    }
    std::vector<std::string> levels, cats;
    for (auto it = zones_by_level.rbegin(); it != zones_by_level.rend(); ++it)
        levels.push_back((zh ? std::to_string(it->first) + " 级 " + std::to_string(it->second) + " 个（区内 " : "level " + std::to_string(it->first) + ": " +
                                                                                                            std::to_string(it->second) + " (") +
                         std::to_string(people_by_level[it->first]) + (zh ? " 人）" : " people)"));
    for (Category c : all_categories())
        if (priority_by_cat[static_cast<int>(c)] > 0)
            cats.push_back(std::string(zh ? category_zh(c) : category_en(c)) + " " + std::to_string(priority_by_cat[static_cast<int>(c)]));
    const bool listed = !region.beneficiaries.empty() && !region.beneficiaries.front().record.empty();
    const std::string homes = has_households(region) ? std::to_string(households.size() + lone) : std::string();
    if (zh)
        return "\n风险区 " + std::to_string(region.hazards.size()) + " 个：" + join(levels, "，") + "。区内服务对象 " + std::to_string(people) + " 人" +
               (homes.empty() ? "" : "（" + homes + " 户）") + "，涉及 " +
               std::to_string(villages.size()) + " 个村（社区）；其中转移优先对象 " + std::to_string(priority) + " 人" +
               (cats.empty() ? "" : "（" + join(cats, "、") + "）") + (listed ? "，名单见 priority.csv" : "；未映射档案编号，未生成名单") +
               "；按村统计见 exposure.csv\n";
    return "\nHazard zones: " + std::to_string(region.hazards.size()) + " (" + join(levels, "; ") + "). " + std::to_string(people) +
           " beneficiaries in them" + (homes.empty() ? "" : " (" + homes + " households)") + ", in " + std::to_string(villages.size()) + " villages; " + std::to_string(priority) + " of them for assisted transfer first" +
           (cats.empty() ? "" : " (" + join(cats, ", ") + ")") +
           (listed ? ", listed in priority.csv" : "; no list: map [layers.beneficiaries.fields] record to the bureau's record id") +
           "; by village in exposure.csv\n";
}

namespace {

std::string status_text(CutoffStatus s, bool zh) {
    switch (s) {
        case CutoffStatus::unchanged: return zh ? "不受影响" : "unchanged";
        case CutoffStatus::detour: return zh ? "绕行" : "detour";
        case CutoffStatus::cut_from_site: return zh ? "与服务站点隔断" : "cut off from its site";
        case CutoffStatus::cut_from_all: return zh ? "与所有站点隔断" : "cut off from every site";
        case CutoffStatus::unreached_before: return zh ? "封路前已不可达" : "not reached before";
    }
    return "";
}
int severity(CutoffStatus s) {
    switch (s) {
        case CutoffStatus::cut_from_all: return 0;
        case CutoffStatus::cut_from_site: return 1;
        case CutoffStatus::detour: return 2;
        case CutoffStatus::unchanged: return 3;
        case CutoffStatus::unreached_before: return 4;
    }
    return 5;
}
std::string minutes(double s) { return std::isfinite(s) ? format_decimal(s / 60, 2) : ""; }
// Minutes added to the village's trip (to its site, else the nearest), when both are reached.
double extra_s(const CutoffResult& c, std::size_t v) {
    const VillageCutoff& x = c.villages[v];
    const double b = x.has_site ? x.own_before_s : x.nearest_before_s, a = x.has_site ? x.own_after_s : x.nearest_after_s;
    return std::isfinite(a) && std::isfinite(b) ? a - b : 0;
}

}  // namespace

void write_cutoff_outputs(io::StagedOutput& out, const Region& region, const geo::ClosedRoads& closed, const CutoffResult& cutoff, bool zh) {
    const std::vector<std::optional<SiteId>> site_of = assigned_sites(region);
    std::vector<std::size_t> order(region.villages.size());
    for (std::size_t v = 0; v < order.size(); ++v) order[v] = v;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const int sa = severity(cutoff.villages[a].status), sb = severity(cutoff.villages[b].status);
        if (sa != sb) return sa < sb;
        const double ea = extra_s(cutoff, a), eb = extra_s(cutoff, b);
        if (ea != eb) return ea > eb;
        return region.villages[a].code < region.villages[b].code;
    });
    out.write("cutoff.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"区县", "镇（街）", "村级代码", "村（社区）", "服务站点编号", "状态", "到服务站点_封路前（分钟）", "到服务站点_封路后（分钟）",
                                              "增加（分钟）", "到最近站点_封路前（分钟）", "到最近站点_封路后（分钟）", "服务对象人数", "与服务站点隔断人数", "与所有站点隔断人数"}
                   : std::vector<std::string>{"county", "township", "village_code", "village", "site_id", "status", "own_site_before_min",
                                              "own_site_after_min", "extra_min", "nearest_before_min", "nearest_after_min", "beneficiaries",
                                              "cut_from_site", "cut_from_all"});
        for (std::size_t v : order) {
            const Village& vil = region.villages[v];
            const Township& t = region.township(vil.township);
            const VillageCutoff& c = cutoff.villages[v];
            const double extra = extra_s(cutoff, v);
            csv.row({region.county_name(t.county_code()), t.name, vil.code, vil.name, site_of[v] ? region.site(*site_of[v]).id : "",
                     status_text(c.status, zh), minutes(c.own_before_s), minutes(c.own_after_s), extra > 0 ? format_decimal(extra / 60, 2) : "",
                     minutes(c.nearest_before_s), minutes(c.nearest_after_s), std::to_string(c.beneficiaries), std::to_string(c.cut_from_site),
                     std::to_string(c.cut_from_all)});
        }
    });
    out.write("closed_roads.geojson", [&](std::ostream& o) {
        const geo::Transformer to_lonlat(region.working_crs, "EPSG:4326");
        io::GeoJsonWriter gj(o, 7, out.mirror("closed_roads.geojson"));
        for (std::size_t k = 0; k < closed.closed.size(); ++k) {
            double length = 0;
            for (std::size_t i = 1; i < closed.closed[k].size(); ++i) length += distance(closed.closed[k][i - 1], closed.closed[k][i]);
            io::JsonProps p;
            p.add("road_class", closed.closed_class[k]).add("length_m", length, 0);
            LineString ll;
            for (const Point2& q : closed.closed[k]) ll.push_back(to_lonlat.forward(q));
            gj.line(p, ll);
        }
        gj.finish();
    });
}

std::string cutoff_summary(const Region& region, const FloodConfig& flood, const geo::ClosedRoads& closed, const CutoffResult& cutoff, bool zh) {
    std::size_t zones = 0;
    if (flood.close_roads_from_level)
        for (const Hazard& h : region.hazards) zones += h.level >= *flood.close_roads_from_level;
    std::map<CutoffStatus, std::size_t> villages;
    double worst = 0;
    for (std::size_t v = 0; v < region.villages.size(); ++v) {
        ++villages[cutoff.villages[v].status];
        if (cutoff.villages[v].status == CutoffStatus::detour) worst = std::max(worst, extra_s(cutoff, v) / 60);
    }
    std::vector<std::string> cats;
    for (Category c : all_categories())
        if (cutoff.cut_from_site_by_category[static_cast<int>(c)] > 0)
            cats.push_back(std::string(zh ? category_zh(c) : category_en(c)) + " " + std::to_string(cutoff.cut_from_site_by_category[static_cast<int>(c)]));
    std::vector<std::string> sites;
    for (const auto& [s, k] : cutoff.sites_in_hazard)
        sites.push_back(region.site(s).name + (zh ? "（" : " (") + std::to_string(region.hazards[k].level) + (zh ? " 级）" : ")"));
    const std::string level = flood.close_roads_from_level ? std::to_string(*flood.close_roads_from_level) : "";
    std::string s;
    if (zh) {
        s = "\n封路情景：封闭区域 " + std::to_string(closed.areas) + " 个（" + (flood.close_roads_from_level ? level + " 级及以上风险区 " + std::to_string(zones) + " 个，" : "") +
            "封闭路段图层 " + std::to_string(region.closures.size()) + " 处），涉及道路 " + std::to_string(closed.roads_touched) + " 条、封闭 " +
            format_decimal(closed.closed_length_m / 1000, 1) + " 千米\n";
        s += "  与所有站点隔断：村 " + std::to_string(villages[CutoffStatus::cut_from_all]) + " 个，服务对象 " + std::to_string(cutoff.cut_from_all) + " 人\n";
        s += "  与本村服务站点隔断的服务对象：" + std::to_string(cutoff.cut_from_site) + " 人" + (cats.empty() ? "" : "（" + join(cats, "、") + "）") +
             "；仅与服务站点隔断、仍可到达其他站点的村 " + std::to_string(villages[CutoffStatus::cut_from_site]) + " 个\n";
        s += "  需绕行：村 " + std::to_string(villages[CutoffStatus::detour]) + " 个，最多增加 " + format_decimal(worst, 1) + " 分钟；明细见 cutoff.csv\n";
        s += "  位于风险区内的站点：" + std::to_string(sites.size()) + " 个" + (sites.empty() ? "" : "：" + list_some(sites, 8)) + "\n";
    } else {
        s = "\nRoads closed: " + std::to_string(closed.areas) + " closing areas (" +
            (flood.close_roads_from_level ? std::to_string(zones) + " hazard zones of level " + level + " and above, " : "") +
            std::to_string(region.closures.size()) + " from the closures layer); " + std::to_string(closed.roads_touched) + " roads, " +
            format_decimal(closed.closed_length_m / 1000, 1) + " km closed\n";
        s += "  cut off from every site: " + std::to_string(villages[CutoffStatus::cut_from_all]) + " villages, " + std::to_string(cutoff.cut_from_all) +
             " beneficiaries\n";
        s += "  beneficiaries cut off from their village's site: " + std::to_string(cutoff.cut_from_site) + (cats.empty() ? "" : " (" + join(cats, ", ") + ")") +
             "; villages cut off from their site only, still reaching another: " + std::to_string(villages[CutoffStatus::cut_from_site]) + "\n";
        s += "  detour: " + std::to_string(villages[CutoffStatus::detour]) + " villages, at most " + format_decimal(worst, 1) +
             " min longer; see cutoff.csv\n";
        s += "  sites in a hazard zone: " + std::to_string(sites.size()) + (sites.empty() ? "" : ": " + list_some(sites, 8)) + "\n";
    }
    return s;
}

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

void write_detour_outputs(io::StagedOutput& out, const Region& region, const RoadGraph& graph, const DetourResult& detours, bool zh) {
    auto minutes_cell = [](double s) { return format_decimal(s / 60, 1); };
    out.write("detour_links.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"序号", "路段编号", "长度（米）", "所在镇（街）", "经此路段的村数", "经此路段的服务对象", "绕行村数",
                                              "绕行服务对象", "其中不可达村数", "最多增加（分钟）", "绕行村（社区）", "村级代码"}
                   : std::vector<std::string>{"rank", "link", "length_m", "townships", "villages_using", "beneficiaries_using", "villages_delayed",
                                              "beneficiaries_delayed", "villages_unreached", "max_extra_min", "villages", "village_codes"});
        for (std::size_t k = 0; k < detours.links.size(); ++k) {
            const DetourLink& l = detours.links[k];
            csv.row({std::to_string(k + 1), link_id(l.edge), format_decimal(graph.edges[l.edge].length_m(), 0),
                     townships_named(region, l.listed_villages, {}, l.listed_villages.size() < l.villages_delayed, zh), std::to_string(l.villages_using),
                     std::to_string(l.beneficiaries_using), std::to_string(l.villages_delayed), std::to_string(l.beneficiaries_delayed),
                     std::to_string(l.villages_unreached), minutes_cell(l.max_extra_s),
                     list_cell(village_names(region, l.listed_villages), l.villages_delayed, zh),
                     list_cell(village_codes(region, l.listed_villages), l.villages_delayed, false)});
        }
    });
    out.write("detour_links.geojson", [&](std::ostream& o) {
        const geo::Transformer to_lonlat(region.working_crs, "EPSG:4326");
        io::GeoJsonWriter gj(o, 7, out.mirror("detour_links.geojson"));
        for (std::size_t k = 0; k < detours.links.size(); ++k) {
            const DetourLink& l = detours.links[k];
            io::JsonProps p;
            p.add("rank", k + 1).add("link", link_id(l.edge)).add("length_m", graph.edges[l.edge].length_m(), 0);
            p.add("villages_using", l.villages_using).add("beneficiaries_using", l.beneficiaries_using);
            p.add("villages_delayed", l.villages_delayed).add("beneficiaries_delayed", l.beneficiaries_delayed);
            p.add("villages_unreached", l.villages_unreached).add("max_extra_min", l.max_extra_s / 60, 1);
            p.add("village_codes", village_codes(region, l.listed_villages));
            LineString ll;
            for (const Point2& q : graph.edges[l.edge].points) ll.push_back(to_lonlat.forward(q));
            gj.line(p, ll);
        }
        gj.finish();
    });
}

std::string detour_summary(const Region& region, const RoadGraph& graph, const DetourResult& detours, const DetourOptions& options, bool zh,
                           std::size_t top) {
    const std::string min = format_decimal(options.min_extra_s / 60, 0);
    std::string s = zh ? "绕行路段（中断后仍可绕行，但使 " + std::to_string(options.min_people) + " 名以上服务对象的行程增加超过 " + min +
                             " 分钟）：在经行人数最多的 " + std::to_string(detours.checked) + " 条非关键路段中逐条断开重算，" +
                             std::to_string(detours.links.size()) + " 条；明细见 detour_links.csv\n"
                       : "Detour links (a way round exists, but trips of at least " + std::to_string(options.min_people) +
                             " beneficiaries grow by more than " + min + " min): of the " + std::to_string(detours.checked) +
                             " busiest other links, each taken out and the trips recomputed, " + std::to_string(detours.links.size()) +
                             "; see detour_links.csv\n";
    for (std::size_t k = 0; k < std::min(top, detours.links.size()); ++k) {
        const DetourLink& l = detours.links[k];
        const std::string town = townships_named(region, l.listed_villages, {}, l.listed_villages.size() < l.villages_delayed, zh);
        s += "  " + std::to_string(k + 1) + ". " + link_id(l.edge) + (zh ? "（" : " (") + format_decimal(graph.edges[l.edge].length_m(), 0) +
             (zh ? " 米" : " m") + (town.empty() ? "" : (zh ? "，" : ", ") + town) + (zh ? "）" : ")") +
             (zh ? "：绕行村 " + std::to_string(l.villages_delayed) + " 个，服务对象 " + std::to_string(l.beneficiaries_delayed) + " 人"
                 : ": " + std::to_string(l.villages_delayed) + " villages, " + std::to_string(l.beneficiaries_delayed) + " beneficiaries") +
             (l.villages_delayed > l.villages_unreached
                  ? (zh ? "，最多增加 " + format_decimal(l.max_extra_s / 60, 1) + " 分钟" : ", up to " + format_decimal(l.max_extra_s / 60, 1) + " min longer")
                  : "") +
             (l.villages_unreached ? (zh ? "，其中 " + std::to_string(l.villages_unreached) + " 个村超出搜索上限或按单行规定无路可达"
                                         : ", " + std::to_string(l.villages_unreached) + " of them beyond the search limit or with no legal way (one-way roads)")
                                   : "") +
             "\n";
    }
    return s;
}

}  // namespace coverplan::report

namespace coverplan::report {

void write_flood_outputs(io::StagedOutput& out, const Region& region, const RoadGraph& graph, const FloodResult& f, const FloodConfig& config,
                         bool zh) {
    if (f.exposure) write_exposure_outputs(out, region, *f.exposure, config, f.shelters ? &*f.shelters : nullptr, zh);
    if (f.closed && f.cutoff) write_cutoff_outputs(out, region, *f.closed, *f.cutoff, zh);
    if (f.exposure && f.outreach) write_outreach_outputs(out, region, *f.outreach, *f.exposure, config, zh);
    write_critical_link_outputs(out, region, graph, f.links, zh);
    if (f.detours) write_detour_outputs(out, region, graph, *f.detours, zh);
}

std::string flood_summary(const Region& region, const RoadGraph& graph, const FloodResult& f, const FloodConfig& config, bool zh) {
    std::string s;
    if (f.closed && f.cutoff) s += cutoff_summary(region, config, *f.closed, *f.cutoff, zh);
    if (f.exposure) s += exposure_summary(region, *f.exposure, config, zh);
    if (f.shelters) s += shelters_summary(region, *f.shelters, zh);
    if (f.outreach) s += outreach_summary(*f.outreach, config, f.outreach_by_nearest, zh);
    s += critical_links_summary(region, graph, f.links, zh);
    if (f.detours) s += detour_summary(region, graph, *f.detours, config.detour, zh);
    return s;
}

Section flood_section(const Region& region, const RoadGraph& graph, const FloodResult& f, const FloodConfig& config, int suppress_below,
                      bool zh) {
    auto people = [suppress_below](std::size_t n) { return people_cell(static_cast<long long>(n), suppress_below); };
    Section sec("flood", zh ? "防汛：风险区、封路、避难场所与关键路段" : "Flood season: hazard zones, closed roads, shelters and critical links");
    const std::vector<std::optional<SiteId>> site_of = assigned_sites(region);
    if (f.exposure) {
        std::size_t priority = 0;
        for (std::size_t i = 0; i < region.beneficiaries.size(); ++i)
            priority += f.exposure->zone_of[i] >= 0 && (region.beneficiaries[i].categories & config.priority);
        sec.figures.emplace_back(zh ? "风险区内服务对象" : "beneficiaries in hazard zones", static_cast<long long>(f.exposure->exposed()));
        sec.figures.emplace_back(zh ? "其中转移优先对象" : "of them for assisted transfer", static_cast<long long>(priority));
        // People per township and level.
        std::map<std::pair<std::string, int>, std::pair<std::size_t, std::size_t>> by;  // (township code, level) → people, priority
        std::map<std::string, std::string> town_name;
        for (std::size_t i = 0; i < region.beneficiaries.size(); ++i) {
            if (f.exposure->zone_of[i] < 0) continue;
            const Beneficiary& b = region.beneficiaries[i];
            const int level = region.hazards[static_cast<std::size_t>(f.exposure->zone_of[i])].level;
            std::string code = zh ? "（未归属村）" : "(no village)";
            if (b.village) {
                const Township& t = region.township(region.village(*b.village).township);
                code = t.code;
                town_name[code] = t.name;
            }
            auto& cell = by[{code, -level}];
            ++cell.first;
            cell.second += (b.categories & config.priority) != 0;
        }
        Table t(zh ? "风险区人员" : "hazard zones", zh ? "风险区内服务对象（按镇街与风险等级）" : "Beneficiaries in hazard zones by township and level");
        t.columns = {{zh ? "镇（街）" : "township"}, {zh ? "风险等级" : "level"}, {zh ? "服务对象" : "beneficiaries"}, {zh ? "转移优先对象" : "for transfer first"}};
        for (const auto& [key, n] : by) {
            const auto it = town_name.find(key.first);
            t.rows.push_back({it == town_name.end() ? key.first : it->second, static_cast<long long>(-key.second), people(n.first), people(n.second)});
        }
        t.note = zh ? "按村统计见 exposure.csv；转移优先名单（按档案编号）见 priority.csv。" : "By village: exposure.csv; the transfer list by record id: priority.csv.";
        sec.tables.push_back(std::move(t));
    }
    if (f.cutoff) {
        std::size_t all = 0;
        Table t(zh ? "封路隔断" : "cut off", zh ? "封路后与站点隔断或需绕行的村（社区）" : "Villages cut off or on a detour with the roads closed");
        t.columns = {{zh ? "镇（街）" : "township"}, {zh ? "村（社区）" : "village"}, {zh ? "服务站点" : "site"}, {zh ? "状态" : "status"},
                     {zh ? "封路前（分钟）" : "before (min)", 1}, {zh ? "封路后（分钟）" : "after (min)", 1}, {zh ? "服务对象" : "beneficiaries"}};
        for (std::size_t v = 0; v < region.villages.size(); ++v) {
            const VillageCutoff& c = f.cutoff->villages[v];
            all += c.status == CutoffStatus::cut_from_all;
            if (c.status != CutoffStatus::cut_from_all && c.status != CutoffStatus::cut_from_site && c.status != CutoffStatus::detour) continue;
            const double b = c.has_site ? c.own_before_s : c.nearest_before_s, a = c.has_site ? c.own_after_s : c.nearest_after_s;
            const Village& vil = region.villages[v];
            t.rows.push_back({region.township(vil.township).name, vil.name, site_of[v] ? region.site(*site_of[v]).name : std::string(),
                              status_text(c.status, zh), std::isfinite(b) ? Cell{b / 60} : Cell{}, std::isfinite(a) ? Cell{a / 60} : Cell{},
                              people(c.beneficiaries)});
        }
        sec.figures.emplace_back(zh ? "封路后与所有站点隔断的村" : "villages cut off from every site", static_cast<long long>(all));
        sec.figures.emplace_back(zh ? "与所有站点隔断的服务对象" : "beneficiaries cut off from every site", static_cast<long long>(f.cutoff->cut_from_all));
        t.note = zh ? "全部村（社区）封路前后的通行时间见 cutoff.csv；封闭路段见 closed_roads.geojson。"
                    : "Every village's times before and after: cutoff.csv; the roads closed: closed_roads.geojson.";
        if (!t.rows.empty()) sec.tables.push_back(std::move(t));
    }
    if (f.shelters) {
        Table t(zh ? "避难场所" : "shelters", zh ? "避难场所分配" : "Shelters");
        t.columns = {{zh ? "避难场所" : "shelter"}, {zh ? "类型" : "type"}, {zh ? "容量（人）" : "capacity"}, {zh ? "分配人数" : "people"},
                     {zh ? "剩余容量" : "places left"}};
        for (std::size_t s = 0; s < region.shelters.size(); ++s) {
            if (f.shelters->people[s] == 0) continue;
            const Shelter& sh = region.shelters[s];
            const std::size_t n = f.shelters->people[s];
            // Places left would give a hidden count away: hidden with it.
            const bool hidden = suppress_below > 0 && n < static_cast<std::size_t>(suppress_below);
            t.rows.push_back({sh.name, sh.type, static_cast<long long>(sh.capacity), people(n),
                              hidden ? Cell{} : Cell{static_cast<long long>(sh.capacity) - static_cast<long long>(n)}});
        }
        sec.figures.emplace_back(zh ? "无可达避难场所的服务对象" : "beneficiaries with no shelter in reach", static_cast<long long>(f.shelters->unsheltered));
        t.note = zh ? "每人按封路后道路去往最近的避难场所；剩余容量为负即超出容量。全部场所见 shelters.csv。"
                    : "Each person goes to the nearest shelter by the roads left open; negative places left: over capacity. All shelters: shelters.csv.";
        sec.tables.push_back(std::move(t));
    }
    if (f.outreach) {
        const VisitPlan& o = *f.outreach;
        Table t(zh ? "暴雨前排查" : "outreach", zh ? "暴雨前逐户排查（按站点）" : "Checks at home before the storm, per site");
        t.columns = {{zh ? "站点" : "site"}, {zh ? "镇（街）" : "township"}, {zh ? "社工" : "staff"}, {zh ? "风险区对象" : "in hazard zones"},
                     {zh ? "已安排" : "planned"}, {zh ? "未安排" : "not planned"}, {zh ? "路线" : "tours"}, {zh ? "最晚返回" : "last back"}};
        std::vector<std::size_t> tours(region.sites.size(), 0);
        std::vector<double> back(region.sites.size(), 0);
        for (const DayTour& d : o.tours) {
            ++tours[d.site.value];
            back[d.site.value] = std::max(back[d.site.value], d.return_min);
        }
        for (const SiteVisits& sv : o.sites) {
            if (sv.due == 0) continue;
            const Site& site = region.site(sv.site);
            t.rows.push_back({site.name, region.township(site.township).name, static_cast<long long>(sv.staff), people(sv.due), people(sv.planned),
                              people(sv.due - sv.planned), static_cast<long long>(tours[sv.site.value]),
                              tours[sv.site.value] ? Cell{clock_text(back[sv.site.value])} : Cell{}});
        }
        sec.figures.emplace_back(zh ? "暴雨前可排查到户" : "checked at home before the storm", static_cast<long long>(o.planned));
        sec.paragraphs.push_back(
            zh ? "暴雨来临前，各站点社工在 " + std::to_string(config.outreach_days) + " 个工作日内对风险区内服务对象逐户排查，路线避开封闭道路。"
               : "Before the storm, each site's social workers check every beneficiary in a hazard zone at home within " +
                     std::to_string(config.outreach_days) + " working days, on tours that avoid the closed roads.");
        t.note = zh ? "逐户名单（按档案编号）与顺序见 outreach.csv，路线见 outreach_tours.geojson。"
                    : "The list by record id in visiting order: outreach.csv; the tours: outreach_tours.geojson.";
        if (!t.rows.empty()) sec.tables.push_back(std::move(t));
    }
    {
        Table t(zh ? "关键路段" : "critical links", zh ? "关键路段（前 10 条，按隔断服务对象人数）" : "Critical links (first 10, by beneficiaries cut off)");
        t.columns = {{zh ? "路段" : "link"}, {zh ? "长度（米）" : "length (m)"}, {zh ? "所在镇（街）" : "townships"}, {zh ? "隔断村" : "villages"},
                     {zh ? "隔断站点" : "sites"}, {zh ? "隔断服务对象" : "beneficiaries"}, {zh ? "区域内有站点" : "site in the area"}};
        for (std::size_t k = 0; k < std::min<std::size_t>(10, f.links.size()); ++k) {
            const CriticalLink& l = f.links[k];
            t.rows.push_back({link_id(l), static_cast<long long>(std::llround(graph.edges[l.edge].length_m())), townships_of(region, l, zh),
                              static_cast<long long>(l.villages), static_cast<long long>(l.sites), people(l.beneficiaries),
                              std::string(l.no_site ? (zh ? "无" : "no") : (zh ? "有" : "yes"))});
        }
        sec.figures.emplace_back(zh ? "关键路段" : "critical links", static_cast<long long>(f.links.size()));
        sec.paragraphs.push_back(zh ? "关键路段指任一处中断即把部分村、站点或服务对象与其余路网隔断的道路（路网的“桥”），汛前应优先巡查、备好替代通道。"
                                    : "A critical link is a road whose loss alone cuts villages, sites or beneficiaries off from the rest of the network "
                                      "(a bridge of the road graph): inspect them first before the season and plan a way round.");
        t.note = zh ? "全部关键路段见 critical_links.csv 与 critical_links.geojson。" : "Every link: critical_links.csv and critical_links.geojson.";
        sec.tables.push_back(std::move(t));
    }
    if (f.detours && !f.detours->links.empty()) {
        const std::string min = format_decimal(config.detour.min_extra_s / 60, 0);
        Table t(zh ? "绕行路段" : "detour links", zh ? "绕行路段（中断后行程增加超过 " + min + " 分钟）" : "Detour links (trips over " + min + " min longer without them)");
        t.columns = {{zh ? "路段" : "link"}, {zh ? "长度（米）" : "length (m)"}, {zh ? "所在镇（街）" : "townships"}, {zh ? "绕行村" : "villages"},
                     {zh ? "绕行服务对象" : "beneficiaries"}, {zh ? "最多增加（分钟）" : "most extra (min)", 1}};
        for (std::size_t k = 0; k < std::min<std::size_t>(10, f.detours->links.size()); ++k) {
            const DetourLink& l = f.detours->links[k];
            t.rows.push_back({link_id(l.edge), static_cast<long long>(std::llround(graph.edges[l.edge].length_m())),
                              townships_named(region, l.listed_villages, {}, l.listed_villages.size() < l.villages_delayed, zh),
                              static_cast<long long>(l.villages_delayed), people(l.beneficiaries_delayed), l.max_extra_s / 60});
        }
        sec.figures.emplace_back(zh ? "绕行路段" : "detour links", static_cast<long long>(f.detours->links.size()));
        t.note = zh ? "在经行服务对象最多的 " + std::to_string(f.detours->checked) + " 条非关键路段中逐条断开重算；全部见 detour_links.csv。"
                    : "Each of the " + std::to_string(f.detours->checked) + " busiest other links taken out and the trips recomputed; all: detour_links.csv.";
        sec.tables.push_back(std::move(t));
    }
    return sec;
}

}  // namespace coverplan::report
