#include "report/map/qgis_style.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "core/text.hpp"
#include "report/map/map_content.hpp"
#include "report/map/style.hpp"
#include "report/village_counts.hpp"

namespace coverplan::report::map {

namespace {

// Sizes and widths are in points, as on the printed maps (QGIS's unit "Point").
constexpr const char* k_unit = "Point";

std::string qcolour(const Rgb& c, double alpha = 1) {
    auto byte = [](double v) { return std::to_string(static_cast<int>(std::lround(std::fmin(1, std::fmax(0, v)) * 255))); };
    return byte(c.r) + "," + byte(c.g) + "," + byte(c.b) + "," + byte(alpha);
}

std::string attr(std::string_view name, std::string_view value) {
    return " " + std::string(name) + "=\"" + xml_escape(value) + "\"";
}

// One symbol layer: its class and properties, written both as QGIS 3.22 writes them (an Option
// map) and in the older <prop> form that QGIS 3.x also reads.
struct SymbolLayer {
    std::string cls;  // SimpleFill, SimpleLine, SimpleMarker
    std::vector<std::pair<std::string, std::string>> props;
};

struct Symbol {
    std::string type;  // fill, line, marker
    std::vector<SymbolLayer> layers;
};

std::string symbol_xml(const Symbol& s, const std::string& name) {
    std::string out = "      <symbol" + attr("type", s.type) + attr("name", name) + attr("alpha", "1") + attr("clip_to_extent", "1") +
                      attr("force_rhr", "0") + ">\n";
    for (const SymbolLayer& l : s.layers) {
        out += "        <layer" + attr("class", l.cls) + attr("enabled", "1") + attr("locked", "0") + attr("pass", "0") + ">\n";
        out += "          <Option type=\"Map\">\n";
        for (const auto& [k, v] : l.props) out += "            <Option" + attr("name", k) + attr("type", "QString") + attr("value", v) + "/>\n";
        out += "          </Option>\n";
        for (const auto& [k, v] : l.props) out += "          <prop" + attr("k", k) + attr("v", v) + "/>\n";
        out += "        </layer>\n";
    }
    return out + "      </symbol>\n";
}

Symbol fill(const Rgb& colour, double alpha, const Rgb& outline, double outline_pt, const std::string& pattern = "solid") {
    return {"fill",
            {{"SimpleFill",
              {{"color", qcolour(colour, alpha)},
               {"style", pattern},
               {"outline_color", qcolour(outline)},
               {"outline_style", outline_pt > 0 ? "solid" : "no"},
               {"outline_width", format_decimal(outline_pt, 2)},
               {"outline_width_unit", k_unit},
               {"joinstyle", "round"}}}}};
}

Symbol line(const Rgb& colour, double width_pt, const std::string& dash = "") {
    return {"line",
            {{"SimpleLine",
              {{"line_color", qcolour(colour)},
               {"line_width", format_decimal(width_pt, 2)},
               {"line_width_unit", k_unit},
               {"line_style", "solid"},
               {"use_custom_dash", dash.empty() ? "0" : "1"},
               {"customdash", dash.empty() ? "5;2" : dash},
               {"customdash_unit", k_unit},
               {"capstyle", "round"},
               {"joinstyle", "round"}}}}};
}

Symbol marker(const std::string& shape, double size_pt, const Rgb& colour, const Rgb& outline, double outline_pt) {
    return {"marker",
            {{"SimpleMarker",
              {{"name", shape},
               {"size", format_decimal(size_pt, 2)},
               {"size_unit", k_unit},
               {"color", qcolour(colour)},
               {"outline_color", qcolour(outline)},
               {"outline_style", "solid"},
               {"outline_width", format_decimal(outline_pt, 2)},
               {"outline_width_unit", k_unit},
               {"joinstyle", "miter"}}}}};
}

struct Rule {
    std::string label;
    std::string filter;  // a QGIS expression; "" for every feature
    Symbol symbol;
    bool shown = true;   // unticked in the layer panel when false
};

struct Label {
    std::string field;
    double size_pt = style::k_village_label;
    bool bold = false;
    int placement = 0;  // QGIS: 0 around a point, 1 over the point (a polygon's centre)
};

std::string renderer_xml(const std::string& layer, const std::vector<Rule>& rules) {
    std::string out = "  <renderer-v2" + attr("type", "RuleRenderer") + attr("symbollevels", "0") + attr("forceraster", "0") +
                      attr("enableorderby", "0") + ">\n";
    out += "    <rules" + attr("key", "{coverplan-" + layer + "}") + ">\n";
    for (std::size_t i = 0; i < rules.size(); ++i) {
        out += "      <rule" + attr("key", "{coverplan-" + layer + "-" + std::to_string(i) + "}") + attr("symbol", std::to_string(i)) +
               attr("label", rules[i].label);
        if (!rules[i].filter.empty()) out += attr("filter", rules[i].filter);
        if (!rules[i].shown) out += attr("checkstate", "0");
        out += "/>\n";
    }
    out += "    </rules>\n    <symbols>\n";
    for (std::size_t i = 0; i < rules.size(); ++i) out += symbol_xml(rules[i].symbol, std::to_string(i));
    return out + "    </symbols>\n  </renderer-v2>\n";
}

// Labels drawn as on the maps: dark text with a white band around it.
std::string labeling_xml(const Label& l) {
    std::string out = "  <labeling type=\"simple\">\n    <settings calloutType=\"simple\">\n";
    out += "      <text-style" + attr("fieldName", l.field) + attr("isExpression", "0") + attr("fontFamily", style::k_font) +
           attr("fontSize", format_decimal(l.size_pt, 1)) + attr("fontSizeUnit", k_unit) + attr("fontWeight", l.bold ? "75" : "50") +
           attr("namedStyle", l.bold ? "Bold" : "Regular") + attr("textColor", qcolour(style::k_black)) + attr("textOpacity", "1") +
           attr("fontItalic", "0") + attr("fontUnderline", "0") + attr("fontStrikeout", "0") + attr("multilineHeight", "1") +
           attr("capitalization", "0") + attr("allowHtml", "0") + ">\n";
    out += "        <text-buffer" + attr("bufferDraw", "1") + attr("bufferSize", "1") + attr("bufferSizeUnits", k_unit) +
           attr("bufferColor", qcolour(style::k_white)) + attr("bufferOpacity", "0.9") + attr("bufferNoFill", "1") +
           attr("bufferJoinStyle", "128") + "/>\n";
    out += "      </text-style>\n";
    out += "      <placement" + attr("placement", std::to_string(l.placement)) + attr("dist", l.placement == 0 ? "1.5" : "0") +
           attr("distUnits", k_unit) + attr("priority", l.bold ? "8" : "5") + attr("offsetType", "0") + "/>\n";
    out += "      <rendering" + attr("drawLabels", "1") + attr("obstacle", "1") + attr("displayAll", "0") + attr("labelPerPart", "0") +
           attr("scaleVisibility", "0") + attr("fontLimitPixelSize", "0") + attr("limitNumLabels", "0") + "/>\n";
    return out + "    </settings>\n  </labeling>\n";
}

std::string qml(const std::string& layer, const std::vector<Rule>& rules, const std::optional<Label>& label) {
    std::string out = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n";
    out += "<qgis" + attr("version", "3.22.16-Białowieża") + attr("styleCategories", "Symbology|Labeling") +
           attr("labelsEnabled", label ? "1" : "0") + ">\n";
    out += renderer_xml(layer, rules);
    if (label) out += labeling_xml(*label);
    return out + "</qgis>\n";
}

std::string quoted(const std::string& field) { return "\"" + field + "\""; }

// The travel-time classes of villages, with the printed maps' colours and legend words: by the
// same within_* fields the data carry (exactly the maps' rule: time ≤ threshold), unreached as
// the null time.
std::vector<Rule> band_rules(const std::vector<double>& th, bool zh) {
    const auto legend = band_legend(th, zh);
    std::vector<Rule> rules;
    for (std::size_t k = 0; k < th.size(); ++k) {
        std::string f = quoted(within_key(th[k]));
        if (k > 0) f = "NOT " + quoted(within_key(th[k - 1])) + " AND " + f;
        rules.push_back({legend[k].second, f, fill(legend[k].first, 1, style::k_grey, style::k_village_width)});
    }
    const std::size_t beyond = th.size();
    if (!th.empty())
        rules.push_back({legend[beyond].second, "\"nearest_min\" IS NOT NULL AND NOT " + quoted(within_key(th.back())),
                         fill(legend[beyond].first, 1, style::k_grey, style::k_village_width)});
    rules.push_back({legend.back().second, "\"nearest_min\" IS NULL", fill(legend.back().first, 1, style::k_grey, style::k_village_width)});
    return rules;
}

// Stations are squares, points circles; planned sites white with their colour as the outline.
std::vector<Rule> site_rules(bool zh) {
    std::vector<Rule> rules;
    for (const bool planned : {false, true})
        for (const SiteKind kind : {SiteKind::station, SiteKind::point}) {
            const bool station = kind == SiteKind::station;
            const Rgb c = station ? style::k_station : style::k_point;
            const std::string what = zh ? std::string(planned ? "规划" : "现有") + (station ? "社工站" : "社工点")
                                        : std::string(planned ? "planned " : "existing ") + (station ? "station" : "point");
            const std::string filter = "\"kind\" = '" + std::string(station ? "station" : "point") + "' AND \"status\" " +
                                       (planned ? "= 'planned'" : "<> 'planned'");
            rules.push_back({what, filter,
                             marker(station ? "square" : "circle", station ? style::k_station_size : style::k_point_size,
                                    planned ? style::k_white : c, planned ? c : style::k_black, planned ? style::k_planned_stroke : 0.5)});
        }
    return rules;
}

std::string band_word(double minutes, bool zh) { return format_decimal(minutes, 0) + (zh ? " 分钟" : " min"); }

// Villages by social workers per 1,000 weighted beneficiaries (E2SFCA): none in reach in the
// unreached villages' colour, then the quartile classes from the lowest (the last band's tone) to
// the highest (the first band's pale one), so that less access reads darker, as longer times do.
std::vector<Rule> access_rules(const std::vector<double>& breaks, bool zh) {
    const std::string field = quoted("workers_per_1000_e2sfca");
    std::vector<Rule> rules;
    rules.push_back({zh ? "无社工可及" : "no social worker in reach", field + " = 0",
                     marker("circle", style::k_point_size, style::k_band_unreached, style::k_black, 0.3)});
    const std::size_t classes = breaks.size() + 1;
    for (std::size_t k = 0; k < classes; ++k) {
        const std::string lo = k == 0 ? "0" : format_decimal(breaks[k - 1], 3);
        std::string filter = field + " > " + lo, label;
        if (k + 1 < classes) {
            const std::string hi = format_decimal(breaks[k], 3);
            filter += " AND " + field + " <= " + hi;
            label = lo + "–" + hi;
        } else {
            label = "> " + lo;
        }
        // Lowest class darkest: class k of `classes` takes band (classes − 1 − k).
        const Rgb c = band_colour(static_cast<int>(classes - 1 - k), classes);
        rules.push_back({label + (zh ? " 名/千人" : " per 1,000"), filter, marker("circle", style::k_point_size, c, style::k_black, 0.3)});
    }
    return rules;
}

}  // namespace

std::vector<double> access_breaks(const std::vector<double>& e2sfca) {
    std::vector<double> v;
    for (double x : e2sfca)
        if (const double written = std::round(x * 1000) / 1000; std::isfinite(written) && written > 0) v.push_back(written);
    std::vector<double> out;
    if (v.empty()) return out;
    std::sort(v.begin(), v.end());
    for (const double q : {0.25, 0.5, 0.75}) {
        // Read at a glance: one decimal from 1 up, three below.
        const double x = v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
        const double b = x >= 1 ? std::round(x * 10) / 10 : x;
        if (b > 0 && (out.empty() || b > out.back()) && b < v.back()) out.push_back(b);
    }
    return out;
}

std::vector<io::PackLayer> pack_layers(const std::vector<double>& th, bool zh, const std::vector<double>& access_e2sfca) {
    std::vector<io::PackLayer> out;
    auto add = [&](const std::string& table, const std::string& title, const std::string& description, const std::vector<Rule>& rules,
                   const std::optional<Label>& label) {
        out.push_back({table + ".geojson", table, title, description, qml(table, rules, label)});
    };
    Label village_label{"name", style::k_village_label, false, 1};
    add("villages", zh ? "村（社区）：到最近站点的出行时间" : "Villages: travel time to the nearest site",
        zh ? "每个村（社区）的边界或位置、服务站点、到最近站点的出行时间与服务对象人数（按类别计数）"
           : "Each village's boundary or location, serving site, travel time to the nearest site and beneficiaries (counts by category)",
        band_rules(th, zh), village_label);

    // Areas within each band of some site, and the gaps beyond: the first band shown, the others
    // listed in the layer panel to tick.
    std::vector<Rule> areas, gaps, lines;
    for (std::size_t k = 0; k < th.size(); ++k) {
        const std::string f = "\"band_min\" = " + format_decimal(th[k], 1);
        const bool first = k == 0;
        areas.push_back({zh ? band_word(th[k], zh) + "内可达" : "within " + band_word(th[k], zh), f,
                         fill(band_colour(static_cast<int>(k), th.size()), 0.6, band_colour(static_cast<int>(k), th.size()), 0), first});
        gaps.push_back({zh ? "超过 " + band_word(th[k], zh) + "的区域（缺口）" : "beyond " + band_word(th[k], zh) + " (gap)", f,
                        fill(style::k_gap, style::k_gap_alpha, style::k_gap, 0, "b_diagonal"), first});
        lines.push_back({zh ? band_word(th[k], zh) + "等时线" : band_word(th[k], zh) + " isochrone", f,
                         line(style::k_isochrone, 0.8, "3;2"), first});
    }
    add("coverage_areas", zh ? "覆盖范围（按出行时间）" : "Covered areas by travel time",
        zh ? "每个镇（街）内距某一站点在各时间段内可达的范围及其面积" : "Per township, the area within each travel-time band of some site, with its area",
        areas, std::nullopt);
    add("gaps", zh ? "覆盖缺口" : "Coverage gaps",
        zh ? "超出各时间段的区域，按未覆盖服务对象人数排序" : "Areas beyond each band, ranked by the beneficiaries not covered", gaps, std::nullopt);
    add("isochrones", zh ? "各站点等时圈" : "Isochrones per site", zh ? "每个站点在各时间段内可达的范围" : "The area each site reaches within each band",
        lines, std::nullopt);
    add("townships", zh ? "镇（街）" : "Townships", zh ? "镇（街）边界、村数、服务对象人数与现有站点数" : "Township boundaries, villages, beneficiaries and existing sites",
        {{zh ? "镇（街）界" : "township boundary", "", fill(style::k_white, 0, style::k_black, style::k_township_width, "no")}},
        Label{"name", style::k_township_label, true, 1});
    add("assignments", zh ? "站点—服务村连线" : "Site to served village",
        zh ? "规划方案中每个站点与其服务的村（社区）之间的连线及出行时间" : "In the plan, a line from each site to each village it serves, with the travel time",
        {{zh ? "站点—服务村连线" : "site to served village", "", line(style::k_assignment, 0.6)}}, std::nullopt);
    add("access", zh ? "社工可及性（每千名服务对象社工数）" : "Access to a social worker (per 1,000 beneficiaries)",
        zh ? "每个村（社区）按增强型两步移动搜寻法（E2SFCA）计算的每千名加权服务对象可及社工数"
           : "Per village, social workers within reach per 1,000 weighted beneficiaries by the enhanced two-step floating catchment (E2SFCA)",
        access_rules(access_breaks(access_e2sfca), zh), std::nullopt);
    add("tours", zh ? "入户走访路线" : "Home-visit tours",
        zh ? "本月每名社工每天的走访路线（沿道路），含出发、返回时间与里程" : "Each social worker's day tour of the month along the roads, with times and length",
        {{zh ? "走访路线" : "tour", "", line(style::k_point, 0.7)}}, std::nullopt);
    // Flood season: the closed stretches dashed in dark red, the critical links in red by whether
    // the area they cut off has a site (no site: thicker, as the more urgent).
    const Rgb k_closed{0.55, 0.05, 0.05};
    add("closed_roads", zh ? "封路情景下封闭的路段" : "Roads closed in the flood scenario",
        zh ? "位于封路风险区或封闭路段图层范围内、被从路网中剔除的道路段" : "Stretches of road inside a closing hazard zone or a closure, taken out of the network",
        {{zh ? "封闭路段" : "closed road", "", line(k_closed, 1.2, "2;1.5")}}, std::nullopt);
    add("critical_links", zh ? "关键路段（单一中断即隔断）" : "Critical links (each alone cuts something off)",
        zh ? "任一处中断即把村、站点或服务对象与其余路网隔断的道路，含隔断的村、站点与服务对象人数"
           : "Roads whose loss alone cuts villages, sites or beneficiaries off, with what each cuts off",
        {{zh ? "隔断区域内无站点" : "cuts off an area with no site", "NOT \"site_in_cut_area\"", line(style::k_gap, 1.6)},
         {zh ? "隔断区域内有站点" : "cuts off an area with a site", "\"site_in_cut_area\"", line(style::k_gap, 0.8)}},
        Label{"link", style::k_village_label, false, 0});
    const Rgb k_detour{0.93, 0.55, 0.10};
    add("detour_links", zh ? "绕行路段（中断后需绕行）" : "Detour links (a way round, but a long one)",
        zh ? "中断后仍可绕行、但使服务对象行程明显增加的路段，含绕行村数、人数与最多增加的分钟数"
           : "Roads whose loss leaves a way round but lengthens beneficiaries' trips markedly, with the villages, people and most extra minutes",
        {{zh ? "绕行路段" : "detour link", "", line(k_detour, 1.2)}}, Label{"link", style::k_village_label, false, 0});
    add("outreach_tours", zh ? "暴雨前排查路线" : "Outreach tours before the storm",
        zh ? "暴雨前社工逐户排查风险区服务对象的路线（避开封闭道路），按站点、社工与日程"
           : "The social workers' tours to check every beneficiary in a hazard zone at home before the storm, avoiding the closed roads",
        {{zh ? "排查路线" : "outreach tour", "", line(k_closed, 0.8)}}, std::nullopt);
    const Rgb k_warning = k_detour;
    add("violations", zh ? "规则问题（R1–R8）" : "Rule findings (R1–R8)",
        zh ? "规则检查发现的错误、警告与提示，位于所涉站点或镇（街）" : "Errors, warnings and notes of the rule check, at the site or township concerned",
        // Errors shown; warnings and notes (many in a county) a tick away in the layer panel.
        {{zh ? "错误" : "error", "\"severity\" = 'error'", marker("triangle", 9, style::k_gap, style::k_black, 0.5)},
         {zh ? "警告" : "warning", "\"severity\" = 'warning'", marker("triangle", 7, k_warning, style::k_black, 0.5), false},
         {zh ? "提示" : "note", "\"severity\" NOT IN ('error', 'warning')", marker("circle", 5, style::k_grey, style::k_black, 0.4), false}},
        Label{"rule", style::k_village_label, true, 0});
    add("sites", zh ? "社工站点（现状）" : "Social-work sites (now)",
        zh ? "现有社工站、社工点及其服务的村与服务对象人数" : "Existing stations and points, the villages they serve and their beneficiaries",
        site_rules(zh), Label{"name", style::k_village_label, false, 0});
    add("plan", zh ? "社工站点（规划）" : "Social-work sites (plan)",
        zh ? "规划方案：保留与新增的社工站、社工点，各自服务的村（社区）与最长出行时间"
           : "The plan: sites kept and new, the villages each serves and its longest trip",
        site_rules(zh), Label{"name", style::k_village_label, false, 0});
    return out;
}

}  // namespace coverplan::report::map
