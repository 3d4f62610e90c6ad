// report.pdf (issue 14 §2): the briefing's Document laid out on A4 pages by coverplan itself,
// with Cairo's PDF surface and Pango's text layout — no browser. The layout runs twice on
// identical surfaces: the first pass learns where each section starts and how many pages there
// are, the second draws the contents page and "第 x 页 / 共 y 页" with those numbers.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>
#include <tuple>

#include "core/error.hpp"
#include "report/chart.hpp"
#include "report/map/style.hpp"
#include "report/document.hpp"
#include "report/map/canvas_cairo.hpp"

namespace coverplan::report {

namespace {

// --- page geometry (points) -------------------------------------------------------------
constexpr double k_a4_short = 595.276, k_a4_long = 841.890;
constexpr double k_margin = 51.0;   // 18 mm
constexpr double k_header = 30.0;   // baseline band of the running header, from the top edge
constexpr double k_footer = 30.0;   // from the bottom edge
// Text on a map sheet is never printed smaller than this (DESIGN §11's maps).
constexpr double k_min_text_pt = map::style::k_min_print_label;
// A landscape page holds a whole map sheet (less its margin) at a scale that keeps that size.
static_assert(map::style::k_min_sheet_text * (k_a4_short - 2 * k_margin - 6) / (map::style::k_page_h - 2 * map::style::k_margin) >=
                  k_min_text_pt,
              "the map sheet's smallest text would print below the minimum in report.pdf");
constexpr const char* k_font = "Noto Sans CJK SC";

struct Style {
    double size = 10.5;
    bool bold = false;
    double grey = 0.13;  // text colour, 0 = black
};
constexpr Style k_body{10.5, false, 0.13};
constexpr Style k_title{20, true, 0.05};
constexpr Style k_h2{14, true, 0.05};
constexpr Style k_h3{11, true, 0.1};
constexpr Style k_cell{8.5, false, 0.1};
constexpr Style k_head_cell{8.5, true, 0.05};
constexpr Style k_note{8, false, 0.35};
constexpr Style k_running{7.5, false, 0.4};

using Layout = map::PangoLayoutPtr;
using Surface = map::CairoSurface;
using Context = map::CairoContext;

cairo_status_t to_stream(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::ostream*>(closure);
    if (out) out->write(reinterpret_cast<const char*>(data), length);
    return out && !*out ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

struct PngReader {
    const std::string* bytes;
    std::size_t at = 0;
};
cairo_status_t from_png(void* closure, unsigned char* data, unsigned int length) {
    auto* r = static_cast<PngReader*>(closure);
    if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
    std::copy_n(r->bytes->data() + r->at, length, data);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

// Wider than tall, from the PNG's IHDR (width and height, big-endian, at bytes 16 and 20).
bool png_landscape(const std::string& png) {
    if (png.size() < 24) return false;
    auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 4; ++k) v = v << 8 | static_cast<unsigned char>(png[at + k]);
        return v;
    };
    return be32(16) > be32(20) * 115 / 100;
}

bool numeric(const Cell& c) { return std::holds_alternative<long long>(c) || std::holds_alternative<double>(c); }

// Where each section begins and how many pages there are: learnt by the first pass.
struct PageMap {
    std::vector<int> section_page;
    int pages = 0;
};

// A layout the typesetter keeps, or one of its own when the typesetter keeps no more.
class LayoutRef {
public:
    explicit LayoutRef(PangoLayout* kept) : m_layout(kept) {}
    explicit LayoutRef(Layout own) : m_own(std::move(own)), m_layout(m_own.get()) {}
    operator PangoLayout*() const { return m_layout; }  // NOLINT: used where Pango wants the layout

private:
    Layout m_own;
    PangoLayout* m_layout;
};

// Every text of the document laid out once for both passes: the same text in the same style
// and width is one layout, and a single-line width is measured once (a table's cells are
// measured for the column widths, then laid out wrapped, in each pass — shaping was most of
// report.pdf's time). Layouts do not depend on the surface they are shown on: the context's font
// options are fixed (map::text_context). Memory stays bounded: beyond k_keep layouts (a county's
// report has about 10,000) new ones are made for their use only.
class Typesetter {
public:
    Typesetter() : m_surface(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr)), m_cr(cairo_create(m_surface.get())),
                   m_context(map::text_context(m_cr.get())) {}

