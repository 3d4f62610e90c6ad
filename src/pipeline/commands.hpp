#pragma once
// One library entry per command (DESIGN §3, §15.1): `coverplan validate|check|coverage|plan`
// each call one of these over the same preparation, as `run` calls run_job. The CLI declares
// options, stages the output folder, prints what the outcome says and commits when it asks; the
// tests call the same functions.
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/placement/plan_config.hpp"
#include "core/region.hpp"
#include "geo/isochrones.hpp"
#include "geo/network_analysis.hpp"
#include "io/instance_reader.hpp"
#include "io/output_dir.hpp"
#include "io/project_file.hpp"
#include "solve/solve.hpp"

namespace coverplan::pipeline {

// How far the preparation goes with the road network.
enum class NetworkNeed {
    none,          // data only
    join,          // snap everything to the roads and report what cannot reach them (validate)
    travel_times,  // and the travel times from every site (coverage, R6, plan)
};

// The project's data, loaded and validated, with the road network as asked.
struct Prepared {
    Region region;
    std::optional<geo::NetworkAnalysis> network;
};

// Loads every layer, validates, and with roads (when the project has them) builds the network as
// `need` says; the network's notes join the region's.
Prepared prepare(const io::ProjectConfig& cfg, NetworkNeed need, int threads);

// What a command ends with: the text for stdout, the exit code, and for a non-zero code why
// (for stderr). `commit` says whether the staged outputs are worth moving into place.
struct Outcome {
    std::string summary;
    ExitCode code = ExitCode::ok;
    std::optional<Text> failure;
    bool commit = true;
};

struct CommandOptions {
    int threads = 1;
    bool chinese = true;
};

// R8 from a typical month's visit plan into `report`, or the reason it is skipped.
void add_workload_rule(RuleReport& report, const Prepared& p, const io::ProjectConfig& cfg, int threads);

// Layers read and used, every data note; errors in the data throw (exit 3).
Outcome run_validate(const io::ProjectConfig& cfg, const CommandOptions& options);

// The rules R1–R8 and the progress table; R6 when roads are there and max_travel_min is set, R8
// when roads and beneficiaries are (a typical month's visit plan gives its travel).
// `out` (may be null) receives violations.csv, violations.geojson, progress.csv.
Outcome run_check(const io::ProjectConfig& cfg, const CommandOptions& options, bool fail_on_violation, io::StagedOutput* out);

// Travel-time coverage, and with `polygons` the covered areas, the gaps and (see SiteIsochrones)
// the per-site isochrones.
Outcome run_coverage(const io::ProjectConfig& cfg, const CommandOptions& options, bool polygons, geo::SiteIsochrones site_isochrones,
                     io::StagedOutput* out);

// The plan: the programme's model per township, or a reach question (cfg.plan.model, after the
// command line's `overrides`).
Outcome run_plan(const io::ProjectConfig& cfg, const CommandOptions& options, const placement::PlanOverrides& overrides,
                 io::StagedOutput* out);

// `coverplan visits`: the month's home visits of every site (`month` as core/calendar.hpp's month
// index; not given: this month), the workload and R8; visits.csv, tours.geojson, unplanned.csv,
// staffing.csv, visits.xlsx and sheets/*.pdf into `out`.
Outcome run_visits(const io::ProjectConfig& cfg, const CommandOptions& options, std::optional<int> month, io::StagedOutput* out);

// `coverplan flood`: the flood-season analysis (pipeline::flood_analysis). Always the critical
// links — the roads whose loss alone cuts something off — and the detour links (no hazard layer
// needed: a pre-season report); with a closing scenario the roads closed and each village's trips
// (cutoff.csv); with hazard zones the people in them (exposure.csv, priority.csv by record id), the
// outreach tours (outreach.csv) and, with shelters, shelters.csv; and the flood maps (maps/flood*).
Outcome run_flood(const io::ProjectConfig& cfg, const CommandOptions& options, io::StagedOutput* out);

// `coverplan solve`: a placement problem read from a file, the model and its parameters from the
// file or, when given, from here. Each optional not given keeps what the file says.
struct SolveRequest {
    io::InstanceInput input;                    // input.format: see `format`
    std::optional<io::InstanceFormat> format;   // not given: csv-long for a .csv file, else refused
    std::optional<placement::Model> model;
    std::optional<int> p;
    std::optional<double> radius;
    std::vector<std::string> fixed;             // candidates already open
    std::vector<std::string> only;              // only these may open (empty: all)
    solve::SolveOptions solver;
    bool assignment = false;                    // also each demand's serving site
    // Routing (--format solomon) only:
    std::optional<std::size_t> routes;          // the most routes (not given: the file's fleet)
    std::optional<std::uint64_t> iterations;    // ruin-and-recreate iterations (not given: by size)
    bool local_search = true;                   // the descent on every new best
};

// The solution as JSON (instance, model, solver, status, objective, bound, gap, sites, and with
// `assignment` each demand's site); exit 3 when the problem has no feasible solution.
// With --format solomon, a routing problem instead: the total distance, the routes and each
// route's stops in order, the customers left unserved with why (exit 3 when there are any).
Outcome run_solve(const SolveRequest& request);

}  // namespace coverplan::pipeline
