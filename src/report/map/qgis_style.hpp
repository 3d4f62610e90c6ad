#pragma once
// The QGIS styles (QML) of pack.gpkg's layers: the printed maps' colours, symbols and labels
// (style.hpp), so that a planner who drags the GeoPackage into QGIS sees the maps' meaning.
// Written for QGIS 3.22 (Debian 12) and read by later versions.
#include <string>
#include <vector>

#include "io/geopackage.hpp"

namespace coverplan::report::map {

// The layers of `run`'s pack.gpkg, bottom to top as the maps draw them, with their titles (in
// Chinese or English) and styles. `thresholds_min` are the travel-time bands.
std::vector<io::PackLayer> pack_layers(const std::vector<double>& thresholds_min, bool zh);

}  // namespace coverplan::report::map