    // `wrap_width` ≤ 0: one line.
    LayoutRef layout(const std::string& text, const Style& st, double wrap_width) {
        Key key{text, st.size, st.bold, wrap_width > 0 ? wrap_width : 0.0};
        const auto found = m_layouts.find(key);
        if (found != m_layouts.end()) return LayoutRef(found->second.get());
        Layout l = make(text, st, wrap_width);
        if (m_layouts.size() >= k_keep) return LayoutRef(std::move(l));
        return LayoutRef(m_layouts.emplace(std::move(key), std::move(l)).first->second.get());
    }

    // The width of `text` on one line.
    double width(const std::string& text, const Style& st) {
        Key key{text, st.size, st.bold, 0.0};
        const auto found = m_widths.find(key);
        if (found != m_widths.end()) return found->second;
        int w = 0, h = 0;
        pango_layout_get_size(make(text, st, -1).get(), &w, &h);
        const double width = static_cast<double>(w) / PANGO_SCALE;
        if (m_widths.size() < k_keep) m_widths.emplace(std::move(key), width);
        return width;
    }

private:
    using Key = std::tuple<std::string, double, bool, double>;
    static constexpr std::size_t k_keep = 50'000;

    Layout make(const std::string& text, const Style& st, double wrap_width) const {
        Layout l(pango_layout_new(m_context.get()));
        map::FontDescription font(pango_font_description_new());
        pango_font_description_set_family(font.get(), k_font);
        pango_font_description_set_weight(font.get(), st.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(font.get(), st.size * PANGO_SCALE);
        pango_layout_set_font_description(l.get(), font.get());
        if (wrap_width > 0) {
            pango_layout_set_width(l.get(), static_cast<int>(wrap_width * PANGO_SCALE));
            pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
        }
        pango_layout_set_text(l.get(), text.c_str(), static_cast<int>(text.size()));
        return l;
    }

    map::CairoSurface m_surface;
    map::CairoContext m_cr;
    map::PangoContextPtr m_context;
    std::map<Key, Layout> m_layouts;
    std::map<Key, double> m_widths;
};

class Pager {
public:
    Pager(cairo_surface_t* surface, const Document& doc, const PageMap* known, Typesetter& type)
        : m_surface(surface), m_cr(cairo_create(surface)), m_type(type), m_doc(doc), m_known(known) {}

    PageMap run() {
        const std::size_t lead = leading_sections();
        m_map.section_page.assign(m_doc.sections.size(), 0);
        start_page(false);
        title_block();
        for (std::size_t k = 0; k < lead; ++k) section(k, k > 0);
        if (m_doc.sections.size() > lead) {
            start_page(false);
            contents();
        }
        for (std::size_t k = lead; k < m_doc.sections.size(); ++k) section(k, true);
        finish_page();
        m_map.pages = m_page;
        return m_map;
    }

    cairo_status_t status() const { return cairo_status(m_cr.get()); }

private:
    // The sections printed before the contents page: the first and those that flow on from it.
    std::size_t leading_sections() const {
        std::size_t k = m_doc.sections.empty() ? 0 : 1;
        while (k < m_doc.sections.size() && !m_doc.sections[k].new_page) ++k;
        return k;
    }

    std::string L(const char* zh, const char* en) const { return m_doc.chinese ? zh : en; }

    // --- pages ----------------------------------------------------------------------------
    double width() const { return m_landscape ? k_a4_long : k_a4_short; }
    double height() const { return m_landscape ? k_a4_short : k_a4_long; }
    // The flow runs across the page, or down a column of it (a township page's text).
    double left() const { return m_column ? m_column->x : k_margin; }
    double content_width() const { return m_column ? m_column->width : width() - 2 * k_margin; }
    double top() const { return k_margin + 6; }
    double bottom() const { return height() - k_margin; }
    double room() const { return bottom() - m_y; }

    void start_page(bool landscape) {
        if (m_page > 0) {
            finish_page();
            cairo_show_page(m_cr.get());
        }
        m_landscape = landscape;
        m_column.reset();
        if (cairo_surface_get_type(m_surface) == CAIRO_SURFACE_TYPE_PDF) cairo_pdf_surface_set_size(m_surface, width(), height());
        ++m_page;
        m_y = top();
        m_fresh = true;
        running_header();
    }

    void finish_page() {
        const std::string total = m_known ? std::to_string(m_known->pages) : "00";
        const std::string folio = m_doc.chinese ? "第 " + std::to_string(m_page) + " 页 / 共 " + total + " 页"
                                                : "Page " + std::to_string(m_page) + " of " + total;
        text_at(folio, k_running, width() / 2, height() - k_footer, 0.5);
    }

