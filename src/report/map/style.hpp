#pragma once
// Every colour, width, size and font of the maps in one place. The fills get darker with
// longer travel times and the symbols differ in shape and fill (not only in hue), so a map
// printed in greyscale still reads.
#include <array>

#include "report/map/canvas.hpp"

namespace coverplan::report::map::style {

inline constexpr const char* k_font = "Noto Sans CJK SC";

// A4 landscape in points, and the layout on it.
inline constexpr double k_page_w = 841.89, k_page_h = 595.28;
inline constexpr double k_margin = 28;
inline constexpr double k_title_h = 46;
inline constexpr double k_legend_w = 176;
inline constexpr double k_footer_h = 22;

inline constexpr Rgb k_black{0.1, 0.1, 0.1};
inline constexpr Rgb k_white{1, 1, 1};
inline constexpr Rgb k_grey{0.55, 0.55, 0.55};
inline constexpr Rgb k_dark_grey{0.32, 0.32, 0.32};  // notes and credits
inline constexpr Rgb k_light_grey{0.93, 0.93, 0.93};

// Travel time to the nearest site. Within the bands the fills go from pale to mid tones; the
// problem classes are the dark ones (beyond the last band a strong red, not reached a dark
// plum), so they stand out in colour and in greyscale. Every class differs from the next by at
// least k_min_lightness_step in CIE L* (tested).
inline constexpr Rgb k_band_first{0.95, 0.97, 0.88};  // L* ≈ 97
inline constexpr Rgb k_band_last{0.50, 0.71, 0.64};   // L* ≈ 70
inline constexpr Rgb k_band_beyond{0.84, 0.30, 0.18}; // L* ≈ 52
inline constexpr Rgb k_band_unreached{0.30, 0.16, 0.28};  // L* ≈ 23
inline constexpr double k_min_lightness_step = 8;
// Service areas in township maps, keyed to their site in the legend: tones of different
// lightness, and every second one dotted, so that neighbouring areas differ in greyscale too.
inline constexpr std::array<Rgb, 8> k_site_fill{{{0.62, 0.85, 0.80}, {1.00, 0.90, 0.55}, {0.72, 0.70, 0.86}, {0.97, 0.62, 0.55},
                                                {0.56, 0.72, 0.86}, {0.99, 0.76, 0.46}, {0.74, 0.88, 0.50}, {0.93, 0.78, 0.88}}};
inline constexpr Rgb k_site_hatch{0.25, 0.25, 0.25};
inline constexpr Rgb k_unserved_fill{1, 1, 1};

inline constexpr Rgb k_station{0.70, 0.10, 0.10};
inline constexpr Rgb k_point{0.10, 0.25, 0.55};
inline constexpr double k_station_size = 9;
inline constexpr double k_point_size = 7;
inline constexpr double k_planned_stroke = 1.6;

inline constexpr Rgb k_gap{0.75, 0.15, 0.15};
// Gaps cover much of a rural township (everything off the roads' reach): a light hatch keeps
// the village fills readable underneath.
inline constexpr double k_gap_alpha = 0.5;
inline constexpr Rgb k_isochrone{0.15, 0.15, 0.15};
// Roads by class, light enough to sit under everything else: major (国道/省道, trunk, primary),
// secondary (县道, secondary, tertiary), minor (乡道, 村道, unclassified, residential), each
// thinner. Tracks, paths and service roads are not drawn.
inline constexpr Rgb k_road{0.50, 0.42, 0.36};
inline constexpr std::array<double, 3> k_road_width{{1.3, 0.8, 0.45}};
inline constexpr double k_road_alpha = 0.8;
inline constexpr Rgb k_assignment{0.25, 0.25, 0.25};

inline constexpr double k_township_width = 1.4;
inline constexpr double k_village_width = 0.35;
// Geometry is simplified to this many points before drawing (a 300-dpi pixel is 0.24 pt).
inline constexpr double k_simplify_pt = 0.1;
inline constexpr double k_title_size = 16;
inline constexpr double k_subtitle_size = 8.5;
inline constexpr double k_legend_size = 8;
inline constexpr double k_township_label = 10;
// Labels stay at least k_min_print_label points once the sheet is scaled into report.pdf
// (checked there at compile time).
inline constexpr double k_village_label = 7.5;
inline constexpr double k_footer_size = 7.5;
inline constexpr double k_min_print_label = 6.5;
inline constexpr double k_min_sheet_text = 7.5;  // the smallest text on a sheet (labels, legend notes, credits)
// The locator inset in the legend column of township maps (the township within its county).
inline constexpr double k_inset_w = 150, k_inset_h = 110;
// A compact sheet (report.pdf's township pages): its legend column and the subtitle's band.
inline constexpr double k_compact_legend_w = 150;
inline constexpr double k_compact_title_h = 16;

}  // namespace coverplan::report::map::style
