#pragma once
// Beneficiaries leave the tool only as counts per village and category (DESIGN §11); these are
// the counts every output uses.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/region.hpp"
#include "io/geojson_writer.hpp"

namespace coverplan::report {

std::vector<std::array<int, k_category_count>> counts_by_village(const Region& region);
std::vector<int> beneficiaries_by_village(const Region& region);

// A travel time in minutes with one decimal; null when not reached.
void add_time(io::JsonProps& p, std::string_view key, double s);

// The name of the field that says "within `minutes` of a site" ("within_15.0min"), in the data
// files and in the QGIS styles that colour by it.
std::string within_key(double minutes);

}  // namespace coverplan::report