    void running_header() {
        text_at(m_doc.title, k_running, left(), k_header - 8, 0);
        text_at(m_doc.date, k_running, width() - k_margin, k_header - 8, 1);
        cairo_set_source_rgb(m_cr.get(), 0.6, 0.6, 0.6);
        cairo_set_line_width(m_cr.get(), 0.5);
        cairo_move_to(m_cr.get(), left(), k_header + 4);
        cairo_line_to(m_cr.get(), width() - k_margin, k_header + 4);
        cairo_stroke(m_cr.get());
    }

    // A new page when `need` points do not fit here (never on a page that is still empty).
    void keep(double need, bool landscape) {
        if (landscape != m_landscape) {
            start_page(landscape);
            return;
        }
        if (!m_fresh && need > room()) start_page(landscape);
    }

    // --- text -----------------------------------------------------------------------------
    LayoutRef layout(const std::string& text, const Style& st, double wrap_width) const { return m_type.layout(text, st, wrap_width); }

    static double layout_height(PangoLayout* l) {
        int w = 0, h = 0;
        pango_layout_get_size(l, &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }
    static double layout_width(PangoLayout* l) {
        int w = 0, h = 0;
        pango_layout_get_size(l, &w, &h);
        return static_cast<double>(w) / PANGO_SCALE;
    }

    double natural_width(const std::string& text, const Style& st) const { return m_type.width(text, st); }

    void show(PangoLayout* l, const Style& st, double x, double y) {
        if (!m_known) return;  // the first pass only lays out
        cairo_set_source_rgb(m_cr.get(), st.grey, st.grey, st.grey);
        cairo_move_to(m_cr.get(), x, y);
        pango_cairo_show_layout(m_cr.get(), l);
    }

    // One line of text with its top at y, anchored at x (0 start, 0.5 middle, 1 end).
    void text_at(const std::string& text, const Style& st, double x, double y, double anchor) {
        const LayoutRef l = layout(text, st, -1);
        show(l, st, x - anchor * layout_width(l), y);
    }

    // A wrapped block at the flow position; `indent` points from the left margin.
    void block(const std::string& text, const Style& st, double indent = 0, double after = 4) {
        const LayoutRef l = layout(text, st, content_width() - indent);
        const double h = layout_height(l);
        if (h <= (bottom() - top())) {
            keep(h, m_landscape);
            show(l, st, left() + indent, m_y);
            m_y += h + after;
            m_fresh = false;
            return;
        }
        // Taller than a page: line by line.
        PangoLayoutIter* it = pango_layout_get_iter(l);
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            const double lh = static_cast<double>(logical.height) / PANGO_SCALE;
            keep(lh, m_landscape);
            PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
            cairo_set_source_rgb(m_cr.get(), st.grey, st.grey, st.grey);
            cairo_move_to(m_cr.get(), left() + indent, m_y + static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE);
            if (m_known) pango_cairo_show_layout_line(m_cr.get(), line);
            m_y += lh;
            m_fresh = false;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        m_y += after;
    }

    // --- the document's parts -----------------------------------------------------------------
    void title_block() {
        block(m_doc.title, k_title, 0, 4);
        if (!m_doc.subtitle.empty()) block(m_doc.subtitle, k_note, 0, 10);
    }

    void heading(const std::string& text, std::size_t index) {
        keep(70, m_landscape);  // a heading is not left alone at the foot of a page
        m_map.section_page[index] = m_page;  // after the keep: the page the heading is on
        const std::string dest = "name='s" + std::to_string(index) + "'";
        cairo_tag_begin(m_cr.get(), CAIRO_TAG_DEST, dest.c_str());
        const LayoutRef l = layout(text, k_h2, content_width());
        show(l, k_h2, left(), m_y);
        cairo_tag_end(m_cr.get(), CAIRO_TAG_DEST);
        m_y += layout_height(l) + 2;
        cairo_set_source_rgb(m_cr.get(), 0.25, 0.25, 0.25);
        cairo_set_line_width(m_cr.get(), 1.2);
        cairo_move_to(m_cr.get(), left(), m_y);
        cairo_line_to(m_cr.get(), left() + content_width(), m_y);
        cairo_stroke(m_cr.get());
        m_y += 8;
        m_fresh = false;
        cairo_pdf_surface_add_outline(m_surface, CAIRO_PDF_OUTLINE_ROOT, text.c_str(), ("dest='s" + std::to_string(index) + "'").c_str(),
                                      CAIRO_PDF_OUTLINE_FLAG_OPEN);
    }

    void section(std::size_t index, bool own_page) {
        if (map_page(index)) return;
        const Section& s = m_doc.sections[index];
        // A section that is mostly one wide table starts on the landscape page the table needs,
        // so that its heading is not left alone on a portrait one.
        // So does one that is a few lines and a landscape map (a township's page).
        const bool few_lines = s.figures.empty() && s.paragraphs.size() + s.bullets.size() <= 4;
        const bool wide = few_lines && ((!s.tables.empty() && !s.tables.front().form && !s.tables.front().sheet_only && s.images.empty() && widths(s.tables.front()).landscape) ||
                                        (!s.images.empty() && (s.images.front().vector.draw ? s.images.front().vector.width > s.images.front().vector.height
                                                                                                                           : png_landscape(s.images.front().png))));
        if ((own_page && s.new_page && !m_fresh) || m_landscape != wide) start_page(wide);
        // The sign-off stays with the recommendations above it: a short section that ends in
        // one moves whole to the next page rather than leave the block alone there.
        if (!s.signoff.empty() && s.tables.empty()) {
            double need = 40 + 22.0 * static_cast<double>((s.signoff.size() + 1) / 2) + 14;
            for (const std::string& p : s.paragraphs) need += layout_height(layout(p, k_body, content_width())) + 6;
            for (const std::string& b : s.bullets) need += layout_height(layout("• " + b, k_body, content_width() - 10)) + 4;
            if (need > room() && need <= bottom() - top()) start_page(m_landscape);
        }
        heading(s.title, index);
        for (const Figure& f : s.figures) {
            std::string v = cell_text(f.value, f.decimals);
            if (!f.unit.empty()) v += f.unit == "%" ? "%" : " " + f.unit;
            block(f.label + (m_doc.chinese ? "：" : ": ") + v, k_body, 0, 2);
        }
        for (const std::string& p : s.paragraphs) block(p, k_body, 0, 6);
        for (std::size_t k = 0; k < s.bullets.size(); ++k)
            block((s.id == "next_steps" ? std::to_string(k + 1) + ". " : "• ") + s.bullets[k], k_body, 10, 4);
        if (!s.signoff.empty()) signoff(s.signoff);
        for (const Chart& c : s.charts) chart(c);
        for (const Table& t : s.tables)
            if (!t.form) table(t);
        for (const Image& img : s.images) image(img);
    }

    // A section of a few lines, tables and one map that can be laid out anew (a township's):
    // one landscape page, the heading across it, the map on the left and the text in a column
    // on the right. The map is drawn at full size on a sheet cut to the room left, so its text
    // keeps its size. False, with nothing drawn, when the text does not fit beside a map of a
    // useful size: the section then flows as any other.
    bool map_page(std::size_t index) {
        const Section& s = m_doc.sections[index];
        if (s.images.size() != 1 || !s.images.front().vector.fit || !s.figures.empty() || !s.charts.empty() || !s.signoff.empty()) return false;
        const Vector& v = s.images.front().vector;
        constexpr double k_text_w = 262, k_gap = 16, k_min_map = 200;
        const double page_w = k_a4_long - 2 * k_margin, map_w = page_w - k_text_w - k_gap;
        const double heading_h = layout_height(layout(s.title, k_h2, page_w)) + 10;
        const double map_h = k_a4_short - k_margin - (top() + heading_h);
        m_column = TextColumn{k_margin + map_w + k_gap, k_text_w};
        double need = 0;
        for (const std::string& p : s.paragraphs) need += layout_height(layout(p, k_body, content_width())) + 6;
        for (const std::string& b : s.bullets) need += layout_height(layout("• " + b, k_body, content_width() - 10)) + 4;
        for (const Table& t : s.tables) need += t.form ? 0 : table_height(t);
        m_column.reset();
        if (need > map_h || map_h < k_min_map) return false;
        if (!m_fresh || !m_landscape) start_page(true);
        heading(s.title, index);
        const double y0 = m_y;
        m_column = TextColumn{k_margin + map_w + k_gap, k_text_w};
        for (const std::string& p : s.paragraphs) block(p, k_body, 0, 6);
        for (const std::string& b : s.bullets) block("• " + b, k_body, 10, 4);
        for (const Table& t : s.tables)
            if (!t.form) table(t);
        m_column.reset();
        const double h = bottom() - y0;
        cairo_save(m_cr.get());
        cairo_rectangle(m_cr.get(), k_margin, y0, map_w, h);
        cairo_clip(m_cr.get());
        cairo_translate(m_cr.get(), k_margin - v.margin, y0 - v.margin);
        if (m_known) {  // the first pass only lays out
            map::CairoCanvas canvas(m_cr.get());
            v.fit(canvas, map_w + 2 * v.margin, h + 2 * v.margin);
        }
        cairo_restore(m_cr.get());
        m_y = bottom();
        m_fresh = false;
        return true;
    }

    void contents() {
        block(L("目录", "Contents"), k_h2, 0, 10);
        for (std::size_t k = 0; k < m_doc.sections.size(); ++k) {
            const std::string page = m_known ? std::to_string(m_known->section_page[k]) : "000";
            const LayoutRef name = layout(m_doc.sections[k].title, k_body, content_width() - 40);
            const double h = layout_height(name);
            keep(h + 6, false);
            const std::string link = "dest='s" + std::to_string(k) + "'";
            cairo_tag_begin(m_cr.get(), CAIRO_TAG_LINK, link.c_str());
            show(name, k_body, left(), m_y);
            text_at(page, k_body, left() + content_width(), m_y, 1);
            cairo_tag_end(m_cr.get(), CAIRO_TAG_LINK);
            // Dotted leader between the title and its page number.
            cairo_set_source_rgb(m_cr.get(), 0.6, 0.6, 0.6);
            cairo_set_line_width(m_cr.get(), 0.6);
            const double dash[] = {0.6, 2.4};
            cairo_set_dash(m_cr.get(), dash, 2, 0);
            cairo_move_to(m_cr.get(), left() + layout_width(name) + 6, m_y + h - 4);
            cairo_line_to(m_cr.get(), left() + content_width() - 28, m_y + h - 4);
            cairo_stroke(m_cr.get());
            cairo_set_dash(m_cr.get(), nullptr, 0, 0);
            m_y += h + 6;
            m_fresh = false;
        }
    }

    void signoff(const std::vector<std::pair<std::string, std::string>>& lines) {
        m_y += 6;
        const double label_w = 70, line_w = 150, row_h = 22;
        keep(row_h * static_cast<double>((lines.size() + 1) / 2) + 8, m_landscape);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const double x = left() + (k % 2 == 0 ? 0 : content_width() / 2);
            const double y = m_y + row_h * static_cast<double>(k / 2);
            text_at(lines[k].first + (m_doc.chinese ? "：" : ":"), k_body, x, y + 6, 0);
            if (!lines[k].second.empty()) text_at(lines[k].second, k_body, x + label_w, y + 6, 0);
            cairo_set_source_rgb(m_cr.get(), 0.2, 0.2, 0.2);
            cairo_set_line_width(m_cr.get(), 0.6);
            cairo_move_to(m_cr.get(), x + label_w - 4, y + 19);
            cairo_line_to(m_cr.get(), x + label_w + line_w - 4, y + 19);
            cairo_stroke(m_cr.get());
        }
        m_y += row_h * static_cast<double>((lines.size() + 1) / 2) + 8;
        m_fresh = false;
    }

