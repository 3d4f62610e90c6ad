#pragma once
// Loading and normalising (DESIGN §3, §5): every layer of the project read through GDAL,
// reprojected into one metric working CRS, linked county → township → village, with
// personal fields never read.
#include "core/region.hpp"
#include "io/project_file.hpp"

namespace coverplan::io {

// The working CRS: the project's `crs` (checked to be projected and metric), or the UTM
// zone of the centre of the townships layer.
std::string choose_working_crs(const ProjectConfig& cfg);

Region load_region(const ProjectConfig& cfg);

// Only a road layer, into `working_crs` (the region's roads, notes and counts are filled).
Region load_roads(const LayerSpec& roads, const std::string& working_crs);

}  // namespace coverplan::io
