#pragma once
// Every colour, width, size and font of the maps in one place. The fills get lighter with
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
inline constexpr Rgb k_light_grey{0.93, 0.93, 0.93};

// Travel time to the nearest site: within band 1, 2, 3, beyond, not reached (dark to light).
inline constexpr std::array<Rgb, 5> k_band_fill{{{0.15, 0.40, 0.62}, {0.45, 0.68, 0.80}, {0.78, 0.89, 0.85}, {0.98, 0.96, 0.88}, {1, 1, 1}}};
// Villages by their serving site in township maps: hues of different lightness.
inline constexpr std::array<Rgb, 10> k_site_fill{{{0.55, 0.83, 0.78}, {1.00, 0.93, 0.55}, {0.75, 0.73, 0.85}, {0.98, 0.50, 0.45},
                                                 {0.50, 0.69, 0.83}, {0.99, 0.71, 0.38}, {0.70, 0.87, 0.41}, {0.99, 0.80, 0.90},
                                                 {0.85, 0.85, 0.85}, {0.74, 0.50, 0.74}}};
inline constexpr Rgb k_unserved_fill{1, 1, 1};

inline constexpr Rgb k_station{0.70, 0.10, 0.10};
inline constexpr Rgb k_point{0.10, 0.25, 0.55};
inline constexpr double k_station_size = 9;
inline constexpr double k_point_size = 7;
inline constexpr double k_planned_stroke = 1.6;

inline constexpr Rgb k_gap{0.75, 0.15, 0.15};
// Gaps cover much of a rural township (everything off the roads' reach): a light hatch keeps
// the village fills readable underneath.
inline constexpr double k_gap_alpha = 0.55;
inline constexpr Rgb k_isochrone{0.15, 0.15, 0.15};
inline constexpr Rgb k_assignment{0.25, 0.25, 0.25};

inline constexpr double k_township_width = 1.4;
inline constexpr double k_village_width = 0.35;
inline constexpr double k_title_size = 16;
inline constexpr double k_subtitle_size = 8.5;
inline constexpr double k_legend_size = 8;
inline constexpr double k_township_label = 10;
inline constexpr double k_village_label = 6.5;
inline constexpr double k_footer_size = 6.5;

}  // namespace coverplan::report::map::style