    // --- tables ---------------------------------------------------------------------------
    struct Widths {
        std::vector<double> col;
        double scale = 1;  // font scale when even the landscape page is too narrow
        bool landscape = false;
    };

    static constexpr double k_pad_x = 3, k_pad_y = 2;

    // Natural width: the widest cell on one line (capped); minimum: what a cell needs not to
    // wrap one character per line — whole numbers, and at least five characters of text.
    Widths widths(const Table& t) const {
        const std::size_t n = t.columns.size();
        std::vector<double> nat(n, 0), min(n, 0);
        const double em = k_cell.size;
        constexpr double k_cap = 230;
        for (std::size_t c = 0; c < n; ++c) {
            const double head = natural_width(t.columns[c].header, k_head_cell);
            nat[c] = std::min(head, k_cap);
            min[c] = std::min(head, 4.2 * em);
            for (const auto& row : t.rows) {
                if (c >= row.size()) continue;
                const std::string text = cell_text(row[c], t.columns[c].decimals);
                if (text.empty()) continue;
                const double w = natural_width(text, k_cell);
                nat[c] = std::max(nat[c], std::min(w, k_cap));
                // Numbers, codes and ids (no space, no CJK) are not broken; other text may wrap after five characters.
                const bool token = numeric(row[c]) || (text.find(' ') == std::string::npos &&
                                                       std::all_of(text.begin(), text.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; }));
                min[c] = std::max(min[c], token ? std::min(w, 120.0) : std::min(w, 5.2 * em));
            }
            min[c] = std::min(min[c], nat[c]);
        }
        // Widths of the text alone so far; the padding (never scaled) is added below.
        const double pads = 2 * k_pad_x * static_cast<double>(n);
        const double sum_min = std::accumulate(min.begin(), min.end(), 0.0) + pads;
        const double sum_nat = std::accumulate(nat.begin(), nat.end(), 0.0) + pads;
        Widths w;
        const double portrait = k_a4_short - 2 * k_margin, landscape = k_a4_long - 2 * k_margin;
        w.landscape = !m_column && (sum_min > portrait || (sum_nat > portrait * 1.35 && n > 6));
        const double avail = m_column ? m_column->width : w.landscape ? landscape : portrait;
        if (sum_min > avail) {  // shrink the type rather than wrap numbers
            w.scale = std::max(0.75, (avail - pads) / (sum_min - pads));
            for (double& m : min) m *= w.scale;
            for (double& m : nat) m *= w.scale;
        }
        for (double& m : min) m += 2 * k_pad_x;
        for (double& m : nat) m += 2 * k_pad_x;
        const double smin = std::accumulate(min.begin(), min.end(), 0.0), snat = std::accumulate(nat.begin(), nat.end(), 0.0);
        w.col = nat;
        if (snat > avail) {
            const double extra = std::max(0.0, avail - smin);
            for (std::size_t c = 0; c < n; ++c)
                w.col[c] = min[c] + (snat > smin ? extra * (nat[c] - min[c]) / (snat - smin) : 0);
        }
        return w;
    }

