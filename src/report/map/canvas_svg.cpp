#include "report/map/canvas_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.hpp"
#include "report/map/style.hpp"

namespace coverplan::report::map {

namespace {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s(buf);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

std::string colour(const Rgb& c) {
    char buf[8];
    auto byte = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
    return buf;
}

}  // namespace

SvgCanvas::SvgCanvas(double w, double h, const std::string& title) {
    m_out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(w) + "pt\" height=\"" +
            num(h) + "pt\" viewBox=\"0 0 " + num(w) + " " + num(h) + "\">\n<title>" + xml_escape(title) + "</title>\n" +
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
}

std::string SvgCanvas::pattern_id(const PathStyle& s) {
    return (s.fill_kind == FillKind::dots ? "dots-" : "hatch-") + colour(s.fill).substr(1) + "-" + std::to_string(std::lround(s.fill_alpha * 100));
}

void SvgCanvas::define_pattern(const PathStyle& s) {
    if (s.fill_kind != FillKind::hatch && s.fill_kind != FillKind::dots) return;
    const std::string id = pattern_id(s);
    if (!m_patterns.insert(id).second) return;
    const std::string c = colour(s.fill), a = num(s.fill_alpha);
    // As the Cairo backend draws them: diagonal lines 5 pt apart, or two dots per 5 pt tile.
    if (s.fill_kind == FillKind::dots)
        m_out += "<defs><pattern id=\"" + id + "\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
                 "<rect x=\"0.7\" y=\"0.7\" width=\"1.1\" height=\"1.1\" fill=\"" + c + "\" fill-opacity=\"" + a + "\"/>"
                 "<rect x=\"3.2\" y=\"3.2\" width=\"1.1\" height=\"1.1\" fill=\"" + c + "\" fill-opacity=\"" + a + "\"/></pattern></defs>\n";
    else
        m_out += "<defs><pattern id=\"" + id + "\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                 "<line x1=\"2.5\" y1=\"0\" x2=\"2.5\" y2=\"5\" stroke=\"" + c + "\" stroke-opacity=\"" + a + "\" stroke-width=\"0.45\"/></pattern></defs>\n";
}

std::string SvgCanvas::style_attributes(const PathStyle& s) const {
    std::string a;
    if (s.fill_kind == FillKind::none) a += " fill=\"none\"";
    else if (s.fill_kind == FillKind::hatch || s.fill_kind == FillKind::dots) a += " fill=\"url(#" + pattern_id(s) + ")\"";
    else a += " fill=\"" + colour(s.fill) + "\"";
    if (s.fill_kind == FillKind::solid && s.fill_alpha < 1) a += " fill-opacity=\"" + num(s.fill_alpha) + "\"";
    if (s.stroke) {
        a += " stroke=\"" + colour(s.stroke_colour) + "\" stroke-width=\"" + num(s.width_pt) + "\" stroke-linejoin=\"round\" stroke-linecap=\"round\"";
        if (s.stroke_alpha < 1) a += " stroke-opacity=\"" + num(s.stroke_alpha) + "\"";
        if (!s.dash_pt.empty()) {
            a += " stroke-dasharray=\"";
            for (std::size_t i = 0; i < s.dash_pt.size(); ++i) a += (i ? "," : "") + num(s.dash_pt[i]);
            a += "\"";
        }
    }
    return a;
}

void SvgCanvas::path(const std::vector<std::vector<Pt>>& parts, bool closed, const PathStyle& style) {
    std::string d;
    for (const auto& part : parts) {
        if (part.empty()) continue;
        d += "M" + num(part.front().x) + " " + num(part.front().y);
        for (std::size_t i = 1; i < part.size(); ++i) d += "L" + num(part[i].x) + " " + num(part[i].y);
        if (closed) d += "Z";
    }
    if (d.empty()) return;
    define_pattern(style);
    m_out += "<path d=\"" + d + "\" fill-rule=\"evenodd\"" + style_attributes(style) + "/>\n";
}

void SvgCanvas::symbol(Shape shape, Pt c, double size, const PathStyle& style) {
    const double r = size / 2;
    define_pattern(style);
    switch (shape) {
        case Shape::circle:
            m_out += "<circle cx=\"" + num(c.x) + "\" cy=\"" + num(c.y) + "\" r=\"" + num(r) + "\"" + style_attributes(style) + "/>\n";
            return;
        case Shape::square:
            m_out += "<rect x=\"" + num(c.x - r) + "\" y=\"" + num(c.y - r) + "\" width=\"" + num(size) + "\" height=\"" + num(size) + "\"" +
                     style_attributes(style) + "/>\n";
            return;
        case Shape::triangle:
            path({{{c.x, c.y - r * 1.15}, {c.x + r, c.y + r * 0.85}, {c.x - r, c.y + r * 0.85}}}, true, style);
            return;
        case Shape::star: {
            std::vector<Pt> pts;
            for (int k = 0; k < 10; ++k) {
                const double a = -M_PI / 2 + k * M_PI / 5;
                const double rr = k % 2 == 0 ? r * 1.25 : r * 0.55;
                pts.push_back({c.x + rr * std::cos(a), c.y + rr * std::sin(a)});
            }
            path({pts}, true, style);
            return;
        }
    }
}

void SvgCanvas::text(const std::string& text, Pt at, Anchor anchor, const TextStyle& style) {
    const TextBox box = measure(text, style);
    const char* a = anchor == Anchor::start ? "start" : anchor == Anchor::middle ? "middle" : "end";
    m_out += "<text x=\"" + num(at.x) + "\" y=\"" + num(at.y + box.baseline) + "\" font-family=\"" + style::k_font +
             ", sans-serif\" font-size=\"" + num(style.size_pt) + "\" text-anchor=\"" + a + "\" fill=\"" + colour(style.colour) + "\"";
    if (style.bold) m_out += " font-weight=\"bold\"";
    if (style.halo_pt > 0)
        m_out += " stroke=\"#ffffff\" stroke-opacity=\"0.9\" stroke-width=\"" + num(2 * style.halo_pt) + "\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
    m_out += ">" + xml_escape(text) + "</text>\n";
}

void SvgCanvas::begin_group(const std::string& css_class) { m_out += "<g class=\"" + xml_escape(css_class) + "\">\n"; }

void SvgCanvas::end_group() { m_out += "</g>\n"; }

void SvgCanvas::clip(Pt a, Pt b) {
    const std::string id = "clip" + std::to_string(++m_clips);
    m_out += "<clipPath id=\"" + id + "\"><rect x=\"" + num(a.x) + "\" y=\"" + num(a.y) + "\" width=\"" + num(b.x - a.x) + "\" height=\"" +
             num(b.y - a.y) + "\"/></clipPath>\n<g clip-path=\"url(#" + id + ")\">\n";
}

void SvgCanvas::unclip() { m_out += "</g>\n"; }

std::string SvgCanvas::str() const { return m_out + "</svg>\n"; }

}  // namespace coverplan::report::map
