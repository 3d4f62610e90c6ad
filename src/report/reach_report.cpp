#include "report/reach_report.hpp"

#include <algorithm>
#include <cmath>

#include "geo/proj_transform.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"
#include "report/plan_text.hpp"
#include "report/text_table.hpp"
#include "report/village_counts.hpp"

namespace coverplan::report {

namespace {

std::string question(const solve::ReachPlan& rp, bool zh) {
    const std::string t = format_decimal(rp.within_s / 60, 0);
    const std::string k = std::to_string(rp.budget);
    switch (rp.model) {
        case placement::Model::max_covering:
            return zh ? "最大覆盖（MCLP）：新增 " + k + " 个社工点，使 " + t + " 分钟内可达站点的服务对象（加权）最多"
                      : "maximal covering (MCLP): " + k + " new points reaching the most weighted beneficiaries within " + t + " min";
        case placement::Model::set_covering:
            return zh ? "集合覆盖（LSCP）：使每个村（社区）" + t + " 分钟内可达站点所需的最少新增社工点"
                      : "set covering (LSCP): the fewest new points so that every village is within " + t + " min of a site";
        default:
            return zh ? "p-中心：新增 " + k + " 个社工点，使离站点最远的村（社区）尽量近"
                      : "p-center: " + k + " new points making the longest trip from a village to its nearest site as short as possible";
    }
}

struct Reach {
    std::size_t villages = 0, unreached = 0;
    double weight = 0, worst_s = 0;
};

Reach reach(const std::vector<double>& time_s, const std::vector<double>& weight, double within_s) {
    Reach r;
    for (std::size_t i = 0; i < time_s.size(); ++i) {
        if (!std::isfinite(time_s[i])) {
            ++r.unreached;
            continue;
        }
        r.worst_s = std::max(r.worst_s, time_s[i]);
        if (time_s[i] <= within_s) {
            ++r.villages;
            r.weight += weight[i];
        }
    }
    return r;
}

}  // namespace

std::string reach_summary(const Region& region, const solve::ReachPlan& rp, bool zh) {
    const auto& s = rp.solution;
    std::string out = (zh ? "\n可达性规划 — " : "\nReach plan — ") + question(rp, zh) + "\n";
    out += (zh ? "  求解：" : "  solver: ") + s.solver + (zh ? "，" : ", ") + solver_status(s, zh) + (zh ? "，差距 " : ", gap ") +
           format_decimal(100 * s.gap(), 2) + "%" + (zh ? "，用时 " : ", ") + format_decimal(s.time_s, 2) + (zh ? " 秒\n" : " s\n");
    if (!s.message.empty()) out += "  " + s.message + "\n";
    const bool solved = s.status == placement::Status::optimal || s.status == placement::Status::feasible;
    if (!solved) return out;
    std::size_t planned = 0;
    for (const auto& site : rp.sites) planned += !site.existing;
    out += zh ? "\n新增社工点（" + std::to_string(planned) + " 个）：\n" : "\nNew points (" + std::to_string(planned) + "):\n";
    TextTable t(zh ? std::vector<std::string>{"编号", "名称", "镇（街）", "以其为最近站点且可达的村", "其服务对象（加权）"}
                   : std::vector<std::string>{"id", "name", "township", "villages nearest to it, within T", "their weight"});
    for (const auto& site : rp.sites)
        if (!site.existing)
            t.row({site.id, site.name, region.township(site.township).name, std::to_string(site.villages_nearest),
                   format_decimal(site.weight_nearest, 0)});
    out += t.render(1);

    const std::string tm = format_decimal(rp.within_s / 60, rp.model == placement::Model::p_center ? 1 : 0);
    const Reach before = reach(rp.before_s, rp.weight, rp.within_s), after = reach(rp.after_s, rp.weight, rp.within_s);
    const std::size_t nv = region.villages.size();
    out += zh ? "\n规划前后（到最近站点，不分镇（街））：\n" : "\nBefore and after (to the nearest site, any township):\n";
    TextTable c(zh ? std::vector<std::string>{"指标", "规划前", "规划后"} : std::vector<std::string>{"figure", "before", "after"});
    c.row({(zh ? tm + " 分钟内可达站点的村（社区）" : "villages within " + tm + " min of a site"),
           std::to_string(before.villages) + "/" + std::to_string(nv), std::to_string(after.villages) + "/" + std::to_string(nv)});
    c.row({(zh ? tm + " 分钟内的服务对象（加权）" : "weighted beneficiaries within " + tm + " min"), format_decimal(before.weight, 0),
           format_decimal(after.weight, 0)});
    c.row({zh ? "最远的村到最近站点（分钟）" : "longest trip to the nearest site (min)", minutes(before.worst_s), minutes(after.worst_s)});
    c.row({zh ? "无法到达任何站点的村" : "villages reaching no site", std::to_string(before.unreached), std::to_string(after.unreached)});
    out += c.render(1);
    return out;
}

void write_reach_outputs(io::StagedOutput& out, const Region& region, const solve::ReachPlan& rp, bool zh) {
    const geo::Transformer to_ll(region.working_crs, "EPSG:4326");
    const std::string model(placement::model_key(rp.model));
    out.write("plan.geojson", [&](std::ostream& o) {
        io::GeoJsonWriter gj(o);
        for (const auto& site : rp.sites) {
            const Township& t = region.township(site.township);
            io::JsonProps p;
            p.add("id", site.id).add("name", site.name).add("kind", site.kind == SiteKind::station ? "station" : "point");
            p.add("status", site.existing ? "existing" : "planned").add("origin", origin_key(site.origin)).add("model", model);
            p.add("township_code", t.code).add("township", t.name);
            p.add("villages_nearest", site.villages_nearest).add("weight_nearest", site.weight_nearest, 2);
            gj.point(p, to_ll.forward(site.location));
        }
    });
    out.write("plan.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"站点编号", "站点名称", "类型", "状态", "来源", "镇（街）代码", "镇（街）", "以其为最近站点且可达的村",
                                              "其服务对象（加权）"}
                   : std::vector<std::string>{"site_id", "site_name", "kind", "status", "origin", "township_code", "township",
                                              "villages_nearest", "weight_nearest"});
        for (const auto& site : rp.sites) {
            const Township& t = region.township(site.township);
            csv.row({site.id, site.name, kind_text(site.kind, zh),
                     site.existing ? (zh ? "已建" : "existing") : (zh ? "规划" : "planned"), zh ? origin_zh(site.origin) : origin_key(site.origin),
                     t.code, t.name, std::to_string(site.villages_nearest), format_decimal(site.weight_nearest, 2)});
        }
    });
    out.write("plan_villages.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"村（社区）代码", "村（社区）", "镇（街）", "权重", "规划前到最近站点（分钟）", "规划后到最近站点（分钟）"}
                   : std::vector<std::string>{"village_code", "village", "township", "weight", "before_min", "after_min"});
        for (std::size_t i = 0; i < region.villages.size(); ++i) {
            const Village& v = region.villages[i];
            csv.row({v.code, v.name, region.township(v.township).name, format_decimal(rp.weight[i], 2),
                     std::isfinite(rp.before_s[i]) ? minutes(rp.before_s[i]) : "", std::isfinite(rp.after_s[i]) ? minutes(rp.after_s[i]) : ""});
        }
    });
}

}  // namespace coverplan::report