    struct RowLayouts {
        std::vector<LayoutRef> cells;
        double height = 0;
    };

    RowLayouts row_layouts(const std::vector<std::string>& texts, const Widths& w, const Style& st) const {
        RowLayouts r;
        Style scaled = st;
        scaled.size *= w.scale;
        for (std::size_t c = 0; c < texts.size(); ++c) {
            r.cells.push_back(layout(texts[c], scaled, w.col[c] - 2 * k_pad_x));
            r.height = std::max(r.height, layout_height(r.cells.back()));
        }
        r.height += 2 * k_pad_y;
        return r;
    }

    void draw_row(const RowLayouts& r, const Widths& w, const std::vector<bool>& right, const Style& st, bool header) {
        double x = left();
        const double total = std::accumulate(w.col.begin(), w.col.end(), 0.0);
        if (header) {
            cairo_set_source_rgb(m_cr.get(), 0.9, 0.9, 0.9);
            cairo_rectangle(m_cr.get(), x, m_y, total, r.height);
            cairo_fill(m_cr.get());
        }
        for (std::size_t c = 0; c < r.cells.size(); ++c) {
            const double cw = layout_width(r.cells[c]);
            const double tx = right[c] && !header ? x + w.col[c] - k_pad_x - cw : x + k_pad_x;
            show(r.cells[c], st, tx, m_y + k_pad_y);
            x += w.col[c];
        }
        cairo_set_source_rgb(m_cr.get(), 0.55, 0.55, 0.55);
        cairo_set_line_width(m_cr.get(), 0.4);
        x = left();
        for (double cw : w.col) {
            cairo_rectangle(m_cr.get(), x, m_y, cw, r.height);
            x += cw;
        }
        cairo_stroke(m_cr.get());
        m_y += r.height;
        m_fresh = false;
    }

