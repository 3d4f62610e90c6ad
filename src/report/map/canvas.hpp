#pragma once
// What the map drawing needs from a backend: filled and stroked paths, symbols, text. Two
// backends: Cairo (PNG and PDF) and a direct SVG writer whose labels stay <text> and whose
// symbols are grouped and classed, so the SVG can be edited and checked.
#include <memory>
#include <string>
#include <vector>

namespace coverplan::report::map {

// Page coordinates in points (1/72 inch), y down.
struct Pt {
    double x = 0, y = 0;
};

struct Rgb {
    double r = 0, g = 0, b = 0;
};

// hatch: diagonal lines 5 pt apart; dots: a dot grid 2.5 pt apart on the diagonal.
enum class FillKind { none, solid, hatch, dots };

struct PathStyle {
    FillKind fill_kind = FillKind::none;
    Rgb fill;
    double fill_alpha = 1;
    bool stroke = true;
    Rgb stroke_colour;
    double stroke_alpha = 1;
    double width_pt = 0.5;
    std::vector<double> dash_pt;  // empty = solid
};

enum class Shape { circle, square, triangle, star };

struct TextStyle {
    double size_pt = 8;
    bool bold = false;
    Rgb colour;
    double halo_pt = 0;  // white outline for legibility over the map
};

enum class Anchor { start, middle, end };

// Text extents in points, measured with Pango for both backends.
struct TextBox {
    double width = 0, height = 0;
    double baseline = 0;  // from the top
};
TextBox measure(const std::string& text, const TextStyle& style);

class Canvas {
public:
    virtual ~Canvas() = default;
    // Polygons with holes (even-odd) or open lines when `closed` is false.
    virtual void path(const std::vector<std::vector<Pt>>& parts, bool closed, const PathStyle& style) = 0;
    virtual void symbol(Shape shape, Pt centre, double size_pt, const PathStyle& style) = 0;
    // `at.y` is the top of the text box; the anchor says which end of it `at.x` is.
    virtual void text(const std::string& text, Pt at, Anchor anchor, const TextStyle& style) = 0;
    // Groups for the SVG (class names such as "site station planned"); no effect in Cairo.
    virtual void begin_group(const std::string& css_class) = 0;
    virtual void end_group() = 0;
    // Restricts drawing to a rectangle until the matching unclip().
    virtual void clip(Pt top_left, Pt bottom_right) = 0;
    virtual void unclip() = 0;
};

}  // namespace coverplan::report::map
