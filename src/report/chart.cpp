#include "report/chart.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "report/map/canvas_svg.hpp"

namespace coverplan::report {

namespace {

using map::Pt;
using map::Rgb;

// Dark, middle and light blue: CIE lightness about 25, 52 and 82, so that the series stay
// apart when printed in grey; a thin dark outline keeps the lightest visible on white.
constexpr Rgb k_series[] = {{0.122, 0.231, 0.361}, {0.310, 0.506, 0.741}, {0.718, 0.804, 0.902}};
constexpr Rgb k_ink{0.13, 0.13, 0.13};
constexpr Rgb k_grid{0.82, 0.82, 0.82};

constexpr double k_title_pt = 10, k_label_pt = 8, k_value_pt = 7;
constexpr double k_bar = 7.5, k_bar_gap = 1.5, k_group_gap = 7, k_legend = 18, k_axis = 16;

map::TextStyle style(double size, bool bold = false) {
    map::TextStyle s;
    s.size_pt = size;
    s.bold = bold;
    s.colour = k_ink;
    return s;
}

double group_height(const Chart& c) {
    const double n = static_cast<double>(c.series.size());
    return n * k_bar + std::max(0.0, n - 1) * k_bar_gap;
}

double label_width(const Chart& c, double width) {
    double w = 0;
    for (const std::string& cat : c.categories) w = std::max(w, map::measure(cat, style(k_label_pt)).width);
    return std::min(w + 6, 0.3 * width);
}

double axis_max(const Chart& c) {
    if (c.max > 0) return c.max;
    double m = 0;
    for (const auto& s : c.series)
        for (double v : s.values)
            if (std::isfinite(v)) m = std::max(m, v);
    if (m <= 0) return 1;
    // A round end: 1, 2 or 5 × 10^k.
    const double p = std::pow(10.0, std::floor(std::log10(m)));
    for (double f : {1.0, 2.0, 5.0, 10.0})
        if (m <= f * p) return f * p;
    return 10 * p;
}

map::PathStyle fill(const Rgb& c) {
    map::PathStyle s;
    s.fill_kind = map::FillKind::solid;
    s.fill = c;
    s.stroke = true;
    s.stroke_colour = k_ink;
    s.width_pt = 0.3;
    return s;
}

map::PathStyle line(const Rgb& c, double w) {
    map::PathStyle s;
    s.stroke_colour = c;
    s.width_pt = w;
    return s;
}

void rect(map::Canvas& canvas, double x, double y, double w, double h, const map::PathStyle& s) {
    canvas.path({{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}}, true, s);
}

}  // namespace

double chart_height(const Chart& c, double) {
    const double groups = static_cast<double>(c.categories.size());
    return k_title_pt + 8 + k_legend + groups * group_height(c) + std::max(0.0, groups - 1) * k_group_gap + 6 + k_axis;
}

void draw_chart(map::Canvas& canvas, const Chart& c, Pt at, double width) {
    canvas.begin_group("chart");
    canvas.text(c.title, at, map::Anchor::start, style(k_title_pt, true));
    double y = at.y + k_title_pt + 8;
    // Legend: a swatch and the series name each.
    double x = at.x;
    for (std::size_t k = 0; k < c.series.size(); ++k) {
        rect(canvas, x, y + 1, 10, 7, fill(k_series[k % 3]));
        canvas.text(c.series[k].name, {x + 14, y - 1}, map::Anchor::start, style(k_label_pt));
        x += 14 + map::measure(c.series[k].name, style(k_label_pt)).width + 14;
    }
    y += k_legend;
    const double label_w = label_width(c, width);
    const double x0 = at.x + label_w, plot_w = std::max(40.0, width - label_w - 34);
    const double top = y, vmax = axis_max(c);
    const double plot_h = chart_height(c, width) - (top - at.y) - k_axis - 6;
    // Grid lines and their values at 0, ¼, ½, ¾ and the end of the axis.
    for (int k = 0; k <= 4; ++k) {
        const double gx = x0 + plot_w * k / 4.0;
        canvas.path({{{gx, top - 2}, {gx, top + plot_h + 2}}}, false, line(k == 0 ? k_ink : k_grid, k == 0 ? 0.6 : 0.4));
        const double tick = vmax * k / 4.0;
        canvas.text(format_decimal(tick, 2) + c.unit, {gx, top + plot_h + 4}, map::Anchor::middle, style(k_value_pt));
    }
    for (std::size_t g = 0; g < c.categories.size(); ++g) {
        const double gy = top + static_cast<double>(g) * (group_height(c) + k_group_gap);
        const map::TextBox box = map::measure(c.categories[g], style(k_label_pt));
        canvas.text(c.categories[g], {x0 - 5, gy + (group_height(c) - box.height) / 2}, map::Anchor::end, style(k_label_pt));
        for (std::size_t k = 0; k < c.series.size(); ++k) {
            const double v = g < c.series[k].values.size() ? c.series[k].values[g] : std::nan("");
            const double by = gy + static_cast<double>(k) * (k_bar + k_bar_gap);
            if (!std::isfinite(v)) continue;
            const double bw = plot_w * std::clamp(v / vmax, 0.0, 1.0);
            if (bw > 0) rect(canvas, x0, by, bw, k_bar, fill(k_series[k % 3]));
            canvas.text(format_decimal(v, c.decimals) + c.unit, {x0 + bw + 3, by - 0.5}, map::Anchor::start, style(k_value_pt));
        }
    }
    canvas.end_group();
}

std::string chart_svg(const Chart& c, double width) {
    map::SvgCanvas svg(width, chart_height(c, width), c.title);
    draw_chart(svg, c, {0, 0}, width);
    return svg.str();
}

}  // namespace coverplan::report
