#pragma once
// `coverplan run`: the main job (DESIGN §3) — validate, travel times, rule check, coverage, plan,
// maps and report — into one staged output folder laid out as DESIGN §11, with run.json.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "geo/isochrones.hpp"
#include "io/output_dir.hpp"
#include "io/postgis.hpp"
#include "io/project_file.hpp"

namespace coverplan::pipeline {

struct RunOptions {
    int threads = 1;
    bool chinese = true;
    std::optional<int> suppress_below;  // not given: the project's [report] suppress_below
    std::string date;         // YYYY-MM-DD shown on the report and maps; "" = today
    bool maps = true;
    std::optional<double> print_dpi;  // also write the maps as *_print.png at this resolution
    geo::SiteIsochrones site_isochrones = geo::SiteIsochrones::automatic;
    // The month's home-visit tours, lists and printed sheets: for a one-county project, or always
    // (--month-visits). A project of several counties gets the steady-state workload and R8 from a
    // typical month, and its tours from `coverplan visits`, county by county.
    bool month_visits_always = false;
    std::optional<io::PostgisTarget> postgis;  // also publish pack.gpkg's layers into this schema
    std::vector<std::string> command_line;  // recorded in run.json (connections without credentials)
};

struct StageTime {
    std::string stage;
    double seconds = 0;
};

struct RunOutcome {
    std::string summary;            // key figures for stdout
    bool plan_complete = true;      // every township got a feasible plan
    std::vector<StageTime> timings;
};

// Called when a stage starts (index from 0, of `count`) and when it ends (seconds ≥ 0).
using StageObserver = std::function<void(int index, int count, const std::string& stage, double seconds)>;

// Writes every output into `out` (not committed: the caller commits on success).
RunOutcome run_job(const io::ProjectConfig& cfg, const RunOptions& options, io::StagedOutput& out, const StageObserver& observe);

// Today's date as YYYY-MM-DD (local time).
std::string today();

}  // namespace coverplan::pipeline
