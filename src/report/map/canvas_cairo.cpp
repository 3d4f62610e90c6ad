#include "report/map/canvas_cairo.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <cmath>

#include "core/error.hpp"
#include "report/map/style.hpp"

namespace coverplan::report::map {

namespace {



// A layout for `text` whose units are points (Pango at 72 dpi on a context scaled to points).
PangoLayoutPtr make_layout(cairo_t* cr, const std::string& text, const TextStyle& style) {
    PangoLayoutPtr layout(pango_cairo_create_layout(cr));
    pango_cairo_context_set_resolution(pango_layout_get_context(layout.get()), 72);
    pango_layout_context_changed(layout.get());
    FontDescription font(pango_font_description_new());
    pango_font_description_set_family(font.get(), style::k_font);
    pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font.get(), style.size_pt * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    return layout;
}

void set_colour(cairo_t* cr, const Rgb& c, double alpha) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }

struct PathDeleter {
    void operator()(cairo_path_t* p) const { cairo_path_destroy(p); }
};
using CairoPath = std::unique_ptr<cairo_path_t, PathDeleter>;

// Diagonal hatching 5 pt apart (lines 0.45 pt wide), or two dots (1.1 pt squares, far cheaper
// to rasterise than circles and alike once printed) per 5 pt square, in the fill colour, as vectors inside the current path: crisp in PDF and at any
// resolution, and aligned to the page so neighbouring shapes continue one pattern. The path is
// kept for the stroke.
void fill_pattern(cairo_t* cr, FillKind kind, const Rgb& c, double alpha) {
    const CairoPath path(cairo_copy_path(cr));
    cairo_save(cr);
    cairo_clip(cr);
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    set_colour(cr, c, alpha);
    constexpr double k_step = 5;
    if (kind == FillKind::dots) {
        for (double y = std::floor(y0 / k_step) * k_step; y < y1; y += k_step)
            for (double x = std::floor(x0 / k_step) * k_step; x < x1; x += k_step)
                for (double d : {1.25, 3.75}) cairo_rectangle(cr, x + d - 0.55, y + d - 0.55, 1.1, 1.1);
        cairo_fill(cr);
    } else {
        const double s = k_step * std::sqrt(2.0);  // lines x + y = k·s, 5 pt apart
        cairo_set_line_width(cr, 0.45);
        cairo_set_dash(cr, nullptr, 0, 0);
        for (double k = std::floor((x0 + y0) / s); k * s <= x1 + y1; ++k) {
            cairo_move_to(cr, k * s - y0, y0);
            cairo_line_to(cr, k * s - y1, y1);
        }
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    cairo_new_path(cr);
    cairo_append_path(cr, path.get());
}

}  // namespace

TextBox measure(const std::string& text, const TextStyle& style) {
    static thread_local CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
    static thread_local CairoContext cr(cairo_create(surface.get()));
    const PangoLayoutPtr layout = make_layout(cr.get(), text, style);
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE,
            static_cast<double>(pango_layout_get_baseline(layout.get())) / PANGO_SCALE};
}

void CairoCanvas::finish(const PathStyle& s) {
    if (s.fill_kind == FillKind::solid) {
        set_colour(m_cr, s.fill, s.fill_alpha);
        cairo_fill_preserve(m_cr);
    } else if (s.fill_kind != FillKind::none) {
        fill_pattern(m_cr, s.fill_kind, s.fill, s.fill_alpha);
    }
    if (s.stroke) {
        set_colour(m_cr, s.stroke_colour, s.stroke_alpha);
        cairo_set_line_width(m_cr, s.width_pt);
        cairo_set_dash(m_cr, s.dash_pt.data(), static_cast<int>(s.dash_pt.size()), 0);
        cairo_stroke(m_cr);
    }
    cairo_new_path(m_cr);
}

