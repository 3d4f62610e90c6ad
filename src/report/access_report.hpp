#pragma once
// Access to a social worker (core/access.hpp) as outputs: access.csv and access.geojson per
// village, and the briefing's section.
#include "core/access.hpp"
#include "core/region.hpp"
#include "io/output_dir.hpp"
#include "report/document.hpp"

namespace coverplan::report {

struct AccessResult {
    CatchmentConfig config;
    FloatingCatchment values;
    std::vector<double> demand;  // weighted beneficiaries per village
    std::vector<double> supply;  // social workers per site
};

void write_access_outputs(io::StagedOutput& out, const Region& region, const AccessResult& access, bool chinese);
Section access_section(const Region& region, const AccessResult& access, bool chinese);
std::string access_summary(const Region& region, const AccessResult& access, bool chinese);

}  // namespace coverplan::report
