#pragma once
// The briefing's charts (issue 14 §1), drawn by coverplan through the maps' Canvas: SVG in the
// HTML, vector in the PDF, the same styling as the maps. Horizontal bars, one group per
// category, series in tones that stay distinct in greyscale.
#include <string>

#include "report/document.hpp"
#include "report/map/canvas.hpp"

namespace coverplan::report {

// Height in points of `chart` drawn `width` points wide.
double chart_height(const Chart& chart, double width);
// Draws the chart with its top-left corner at `at`.
void draw_chart(map::Canvas& canvas, const Chart& chart, map::Pt at, double width);
// The chart as a standalone SVG document.
std::string chart_svg(const Chart& chart, double width);

}  // namespace coverplan::report
