#include "report/check_report.hpp"

#include <map>

#include "core/text.hpp"
#include "geo/proj_transform.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"
#include "report/text_table.hpp"
#include "report/village_counts.hpp"

namespace coverplan::report {

namespace {

const char* rule_title(const std::string& rule, bool zh) {
    static const std::map<std::string, std::pair<const char*, const char*>> titles = {
        {"R1", {"one station per township", "每个镇（街）一个社工站"}},
        {"R2", {"each village served by exactly one site", "每个村（社区）由且仅由一个站点服务"}},
        {"R3", {"villages per point", "每个社工点服务村数"}},
        {"R4", {"served villages in the site's township", "服务村属于站点所在镇（街）"}},
        {"R5", {"site stands in a village it serves", "站点位于其服务的村（社区）内"}},
        {"R6", {"travel time to served villages", "到服务村的通行时间"}},
        {"R7", {"required points per township", "各镇（街）应建社工点数"}},
        {"R8", {"visiting workload within staff hours", "走访工作量不超过社工工时"}},
    };
    auto it = titles.find(rule);
    if (it == titles.end()) return "";
    return zh ? it->second.second : it->second.first;
}

std::string severity_text(Severity s, bool zh) {
    if (!zh) return std::string(severity_key(s));
    switch (s) {
        case Severity::error: return "错误";
        case Severity::warning: return "警告";
        case Severity::info: return "提示";
    }
    return "";
}

std::vector<std::string> village_codes(const Region& region, const Violation& v) {
    std::vector<std::string> codes;
    for (VillageId id : v.villages) codes.push_back(region.village(id).code);
    return codes;
}

std::vector<std::string> village_names(const Region& region, const Violation& v) {
    std::vector<std::string> names;
    for (VillageId id : v.villages) names.push_back(region.village(id).name);
    return names;
}

}  // namespace

void ProgressTotals::add(const ProgressRow& r) {
    villages += r.villages;
    st_req += r.stations_required;
    st_built += r.stations_built;
    st_short += r.station_shortfall();
    pt_req += r.points_required;
    pt_built += r.points_built;
    pt_planned += r.points_planned;
    pt_short += r.point_shortfall();
    served += r.villages_served;
}

std::vector<int> ProgressTotals::values() const {
    return {villages, served, st_req, st_built, st_short, pt_req, pt_built, pt_planned, pt_short};
}

std::vector<std::string> ProgressTotals::cells() const {
    std::vector<std::string> out;
    for (int v : values()) out.push_back(std::to_string(v));
    return out;
}

std::vector<std::string> progress_header(bool zh) {
    if (zh) return {"区县", "镇（街）", "代码", "村（社区）数", "已纳入服务村数", "社工站应建", "社工站已建", "社工站缺口",
                    "社工点应建", "社工点已建", "社工点规划", "社工点缺口"};
    return {"county", "township", "code", "villages", "villages_served", "stations_required", "stations_built",
            "stations_shortfall", "points_required", "points_built", "points_planned", "points_shortfall"};
}

std::string rule_text(const std::string& rule, int k, bool zh) {
    const std::string n = std::to_string(k);
    if (rule == "R1") return zh ? "R1 每个镇（街）设一个社工站" : "R1 one station per township";
    if (rule == "R2") return zh ? "R2 每个村（社区）由一个站点服务" : "R2 each village served by one site";
    if (rule == "R3") return zh ? "R3 每个社工点服务不超过 " + n + " 个村（社区）" : "R3 a point serves at most " + n + " villages";
    if (rule == "R4") return zh ? "R4 站点只服务本镇（街）的村（社区）" : "R4 a site serves villages of its own township";
    if (rule == "R5") return zh ? "R5 站点位于其服务的村（社区）内" : "R5 a site lies in a village it serves";
    if (rule == "R6") return zh ? "R6 站点到服务村（社区）的通行时间不超过上限" : "R6 travel time to each served village within the limit";
    if (rule == "R7") return zh ? "R7 应建社工点数" : "R7 points required";
    if (rule == "R8") return zh ? "R8 站点每月入户走访工作量不超过其社工可用工时" : "R8 a site's monthly visiting workload within its staff's hours";
    return rule;
}

std::string remedy_text(const std::string& kind, bool zh) {
    struct Remedy {
        const char* kind;
        const char* zh;
        const char* en;
    };
    static constexpr Remedy k_remedies[] = {
        {"no_station", "在该镇（街）设立社工站", "set up a station in the township"},
        {"extra_station", "保留一个社工站，其余改为社工点或撤并", "keep one station; make the others points or merge them"},
        {"not_served", "将该村（社区）分配给本镇（街）的一个站点", "assign the village to a site of its township"},
        {"served_twice", "只保留一个服务站点，更新服务关系表", "keep one serving site and update the assignments"},
        {"too_many_villages", "把多出的村（社区）分给其他站点或新设社工点", "move the extra villages to other sites or a new point"},
        {"few_villages", "可再承接本镇（街）未纳入服务的村（社区）", "can take on villages of the township not yet assigned"},
        {"other_township", "改由所在镇（街）的站点服务", "have a site of the village's own township serve it"},
        {"too_far", "调整服务关系或在附近新设社工点", "reassign the village or set up a point nearer to it"},
        {"outside_served_villages", "核实站点位置，或调整其服务的村（社区）", "check the site's location or the villages it serves"},
        {"over_capacity", "增配社工，或把部分村（社区）调给其他站点", "add social workers, or move villages to other sites"},
    };
    for (const Remedy& r : k_remedies)
        if (kind == r.kind) return zh ? r.zh : r.en;
    return "";
}

std::string load_summary(const Region& region, bool zh) {
    int stations = 0, points = 0;
    for (const Site& s : region.sites) (s.kind == SiteKind::station ? stations : points)++;
    std::string out;
    if (zh) {
        out += "已读取：" + std::to_string(region.townships.size()) + " 个镇（街），" + std::to_string(region.villages.size()) +
               " 个村（社区），" + std::to_string(region.sites.size()) + " 个站点（社工站 " + std::to_string(stations) +
               "，社工点 " + std::to_string(points) + "），" + std::to_string(region.beneficiaries.size()) + " 名服务对象，" +
               std::to_string(region.roads.size()) + " 条道路；工作坐标系 " + region.working_crs + "\n";
    } else {
        out += "Loaded " + std::to_string(region.townships.size()) + " townships, " + std::to_string(region.villages.size()) +
               " villages, " + std::to_string(region.sites.size()) + " sites (" + std::to_string(stations) + " stations, " +
               std::to_string(points) + " points), " + std::to_string(region.beneficiaries.size()) + " beneficiaries, " +
               std::to_string(region.roads.size()) + " road lines; working CRS " + region.working_crs + "\n";
    }
    for (const DataNote& n : region.notes) out += "  [" + severity_text(n.severity, zh) + "] " + n.text.in(zh) + "\n";
    return out;
}

std::string layer_counts(const Region& region, bool zh) {
    TextTable t(zh ? std::vector<std::string>{"图层", "读取", "使用"} : std::vector<std::string>{"layer", "read", "used"});
    for (const LayerCount& c : region.counts) t.row({c.layer, std::to_string(c.read), std::to_string(c.used)});
    return (zh ? "\n各图层要素数\n" : "\nFeatures per layer\n") + t.render(1);
}

std::string check_summary(const Region& region, const RuleReport& report, bool zh) {
    std::string out = zh ? "\n规则检查（违规数）\n" : "\nRule check (violations)\n";
    TextTable rules(zh ? std::vector<std::string>{"规则", "内容", "错误", "警告", "提示"}
                       : std::vector<std::string>{"rule", "what", "errors", "warnings", "notes"});
    for (const char* r : {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"}) {
        const std::string rule = r;
        bool skipped = false;
        for (const auto& s : report.skipped) skipped = skipped || s.rule == rule;
        if (rule == "R7") {
            rules.row({rule, rule_title(rule, zh), "", "", zh ? "见下表" : "see table"});
        } else if (skipped && report.count(rule) == 0) {
            rules.row({rule, rule_title(rule, zh), "-", "-", zh ? "未检查" : "skipped"});
        } else {
            rules.row({rule, rule_title(rule, zh), std::to_string(report.count(rule, Severity::error)),
                       std::to_string(report.count(rule, Severity::warning)), std::to_string(report.count(rule, Severity::info))});
        }
    }
    out += rules.render(2);
    for (const auto& s : report.skipped) out += "  " + s.rule + (zh ? " 未检查：" : " skipped: ") + s.reason.in(zh) + "\n";

    int shown = 0;
    for (const Violation& v : report.violations) {
        if (v.severity != Severity::error) continue;
        if (shown++ == 0) out += zh ? "\n错误：\n" : "\nErrors:\n";
        out += "  " + v.rule + "  " + v.message.in(zh) + "\n";
    }

    const std::string vpp = std::to_string(report.villages_per_point);
    out += zh ? "\n建设进度一览表（R7：社工点应建数 = ⌈(村数 − 社工站服务村数) ÷ " + vpp + "⌉）\n"
              : "\nProgress by township (R7: required points = ceil((villages - served by station) / " + vpp + "))\n";
    TextTable table(progress_header(zh));
    std::map<std::string, ProgressTotals> by_county;
    ProgressTotals all;
    for (const ProgressRow& r : report.progress) {
        const Township& t = region.township(r.township);
        ProgressTotals one;
        one.add(r);
        table.row(concat({region.county_name(t.county_code()), t.name, t.code}, one.cells()));
        by_county[t.county_code()].add(r);
        all.add(r);
    }
    if (by_county.size() > 1) {
        table.rule();
        for (const auto& [code, tot] : by_county) table.row(concat({region.county_name(code), zh ? "小计" : "subtotal", code}, tot.cells()));
    }
    table.rule();
    table.row(concat({zh ? "合计" : "total", "", ""}, all.cells()));
    out += table.render(3);
    return out;
}

void write_violations_csv(std::ostream& out, const Region& region, const RuleReport& report, bool zh) {
    io::CsvWriter csv(out);
    csv.row(zh ? std::vector<std::string>{"规则", "严重程度", "类型", "区县代码", "镇街代码", "镇（街）", "站点编号", "站点名称",
                                          "村级代码", "村（社区）", "说明", "message_en"}
               : std::vector<std::string>{"rule", "severity", "kind", "county_code", "township_code", "township", "site_id",
                                          "site_name", "village_codes", "villages", "message_en", "message_zh"});
    for (const Violation& v : report.violations) {
        const Township* t = v.township ? &region.township(*v.township) : nullptr;
        const Site* s = v.site ? &region.site(*v.site) : nullptr;
        csv.row({v.rule, severity_text(v.severity, zh), v.kind, t ? t->county_code() : "", t ? t->code : "", t ? t->name : "",
                 s ? s->id : "", s ? s->name : "", join(village_codes(region, v), ";"), join(village_names(region, v), ";"),
                 zh ? v.message.zh : v.message.en, zh ? v.message.en : v.message.zh});
    }
}

void write_violations_geojson(std::ostream& out, const Region& region, const RuleReport& report, io::FeatureMirror* mirror) {
    const geo::Transformer to_lonlat(region.working_crs, "EPSG:4326");
    io::GeoJsonWriter gj(out, 7, mirror);
    for (const Violation& v : report.violations) {
        const Township* t = v.township ? &region.township(*v.township) : nullptr;
        const Site* s = v.site ? &region.site(*v.site) : nullptr;
        io::JsonProps p;
        p.add("rule", v.rule).add("severity", severity_key(v.severity)).add("kind", v.kind);
        p.add("county_code", t ? t->county_code() : "").add("township_code", t ? t->code : "").add("township", t ? t->name : "");
        if (s) p.add("site_id", s->id).add("site_name", s->name);
        else p.add_null("site_id", io::PropValue::Kind::text).add_null("site_name", io::PropValue::Kind::text);
        p.add("village_codes", village_codes(region, v)).add("villages", village_names(region, v));
        p.add("message_zh", v.message.zh).add("message_en", v.message.en);
        gj.point(p, to_lonlat.forward(v.location));
    }
    gj.finish();
}

void write_progress_csv(std::ostream& out, const Region& region, const RuleReport& report, bool zh) {
    io::CsvWriter csv(out);
    csv.row(progress_header(zh));
    for (const ProgressRow& r : report.progress) {
        const Township& t = region.township(r.township);
        ProgressTotals one;
        one.add(r);
        csv.row(concat({region.county_name(t.county_code()), t.name, t.code}, one.cells()));
    }
}

void write_townships_geojson(std::ostream& out, const Region& region, io::FeatureMirror* mirror) {
    const geo::Transformer to_lonlat(region.working_crs, "EPSG:4326");
    const std::vector<int> people = beneficiaries_by_village(region);
    std::vector<int> villages(region.townships.size(), 0), beneficiaries(region.townships.size(), 0);
    std::vector<int> stations(region.townships.size(), 0), points(region.townships.size(), 0);
    for (std::size_t v = 0; v < region.villages.size(); ++v) {
        const std::size_t t = region.villages[v].township.value;
        ++villages[t];
        beneficiaries[t] += people[v];
    }
    for (const Site& s : region.sites)
        if (s.status == SiteStatus::existing) ++(s.kind == SiteKind::station ? stations : points)[s.township.value];
    io::GeoJsonWriter gj(out, 7, mirror);
    for (std::size_t i = 0; i < region.townships.size(); ++i) {
        const Township& t = region.townships[i];
        io::JsonProps p;
        p.add("code", t.code).add("name", t.name).add("county_code", t.county_code()).add("county", region.county_name(t.county_code()));
        p.add("villages", villages[i]).add("beneficiaries", beneficiaries[i]).add("stations", stations[i]).add("points", points[i]);
        if (t.polygon.empty()) gj.point(p, to_lonlat.forward(t.anchor));
        else {
            MultiPolygon mp = t.polygon;
            to_lonlat.forward(mp);
            gj.multipolygon(p, mp);
        }
    }
    gj.finish();
}

void write_check_outputs(io::StagedOutput& out, const Region& region, const RuleReport& report, bool zh) {
    out.write("townships.geojson", [&](std::ostream& o) { write_townships_geojson(o, region, out.mirror("townships.geojson")); });
    out.write("violations.csv", [&](std::ostream& o) { write_violations_csv(o, region, report, zh); });
    out.write("violations.geojson", [&](std::ostream& o) { write_violations_geojson(o, region, report, out.mirror("violations.geojson")); });
    out.write("progress.csv", [&](std::ostream& o) { write_progress_csv(o, region, report, zh); });
}

}  // namespace coverplan::report
