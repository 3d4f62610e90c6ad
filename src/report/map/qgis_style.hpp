#pragma once
// The QGIS styles (QML) of pack.gpkg's layers: the printed maps' colours, symbols and labels
// (style.hpp), so that a planner who drags the GeoPackage into QGIS sees the maps' meaning.
// Written for QGIS 3.22 (Debian 12) and read by later versions.
#include <string>
#include <vector>

#include "io/geopackage.hpp"

namespace coverplan::report::map {

// The layers of `run`'s pack.gpkg, bottom to top as the maps draw them, with their titles (in
// Chinese or English) and styles. `thresholds_min` are the travel-time bands; `access_e2sfca`, the
// villages' E2SFCA values as access.geojson writes them, sets the access layer's classes.
std::vector<io::PackLayer> pack_layers(const std::vector<double>& thresholds_min, bool zh, const std::vector<double>& access_e2sfca = {});

// The access layer's class breaks: the quartiles of the positive values at the written precision
// (3 decimals; one from 1 up), increasing, distinct and below the largest value, so that no class
// is empty at the top; empty when no village has a social worker in reach.
std::vector<double> access_breaks(const std::vector<double>& e2sfca);

}  // namespace coverplan::report::map
