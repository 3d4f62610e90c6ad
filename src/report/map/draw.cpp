// One map page: title, the map frame (layers, labels, scale bar, north arrow), the legend and
// the footer with date and attribution. Layout and styling come from style.hpp.
#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "report/map/canvas.hpp"
#include "report/map/labels.hpp"
#include "report/map/map_content.hpp"
#include "report/map/style.hpp"

namespace coverplan::report::map {

namespace {

struct Frame {
    Pt min, max;  // page points
};

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
    std::vector<Pt> ring(const Ring& r) const {
        std::vector<Pt> out;
        out.reserve(r.size());
        for (const Point2& p : r) out.push_back((*this)(p));
        return out;
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

Rgb village_fill(const MapContent& m, std::size_t v, bool by_site) {
    if (by_site) {
        const int s = m.village_site[v];
        return s < 0 ? style::k_unserved_fill
                     : style::k_site_fill[static_cast<std::size_t>(m.sites[static_cast<std::size_t>(s)].colour) % style::k_site_fill.size()];
    }
    return band_colour(m.village_band[v]);
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
    const double target_m = 110 * proj.metres_per_pt();
    const double p10 = std::pow(10, std::floor(std::log10(target_m)));
    double nice = p10;
    for (double k : {2.0, 5.0, 10.0})
        if (k * p10 <= target_m) nice = k * p10;
    const double len = nice / proj.metres_per_pt();
    const Pt o{f.min.x + 12, f.max.y - 16};
    PathStyle white = fill_style(style::k_white, style::k_black, 0.6), black = fill_style(style::k_black, style::k_black, 0.6);
    c.begin_group("scale-bar");
    for (int i = 0; i < 4; ++i) {
        const double x0 = o.x + len * i / 4, x1 = o.x + len * (i + 1) / 4;
        c.path({{{x0, o.y}, {x1, o.y}, {x1, o.y + 4}, {x0, o.y + 4}}}, true, i % 2 ? white : black);
    }
    const TextStyle ts{7, false, style::k_black, 1.5};
    const std::string unit = nice >= 1000 ? format_decimal(nice / 1000, 1) + (zh ? " 千米" : " km") : format_decimal(nice, 0) + (zh ? " 米" : " m");
    c.text("0", {o.x, o.y - 10}, Anchor::middle, ts);
    c.text(unit, {o.x + len, o.y - 10}, Anchor::middle, ts);
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
    void swatch(const PathStyle& st, const std::string& label) {
        c.path({{{x, y}, {x + 16, y}, {x + 16, y + 10}, {x, y + 10}}}, true, st);
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
    void entry_text(const std::string& label) {
        c.text(label, {x + 22, y}, Anchor::start, TextStyle{style::k_legend_size, false, style::k_black, 0});
        y += 15;
    }
};

void draw_legend(Canvas& c, const MapContent& m, const MapView& view, double x, double y) {
    const bool zh = m.chinese;
    LegendWriter lw{c, x, y};
    c.begin_group("legend");
    lw.heading(zh ? "图例" : "Legend");
    lw.site(SiteKind::station, false, zh ? "社工站（已建）" : "station (existing)");
    lw.site(SiteKind::station, true, zh ? "社工站（规划）" : "station (planned)");
    lw.site(SiteKind::point, false, zh ? "社工点（已建）" : "point (existing)");
    lw.site(SiteKind::point, true, zh ? "社工点（规划）" : "point (planned)");
    lw.y += 4;
    if (view.focus || !m.has_travel) {
        lw.swatch(fill_style(style::k_site_fill[0], style::k_grey, style::k_village_width), zh ? "村（社区），按服务站点着色" : "village, by serving site");
        lw.swatch(fill_style(style::k_unserved_fill, style::k_grey, style::k_village_width), zh ? "村（社区），无站点服务" : "village, not served");
        lw.line(line_style(style::k_assignment, 0.6), zh ? "站点—服务村连线" : "site to served village");
    } else if (m.has_travel) {
        c.text(zh ? "到最近站点的通行时间（现状）" : "Travel time to the nearest site (now)", {lw.x, lw.y}, Anchor::start,
               TextStyle{style::k_legend_size, false, style::k_black, 0});
        lw.y += 14;
        for (const auto& [colour, label] : band_legend(m.thresholds_min, zh))
            lw.swatch(fill_style(colour, style::k_grey, style::k_village_width), label);
    }
    if (m.has_travel && !m.thresholds_min.empty()) {
        const std::string band = format_decimal(m.thresholds_min.front(), 0) + (zh ? " 分钟" : " min");
        lw.line(line_style(style::k_isochrone, 0.8, {3, 2}), zh ? band + "等时线" : band + " isochrone");
        PathStyle gap = line_style(style::k_gap, 0.6);
        gap.fill_kind = FillKind::hatch;
        gap.fill = style::k_gap;
        lw.swatch(gap, zh ? "覆盖缺口（超过 " + band + "）" : "gap (beyond " + band + ")");
    }
    lw.line(line_style(style::k_black, style::k_township_width), zh ? "镇（街）界" : "township boundary");
    c.end_group();
}

}  // namespace

void draw_map(Canvas& c, const MapContent& m, const MapView& view) {
    const Region& r = *m.region;
    const bool zh = m.chinese;
    const Frame f{{style::k_margin, style::k_margin + style::k_title_h},
                  {style::k_page_w - style::k_margin - style::k_legend_w, style::k_page_h - style::k_margin - style::k_footer_h}};
    const Projector proj(view_extent(m, view), f);
    // Without travel times there are no bands: the county map colours villages by site too.
    const bool by_site = view.focus.has_value() || !m.has_travel;
    auto in_focus = [&](TownshipId t) { return !view.focus || *view.focus == t; };

    c.text(view.title, {style::k_margin, style::k_margin}, Anchor::start, TextStyle{style::k_title_size, true, style::k_black, 0});
    c.text((zh ? "制图日期 " : "Date ") + m.date + (zh ? " · 坐标系 " : " · CRS ") + r.working_crs,
           {style::k_margin, style::k_margin + 24}, Anchor::start, TextStyle{style::k_subtitle_size, false, style::k_grey, 0});

    c.clip(f.min, f.max);
    c.begin_group("townships-fill");
    for (std::size_t t = 0; t < r.townships.size(); ++t)
        c.path(proj.rings(r.townships[t].polygon), true,
               fill_style(in_focus(TownshipId{static_cast<std::uint32_t>(t)}) ? style::k_white : style::k_light_grey, style::k_grey, 0));
    c.end_group();
    c.begin_group("villages");
    for (std::size_t v = 0; v < r.villages.size(); ++v) {
        const Village& vil = r.villages[v];
        if (vil.polygon.empty()) continue;
        PathStyle st = fill_style(village_fill(m, v, by_site), style::k_grey, style::k_village_width);
        if (!in_focus(vil.township)) st = fill_style(style::k_light_grey, style::k_grey, style::k_village_width);
        c.path(proj.rings(vil.polygon), true, st);
    }
    c.end_group();
    c.begin_group("gaps");
    PathStyle gap = line_style(style::k_gap, 0.5);
    gap.fill_kind = FillKind::hatch;
    gap.fill = style::k_gap;
    gap.fill_alpha = style::k_gap_alpha;
    for (const GapMark& g : m.gaps)
        if (in_focus(g.township)) c.path(proj.rings({*g.polygon}), true, gap);
    c.end_group();
    c.begin_group("isochrones");
    for (const MultiPolygon* mp : m.isochrones) c.path(proj.rings(*mp), true, line_style(style::k_isochrone, 0.7, {3, 2}));
    c.end_group();
    c.begin_group("township-boundaries");
    for (const Township& t : r.townships) c.path(proj.rings(t.polygon), true, line_style(style::k_black, style::k_township_width));
    c.end_group();
    if (by_site) {
        c.begin_group("assignments");
        for (std::size_t v = 0; v < r.villages.size(); ++v) {
            const int s = m.village_site[v];
            if (s < 0 || !in_focus(r.villages[v].township)) continue;
            c.path({{proj(m.sites[static_cast<std::size_t>(s)].at), proj(r.villages[v].anchor)}}, false, line_style(style::k_assignment, 0.6));
        }
        c.end_group();
    }
    // Villages given as points (no polygons) are drawn as small dots in their fill colour.
    for (std::size_t v = 0; v < r.villages.size(); ++v)
        if (r.villages[v].polygon.empty() && in_focus(r.villages[v].township))
            c.symbol(Shape::circle, proj(r.villages[v].anchor), 4, fill_style(village_fill(m, v, by_site), style::k_grey, 0.4));

    LabelPlacer labels(f.min, f.max);
    // Existing sites first, planned on top; stations above points.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < m.sites.size(); ++i)
        if (in_focus(m.sites[i].township)) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::pair(m.sites[a].planned, m.sites[a].kind == SiteKind::station) < std::pair(m.sites[b].planned, m.sites[b].kind == SiteKind::station);
    });
    for (std::size_t i : order) {
        const SiteMark& s = m.sites[i];
        const Pt p = proj(s.at);
        c.begin_group(site_class(s));
        c.symbol(site_shape(s.kind), p, site_size(s.kind), site_style(s.kind, s.planned));
        c.end_group();
        labels.occupy(p, site_size(s.kind) + 2);
    }
    if (view.focus) {
        for (const Village& v : r.villages)
            if (v.township == *view.focus) labels.add(v.name, proj(v.anchor), TextStyle{style::k_village_label, false, style::k_black, 1.2}, 1);
    } else {
        for (const Township& t : r.townships)
            labels.add(t.name, proj(t.anchor), TextStyle{style::k_township_label, true, style::k_black, 2}, 2);
        for (const Village& v : r.villages) labels.add(v.name, proj(v.anchor), TextStyle{5.5, false, style::k_grey, 1}, 0);
    }
    labels.draw(c);
    c.unclip();
    c.path({{f.min, {f.max.x, f.min.y}, f.max, {f.min.x, f.max.y}}}, true, line_style(style::k_black, 0.8));
    draw_scale_bar(c, proj, f, zh);
    draw_north_arrow(c, f, zh);
    draw_legend(c, m, view, f.max.x + 16, f.min.y);

    std::string footer = (zh ? "coverplan 制图" : "Made with coverplan");
    if (!m.attribution.empty()) footer += " · " + m.attribution;
    c.text(footer, {style::k_margin, style::k_page_h - style::k_margin - 10}, Anchor::start,
           TextStyle{style::k_footer_size, false, style::k_grey, 0});
}

}  // namespace coverplan::report::map