    // The height table(t) takes when it does not break.
    double table_height(const Table& t) const {
        if (t.rows.empty() || t.columns.empty())
            return layout_height(layout(t.title, k_h3, content_width())) + 2 + layout_height(layout(L("（无）", "(none)"), k_note, content_width())) + 8;
        std::vector<std::string> head;
        for (const Column& c : t.columns) head.push_back(c.header);
        const Widths w = widths(t);
        double h = layout_height(layout(t.title, k_h3, content_width())) + 4 + row_layouts(head, w, k_head_cell).height;
        for (const auto& row : t.rows) {
            std::vector<std::string> texts;
            for (std::size_t c = 0; c < t.columns.size(); ++c) texts.push_back(c < row.size() ? cell_text(row[c], t.columns[c].decimals) : "");
            h += row_layouts(texts, w, k_cell).height;
        }
        h += 4 + 8;
        if (!t.note.empty()) h += layout_height(layout(t.note, k_note, content_width())) + 4;
        return h;
    }

    void table(const Table& t) {
        std::vector<std::string> head;
        for (const Column& c : t.columns) head.push_back(c.header);
        if (t.rows.empty() || t.columns.empty() || t.sheet_only) {
            keep(40, m_landscape);
            block(t.title, k_h3, 0, 2);
            block(t.rows.empty() || t.columns.empty() ? L("（无）", "(none)") : sheet_pointer(t, m_doc.chinese), k_note, 0, 8);
            return;
        }
        const Widths w = widths(t);
        const RowLayouts header = row_layouts(head, w, k_head_cell);
        std::vector<RowLayouts> rows;
        for (const auto& row : t.rows) {
            std::vector<std::string> texts;
            for (std::size_t c = 0; c < t.columns.size(); ++c) texts.push_back(c < row.size() ? cell_text(row[c], t.columns[c].decimals) : "");
            rows.push_back(row_layouts(texts, w, k_cell));
        }
        std::vector<bool> right(t.columns.size(), false);
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            right[c] = std::any_of(t.rows.begin(), t.rows.end(), [&](const auto& row) { return c < row.size() && numeric(row[c]); });
        // A table that fits a portrait page also fits the landscape page it may find itself on.
        const bool landscape = w.landscape || m_landscape;
        const LayoutRef title = layout(t.title, k_h3, content_width());
        keep(layout_height(title) + 4 + header.height + rows.front().height, landscape);
        show(title, k_h3, left(), m_y);
        m_y += layout_height(title) + 4;
        draw_row(header, w, right, k_head_cell, true);
        for (const RowLayouts& r : rows) {
            if (r.height > room()) {  // continue on the next page under the repeated header
                start_page(landscape);
                text_at(t.title + L("（续）", " (continued)"), k_note, left(), m_y, 0);
                m_y += 12;
                draw_row(header, w, right, k_head_cell, true);
            }
            draw_row(r, w, right, k_cell, false);
        }
        m_y += 4;
        if (!t.note.empty()) block(t.note, k_note, 0, 4);
        m_y += 8;
    }

