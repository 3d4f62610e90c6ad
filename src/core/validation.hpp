#pragma once
// Data-quality checks on a loaded region (issue 6, DESIGN §12): what is suspicious is said with
// a severity; errors stop a run, warnings do not. Loading already refuses what cannot be used.
#include <vector>

#include "core/region.hpp"

namespace coverplan {

struct ValidationConfig {
    double max_beneficiary_distance_m = 2000;  // from the registered village's boundary (or centre)
    double max_weight = 100;                   // a beneficiary's weight above this is an input error
};

std::vector<DataNote> validate_region(const Region& region, const ValidationConfig& config);

}  // namespace coverplan
