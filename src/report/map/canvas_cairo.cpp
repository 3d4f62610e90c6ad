#include "report/map/canvas_cairo.hpp"

#include <cairo-pdf.h>
#include <png.h>
#include <pango/pangocairo.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/error.hpp"
#include "report/map/style.hpp"

namespace coverplan::report::map {

namespace {



// The font of a text style.
FontDescription font_of(const TextStyle& style) {
    FontDescription font(pango_font_description_new());
    pango_font_description_set_family(font.get(), style::k_font);
    pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font.get(), style.size_pt * PANGO_SCALE);
    return font;
}

// A layout for `text` in `context`, whose units are points.
PangoLayoutPtr make_layout(PangoContext* context, const std::string& text, const TextStyle& style) {
    PangoLayoutPtr layout(pango_layout_new(context));
    const FontDescription font = font_of(style);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    return layout;
}

void set_colour(cairo_t* cr, const Rgb& c, double alpha) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }

struct PathDeleter {
    void operator()(cairo_path_t* p) const { cairo_path_destroy(p); }
};
using CairoPath = std::unique_ptr<cairo_path_t, PathDeleter>;

// Diagonal hatching 5 pt apart (lines 0.45 pt wide), or two dots (1.1 pt squares) per 5 pt
// square, in the fill colour, as vectors inside the current path: crisp in PDF and at any
// resolution, the same in every viewer (a PDF tiling pattern shows seams in some), and aligned
// to the page so neighbouring shapes continue one pattern. Each row of dots is one dashed line
// (dashes as long as the line is wide), not a rectangle per dot: a few hundred path segments a
// page instead of tens of thousands. The path is kept for the stroke.
void fill_pattern(cairo_t* cr, FillKind kind, const Rgb& c, double alpha) {
    const CairoPath path(cairo_copy_path(cr));
    cairo_save(cr);
    cairo_clip(cr);
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    set_colour(cr, c, alpha);
    constexpr double k_step = 5;
    if (kind == FillKind::dots) {
        constexpr double k_dot = 1.1;
        const std::array<double, 2> dash{k_dot, k_step - k_dot};
        cairo_set_line_width(cr, k_dot);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        cairo_set_dash(cr, dash.data(), 2, 0);
        const double left = std::floor(x0 / k_step) * k_step;
        for (double y = std::floor(y0 / k_step) * k_step; y < y1; y += k_step)
            for (double d : {1.25, 3.75}) {  // dots centred at (d, d) in each 5 pt square
                cairo_move_to(cr, left + d - k_dot / 2, y + d);
                cairo_line_to(cr, x1 + k_step, y + d);
            }
        cairo_stroke(cr);
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

// The halo behind a label: each glyph's ink box, filled and stroked 2 × halo wide with round
// joins, so the boxes of a word merge into one white band with rounded ends. At map label
// sizes a stroke that wide fills a Chinese character's counters anyway, so this is the glyph
// outline's halo within a fraction of a point, at 4 vertices a glyph instead of a few hundred
// (the outline's curves made each label cost about 1 ms in a PDF).
void glyph_boxes(cairo_t* cr, PangoLayout* layout, double left, double top) {
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
        const PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it);
        if (!run) continue;
        PangoRectangle logical;
        pango_layout_iter_get_run_extents(it, nullptr, &logical);
        const int baseline = pango_layout_iter_get_baseline(it);
        int pen = logical.x;
        for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
            const PangoGlyphInfo& g = run->glyphs->glyphs[i];
            PangoRectangle ink;
            pango_font_get_glyph_extents(run->item->analysis.font, g.glyph, &ink, nullptr);
            if (ink.width > 0 && ink.height > 0)
                cairo_rectangle(cr, left + static_cast<double>(pen + g.geometry.x_offset + ink.x) / PANGO_SCALE,
                                top + static_cast<double>(baseline + g.geometry.y_offset + ink.y) / PANGO_SCALE,
                                static_cast<double>(ink.width) / PANGO_SCALE, static_cast<double>(ink.height) / PANGO_SCALE);
            pen += g.geometry.width;
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

}  // namespace

PangoContextPtr text_context(cairo_t* cr) {
    PangoContextPtr context(pango_cairo_create_context(cr));
    pango_cairo_context_set_resolution(context.get(), 72);
    // Unhinted outlines and metrics whatever the surface: text measures the same for PNG, PDF,
    // SVG and the label placer, and in both passes of report.pdf.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context.get(), options);
    cairo_font_options_destroy(options);
    return context;
}

TextBox measure(const std::string& text, const TextStyle& style) {
    static thread_local CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
    static thread_local CairoContext cr(cairo_create(surface.get()));
    static thread_local PangoContextPtr context = text_context(cr.get());
    const PangoLayoutPtr layout = make_layout(context.get(), text, style);
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
    cairo_set_fill_rule(m_cr, CAIRO_FILL_RULE_WINDING);
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
    if (!m_text) m_text = text_context(m_cr);
    const PangoLayoutPtr layout = make_layout(m_text.get(), text, style);
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    const double width = static_cast<double>(w) / PANGO_SCALE;
    const double x = anchor == Anchor::start ? at.x : anchor == Anchor::middle ? at.x - width / 2 : at.x - width;
    cairo_move_to(m_cr, x, at.y);
    if (style.halo_pt > 0) {
        glyph_boxes(m_cr, layout.get(), x, at.y);
        cairo_set_fill_rule(m_cr, CAIRO_FILL_RULE_WINDING);  // boxes that touch must not cancel
        set_colour(m_cr, style::k_white, 1);  // opaque: a fill and a stroke of one alpha would overlap unevenly
        cairo_set_line_width(m_cr, 2 * style.halo_pt);
        cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_dash(m_cr, nullptr, 0, 0);
        cairo_fill_preserve(m_cr);
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
// The page as an 8-bit RGB PNG, written fast: no row filters and light deflate (libpng's
// PNG_IMAGE_FLAG_FAST). Flat map colours compress as well this way as with Cairo's writer
// (which tries every filter at level 6) — 云安区's county map 366 KB against 411 KB — in a
// quarter of the time. libpng's simplified API keeps its error handling (longjmp) inside.
void encode_png(cairo_surface_t* surface, const std::filesystem::path& file) {
    const int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3);
    for (int y = 0; y < h; ++y) {
        unsigned char* out = rgb.data() + static_cast<std::size_t>(y) * w * 3;
        for (int x = 0; x < w; ++x) {
            std::uint32_t v = 0;  // CAIRO_FORMAT_RGB24: one native-endian 32-bit word per pixel, xRGB
            std::memcpy(&v, data + static_cast<std::size_t>(y) * stride + 4 * static_cast<std::size_t>(x), 4);
            out[3 * x] = static_cast<unsigned char>(v >> 16);
            out[3 * x + 1] = static_cast<unsigned char>(v >> 8);
            out[3 * x + 2] = static_cast<unsigned char>(v);
        }
    }
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(w);
    image.height = static_cast<png_uint_32>(h);
    image.format = PNG_FORMAT_RGB;
    image.flags = PNG_IMAGE_FLAG_FAST;
    const int ok = png_image_write_to_file(&image, file.c_str(), 0, rgb.data(), w * 3, nullptr);
    const std::string why = ok ? std::string() : std::string(image.message);
    png_image_free(&image);
    if (!ok) throw OutputError({file.string() + ": cannot write the PNG: " + why, file.string() + "：无法写入 PNG：" + why});
}
}  // namespace

void write_png(const std::filesystem::path& file, double dpi, const Draw& draw) {
    const double scale = dpi / 72;
    CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::lround(style::k_page_w * scale)),
                                                    static_cast<int>(std::lround(style::k_page_h * scale))));
    check(cairo_surface_status(surface.get()), file);
    {
        CairoContext cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        cairo_scale(cr.get(), scale, scale);
        CairoCanvas canvas(cr.get());
        draw(canvas);
        check(cairo_status(cr.get()), file);
    }
    cairo_surface_flush(surface.get());
    encode_png(surface.get(), file);
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
