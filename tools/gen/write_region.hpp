#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "geo/proj_transform.hpp"
#include "synth.hpp"

namespace coverplan::gen {

struct WriteOptions {
    bool roads = true;              // roads.geojson (off when real roads are used)
    bool assignments_table = false; // served villages in assignments.csv instead of a sites.csv column
};

// Writes townships.geojson, villages.geojson (polygons, or points where a village has no
// polygon), roads.geojson, beneficiaries.csv and sites.csv (lon/lat WGS84) into `dir`.
void write_region(const std::vector<SynthCounty>& counties, const geo::Transformer& to_lonlat, const std::filesystem::path& dir,
                  const WriteOptions& options = {});

void write_text(const std::filesystem::path& file, const std::string& text);

}  // namespace coverplan::gen
