#include "report/access_report.hpp"

#include <algorithm>
#include <numeric>

#include "core/text.hpp"
#include "geo/proj_transform.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"

namespace coverplan::report {

namespace {

std::string zones_text(const CatchmentConfig& c, bool zh) {
    const double zone = c.catchment_min / static_cast<double>(c.zone_weights.size());
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < c.zone_weights.size(); ++k)
        parts.push_back(format_decimal(zone * static_cast<double>(k), 0) + "–" + format_decimal(zone * static_cast<double>(k + 1), 0) +
                        (zh ? " 分钟 " : " min ×") + format_decimal(c.zone_weights[k], 2));
    return join(parts, zh ? "、" : ", ");
}

// Villages with beneficiaries, by E2SFCA ascending (ties by code).
std::vector<std::size_t> ranked(const Region& region, const AccessResult& a) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < region.villages.size(); ++i)
        if (a.demand[i] > 0) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        if (a.values.e2sfca[x] != a.values.e2sfca[y]) return a.values.e2sfca[x] < a.values.e2sfca[y];
        return region.villages[x].code < region.villages[y].code;
    });
    return order;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

void write_access_outputs(io::StagedOutput& out, const Region& region, const AccessResult& a, bool zh) {
    out.write("access.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"区县", "镇（街）", "村级代码", "村（社区）", "加权服务对象", "可达站点数", "每千人社工数_2SFCA",
                                              "每千人社工数_E2SFCA"}
                   : std::vector<std::string>{"county", "township", "village_code", "village", "weighted_beneficiaries", "sites_within",
                                              "workers_per_1000_2sfca", "workers_per_1000_e2sfca"});
        for (std::size_t i = 0; i < region.villages.size(); ++i) {
            const Village& v = region.villages[i];
            const Township& t = region.township(v.township);
            csv.row({region.county_name(t.county_code()), t.name, v.code, v.name, format_decimal(a.demand[i], 1),
                     std::to_string(a.values.sites_within[i]), format_decimal(a.values.fca2[i], 3), format_decimal(a.values.e2sfca[i], 3)});
        }
    });
    out.write("access.geojson", [&](std::ostream& o) {
        const geo::Transformer to_lonlat(region.working_crs, "EPSG:4326");
        io::GeoJsonWriter gj(o, 7, out.mirror("access.geojson"));
        for (std::size_t i = 0; i < region.villages.size(); ++i) {
            const Village& v = region.villages[i];
            io::JsonProps p;
            p.add("village_code", v.code).add("village", v.name).add("township_code", region.township(v.township).code);
            p.add("weighted_beneficiaries", a.demand[i], 1).add("sites_within", a.values.sites_within[i]);
            p.add("workers_per_1000_2sfca", a.values.fca2[i], 3).add("workers_per_1000_e2sfca", a.values.e2sfca[i], 3);
            gj.point(p, to_lonlat.forward(v.anchor));
        }
        gj.finish();
    });
}

std::string access_summary(const Region& region, const AccessResult& a, bool zh) {
    std::vector<double> e;
    std::size_t none = 0;
    for (std::size_t i : ranked(region, a)) {
        e.push_back(a.values.e2sfca[i]);
        none += a.values.e2sfca[i] == 0;
    }
    return zh ? "\n社工可及性（增强型两步移动搜寻法，" + format_decimal(a.config.catchment_min, 0) + " 分钟）：有服务对象的 " + std::to_string(e.size()) +
                    " 个村（社区）每千名加权服务对象社工数中位数 " + format_decimal(median(e), 2) + "，" + std::to_string(none) +
                    " 个村无社工可及；明细见 access.csv\n"
              : "\nAccess to a social worker (E2SFCA, " + format_decimal(a.config.catchment_min, 0) + " min): median " +
                    format_decimal(median(e), 2) + " social workers per 1,000 weighted beneficiaries over " + std::to_string(e.size()) +
                    " villages with beneficiaries; " + std::to_string(none) + " with none in reach; see access.csv\n";
}

Section access_section(const Region& region, const AccessResult& a, bool zh) {
    Section sec("access", zh ? "社工可及性（两步移动搜寻法）" : "Access to a social worker (2SFCA)");
    const std::string fca = zh ? "两步移动搜寻法" : "2SFCA", efca = zh ? "增强型两步移动搜寻法" : "E2SFCA";
    const std::vector<std::size_t> order = ranked(region, a);
    std::vector<double> e;
    std::size_t none = 0;
    for (std::size_t i : order) {
        e.push_back(a.values.e2sfca[i]);
        none += a.values.e2sfca[i] == 0;
    }
    const double workers = std::accumulate(a.supply.begin(), a.supply.end(), 0.0);
    const double demand = std::accumulate(a.demand.begin(), a.demand.end(), 0.0);
    sec.figures.emplace_back(zh ? "每千名加权服务对象社工数（全域）" : "workers per 1,000 weighted beneficiaries (overall)",
                             demand > 0 ? 1000 * workers / demand : 0.0, 2);
    sec.figures.emplace_back(zh ? "各村中位数（增强型）" : "median over villages (E2SFCA)", median(e), 2);
    sec.figures.emplace_back(zh ? "无社工可及的村" : "villages with none in reach", static_cast<long long>(none));
    sec.paragraphs.push_back(
        zh ? "第一步，每个站点的社工数除以其 " + format_decimal(a.config.catchment_min, 0) +
                 " 分钟车程内各村的加权服务对象数，得到供需比；第二步，每个村把其车程内各站点的供需比相加，乘以 1000，即每千名加权服务对象可及的社工数（两步移动搜寻法）。增强型按车程分区加权（" +
                 zones_text(a.config, true) + "），越远权重越小。服务对象按规划设置的类别权重加权，位置取村委会。"
           : "Step one divides each site's social workers by the weighted beneficiaries of the villages within " +
                 format_decimal(a.config.catchment_min, 0) +
                 " minutes by road; step two adds, for each village, the ratios of the sites within that time, times 1,000: social workers "
                 "per 1,000 weighted beneficiaries (2SFCA). E2SFCA weights by travel-time zone (" +
                 zones_text(a.config, false) + "). Beneficiaries are weighted by [plan.category_weights], located at the village centre.");
    Table t(zh ? "社工可及性" : "access", zh ? "可及性最低的村（社区）" : "Villages with the least access");
    t.columns = {{zh ? "镇（街）" : "township"}, {zh ? "村（社区）" : "village"}, {zh ? "加权服务对象" : "weighted beneficiaries", 0},
                 {zh ? "可达站点" : "sites in reach"}, {fca, 2}, {efca, 2}};
    for (std::size_t k = 0; k < std::min<std::size_t>(10, order.size()); ++k) {
        const std::size_t i = order[k];
        const Village& v = region.villages[i];
        t.rows.push_back({region.township(v.township).name, v.name, a.demand[i], static_cast<long long>(a.values.sites_within[i]),
                          a.values.fca2[i], a.values.e2sfca[i]});
    }
    t.note = zh ? "全部村（社区）见 access.csv 与 access.geojson。" : "Every village: access.csv and access.geojson.";
    sec.tables.push_back(std::move(t));
    return sec;
}

}  // namespace coverplan::report
