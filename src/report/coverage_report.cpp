#include "report/coverage_report.hpp"

#include <array>

#include "core/text.hpp"
#include "geo/proj_transform.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"
#include "report/text_table.hpp"
#include "report/village_counts.hpp"

namespace coverplan::report {

namespace {

std::string pct(double part, double whole) { return whole > 0 ? format_decimal(100 * part / whole, 1) : ""; }
const std::string& site_id(const Region& region, const TimeToSite& t) {
    static const std::string none;
    return t.site ? region.site(*t.site).id : none;
}


std::vector<std::string> stats_cells(const CoverageStats& s, const std::vector<double>& th) {
    std::vector<std::string> cells{std::to_string(s.villages)};
    for (std::size_t k = 0; k < th.size(); ++k) {
        cells.push_back(std::to_string(s.villages_within[k]));
        cells.push_back(pct(static_cast<double>(s.villages_within[k]), static_cast<double>(s.villages)));
    }
    cells.push_back(std::to_string(s.beneficiaries));
    cells.push_back(format_decimal(s.weight, 2));
    for (std::size_t k = 0; k < th.size(); ++k) {
        cells.push_back(format_decimal(s.weight_within_nearest[k], 2));
        cells.push_back(pct(s.weight_within_nearest[k], s.weight));
        cells.push_back(format_decimal(s.weight_within_assigned[k], 2));
        cells.push_back(pct(s.weight_within_assigned[k], s.weight));
    }
    cells.push_back(format_decimal(s.mean_min, 1));
    cells.push_back(format_decimal(s.median_min, 1));
    cells.push_back(format_decimal(s.max_min, 1));
    cells.push_back(std::to_string(s.beneficiaries_unreached));
    return cells;
}

std::vector<std::string> stats_header(const std::vector<double>& th, bool zh) {
    std::vector<std::string> h;
    if (zh) {
        h = {"层级", "代码", "名称", "村（社区）数"};
        for (double m : th) {
            const std::string t = format_decimal(m, 1);
            h.push_back(t + "分钟内村数");
            h.push_back(t + "分钟内村占比%");
        }
        h.insert(h.end(), {"服务对象数", "加权人数"});
        for (double m : th) {
            const std::string t = format_decimal(m, 1);
            h.push_back(t + "分钟内（最近站点）");
            h.push_back(t + "分钟内占比%（最近站点）");
            h.push_back(t + "分钟内（所属站点）");
            h.push_back(t + "分钟内占比%（所属站点）");
        }
        h.insert(h.end(), {"平均分钟", "中位分钟", "最长分钟", "不可达人数"});
    } else {
        h = {"level", "code", "name", "villages"};
        for (double m : th) {
            h.push_back("villages_" + within_key(m));
            h.push_back("villages_" + within_key(m) + "_pct");
        }
        h.insert(h.end(), {"beneficiaries", "weight"});
        for (double m : th) {
            h.push_back("weight_" + within_key(m) + "_nearest");
            h.push_back("weight_" + within_key(m) + "_nearest_pct");
            h.push_back("weight_" + within_key(m) + "_assigned");
            h.push_back("weight_" + within_key(m) + "_assigned_pct");
        }
        h.insert(h.end(), {"mean_min", "median_min", "max_min", "unreached"});
    }
    return h;
}

}  // namespace

std::string coverage_summary(const Region& region, const CoverageSummary& s, bool zh) {
    const auto& th = s.thresholds_min;
    std::string out = zh ? "\n覆盖情况（到最近站点的通行时间）\n" : "\nCoverage (travel time to the nearest site)\n";
    std::vector<std::string> header = zh ? std::vector<std::string>{"范围", "村（社区）"} : std::vector<std::string>{"group", "villages"};
    for (double m : th) header.push_back((zh ? "村≤" : "villages ≤") + format_decimal(m, 1) + (zh ? "分" : " min"));
    header.push_back(zh ? "服务对象" : "beneficiaries");
    for (double m : th) header.push_back((zh ? "对象≤" : "people ≤") + format_decimal(m, 1) + (zh ? "分" : " min"));
    header.push_back(zh ? "中位分钟" : "median min");
    header.push_back(zh ? "不可达" : "unreached");
    TextTable t(header);
    auto row = [&](const std::string& name, const CoverageStats& st) {
        // Categories group people, not villages: their village columns stay empty.
        std::vector<std::string> r{name, st.villages ? std::to_string(st.villages) : "-"};
        for (std::size_t k = 0; k < th.size(); ++k)
            r.push_back(st.villages ? pct(static_cast<double>(st.villages_within[k]), static_cast<double>(st.villages)) + "%" : "-");
        r.push_back(std::to_string(st.beneficiaries));
        for (std::size_t k = 0; k < th.size(); ++k) r.push_back(st.weight > 0 ? pct(st.weight_within_nearest[k], st.weight) + "%" : "-");
        r.push_back(format_decimal(st.median_min, 1));
        r.push_back(std::to_string(st.beneficiaries_unreached));
        t.row(r);
    };
    for (std::size_t i = 0; i < region.townships.size(); ++i) row(region.townships[i].name, s.by_township[i]);
    t.rule();
    for (std::size_t c = 0; c < all_categories().size(); ++c) {
        const Category cat = all_categories()[c];
        if (s.by_category[c].beneficiaries > 0) row(std::string(zh ? category_zh(cat) : category_en(cat)), s.by_category[c]);
    }
    t.rule();
    if (s.by_county.size() > 1)
        for (const auto& [code, st] : s.by_county) row(region.county_name(code), st);
    row(zh ? "合计" : "total", s.total);
    out += t.render(1);
    out += zh ? "  注：服务对象按权重计；“所属站点”（服务其所在村的站点）的覆盖见 coverage.csv。\n"
              : "  People are weighted; coverage by the assigned site (the one serving their village) is in coverage.csv.\n";
    return out;
}

void write_polygon_outputs(io::StagedOutput& out, const Region& region, const std::vector<geo::IsochroneBand>* isochrones,
                           const std::vector<geo::CoveredArea>& covered, const std::vector<geo::Gap>& gaps) {
    const geo::Transformer to_ll(region.working_crs, "EPSG:4326");
    if (isochrones) {
        out.write("isochrones.geojson", [&](std::ostream& o) {
            io::GeoJsonWriter gj(o, 7, out.mirror("isochrones.geojson"));
            for (const auto& band : *isochrones) {
                const Site& s = region.site(band.site);
                io::JsonProps p;
                p.add("site_id", s.id).add("site_name", s.name).add("kind", s.kind == SiteKind::station ? "station" : "point");
                p.add("band_min", band.band_min, 1).add("area_km2", area(band.polygon) / 1e6, 3);
                MultiPolygon mp = band.polygon;
                to_ll.forward(mp);
                gj.multipolygon(p, mp);
            }
        });
    }
    out.write("coverage_areas.geojson", [&](std::ostream& o) {
        io::GeoJsonWriter gj(o, 7, out.mirror("coverage_areas.geojson"));
        for (const auto& c : covered) {
            const Township& t = region.township(c.township);
            io::JsonProps p;
            p.add("band_min", c.band_min, 1).add("township_code", t.code).add("township", t.name).add("area_km2", c.area_m2 / 1e6, 3);
            p.add("share_pct", c.township_area_m2 > 0 ? 100 * c.area_m2 / c.township_area_m2 : 0.0, 1);
            MultiPolygon mp = c.polygon;
            to_ll.forward(mp);
            gj.multipolygon(p, mp);
        }
    });
    out.write("gaps.geojson", [&](std::ostream& o) {
        io::GeoJsonWriter gj(o, 7, out.mirror("gaps.geojson"));
        for (const auto& g : gaps) {
            const Township& t = region.township(g.township);
            io::JsonProps p;
            p.add("band_min", g.band_min, 1).add("rank", g.rank).add("township_code", t.code).add("township", t.name);
            p.add("area_km2", g.area_m2 / 1e6, 3).add("uncovered_beneficiaries", g.uncovered).add("uncovered_weight", g.uncovered_weight, 2);
            for (int c = 0; c < k_category_count; ++c) p.add(category_key(static_cast<Category>(c)), g.by_category[static_cast<std::size_t>(c)]);
            MultiPolygon mp{g.polygon};
            to_ll.forward(mp);
            gj.multipolygon(p, mp);
        }
    });
}

void write_coverage_outputs(io::StagedOutput& out, const Region& region, const geo::NetworkAnalysis& net,
                            const CoverageSummary& s, bool zh) {
    const geo::Transformer to_ll(region.working_crs, "EPSG:4326");
    const CoverageResult& cov = net.coverage;
    const auto& th = s.thresholds_min;
    const auto by_cat = counts_by_village(region);
    const auto people = beneficiaries_by_village(region);

    out.write("villages.geojson", [&](std::ostream& o) {
        io::GeoJsonWriter gj(o, 7, out.mirror("villages.geojson"));
        for (std::size_t v = 0; v < region.villages.size(); ++v) {
            const Village& vil = region.villages[v];
            const Township& t = region.township(vil.township);
            const Access& a = net.access.villages[v];
            io::JsonProps p;
            p.add("code", vil.code).add("name", vil.name).add("township_code", t.code).add("township", t.name).add("county_code", t.county_code());
            p.add("assigned_site", site_id(region, cov.village_assigned[v]));
            add_time(p, "assigned_min", cov.village_assigned[v].time_s);
            p.add("nearest_site", site_id(region, cov.village_nearest[v]));
            add_time(p, "nearest_min", cov.village_nearest[v].time_s);
            for (double m : th) p.add(within_key(m), cov.village_nearest[v].time_s <= m * 60);
            if (a.reachable) p.add("snap_m", a.snap_distance_m, 1);
            else p.add_null("snap_m", io::PropValue::Kind::real);
            p.add("on_main_network", a.reachable && net.graph.edge_component(a.edge) == 0);
            p.add("beneficiaries", people[v]);
            for (int c = 0; c < k_category_count; ++c) p.add(category_key(static_cast<Category>(c)), by_cat[v][static_cast<std::size_t>(c)]);
            if (vil.polygon.empty()) gj.point(p, to_ll.forward(vil.anchor));
            else {
                MultiPolygon mp = vil.polygon;
                to_ll.forward(mp);
                gj.multipolygon(p, mp);
            }
        }
    });

    out.write("sites.geojson", [&](std::ostream& o) {
        io::GeoJsonWriter gj(o, 7, out.mirror("sites.geojson"));
        std::vector<int> served_people(region.sites.size(), 0);
        std::vector<std::vector<int>> within(region.sites.size(), std::vector<int>(th.size(), 0));
        for (std::size_t b = 0; b < region.beneficiaries.size(); ++b) {
            const TimeToSite& t = cov.beneficiary_assigned[b];
            if (!t.site) continue;
            ++served_people[t.site->value];
            for (std::size_t k = 0; k < th.size(); ++k)
                if (t.time_s <= th[k] * 60) ++within[t.site->value][k];
        }
        for (std::size_t i = 0; i < region.sites.size(); ++i) {
            const Site& site = region.sites[i];
            const Access& a = net.access.sites[i];
            std::vector<std::string> served;
            double worst = 0;
            for (std::size_t k = 0; k < site.served_villages.size(); ++k) {
                served.push_back(region.village(site.served_villages[k]).code);
                worst = std::max(worst, cov.served_time_s[i][k]);
            }
            io::JsonProps p;
            p.add("id", site.id).add("name", site.name).add("kind", site.kind == SiteKind::station ? "station" : "point");
            p.add("status", site.status == SiteStatus::existing ? "existing" : "planned");
            p.add("township_code", region.township(site.township).code).add("township", region.township(site.township).name);
            p.add("served_villages", served);
            add_time(p, "max_served_village_min", served.empty() ? k_unreached : worst);
            p.add("beneficiaries_served", served_people[i]);
            for (std::size_t k = 0; k < th.size(); ++k) p.add("beneficiaries_" + within_key(th[k]), within[i][k]);
            if (a.reachable) p.add("snap_m", a.snap_distance_m, 1);
            else p.add_null("snap_m", io::PropValue::Kind::real);
            p.add("on_main_network", a.reachable && net.graph.edge_component(a.edge) == 0);
            gj.point(p, to_ll.forward(site.location));
        }
    });

    out.write("coverage.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(stats_header(th, zh));
        csv.row(concat({zh ? "合计" : "total", "", region.name}, stats_cells(s.total, th)));
        for (const auto& [code, st] : s.by_county) csv.row(concat({zh ? "区县" : "county", code, region.county_name(code)}, stats_cells(st, th)));
        for (std::size_t i = 0; i < region.townships.size(); ++i)
            csv.row(concat({zh ? "镇（街）" : "township", region.townships[i].code, region.townships[i].name}, stats_cells(s.by_township[i], th)));
        for (std::size_t c = 0; c < all_categories().size(); ++c) {
            const Category cat = all_categories()[c];
            csv.row(concat({zh ? "对象类别" : "category", std::string(category_key(cat)), std::string(zh ? category_zh(cat) : category_en(cat))},
                           stats_cells(s.by_category[c], th)));
        }
    });
}

}  // namespace coverplan::report
