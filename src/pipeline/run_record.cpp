#include "pipeline/run_record.hpp"

#include <gdal.h>
#include <geos_c.h>
#include <proj.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"
#include "coverplan/version.hpp"

namespace coverplan::pipeline {

namespace fs = std::filesystem;

std::string sha256_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({file.string() + ": cannot read the file to fingerprint it", file.string() + "：无法读取文件以计算校验值"});
    Sha256 h;
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        h.update(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    return h.hex_digest();
}

namespace {

// A path as the record shows it: relative to `base` when inside it (no user folders leak).
std::string shown_path(const fs::path& p, const fs::path& base) {
    const fs::path rel = p.lexically_normal().lexically_relative(base.lexically_normal());
    return !rel.empty() && *rel.begin() != ".." ? rel.generic_string() : p.filename().generic_string();
}

nlohmann::json parameters(const io::ProjectConfig& cfg, int suppress_below) {
    nlohmann::json p;
    p["rules"] = {{"villages_per_point", cfg.rules.villages_per_point},
                  {"max_site_distance_m", cfg.rules.max_site_distance_m},
                  {"max_travel_min", cfg.rules.max_travel_min},
                  {"exempt_townships_without_villages", cfg.rules.exempt_townships_without_villages}};
    p["travel"] = {{"mode", mode_key(cfg.travel.mode)},
                   {"thresholds_min", cfg.travel.thresholds_min},
                   {"access_kmh", cfg.travel.access_kmh},
                   {"max_snap_m", cfg.travel.max_snap_m},
                   {"max_search_min", cfg.travel.max_search_min},
                   {"polygon_cell_m", cfg.travel.polygon_cell_m},
                   {"node_crossings", cfg.travel.node_crossings},
                   {"speeds_kmh", cfg.travel.speeds_kmh}};
    p["plan"] = {{"solver", placement::solver_key(cfg.plan.solver)},
                 {"time_limit_s", cfg.plan.time_limit_s},
                 // As the plan honoured it (0 = none): [plan] when given, else [rules].
                 {"max_travel_min", placement::plan_limit_min(cfg.plan, cfg.rules.max_travel_min)},
                 {"reassign", cfg.plan.reassign},
                 {"village_hosts", cfg.plan.village_hosts},
                 {"category_weights", cfg.plan.category_weights},
                 {"new_points", cfg.plan.new_points},
                 {"capacity", placement::named_key(placement::k_plan_capacities, cfg.plan.capacity)},
                 {"seed", cfg.plan.seed}};
    p["validation"] = {{"max_beneficiary_distance_m", cfg.validation.max_beneficiary_distance_m},
                       {"max_weight", cfg.validation.max_weight}};
    p["limits"] = {{"memory_mb", cfg.memory.limit() / (1024 * 1024)}};
    p["report"] = {{"suppress_below", suppress_below}, {"tile_url", cfg.report.tile_url}};
    const StaffingConfig& st = cfg.staffing;
    p["staffing"] = {{"station", st.station}, {"point", st.point}, {"days_per_month", st.days_per_month},
                     {"hours_per_day", st.hours_per_day}, {"day_start_min", st.day_start_min}, {"lunch_start_min", st.lunch_start_min},
                     {"lunch_minutes", st.lunch_min}, {"visiting_share", st.visiting_share}, {"holidays", st.holidays.size()},
                     {"extra_workdays", st.extra_workdays.size()}};
    nlohmann::json freq = nlohmann::json::object(), minutes = nlohmann::json::object();
    for (Category c : all_categories()) {
        const auto i = static_cast<std::size_t>(c);
        freq[std::string(category_key(c))] = cfg.visits.interval_months[i];
        minutes[std::string(category_key(c))] = cfg.visits.minutes_by_category[i].value_or(cfg.visits.minutes);
    }
    p["visits"] = {{"interval_months", freq}, {"minutes", minutes}, {"iterations_per_visit", cfg.visits.iterations_per_visit},
                   {"site_time_limit_s", cfg.visits.site_time_limit_s}, {"seed", cfg.visits.seed}};
    p["access"] = {{"catchment_min", cfg.access.catchment_min}, {"zone_weights", cfg.access.zone_weights}};
    p["crs"] = cfg.crs;
    return p;
}

nlohmann::json versions() {
    PJ_INFO proj = proj_info();
    return {{"coverplan", k_version},
            {"gdal", GDALVersionInfo("RELEASE_NAME")},
            {"geos", GEOSversion()},
            {"proj", proj.version},
            {"libxlsxwriter", LXW_VERSION}};
}

nlohmann::json solver_summary(const solve::Plan& plan) {
    std::map<std::string, int> by_status;
    int new_points = 0, new_stations = 0;
    double worst_gap = 0;
    for (const auto& tp : plan.townships) {
        ++by_status[std::string(placement::status_key(tp.solution.status))];
        new_points += tp.new_points;
        new_stations += tp.new_station;
        if (tp.solution.solver != "none" && std::isfinite(tp.solution.gap())) worst_gap = std::max(worst_gap, tp.solution.gap());
    }
    return {{"model", "programme"},
            {"townships", plan.townships.size()},
            {"status", by_status},
            {"complete", plan.complete()},
            {"largest_gap_pct", std::round(worst_gap * 1e4) / 100},
            {"new_points", new_points},
            {"new_stations", new_stations}};
}

}  // namespace

std::string run_record_json(const RunRecordInputs& in) {
    const io::ProjectConfig& cfg = *in.project;
    nlohmann::json j;
    j["coverplan"] = k_version;
    j["command"] = in.options->command_line;
    j["project"] = {{"file", cfg.file.filename().string()}, {"name", cfg.name}};
    j["date"] = in.options->date;
    j["language"] = in.options->chinese ? "zh" : "en";
    nlohmann::json inputs = nlohmann::json::array();
    for (const fs::path& f : io::input_files(cfg))
        inputs.push_back({{"path", shown_path(f, cfg.dir)}, {"bytes", fs::file_size(f)}, {"sha256", sha256_file(f)}});
    j["inputs"] = inputs;
    j["parameters"] = parameters(cfg, in.suppress_below);
    if (in.options->postgis)
        j["parameters"]["to_postgis"] = {{"connection", io::shown_connection(in.options->postgis->connection)},
                                         {"schema", in.options->postgis->schema}};
    j["versions"] = versions();
    j["solver"] = in.plan ? solver_summary(*in.plan) : nlohmann::json(nullptr);
    // Timings are the only part that differs between two runs on the same inputs.
    nlohmann::json timings = nlohmann::json::object();
    double total = 0;
    for (const StageTime& t : in.timings) {
        timings[t.stage] = std::round(t.seconds * 1000) / 1000;
        total += t.seconds;
    }
    timings["total"] = std::round(total * 1000) / 1000;
    j["timings_s"] = timings;
    nlohmann::json outputs = nlohmann::json::array();
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(in.output_dir))
        if (e.is_regular_file() && e.path().filename() != "run.json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files)
        outputs.push_back({{"path", shown_path(f, in.output_dir)}, {"bytes", fs::file_size(f)}, {"sha256", sha256_file(f)}});
    j["outputs"] = outputs;
    return j.dump(2) + "\n";
}

}  // namespace coverplan::pipeline