    // --- charts (vector, through the maps' Cairo canvas) ------------------------------------
    // A chart taller than the room left moves to a new page, and one taller than a page is
    // drawn smaller to fit it.
    void chart(const Chart& c) {
        const double w = std::min(content_width(), 500.0), h = chart_height(c, w);
        keep(std::min(h, bottom() - top()) + 10, m_landscape);
        const double scale = std::min(1.0, (room() - 10) / h);
        map::CairoCanvas canvas(m_cr.get());
        cairo_save(m_cr.get());
        cairo_translate(m_cr.get(), left(), m_y);
        cairo_scale(m_cr.get(), scale, scale);
        draw_chart(canvas, c, {0, 0}, w);
        cairo_restore(m_cr.get());
        m_y += h * scale + 10;
        m_fresh = false;
    }

    // --- images ---------------------------------------------------------------------------
    void image(const Image& img) {
        if (img.vector.draw) {
            vector_image(img.vector);
            return;
        }
        PngReader reader{&img.png};
        Surface png(cairo_image_surface_create_from_png_stream(from_png, &reader));
        if (cairo_surface_status(png.get()) != CAIRO_STATUS_SUCCESS) {
            block(img.caption, k_note);
            return;
        }
        const double pw = cairo_image_surface_get_width(png.get()), ph = cairo_image_surface_get_height(png.get());
        const bool landscape = pw > ph * 1.15;  // as png_landscape
        const LayoutRef caption = layout(img.caption, k_note, content_width());
        const double cap_h = layout_height(caption) + 4;
        if (landscape != m_landscape) start_page(landscape);
        double scale = content_width() / pw;
        // A map smaller than 60% of its full width starts a new page instead.
        if (ph * scale + cap_h > room()) {
            if (!m_fresh && (room() - cap_h) / ph < 0.6 * scale) start_page(landscape);
            scale = std::min(scale, (room() - cap_h) / ph);
        }
        const double x = left() + (content_width() - pw * scale) / 2;
        cairo_save(m_cr.get());
        cairo_translate(m_cr.get(), x, m_y);
        cairo_scale(m_cr.get(), scale, scale);
        cairo_set_source_surface(m_cr.get(), png.get(), 0, 0);
        cairo_paint(m_cr.get());
        cairo_restore(m_cr.get());
        cairo_set_source_rgb(m_cr.get(), 0.75, 0.75, 0.75);
        cairo_set_line_width(m_cr.get(), 0.5);
        cairo_rectangle(m_cr.get(), x, m_y, pw * scale, ph * scale);
        cairo_stroke(m_cr.get());
        m_y += ph * scale + 3;
        show(caption, k_note, left(), m_y);
        m_y += cap_h + 6;
        m_fresh = false;
    }

