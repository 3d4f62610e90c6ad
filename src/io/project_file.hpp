#pragma once
// The project file (DESIGN §6): where each layer is, which fields mean what, the rules.
// Parsing is strict: unknown keys and wrong types are errors that name the key and line.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/access.hpp"
#include "core/coverage.hpp"
#include "core/flood.hpp"
#include "core/memory_budget.hpp"
#include "core/placement/plan_config.hpp"
#include "core/rules.hpp"
#include "core/validation.hpp"
#include "core/visits.hpp"

namespace coverplan::io {

enum class Coordinates { wgs84, gcj02, bd09 };

struct LayerSpec {
    std::string role;               // "townships", "villages", …
    bool present = false;
    std::string source;             // as written in the project file
    std::filesystem::path path;     // the file read, resolved against the project folder (an archive's
                                    // own path for /vsizip/ …; "" for connection strings)
    std::string gdal_name;          // what GDAL opens: the path, an archive path made absolute, PG:…
    std::string layer;              // layer name inside the source; "" = the only/first layer
    std::string where;              // OGR SQL attribute filter
    std::string crs;                // for sources without one
    Coordinates coordinates = Coordinates::wgs84;
    std::string encoding;           // e.g. "GBK" for old shapefiles and CSVs
    std::string x, y, wkt;          // geometry columns of CSV / spreadsheet sources
    int header_row = 0;             // CSV / spreadsheet row holding the header (1 = the first); 0 = find it
    std::map<std::string, std::string> fields;  // role → field name in the source

    // The source field for a role: the mapping, else the role's own name.
    std::string field(const std::string& field_role) const;
    bool mapped(const std::string& field_role) const { return fields.count(field_role) > 0; }
    std::string display_name() const;  // source plus layer, for messages
};

// [report]: what the briefing pack says and hides.
struct ReportConfig {
    int suppress_below = 0;        // beneficiary counts 1..K-1 are shown as "<K" in the pack
    std::string attribution;       // data credits added to every map and report
    std::string tile_url;          // optional basemap for maps/map.html ({z}/{x}/{y}); none by default
    std::string tile_attribution;  // the basemap's credit line
    // The briefing's sign-off block (编制单位, 编制人, 审核人, 日期); unset ones are left as lines to sign on.
    std::string organisation;      // also named in the maps' credits
    std::string prepared_by;
    std::string reviewed_by;
    std::string signed_date;       // YYYY-MM-DD
};

struct ProjectConfig {
    std::filesystem::path file;
    std::filesystem::path dir;
    std::string name;
    std::string crs;  // working CRS; "" = geo::default_crs_for the data's centre
    std::map<std::string, std::string> county_names;
    std::map<std::string, std::string> category_aliases;  // spelling → category key
    RuleConfig rules;
    TravelConfig travel;
    ValidationConfig validation;
    placement::PlanConfig plan;
    ReportConfig report;
    StaffingConfig staffing;  // [staffing]
    VisitConfig visits;       // [visits]
    CatchmentConfig access;   // [access]: 2SFCA / E2SFCA
    MemoryBudget memory;  // [limits] memory_mb
    FloodConfig flood;        // [flood]
    LayerSpec townships, villages, roads, beneficiaries, sites, assignments, candidates, hazards, closures, shelters;

    std::vector<const LayerSpec*> layers() const;
    // Roads from OpenStreetMap (an .osm/.pbf source or a "highway" class field): credit is due.
    bool roads_from_osm() const;
};

ProjectConfig read_project(const std::filesystem::path& file);

// The files a project reads: the project file, each layer's source and a shapefile's sidecars,
// sorted, each once.
std::vector<std::filesystem::path> input_files(const ProjectConfig& cfg);

// The commented template written by `coverplan init`.
std::string project_template(const std::string& name);

}  // namespace coverplan::io
