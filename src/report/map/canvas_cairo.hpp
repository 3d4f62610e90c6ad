#pragma once
// The Cairo backend: PNG (any resolution) and PDF, text through Pango; the RAII types of the
// Cairo and Pango handles (report.pdf uses them too).
#include <cairo.h>
#include <pango/pangocairo.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "report/map/canvas.hpp"

namespace coverplan::report::map {

struct CairoSurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using CairoSurface = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;

struct CairoDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using CairoContext = std::unique_ptr<cairo_t, CairoDeleter>;

struct GObjectDeleter {
    void operator()(gpointer p) const { g_object_unref(p); }
};
using PangoLayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using PangoContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;

struct FontDeleter {
    void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using FontDescription = std::unique_ptr<PangoFontDescription, FontDeleter>;

class CairoCanvas final : public Canvas {
public:
    explicit CairoCanvas(cairo_t* cr) : m_cr(cr) {}
    void path(const std::vector<std::vector<Pt>>& parts, bool closed, const PathStyle& style) override;
    void symbol(Shape shape, Pt centre, double size_pt, const PathStyle& style) override;
    void text(const std::string& text, Pt at, Anchor anchor, const TextStyle& style) override;
    void begin_group(const std::string&) override {}
    void end_group() override {}
    void clip(Pt top_left, Pt bottom_right) override;
    void unclip() override;

private:
    void finish(const PathStyle& style);
    cairo_t* m_cr;
    PangoContextPtr m_text;  // one Pango context for all the page's text (made on first use)
};

// A Pango context for `cr` at 72 dpi (units are points) with unhinted metrics, matching its
// current transformation; every text of the maps and of report.pdf is laid out in one.
PangoContextPtr text_context(cairo_t* cr);

using Draw = std::function<void(Canvas&)>;

// A page of style::k_page_w × k_page_h points drawn by `draw`, as PNG at `dpi` or as PDF.
void write_png(const std::filesystem::path& file, double dpi, const Draw& draw);
void write_pdf(const std::filesystem::path& file, const std::string& title, const std::string& date, const Draw& draw);

}  // namespace coverplan::report::map