    // A map sheet, as vectors, without its outer margin: here if it fits at a scale that keeps
    // its smallest text at k_min_text_pt, else on a new page of its orientation at the largest
    // scale the page allows. The sheet carries its own title, so there is no caption.
    void vector_image(const Vector& v) {
        const double w = v.width - 2 * v.margin, h = v.height - 2 * v.margin;
        const bool landscape = v.width > v.height;
        const double min_scale = v.min_text_pt > 0 ? k_min_text_pt / v.min_text_pt : 0.5;
        auto fit = [&] { return std::min(content_width() / w, room() / h); };
        if (landscape != m_landscape || (!m_fresh && fit() < min_scale)) start_page(landscape);
        const double scale = std::min(1.0, fit());
        const double x = left() + (content_width() - w * scale) / 2;
        cairo_save(m_cr.get());
        cairo_translate(m_cr.get(), x, m_y);
        cairo_scale(m_cr.get(), scale, scale);
        cairo_rectangle(m_cr.get(), 0, 0, w, h);
        cairo_clip(m_cr.get());
        cairo_translate(m_cr.get(), -v.margin, -v.margin);
        // The first pass only lays out (the sheet's size is known): the map is drawn once.
        if (m_known) {
            map::CairoCanvas canvas(m_cr.get());
            v.draw(canvas);
        }
        cairo_restore(m_cr.get());
        m_y += h * scale + 6;
        m_fresh = false;
    }

    cairo_surface_t* m_surface;
    Context m_cr;
    Typesetter& m_type;
    const Document& m_doc;
    const PageMap* m_known;
    PageMap m_map;
    int m_page = 0;
    double m_y = 0;
    bool m_landscape = false;
    bool m_fresh = true;  // nothing drawn in the flow of this page yet
    struct TextColumn {
        double x, width;
    };
    std::optional<TextColumn> m_column;
};

Surface pdf_surface(std::ostream* out, const Document& doc) {
    Surface s(cairo_pdf_surface_create_for_stream(to_stream, out, k_a4_short, k_a4_long));
    // Fixed metadata: the same briefing gives the same file (no wall-clock creation time).
    cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
    cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_CREATOR, "coverplan");
    if (!doc.date.empty()) cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_CREATE_DATE, (doc.date + "T00:00:00").c_str());
    return s;
}

}  // namespace

void write_pdf(std::ostream& out, const Document& doc) {
    Typesetter type;
    PageMap map;
    {
        // The first pass lays out on one pixel, kept by nothing, and shows no text: no PDF is
        // written, no font subset made, no glyph drawn and no page held in memory. Text
        // measures the same on any surface (the typesetter's font options are fixed), and the
        // second pass checks that it paginates alike.
        Surface scratch(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
        Pager first(scratch.get(), doc, nullptr, type);
        map = first.run();
        cairo_surface_finish(scratch.get());
    }
    Surface surface = pdf_surface(&out, doc);
    Pager second(surface.get(), doc, &map, type);
    const PageMap drawn = second.run();
    if (second.status() != CAIRO_STATUS_SUCCESS)
        throw OutputError({std::string("report.pdf: ") + cairo_status_to_string(second.status()),
                           std::string("report.pdf：") + cairo_status_to_string(second.status())});
    if (drawn.pages != map.pages || drawn.section_page != map.section_page)
        throw Error(ExitCode::internal, {"report.pdf: the two layout passes disagree (a bug)", "report.pdf：两次排版结果不一致（程序错误）"});
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS || !out)
        throw OutputError({"report.pdf: could not be written", "report.pdf：无法写入"});
}

}  // namespace coverplan::report