void CairoCanvas::path(const std::vector<std::vector<Pt>>& parts, bool closed, const PathStyle& style) {
    cairo_set_fill_rule(m_cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(m_cr, CAIRO_LINE_CAP_ROUND);
    for (const auto& part : parts) {
        if (part.empty()) continue;
        cairo_move_to(m_cr, part.front().x, part.front().y);
        for (std::size_t i = 1; i < part.size(); ++i) cairo_line_to(m_cr, part[i].x, part[i].y);
        if (closed) cairo_close_path(m_cr);
    }
    finish(style);
}

void CairoCanvas::symbol(Shape shape, Pt c, double size, const PathStyle& style) {
    const double r = size / 2;
    switch (shape) {
        case Shape::circle: cairo_arc(m_cr, c.x, c.y, r, 0, 2 * M_PI); break;
        case Shape::square: cairo_rectangle(m_cr, c.x - r, c.y - r, size, size); break;
        case Shape::triangle:
            cairo_move_to(m_cr, c.x, c.y - r * 1.15);
            cairo_line_to(m_cr, c.x + r, c.y + r * 0.85);
            cairo_line_to(m_cr, c.x - r, c.y + r * 0.85);
            cairo_close_path(m_cr);
            break;
        case Shape::star:
            for (int k = 0; k < 10; ++k) {
                const double a = -M_PI / 2 + k * M_PI / 5;
                const double rr = k % 2 == 0 ? r * 1.25 : r * 0.55;
                if (k == 0) cairo_move_to(m_cr, c.x + rr * std::cos(a), c.y + rr * std::sin(a));
                else cairo_line_to(m_cr, c.x + rr * std::cos(a), c.y + rr * std::sin(a));
            }
            cairo_close_path(m_cr);
            break;
    }
    finish(style);
}

void CairoCanvas::text(const std::string& text, Pt at, Anchor anchor, const TextStyle& style) {
    const PangoLayoutPtr layout = make_layout(m_cr, text, style);
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    const double width = static_cast<double>(w) / PANGO_SCALE;
    const double x = anchor == Anchor::start ? at.x : anchor == Anchor::middle ? at.x - width / 2 : at.x - width;
    cairo_move_to(m_cr, x, at.y);
    if (style.halo_pt > 0) {
        pango_cairo_layout_path(m_cr, layout.get());
        set_colour(m_cr, style::k_white, 0.9);
        cairo_set_line_width(m_cr, 2 * style.halo_pt);
        cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_dash(m_cr, nullptr, 0, 0);
        cairo_stroke(m_cr);
        cairo_move_to(m_cr, x, at.y);
    }
    set_colour(m_cr, style.colour, 1);
    pango_cairo_show_layout(m_cr, layout.get());
    cairo_new_path(m_cr);
}

void CairoCanvas::clip(Pt a, Pt b) {
    cairo_save(m_cr);
    cairo_rectangle(m_cr, a.x, a.y, b.x - a.x, b.y - a.y);
    cairo_clip(m_cr);
}

void CairoCanvas::unclip() { cairo_restore(m_cr); }

namespace {
void check(cairo_status_t status, const std::filesystem::path& file) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw OutputError({file.string() + ": drawing the map failed: " + cairo_status_to_string(status),
                           file.string() + "：绘制地图失败：" + cairo_status_to_string(status)});
}
}  // namespace

void write_png(const std::filesystem::path& file, double dpi, const Draw& draw) {
    const double scale = dpi / 72;
    CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::lround(style::k_page_w * scale)),
                                                    static_cast<int>(std::lround(style::k_page_h * scale))));
    {
        CairoContext cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        cairo_scale(cr.get(), scale, scale);
        CairoCanvas canvas(cr.get());
        draw(canvas);
        check(cairo_status(cr.get()), file);
    }
    check(cairo_surface_write_to_png(surface.get(), file.c_str()), file);
}

void write_pdf(const std::filesystem::path& file, const std::string& title, const std::string& date, const Draw& draw) {
    CairoSurface surface(cairo_pdf_surface_create(file.c_str(), style::k_page_w, style::k_page_h));
    // Fixed metadata: the same map gives the same file (no wall-clock creation time).
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "coverplan");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, (date + "T00:00:00").c_str());
    {
        CairoContext cr(cairo_create(surface.get()));
        CairoCanvas canvas(cr.get());
        draw(canvas);
        check(cairo_status(cr.get()), file);
    }
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()), file);
}

}  // namespace coverplan::report::map
