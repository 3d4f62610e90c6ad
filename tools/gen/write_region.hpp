#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "geo/proj_transform.hpp"
#include "synth.hpp"

namespace coverplan::gen {

// Writes townships.geojson, villages.geojson, roads.geojson, beneficiaries.csv and sites.csv
// (lon/lat WGS84) for one or more counties into `dir`.
void write_region(const std::vector<SynthCounty>& counties, const geo::Transformer& to_lonlat, const std::filesystem::path& dir);

void write_text(const std::filesystem::path& file, const std::string& text);

}  // namespace coverplan::gen
