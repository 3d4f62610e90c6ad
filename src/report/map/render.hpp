#pragma once
// The map files of the briefing pack: the county overview and one map per township, each as
// PNG for the screen, PDF (the print format) and SVG, and PNG at a print resolution when asked;
// and the interactive map.html, in `dir` (maps/).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "report/document.hpp"
#include "report/map/map_content.hpp"
#include "report/map/web_map.hpp"

namespace coverplan::report::map {

struct MapOptions {
    double screen_dpi = 144;
    std::optional<double> print_dpi;  // *_print.png as well, at this resolution
    bool townships = true;
    bool flood_only = false;  // only the flood-season pages, no map.html (`coverplan flood`)
    int threads = 1;    // pages drawn at once
    WebMapOptions web;  // maps/map.html
};

struct MapPage {
    std::string stem;   // file name without extension: "county", "township_445303100"
    MapView view;
};

std::vector<MapPage> map_pages(const MapContent& content, const std::string& county_title, bool townships);

// Writes every page in every format; returns the screen PNGs as report images, each with its
// vector drawing for report.pdf (which keeps a reference to `content`: it must outlive them).
std::vector<Image> write_maps(const std::filesystem::path& dir, const MapContent& content, const std::string& county_title,
                              const MapOptions& options);

// The SVG of one page, as a string.
std::string map_svg(const MapContent& content, const MapView& view);

}  // namespace coverplan::report::map
