// One map page: title, the map frame (layers, labels, scale bar, north arrow), the legend and
// the footer with date and attribution. Layout and styling come from style.hpp.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/text.hpp"
#include "report/map/canvas.hpp"
#include "report/map/labels.hpp"
#include "report/map/map_content.hpp"
#include "report/map/style.hpp"
#include "report/plan_text.hpp"

namespace coverplan::report::map {

namespace {

struct Frame {
    Pt min, max;  // page points
};

// Douglas–Peucker on a polyline (a closed ring repeats its first point last): the vertices
// kept, in order, always the two ends.
std::vector<Pt> simplify(const std::vector<Pt>& line, double tolerance) {
    const std::size_t n = line.size();
    if (n <= 3) return line;
    std::vector<char> keep(n, 0);
    keep.front() = keep.back() = 1;
    std::vector<std::pair<std::size_t, std::size_t>> spans{{0, n - 1}};
    const double tol2 = tolerance * tolerance;
    while (!spans.empty()) {
        const auto [a, b] = spans.back();
        spans.pop_back();
        if (b <= a + 1) continue;
        const Pt& p = line[a];
        const double dx = line[b].x - p.x, dy = line[b].y - p.y, len2 = dx * dx + dy * dy;
        double worst = -1;
        std::size_t at = a;
        for (std::size_t i = a + 1; i < b; ++i) {
            const double ex = line[i].x - p.x, ey = line[i].y - p.y;
            // Squared distance to the segment (to the point when the ends coincide, as a ring's do).
            const double t = len2 > 0 ? std::clamp((ex * dx + ey * dy) / len2, 0.0, 1.0) : 0.0;
            const double fx = ex - t * dx, fy = ey - t * dy, d2 = fx * fx + fy * fy;
            if (d2 > worst) worst = d2, at = i;
        }
        if (worst > tol2) {
            keep[at] = 1;
            spans.emplace_back(a, at);
            spans.emplace_back(at, b);
        }
    }
    std::vector<Pt> out;
    for (std::size_t i = 0; i < n; ++i)
        if (keep[i]) out.push_back(line[i]);
    return out;
}

// Working-CRS metres to page points, north up, aspect kept.
class Projector {
public:
    Projector(Box extent, const Frame& f) {
        const double w = std::max(extent.max_x - extent.min_x, 1.0), h = std::max(extent.max_y - extent.min_y, 1.0);
        m_scale = std::min((f.max.x - f.min.x) / w, (f.max.y - f.min.y) / h);
        const Point2 c = extent.centre();
        m_cx = (f.min.x + f.max.x) / 2 - c.x * m_scale;
        m_cy = (f.min.y + f.max.y) / 2 + c.y * m_scale;
    }
    Pt operator()(const Point2& p) const { return {m_cx + p.x * m_scale, m_cy - p.y * m_scale}; }
    double metres_per_pt() const { return 1 / m_scale; }
    std::vector<std::vector<Pt>> rings(const MultiPolygon& mp) const {
        std::vector<std::vector<Pt>> out;
        for (const Polygon& p : mp) {
            out.push_back(ring(p.outer));
            for (const Ring& h : p.holes) out.push_back(ring(h));
        }
        return out;
    }
    // A ring or line in page points, simplified to the output resolution: no vertex is dropped
    // that lies farther than style::k_simplify_pt from the line kept (Douglas–Peucker), so the
    // drawing differs from the data by less than a 300-dpi pixel while PDF, SVG and PNG get a
    // fraction of the vertices. Shared borders simplified on both sides stay within twice that,
    // inside the outline's width.
    std::vector<Pt> ring(const Ring& r) const {
        std::vector<Pt> page;
        page.reserve(r.size());
        for (const Point2& p : r) page.push_back((*this)(p));
        std::vector<Pt> kept = simplify(page, style::k_simplify_pt);
        const bool closed = r.size() > 1 && r.front() == r.back();
        if (closed && kept.size() < 4) return page;  // a ring smaller than the tolerance is drawn as it is
        return kept;
    }

private:
    double m_scale = 1, m_cx = 0, m_cy = 0;
};

PathStyle fill_style(const Rgb& fill, const Rgb& stroke, double width) {
    PathStyle s;
    s.fill_kind = FillKind::solid;
    s.fill = fill;
    s.stroke_colour = stroke;
    s.width_pt = width;
    return s;
}

PathStyle line_style(const Rgb& stroke, double width, std::vector<double> dash = {}) {
    PathStyle s;
    s.stroke_colour = stroke;
    s.width_pt = width;
    s.dash_pt = std::move(dash);
    return s;
}

PathStyle site_style(SiteKind kind, bool planned) {
    const Rgb c = kind == SiteKind::station ? style::k_station : style::k_point;
    return fill_style(planned ? style::k_white : c, planned ? c : style::k_black, planned ? style::k_planned_stroke : 0.5);
}

Shape site_shape(SiteKind kind) { return kind == SiteKind::station ? Shape::square : Shape::circle; }
double site_size(SiteKind kind) { return kind == SiteKind::station ? style::k_station_size : style::k_point_size; }

std::string site_class(const SiteMark& s) {
    return std::string("site ") + (s.kind == SiteKind::station ? "station" : "point") + (s.planned ? " planned" : " existing");
}

Rgb site_fill(int colour) { return style::k_site_fill[static_cast<std::size_t>(colour) % style::k_site_fill.size()]; }
bool site_hatched(int colour) { return colour % 2 == 1; }

Rgb village_fill(const MapContent& m, std::size_t v, bool by_site) {
    if (by_site) {
        const int s = m.village_site[v];
        return s < 0 ? style::k_unserved_fill : site_fill(m.sites[static_cast<std::size_t>(s)].colour);
    }
    return band_colour(m.village_band[v], m.thresholds_min.size());
}

PathStyle hatch_style(const Rgb& colour, double alpha, FillKind kind = FillKind::hatch) {
    PathStyle s;
    s.fill_kind = kind;
    s.fill = colour;
    s.fill_alpha = alpha;
    s.stroke = false;
    return s;
}

// 0 major, 1 secondary, 2 minor; -1 not drawn (tracks, paths, service roads, unknown).
int road_rank(const std::string& c) {
    static const std::pair<const char*, int> k_ranks[] = {
        {"motorway", 0}, {"trunk", 0}, {"primary", 0}, {"高速公路", 0}, {"国道", 0}, {"省道", 0},
        {"motorway_link", 1}, {"trunk_link", 1}, {"primary_link", 1}, {"secondary", 1}, {"tertiary", 1}, {"secondary_link", 1},
        {"tertiary_link", 1}, {"县道", 1},
        {"unclassified", 2}, {"residential", 2}, {"乡道", 2}, {"村道", 2}, {"living_street", 2}};
    for (const auto& [name, rank] : k_ranks)
        if (c == name) return rank;
    return -1;
}

bool intersects(const Box& a, const Box& b) { return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y; }

std::string trim_zeros(std::string s) {
    if (s.find('.') == std::string::npos) return s;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

Box view_extent(const MapContent& m, const MapView& view) {
    const Region& r = *m.region;
    Box b;
    for (const Township& t : r.townships) {
        if (view.focus && t.code != r.township(*view.focus).code) continue;
        if (!t.polygon.empty()) b.expand(bounds(t.polygon));
        else b.expand(t.anchor);
    }
    for (const Village& v : r.villages) {
        if (view.focus && v.township != *view.focus) continue;
        if (!v.polygon.empty()) b.expand(bounds(v.polygon));
        b.expand(v.anchor);
    }
    for (const SiteMark& s : m.sites)
        if (!view.focus || s.township == *view.focus) b.expand(s.at);
    const double pad = 0.04 * std::max(b.max_x - b.min_x, b.max_y - b.min_y) + 200;
    return {b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad};
}

void draw_scale_bar(Canvas& c, const Projector& proj, const Frame& f, bool zh) {
    const double target_m = 120 * proj.metres_per_pt();
    const double p10 = std::pow(10, std::floor(std::log10(target_m)));
    double nice = p10;
    int lead = 1;
    for (int k : {2, 5, 10})
        if (k * p10 <= target_m) nice = k * p10, lead = k;
    // Segments of a round length: 1 → 5 × 0.2, 2 → 4 × 0.5, 5 → 5 × 1, 10 → 5 × 2.
    const int segments = lead == 2 ? 4 : 5;
    const double len = nice / proj.metres_per_pt();
    const bool km = nice >= 1000;
    const double unit_m = km ? 1000 : 1;
    const Pt o{f.min.x + 14, f.max.y - 16};
    PathStyle white = fill_style(style::k_white, style::k_black, 0.6), black = fill_style(style::k_black, style::k_black, 0.6);
    c.begin_group("scale-bar");
    const TextStyle ts{7.5, false, style::k_black, 1.5};
    for (int i = 0; i < segments; ++i) {
        const double x0 = o.x + len * i / segments, x1 = o.x + len * (i + 1) / segments;
        c.path({{{x0, o.y}, {x1, o.y}, {x1, o.y + 4}, {x0, o.y + 4}}}, true, i % 2 ? white : black);
    }
    // Every division labelled, the unit after the bar.
    std::string last;
    for (int i = 0; i <= segments; ++i) {
        last = trim_zeros(format_decimal(nice * i / segments / unit_m, 2));
        c.text(last, {o.x + len * i / segments, o.y - 11}, Anchor::middle, ts);
    }
    // The unit after the last number, on its line (not under it, where the two touched).
    c.text(km ? (zh ? "千米" : "km") : (zh ? "米" : "m"), {o.x + len + measure(last, ts).width / 2 + 3, o.y - 11}, Anchor::start, ts);
    c.end_group();
}

void draw_north_arrow(Canvas& c, const Frame& f, bool zh) {
    const Pt tip{f.max.x - 22, f.min.y + 12};
    c.begin_group("north-arrow");
    c.path({{tip, {tip.x + 7, tip.y + 22}, {tip.x, tip.y + 17}}}, true, fill_style(style::k_black, style::k_black, 0.6));
    c.path({{tip, {tip.x - 7, tip.y + 22}, {tip.x, tip.y + 17}}}, true, fill_style(style::k_white, style::k_black, 0.6));
    c.text(zh ? "北" : "N", {tip.x, tip.y + 23}, Anchor::middle, TextStyle{8, true, style::k_black, 1.5});
    c.end_group();
}

struct LegendWriter {
    Canvas& c;
    double x, y;
    void heading(const std::string& s) {
        c.text(s, {x, y}, Anchor::start, TextStyle{style::k_legend_size + 1, true, style::k_black, 0});
        y += 16;
    }
    void subheading(const std::string& s) {
        c.text(s, {x, y}, Anchor::start, TextStyle{style::k_legend_size, false, style::k_black, 0});
        y += 14;
    }
    void note(const std::string& s) {
        c.text(s, {x, y}, Anchor::start, TextStyle{style::k_min_sheet_text, false, style::k_dark_grey, 0});
        y += 12;
    }
    void swatch(const PathStyle& st, const std::string& label, const PathStyle* overlay = nullptr) {
        const std::vector<std::vector<Pt>> box{{{x, y}, {x + 16, y}, {x + 16, y + 10}, {x, y + 10}}};
        c.path(box, true, st);
        if (overlay) c.path(box, true, *overlay);
        entry_text(label);
    }
    void line(const PathStyle& st, const std::string& label) {
        c.path({{{x, y + 5}, {x + 16, y + 5}}}, false, st);
        entry_text(label);
    }
    void site(SiteKind kind, bool planned, const std::string& label) {
        SiteMark mark;
        mark.kind = kind;
        mark.planned = planned;
        c.begin_group(site_class(mark) + " legend");
        c.symbol(site_shape(kind), {x + 8, y + 5}, site_size(kind), site_style(kind, planned));
        c.end_group();
        entry_text(label);
    }
    void mark(Shape shape, double size, const PathStyle& st, const std::string& label) {
        c.symbol(shape, {x + 8, y + 5}, size, st);
        entry_text(label);
    }
    // The road classes drawn and the township boundary, the last entries of every legend.
    void roads_and_boundaries(const bool (&roads)[3], bool zh) {
        const char* names[3] = {zh ? "国道、省道等主要道路" : "major road", zh ? "县道等次要道路" : "secondary road", zh ? "乡村道路" : "minor road"};
        for (int k = 0; k < 3; ++k)
            if (roads[k]) {
                PathStyle rs = line_style(style::k_road, style::k_road_width[static_cast<std::size_t>(k)]);
                rs.stroke_alpha = style::k_road_alpha;
                line(rs, names[k]);
            }
        line(line_style(style::k_black, style::k_township_width), zh ? "镇（街）界" : "township boundary");
    }
    void entry_text(const std::string& label) {
        c.text(label, {x + 22, y}, Anchor::start, TextStyle{style::k_legend_size, false, style::k_black, 0});
        y += 15;
    }
};

// What one page shows, so that its legend lists exactly that.
struct Shown {
    bool site[2][2] = {{false, false}, {false, false}};  // [station][planned]
    std::vector<bool> band;                               // per band_legend entry
    std::vector<std::size_t> sites;                       // the township map's service areas, in order
    bool unserved = false, assignments = false, isochrones = false, gaps = false, points = false;
    bool roads[3] = {false, false, false};
};

std::string band_label(const MapContent& m) { return format_decimal(m.thresholds_min.front(), 0) + (m.chinese ? " 分钟" : " min"); }

void draw_legend(Canvas& c, const MapContent& m, const MapView& view, const Shown& shown, double x, double y, double y_max) {
    const bool zh = m.chinese;
    LegendWriter lw{c, x, y};
    c.begin_group("legend");
    lw.heading(zh ? "图例" : "Legend");
    const char* names[2][2] = {{zh ? "社工点（已建）" : "point (existing)", zh ? "社工点（规划）" : "point (planned)"},
                               {zh ? "社工站（已建）" : "station (existing)", zh ? "社工站（规划）" : "station (planned)"}};
    for (int k : {1, 0})
        for (int p : {0, 1})
            if (shown.site[k][p]) lw.site(k ? SiteKind::station : SiteKind::point, p == 1, names[k][p]);
    lw.y += 4;
    if (view.focus || !m.has_travel) {
        if (!shown.sites.empty()) lw.subheading(zh ? "村（社区）按服务站点着色" : "Villages by serving site");
        // Room for the entries below the service areas and the inset.
        const double reserve = 15.0 * (shown.unserved + shown.assignments + shown.isochrones + shown.gaps + 1 + shown.roads[0] + shown.roads[1] +
                                       shown.roads[2]) + (view.focus ? style::k_inset_h + 6 : 0);
        for (std::size_t i = 0; i < shown.sites.size(); ++i) {
            if (lw.y + 15 > y_max - reserve && i + 1 < shown.sites.size()) {
                lw.note(zh ? "另有 " + std::to_string(shown.sites.size() - i) + " 个站点服务范围，见连线"
                           : std::to_string(shown.sites.size() - i) + " more service areas: see the lines");
                break;
            }
            const SiteMark& sm = m.sites[shown.sites[i]];
            const PathStyle hatch = hatch_style(style::k_site_hatch, 0.8, FillKind::dots);
            lw.swatch(fill_style(site_fill(sm.colour), style::k_grey, style::k_village_width), sm.name, site_hatched(sm.colour) ? &hatch : nullptr);
        }
        if (shown.unserved)
            lw.swatch(fill_style(style::k_unserved_fill, style::k_grey, style::k_village_width), zh ? "无站点服务的村（社区）" : "village not served");
        if (shown.assignments) lw.line(line_style(style::k_assignment, 0.6), zh ? "站点—服务村连线" : "site to served village");
    } else {
        lw.subheading(zh ? "到最近站点的通行时间（现状）" : "Travel time to the nearest site (now)");
        const auto legend = band_legend(m.thresholds_min, zh);
        for (std::size_t i = 0; i < legend.size(); ++i)
            if (shown.band[i]) lw.swatch(fill_style(legend[i].first, style::k_grey, style::k_village_width), legend[i].second);
        // One measure on this map: the village committee's time. The area beyond the first band
        // inside a village is drawn on the township maps, where villages are coloured by site.
        lw.note(zh ? "按村委会（村中心）到最近站点的道路时间分级" : "Class of the village centre's time by road");
        lw.note(zh ? "超过 " + band_label(m) + "的区域见各镇（街）图" : "Areas beyond " + band_label(m) + ": township maps");
        lw.y += 3;
    }
    if (shown.isochrones) lw.line(line_style(style::k_isochrone, 0.8, {3, 2}), zh ? band_label(m) + "等时线" : band_label(m) + " isochrone");
    if (shown.gaps) {
        const PathStyle gap = hatch_style(style::k_gap, style::k_gap_alpha);
        lw.swatch(line_style(style::k_gap, 0.6), zh ? "超过 " + band_label(m) + "的区域（缺口）" : "beyond " + band_label(m) + " (gap)", &gap);
    }
    lw.roads_and_boundaries(shown.roads, zh);
    c.end_group();
}

// The flood-season map (view.flood): villages by their state with the roads closed, hazard zones
// in blues by level over them, closed stretches dashed dark red, critical links red (thicker where
// the area cut off has no site), detour links orange, shelters as green triangles (red when over
// capacity).
namespace flood_style {
constexpr Rgb k_status[4] = {{1, 1, 1}, {1.0, 0.93, 0.78}, {0.99, 0.73, 0.52}, {0.84, 0.30, 0.18}};
constexpr Rgb k_zone{0.16, 0.38, 0.72};
constexpr Rgb k_closed{0.45, 0.05, 0.05};
constexpr Rgb k_critical{0.85, 0.10, 0.10};
constexpr Rgb k_detour{0.93, 0.55, 0.10};
constexpr Rgb k_shelter{0.13, 0.55, 0.25};
constexpr double k_shelter_size = 8;
double zone_alpha(int level) { return level >= 3 ? 0.50 : level == 2 ? 0.32 : 0.18; }
PathStyle zone(int level) {
    PathStyle s = fill_style(k_zone, k_zone, 0.5);
    s.fill_alpha = zone_alpha(level);
    return s;
}
PathStyle closed() { return line_style(k_closed, 1.6, {3, 1.5}); }
PathStyle critical(bool no_site) { return line_style(k_critical, no_site ? 2.0 : 1.1); }
PathStyle detour() { return line_style(k_detour, 1.6); }
PathStyle shelter(bool over) { return fill_style(over ? style::k_white : k_shelter, over ? k_critical : style::k_black, over ? 1.4 : 0.5); }
}  // namespace flood_style

struct FloodShown {
    bool status[4] = {false, false, false, false};
    std::vector<int> levels;  // descending
    bool closed = false, critical[2] = {false, false}, detours = false, shelter[2] = {false, false};
};

void draw_flood_legend(Canvas& c, const MapContent& m, const Shown& shown, const FloodShown& fs, double x, double y) {
    const bool zh = m.chinese;
    LegendWriter lw{c, x, y};
    c.begin_group("legend");
    lw.heading(zh ? "图例" : "Legend");
    const char* names[2] = {zh ? "社工点" : "point", zh ? "社工站" : "station"};
    for (int k : {1, 0})
        if (shown.site[k][0] || shown.site[k][1]) lw.site(k ? SiteKind::station : SiteKind::point, false, names[k]);
    if (fs.shelter[0]) lw.mark(Shape::triangle, flood_style::k_shelter_size, flood_style::shelter(false), zh ? "避难场所" : "shelter");
    if (fs.shelter[1]) lw.mark(Shape::triangle, flood_style::k_shelter_size, flood_style::shelter(true), zh ? "避难场所（超出容量）" : "shelter over capacity");
    lw.y += 4;
    if (!fs.levels.empty()) {
        lw.subheading(zh ? "风险区" : "Hazard zones");
        for (int level : fs.levels) {
            PathStyle white = fill_style(style::k_white, style::k_grey, 0.4);
            const PathStyle z = flood_style::zone(level);
            lw.swatch(white, zh ? std::to_string(level) + " 级风险区" : "level " + std::to_string(level), &z);
        }
        lw.y += 3;
    }
    if (fs.status[1] || fs.status[2] || fs.status[3]) {
        lw.subheading(zh ? "封路后村（社区）" : "Villages with the roads closed");
        const char* words[4] = {zh ? "通行不受影响" : "unaffected", zh ? "需绕行" : "on a detour", zh ? "与本村服务站点隔断" : "cut off from its site",
                                zh ? "与所有站点隔断" : "cut off from every site"};
        for (int k = 3; k >= 0; --k)
            if (fs.status[k]) lw.swatch(fill_style(flood_style::k_status[k], style::k_grey, style::k_village_width), words[k]);
        lw.y += 3;
    }
    if (fs.closed) lw.line(flood_style::closed(), zh ? "封闭路段" : "closed road");
    if (fs.critical[1]) lw.line(flood_style::critical(true), zh ? "关键路段（隔断区域无站点）" : "critical link, no site beyond");
    if (fs.critical[0]) lw.line(flood_style::critical(false), zh ? "关键路段" : "critical link");
    if (fs.detours) lw.line(flood_style::detour(), zh ? "绕行路段" : "detour link");
    lw.roads_and_boundaries(shown.roads, zh);
    if (fs.critical[0] || fs.critical[1]) {
        const std::string n = std::to_string(FloodMarks::k_mapped_links);
        lw.note(zh ? "关键路段任一处中断即隔断，" : "A critical link alone cuts off;");
        lw.note(zh ? "图示隔断人数最多的前 " + n + " 条；" : "drawn: the " + n + " cutting off most;");
        lw.note(zh ? "编号同报告与 critical_links.csv" : "ids as in critical_links.csv");
    }
    c.end_group();
}

// The township within its county, or the county within its prefecture, in the legend column's
// foot: `areas` with the highlighted ones dark.
void draw_inset(Canvas& c, bool zh, const std::vector<std::pair<const MultiPolygon*, bool>>& areas, double x, double y, double width) {
    Box all;
    for (const auto& [mp, here] : areas)
        if (!mp->empty()) all.expand(bounds(*mp));
    if (all.empty()) return;
    c.begin_group("locator");
    c.text(zh ? "位置示意" : "Location", {x, y}, Anchor::start, TextStyle{style::k_legend_size, true, style::k_black, 0});
    const Frame f{{x, y + 14}, {x + width, y + 14 + style::k_inset_h - 14}};
    const Projector proj(all, f);
    for (const auto& [mp, here] : areas)
        c.path(proj.rings(*mp), true, fill_style(here ? Rgb{0.35, 0.35, 0.35} : style::k_light_grey, style::k_grey, 0.4));
    c.path({{f.min, {f.max.x, f.min.y}, f.max, {f.min.x, f.max.y}}}, true, line_style(style::k_grey, 0.5));
    c.end_group();
}

}  // namespace

void draw_map(Canvas& c, const MapContent& m, const MapView& view) {
    const Region& r = *m.region;
    const bool zh = m.chinese;
    const Sheet& sheet = view.sheet;
    const double legend_w = sheet.compact ? style::k_compact_legend_w : style::k_legend_w;
    const Frame f{{style::k_margin, style::k_margin + (sheet.compact ? style::k_compact_title_h : style::k_title_h)},
                  {sheet.width - style::k_margin - legend_w, sheet.height - style::k_margin - style::k_footer_h}};
    const Box extent = view_extent(m, view);
    const Projector proj(extent, f);
    const FloodMarks* fl = view.flood && m.flood ? &*m.flood : nullptr;
    FloodShown fshown;
    // Without travel times there are no bands: the county map colours villages by site too.
    const bool by_site = !fl && (view.focus.has_value() || !m.has_travel);
    auto in_focus = [&](TownshipId t) { return !view.focus || *view.focus == t; };
    Shown shown;
    shown.band.assign(m.thresholds_min.size() + 2, false);

    if (!sheet.compact) c.text(view.title, {style::k_margin, style::k_margin}, Anchor::start, TextStyle{style::k_title_size, true, style::k_black, 0});
    c.text((zh ? "制图日期 " : "Date ") + m.date + (zh ? " · 坐标系 " : " · CRS ") + crs_text(r.working_crs, zh),
           {style::k_margin, style::k_margin + (sheet.compact ? 0 : 24)}, Anchor::start, TextStyle{style::k_subtitle_size, false, style::k_grey, 0});

    c.clip(f.min, f.max);
    c.begin_group("townships-fill");
    for (std::size_t t = 0; t < r.townships.size(); ++t)
        c.path(proj.rings(r.townships[t].polygon), true,
               fill_style(in_focus(TownshipId{static_cast<std::uint32_t>(t)}) ? style::k_white : style::k_light_grey, style::k_grey, 0));
    c.end_group();
    c.begin_group("villages");
    const PathStyle site_hatch = hatch_style(style::k_site_hatch, 0.8, FillKind::dots);
    for (std::size_t v = 0; v < r.villages.size(); ++v) {
        const Village& vil = r.villages[v];
        if (vil.polygon.empty()) continue;
        if (!in_focus(vil.township)) {
            c.path(proj.rings(vil.polygon), true, fill_style(style::k_light_grey, style::k_grey, style::k_village_width));
            continue;
        }
        const auto rings = proj.rings(vil.polygon);
        if (fl) {
            const int st = fl->village_status[v];
            c.path(rings, true, fill_style(flood_style::k_status[st], style::k_grey, style::k_village_width));
            fshown.status[st] = true;
            continue;
        }
        c.path(rings, true, fill_style(village_fill(m, v, by_site), style::k_grey, style::k_village_width));
        const int s = m.village_site[v];
        if (by_site && s >= 0 && site_hatched(m.sites[static_cast<std::size_t>(s)].colour)) c.path(rings, true, site_hatch);
    }
    c.end_group();
    // Which classes and service areas the villages of this page show.
    for (std::size_t v = 0; v < r.villages.size(); ++v) {
        if (!in_focus(r.villages[v].township)) continue;
        const int band = m.village_band[v], k = static_cast<int>(m.thresholds_min.size());
        if (!by_site) shown.band[band < 0 ? static_cast<std::size_t>(k + 1) : static_cast<std::size_t>(std::min(band, k))] = true;
        const int s = m.village_site[v];
        if (s < 0) shown.unserved = true;
        else if (std::find(shown.sites.begin(), shown.sites.end(), static_cast<std::size_t>(s)) == shown.sites.end())
            shown.sites.push_back(static_cast<std::size_t>(s));
    }
    std::sort(shown.sites.begin(), shown.sites.end(), [&](std::size_t a, std::size_t b) { return m.sites[a].colour < m.sites[b].colour; });
    if (!by_site) shown.sites.clear(), shown.unserved = false;
    if (fl) {
        // Hazard zones over the villages, lowest level first, so the highest reads darkest.
        c.begin_group("hazard-zones");
        std::vector<std::size_t> zones;
        for (std::size_t z = 0; z < r.hazards.size(); ++z)
            if (intersects(r.hazards[z].box, extent)) zones.push_back(z);
        std::stable_sort(zones.begin(), zones.end(), [&](std::size_t a, std::size_t b) { return r.hazards[a].level < r.hazards[b].level; });
        for (std::size_t z : zones) {
            c.path(proj.rings(r.hazards[z].polygon), true, flood_style::zone(r.hazards[z].level));
            if (std::find(fshown.levels.begin(), fshown.levels.end(), r.hazards[z].level) == fshown.levels.end())
                fshown.levels.push_back(r.hazards[z].level);
        }
        std::sort(fshown.levels.rbegin(), fshown.levels.rend());
        c.end_group();
    }

    // Gaps only where villages are coloured by site: on the county map the villages' own class
    // is the one measure (a village shaded within the first band is never hatched).
    if (by_site && m.has_travel && !fl) {
        c.begin_group("gaps");
        const PathStyle gap = hatch_style(style::k_gap, style::k_gap_alpha);
        for (const GapMark& g : m.gaps)
            if (in_focus(g.township)) {
                c.path(proj.rings({*g.polygon}), true, gap);
                shown.gaps = true;
            }
        c.end_group();
    }
    // Isochrones on the township maps only, for the same reason.
    c.begin_group("isochrones");
    for (const MultiPolygon* mp : m.isochrones)
        if (by_site && !fl && intersects(bounds(*mp), extent)) {
            c.path(proj.rings(*mp), true, line_style(style::k_isochrone, 0.7, {3, 2}));
            shown.isochrones = true;
        }
    c.end_group();
    c.begin_group("roads");
    const int max_rank = 2;
    for (int rank = max_rank; rank >= 0; --rank) {
        PathStyle rs = line_style(style::k_road, style::k_road_width[static_cast<std::size_t>(rank)]);
        rs.stroke_alpha = style::k_road_alpha;
        for (const Road& road : r.roads) {
            if (road.line.size() < 2 || road_rank(road.road_class) != rank || !intersects(bounds(road.line), extent)) continue;
            c.path({proj.ring(road.line)}, false, rs);
            shown.roads[rank] = true;
        }
    }
    c.end_group();
    c.begin_group("township-boundaries");
    for (const Township& t : r.townships) c.path(proj.rings(t.polygon), true, line_style(style::k_black, style::k_township_width));
    c.end_group();
    // The flood lines: detours, critical links (those with no site beyond on top), closed stretches.
    std::vector<std::tuple<const FloodMarks::Link*, Pt, Rgb>> link_labels;
    if (fl) {
        auto visible = [&](const LineString& line) { return line.size() >= 2 && intersects(bounds(line), extent); };
        auto middle = [&](const LineString& line) { return proj(line[line.size() / 2]); };
        c.begin_group("detour-links");
        for (const FloodMarks::Link& l : fl->detours)
            if (visible(*l.line)) {
                c.path({proj.ring(*l.line)}, false, flood_style::detour());
                fshown.detours = true;
                if (link_labels.size() < 3) link_labels.emplace_back(&l, middle(*l.line), flood_style::k_detour);
            }
        c.end_group();
        c.begin_group("critical-links");
        std::size_t labelled = 0;
        for (const bool no_site : {false, true})
            for (const FloodMarks::Link& l : fl->critical)
                if (l.no_site == no_site && visible(*l.line)) {
                    c.path({proj.ring(*l.line)}, false, flood_style::critical(no_site));
                    fshown.critical[no_site] = true;
                }
        for (const FloodMarks::Link& l : fl->critical)  // the first five by people carry their id
            if (visible(*l.line) && labelled++ < 5) link_labels.emplace_back(&l, middle(*l.line), flood_style::k_critical);
        c.end_group();
        if (fl->closed) {
            c.begin_group("closed-roads");
            for (const LineString& line : *fl->closed)
                if (visible(line)) {
                    c.path({proj.ring(line)}, false, flood_style::closed());
                    fshown.closed = true;
                }
            c.end_group();
        }
    }
    if (by_site && !fl) {
        c.begin_group("assignments");
        for (std::size_t v = 0; v < r.villages.size(); ++v) {
            const int s = m.village_site[v];
            if (s < 0 || !in_focus(r.villages[v].township)) continue;
            c.path({{proj(m.sites[static_cast<std::size_t>(s)].at), proj(r.villages[v].anchor)}}, false, line_style(style::k_assignment, 0.6));
            shown.assignments = true;
        }
        c.end_group();
    }
    // Villages given as points (no polygons) are drawn as small dots in their fill colour.
    for (std::size_t v = 0; v < r.villages.size(); ++v)
        if (r.villages[v].polygon.empty() && in_focus(r.villages[v].township))
            c.symbol(Shape::circle, proj(r.villages[v].anchor), 4,
                     fill_style(fl ? flood_style::k_status[fl->village_status[v]] : village_fill(m, v, by_site), style::k_grey, 0.4));

    LabelPlacer labels(f.min, f.max);
    if (fl) {
        c.begin_group("shelters");
        for (const FloodMarks::ShelterMark& sh : fl->shelters) {
            const Pt p = proj(sh.at);
            if (p.x < f.min.x || p.x > f.max.x || p.y < f.min.y || p.y > f.max.y) continue;
            c.symbol(Shape::triangle, p, flood_style::k_shelter_size, flood_style::shelter(sh.over()));
            labels.occupy(p, flood_style::k_shelter_size + 1);
            fshown.shelter[sh.over()] = true;
        }
        c.end_group();
        for (const auto& [l, at, colour] : link_labels) labels.add(l->id, at, TextStyle{style::k_village_label, true, colour, 1.5}, 3, true);
    }
    // Existing sites first, planned on top; stations above points.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < m.sites.size(); ++i)
        if (in_focus(m.sites[i].township)) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::pair(m.sites[a].planned, m.sites[a].kind == SiteKind::station) < std::pair(m.sites[b].planned, m.sites[b].kind == SiteKind::station);
    });
    std::vector<bool> host(r.villages.size(), false);
    for (std::size_t i : order) {
        const SiteMark& s = m.sites[i];
        const Pt p = proj(s.at);
        c.begin_group(site_class(s));
        c.symbol(site_shape(s.kind), p, site_size(s.kind), site_style(s.kind, s.planned));
        c.end_group();
        labels.occupy(p, site_size(s.kind) + 2);
        shown.site[s.kind == SiteKind::station][s.planned] = true;
    }
    // Township names, then every site's host village beside its symbol (planned stations
    // first, then planned points, existing stations, existing points), both always drawn; then
    // the other villages where there is room.
    const TextStyle village_text{style::k_village_label, false, style::k_black, 1.3};
    if (!view.focus)
        for (const Township& t : r.townships)
            labels.add(t.name, proj(t.anchor), TextStyle{style::k_township_label, true, style::k_black, 2}, 3, true);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const SiteMark& s = m.sites[*it];
        if (!s.host || host[s.host->value]) continue;
        host[s.host->value] = true;
        labels.add(r.villages[s.host->value].name, proj(s.at), village_text, 2, true, site_size(s.kind) / 2);
    }
    for (std::size_t v = 0; v < r.villages.size(); ++v)
        if (!host[v] && in_focus(r.villages[v].township)) labels.add(r.villages[v].name, proj(r.villages[v].anchor), village_text, view.focus ? 1 : 0);
    const LabelCount count = labels.draw(c);
    if (count.dropped > 0) {
        const std::string note = zh ? "另有 " + std::to_string(count.dropped) + " 个村名因图面空间不足未标注" + (view.focus ? "" : "，见各镇（街）图")
                                    : std::to_string(count.dropped) + " village names left out for want of room" + (view.focus ? "" : "; see the township maps");
        c.begin_group("label-note");
        c.text(note, {f.max.x - 8, f.max.y - 14}, Anchor::end, TextStyle{style::k_min_sheet_text, false, style::k_black, 1.5});
        c.end_group();
    }
    c.unclip();
    c.path({{f.min, {f.max.x, f.min.y}, f.max, {f.min.x, f.max.y}}}, true, line_style(style::k_black, 0.8));
    draw_scale_bar(c, proj, f, zh);
    draw_north_arrow(c, f, zh);
    if (fl) draw_flood_legend(c, m, shown, fshown, f.max.x + 16, f.min.y);
    else draw_legend(c, m, view, shown, f.max.x + 16, f.min.y, f.max.y);
    std::vector<std::pair<const MultiPolygon*, bool>> inset;
    if (view.focus)
        for (std::size_t t = 0; t < r.townships.size(); ++t) inset.emplace_back(&r.townships[t].polygon, t == view.focus->value);
    else
        for (const ContextArea& a : m.context) inset.emplace_back(&a.polygon, a.here);
    draw_inset(c, zh, inset, f.max.x + 16, f.max.y - style::k_inset_h, legend_w - 26);

    std::vector<std::string> credits;
    if (!m.organisation.empty()) credits.push_back((zh ? "编制单位：" : "Prepared by ") + m.organisation);
    if (!m.attribution.empty()) credits.push_back(m.attribution);
    if (!view.focus && !m.context.empty()) credits.emplace_back(zh ? "位置示意图：ECharts 地图数据" : "Locator: ECharts map data");
    credits.emplace_back(zh ? "coverplan 制图" : "Map: coverplan");
    c.text(join(credits, " · "), {style::k_margin, sheet.height - style::k_margin - 10}, Anchor::start,
           TextStyle{style::k_footer_size, false, style::k_dark_grey, 0});
}

}  // namespace coverplan::report::map
