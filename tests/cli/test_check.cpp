#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace coverplan::test;
namespace fs = std::filesystem;

namespace {
const std::string k_yunan = std::string(COVERPLAN_DATA_DIR) + "/yunan/project.toml";
const std::string k_mini = std::string(COVERPLAN_TEST_DATA_DIR) + "/mini/project.toml";

using Row = std::map<std::string, std::string>;
std::vector<Row> rows_where(const std::vector<Row>& rows, const std::string& rule, const std::string& kind) {
    std::vector<Row> out;
    for (const auto& r : rows)
        if (r.at("rule") == rule && r.at("kind") == kind) out.push_back(r);
    return out;
}
}  // namespace

TEST_CASE("check on 云安区 finds exactly the planted breaches", "[cli][check][yunan]") {
    const fs::path out = scratch("check-yunan") / "out";
    const RunResult r = run_coverplan({"--lang", "en", "check", k_yunan, "-o", out.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto rows = read_csv(out / "violations.csv");

    SECTION("R3: a point serving four villages") {
        const auto v = rows_where(rows, "R3", "too_many_villages");
        REQUIRE(v.size() == 1);
        CHECK(v[0].at("site_id") == "PT-445303105-01");
        CHECK(v[0].at("township") == "石城镇");
        CHECK(v[0].at("village_codes") == "445303105213;445303105002;445303105214;445303105218");
        CHECK(v[0].at("severity") == "error");
        CHECK(v[0].at("message_zh").find("服务 4 个村（社区），每个社工点最多 3 个") != std::string::npos);
    }
    SECTION("R2: a village served by two sites") {
        const auto v = rows_where(rows, "R2", "served_twice");
        REQUIRE(v.size() == 1);
        CHECK(v[0].at("village_codes") == "445303101213");
        CHECK(v[0].at("villages") == "司马村");
        CHECK(v[0].at("message_en").find("PT-445303101-01") != std::string::npos);
        CHECK(v[0].at("message_en").find("PT-445303101-02") != std::string::npos);
    }
    SECTION("R4: a point serving a village of another township") {
        const auto v = rows_where(rows, "R4", "other_township");
        REQUIRE(v.size() == 1);
        CHECK(v[0].at("site_id") == "PT-445303106-01");
        CHECK(v[0].at("township_code") == "445303106");
        CHECK(v[0].at("village_codes") == "445303104204");
    }
    SECTION("R5: a site outside the villages it serves") {
        const auto v = rows_where(rows, "R5", "outside_served_villages");
        REQUIRE(v.size() == 1);
        CHECK(v[0].at("site_id") == "PT-445303102-01");
    }
    SECTION("R2: villages served by nobody (the shortfall of 2021)") {
        const auto v = rows_where(rows, "R2", "not_served");
        CHECK(v.size() == 56);
        for (const auto& row : v) CHECK(row.at("severity") == "warning");
    }
    SECTION("R8: two single-worker points with more visiting work than their hours") {
        const auto v = rows_where(rows, "R8", "over_capacity");
        REQUIRE(v.size() == 2);
        for (const auto& row : v) CHECK(row.at("severity") == "error");
    }
    SECTION("nothing else") {
        int errors = 0;
        for (const auto& row : rows) errors += row.at("severity") == "error";
        CHECK(errors == 4 + 2);
        CHECK(rows_where(rows, "R1", "no_station").empty());
        CHECK(rows.size() == 4 + 2 + 56 + rows_where(rows, "R3", "few_villages").size());
    }
    SECTION("progress table: 38 points required, 17 built, shortfall 21") {
        const auto progress = read_csv(out / "progress.csv");
        REQUIRE(progress.size() == 7);
        int required = 0, built = 0, shortfall = 0, stations = 0;
        for (const auto& p : progress) {
            required += std::stoi(p.at("points_required"));
            built += std::stoi(p.at("points_built"));
            shortfall += std::stoi(p.at("points_shortfall"));
            stations += std::stoi(p.at("stations_built"));
        }
        CHECK(required == 38);
        CHECK(built == 17);
        CHECK(shortfall == 21);
        CHECK(stations == 7);
        CHECK(progress[5].at("township") == "石城镇");
        CHECK(progress[5].at("points_required") == "8");
    }
    SECTION("violations.geojson is RFC 7946 and matches the CSV") {
        const auto gj = nlohmann::json::parse(read_file(out / "violations.geojson"));
        CHECK(gj.at("type") == "FeatureCollection");
        CHECK_FALSE(gj.contains("crs"));
        REQUIRE(gj.at("features").size() == rows.size());
        for (const auto& f : gj.at("features")) {
            const auto& c = f.at("geometry").at("coordinates");
            CHECK(c[0].get<double>() > 111.7);
            CHECK(c[0].get<double>() < 112.4);
            CHECK(c[1].get<double>() > 22.5);
            CHECK(c[1].get<double>() < 23.2);
        }
        CHECK(gj.at("features")[0].at("properties").at("rule") == "R2");
    }
    SECTION("the summary names every planted error") {
        CHECK(r.out.find("Loaded 7 townships, 114 villages, 24 sites (7 stations, 17 points), 4025 beneficiaries") != std::string::npos);
        CHECK(r.out.find("PT-445303105-01") != std::string::npos);
        CHECK(r.out.find("R6") != std::string::npos);
        CHECK(r.out.find("skipped") != std::string::npos);
    }
}

TEST_CASE("--fail-on-violation gives exit code 1 on findings, 0 on a clean region", "[cli][check]") {
    CHECK(run_coverplan({"check", k_yunan, "--fail-on-violation"}).exit_code == 1);
    CHECK(run_coverplan({"check", k_mini, "--fail-on-violation"}).exit_code == 0);
}

TEST_CASE("outputs are Chinese by default and written only as a whole", "[cli][check]") {
    const fs::path out = scratch("check-zh") / "out";
    const RunResult first = run_coverplan({"check", k_mini, "-o", out.string()});
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("建设进度一览表") != std::string::npos);
    const std::string before = read_file(out / "progress.csv");
    CHECK(before.rfind("\xEF\xBB\xBF区县,镇（街）", 0) == 0);

    // An existing output folder is kept unless --force.
    const RunResult again = run_coverplan({"check", k_mini, "-o", out.string()});
    CHECK(again.exit_code == 4);
    CHECK(again.err.find("--force") != std::string::npos);
    CHECK(read_file(out / "progress.csv") == before);

    // A run that fails on its input leaves the earlier outputs untouched.
    const std::string bad = std::string(COVERPLAN_TEST_DATA_DIR) + "/bad/duplicate_village_codes/project.toml";
    CHECK(run_coverplan({"check", bad, "-o", out.string(), "--force"}).exit_code == 3);
    CHECK(read_file(out / "progress.csv") == before);
    for (const auto& e : fs::directory_iterator(out.parent_path())) CHECK(e.path().filename() == "out");

    CHECK(run_coverplan({"--lang", "en", "check", k_mini, "-o", out.string(), "--force"}).exit_code == 0);
    CHECK(read_file(out / "progress.csv").rfind("\xEF\xBB\xBF" "county,township", 0) == 0);
}

TEST_CASE("init writes a template that validate then reads", "[cli][init]") {
    const fs::path dir = scratch("init") / "new-project";
    const RunResult r = run_coverplan({"--lang", "en", "init", dir.string()});
    REQUIRE(r.exit_code == 0);
    CHECK(fs::exists(dir / "project.toml"));
    CHECK(run_coverplan({"init", dir.string()}).exit_code == 4);  // no silent overwrite
    CHECK(run_coverplan({"init", dir.string(), "--force"}).exit_code == 0);
    const RunResult v = run_coverplan({"--lang", "en", "validate", (dir / "project.toml").string()});
    CHECK(v.exit_code == 3);  // the template names files that do not exist yet
    CHECK(v.err.find("townships.gpkg does not exist") != std::string::npos);
}

TEST_CASE("usage errors exit with code 2", "[cli]") {
    CHECK(run_coverplan({}).exit_code == 2);
    CHECK(run_coverplan({"frobnicate"}).exit_code == 2);
    CHECK(run_coverplan({"--lang", "fr", "check", k_mini}).exit_code == 2);
    CHECK(run_coverplan({"--version"}).exit_code == 0);
}

TEST_CASE("check on Andorra: no siting errors, the unserved places its README predicts, two points over their staff's hours", "[cli][check][andorra]") {
    const fs::path out = scratch("check-andorra") / "out";
    const RunResult r = run_coverplan({"--lang", "en", "check", std::string(COVERPLAN_DATA_DIR) + "/andorra/project.toml", "-o", out.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Loaded 7 townships, 68 villages, 20 sites (7 stations, 13 points), 2527 beneficiaries, 7904 road lines; working CRS EPSG:32631") !=
          std::string::npos);
    const auto rows = read_csv(out / "violations.csv");
    int errors = 0;
    for (const auto& row : rows) errors += row.at("severity") == "error" && row.at("rule") != "R8";
    CHECK(errors == 0);
    CHECK(rows_where(rows, "R2", "not_served").size() == 22);
    CHECK(rows_where(rows, "R8", "over_capacity").size() == 2);
    CHECK(rows.size() == 22 + 2);
    // Served villages come from the assignment table: 7 station villages + 13 points x 3.
    const auto progress = read_csv(out / "progress.csv");
    int served = 0, required = 0;
    for (const auto& p : progress) {
        served += std::stoi(p.at("villages_served"));
        required += std::stoi(p.at("points_required"));
    }
    CHECK(served == 46);
    CHECK(required == 23);
}

TEST_CASE("check reads the plan back: plan.geojson, the same layer in a GeoPackage and a CSV, and pack.gpkg's plan, as the sites layer",
          "[cli][check][plan]") {
    const fs::path dir = scratch("check-plan-back");
    const RunResult p = run_coverplan({"--lang", "en", "plan", k_yunan, "-o", (dir / "plan").string()});
    INFO(p.err);
    REQUIRE(p.exit_code == 0);
    const fs::path plan = dir / "plan" / "plan.geojson";
    const std::size_t planned_sites = nlohmann::json::parse(read_file(plan)).at("features").size();
    REQUIRE(planned_sites == 45);  // 7 stations, 17 points built, 21 planned

    // served_villages is a JSON array: a list field in GeoJSON, JSON text in a GeoPackage; a CSV
    // gets it as GDAL writes a list. The township is the plan's township_code.
    REQUIRE(run("ogr2ogr", {"-f", "GPKG", (dir / "plan.gpkg").string(), plan.string(), "-nln", "sites"}).exit_code == 0);
    REQUIRE(run("ogr2ogr", {"-f", "CSV", (dir / "plan.csv").string(), plan.string(), "-lco", "GEOMETRY=AS_XY"}).exit_code == 0);
    // run's pack.gpkg stores the list as JSON text too, in its layer "plan".
    const RunResult pack = run_coverplan({"--lang", "en", "run", k_yunan, "-o", (dir / "pack").string(), "--no-maps"});
    INFO(pack.err);
    REQUIRE(pack.exit_code == 0);
    std::string project = read_file(k_yunan);
    const std::string yunan = fs::path(k_yunan).parent_path().string();
    for (const char* f : {"townships.geojson", "villages.geojson", "beneficiaries.csv", "roads.geojson", "hazards.geojson", "closures.geojson", "shelters.csv"}) {
        const std::string from = std::string("source = \"") + f + "\"";
        project.replace(project.find(from), from.size(), "source = \"" + yunan + "/" + f + "\"");
    }
    const auto begin = project.find("[layers.sites]");
    const auto end = project.find("\n[", project.find("[layers.sites.fields]") + 1);
    REQUIRE(begin != std::string::npos);
    for (const auto& [name, layer] : std::vector<std::pair<std::string, std::string>>{
             {"geojson", "source = \"" + plan.string() + "\"\n"},
             {"gpkg", "source = \"" + (dir / "plan.gpkg").string() + "\"\nlayer = \"sites\"\n"},
             {"pack.gpkg", "source = \"" + (dir / "pack" / "pack.gpkg").string() + "\"\nlayer = \"plan\"\n"},
             {"csv", "source = \"" + (dir / "plan.csv").string() + "\"\nx = \"X\"\ny = \"Y\"\ncrs = \"EPSG:4326\"\n"}}) {
        DYNAMIC_SECTION("from " << name) {
            std::string text = project;
            text.replace(begin, end - begin, "[layers.sites]\n" + layer + "[layers.sites.fields]\ntownship = \"township_code\"\n");
            const fs::path toml = dir / ("project-" + name + ".toml");
            { std::ofstream(toml) << text; }
            const fs::path out = dir / ("check-" + name);
            const RunResult r = run_coverplan({"--lang", "en", "check", toml.string(), "-o", out.string()});
            INFO(r.out << r.err);
            REQUIRE(r.exit_code == 0);
            CHECK(r.out.find(std::to_string(planned_sites) + " sites (7 stations, 38 points)") != std::string::npos);
            // The planned network breaks none of the siting rules R1–R5 that the plan repaired.
            int errors = 0, served_twice = 0, not_served = 0;
            for (const auto& row : read_csv(out / "violations.csv")) {
                errors += row.at("severity") == "error";
                served_twice += row.at("kind") == "served_twice";
                not_served += row.at("kind") == "not_served";
            }
            CHECK(errors == 0);
            CHECK(served_twice == 0);
            CHECK(not_served == 0);
        }
    }
}
