#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace coverplan::test;
namespace fs = std::filesystem;

namespace {
const fs::path k_yunan = fs::path(COVERPLAN_DATA_DIR) / "yunan";

// A copy of the 云安区 project with absolute paths and extra rules.
fs::path yunan_variant(const std::string& name, const std::string& rules) {
    std::string text = read_file(k_yunan / "project.toml");
    for (const char* f : {"townships.geojson", "villages.geojson", "sites.csv", "beneficiaries.csv", "roads.geojson", "hazards.geojson", "closures.geojson", "shelters.csv"}) {
        const std::string from = std::string("source = \"") + f + "\"";
        text.replace(text.find(from), from.size(), "source = \"" + (k_yunan / f).string() + "\"");
    }
    const std::string key = "max_site_distance_m = 0\n";
    text.replace(text.find(key), key.size(), key + rules);
    const fs::path p = scratch(name) / "project.toml";
    std::ofstream(p) << text;
    return p;
}
}  // namespace

TEST_CASE("coverage on 云安区 writes villages, sites and coverage tables", "[cli][coverage][yunan]") {
    const fs::path out = scratch("coverage-yunan") / "out";
    const RunResult r = run_coverplan({"--lang", "en", "coverage", (k_yunan / "project.toml").string(), "-o", out.string(), "--threads", "2"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("road network for ebike: 382 lines") != std::string::npos);

    const auto villages = nlohmann::json::parse(read_file(out / "villages.geojson"));
    REQUIRE(villages.at("features").size() == 114);
    int served = 0, within45 = 0, people = 0;
    for (const auto& f : villages.at("features")) {
        const auto& p = f.at("properties");
        if (!p.at("assigned_site").get<std::string>().empty()) {
            ++served;
            CHECK(p.at("nearest_min").get<double>() <= p.at("assigned_min").get<double>() + 1e-9);
        }
        within45 += p.at("within_45min").get<bool>();
        people += p.at("beneficiaries").get<int>();
        CHECK(f.at("geometry").at("type") == "MultiPolygon");
    }
    CHECK(served == 58);  // 7 station villages + 17 points, less the planted breaches (see data/yunan)
    CHECK(people == 4025);

    const auto sites = nlohmann::json::parse(read_file(out / "sites.geojson"));
    CHECK(sites.at("features").size() == 24);

    // Isochrones: one per site and band, nested areas.
    const auto iso = nlohmann::json::parse(read_file(out / "isochrones.geojson"));
    REQUIRE(iso.at("features").size() == 24 * 3);
    for (std::size_t i = 0; i < iso.at("features").size(); i += 3) {
        const auto& f = iso.at("features");
        CHECK(f[i].at("properties").at("site_id") == f[i + 2].at("properties").at("site_id"));
        CHECK(f[i].at("properties").at("band_min").get<double>() == 15);
        CHECK(f[i].at("properties").at("area_km2").get<double>() <= f[i + 1].at("properties").at("area_km2").get<double>());
        CHECK(f[i + 1].at("properties").at("area_km2").get<double>() <= f[i + 2].at("properties").at("area_km2").get<double>());
    }
    // Gaps: ranked per band, the people in them never more than those beyond the band.
    const auto gaps = nlohmann::json::parse(read_file(out / "gaps.geojson"));
    REQUIRE(!gaps.at("features").empty());
    long long in_gaps_15 = 0;
    for (const auto& f : gaps.at("features"))
        if (f.at("properties").at("band_min").get<double>() == 15) in_gaps_15 += f.at("properties").at("uncovered_beneficiaries").get<long long>();
    const auto table = read_csv(out / "coverage.csv");
    const double weight = std::stod(table.front().at("weight"));
    const double within15 = std::stod(table.front().at("weight_within_15min_nearest"));
    CHECK(in_gaps_15 > 0);
    CHECK(static_cast<double>(in_gaps_15) <= weight - within15 + 1e-9);  // all weights are 1 here
    CHECK(gaps.at("features")[0].at("properties").at("rank") == 1);

    // The table's total row agrees with the village layer.
    const auto rows = read_csv(out / "coverage.csv");
    REQUIRE(rows.front().at("level") == "total");
    CHECK(rows.front().at("villages") == "114");
    CHECK(std::stoi(rows.front().at("villages_within_45min")) == within45);
    CHECK(rows.front().at("beneficiaries") == "4025");
    std::size_t townships = 0, categories = 0;
    for (const auto& row : rows) {
        townships += row.at("level") == "township";
        categories += row.at("level") == "category";
    }
    CHECK(townships == 7);
    CHECK(categories == 7);
}

TEST_CASE("coverage outputs are identical with one or two threads and hold no personal data", "[cli][coverage][privacy]") {
    const fs::path a = scratch("coverage-t1") / "out";
    const fs::path b = scratch("coverage-t2") / "out";
    REQUIRE(run_coverplan({"coverage", (k_yunan / "project.toml").string(), "-o", a.string(), "--threads", "1"}).exit_code == 0);
    REQUIRE(run_coverplan({"coverage", (k_yunan / "project.toml").string(), "-o", b.string(), "--threads", "2"}).exit_code == 0);
    for (const char* f : {"villages.geojson", "sites.geojson", "coverage.csv", "isochrones.geojson", "coverage_areas.geojson", "gaps.geojson"}) {
        INFO(f);
        const std::string text = read_file(a / f);
        CHECK(text == read_file(b / f));
        // The sample's personal columns: masked names (陈某某), ID numbers, phones, addresses (…组).
        CHECK(text.find("某某") == std::string::npos);
        CHECK(text.find("********") == std::string::npos);
        CHECK(text.find("****") == std::string::npos);
        CHECK(text.find("组\"") == std::string::npos);
    }
}

TEST_CASE("a project of two counties gets covered areas, and per-site isochrones only when asked", "[cli][coverage][isochrones]") {
    const fs::path project = two_county_yunan("coverage-two-counties");
    const fs::path dir = project.parent_path();
    const fs::path out = dir / "out";
    const RunResult r = run_coverplan({"--lang", "en", "coverage", project.string(), "-o", out.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Per-site isochrones (isochrones.geojson) not traced: the project covers 2 counties") != std::string::npos);
    CHECK(!fs::exists(out / "isochrones.geojson"));

    // One covered area per band and township, nested, valid shares, and the gaps its complement.
    const auto areas = nlohmann::json::parse(read_file(out / "coverage_areas.geojson")).at("features");
    REQUIRE(areas.size() == 3 * 7);
    std::map<std::string, std::vector<double>> by_town;
    for (const auto& f : areas) {
        const auto& p = f.at("properties");
        CHECK(f.at("geometry").at("type") == "MultiPolygon");
        CHECK(p.at("share_pct").get<double>() >= 0);
        CHECK(p.at("share_pct").get<double>() <= 100);
        by_town[p.at("township_code").get<std::string>()].push_back(p.at("area_km2").get<double>());
    }
    REQUIRE(by_town.size() == 7);
    CHECK(by_town.count("445302100") == 1);
    for (const auto& [code, km2] : by_town) {
        INFO(code);
        REQUIRE(km2.size() == 3);
        CHECK(km2[0] <= km2[1] + 1e-9);
        CHECK(km2[1] <= km2[2] + 1e-9);
    }
    CHECK(by_town.at("445302100")[2] > 0);

    const fs::path with = dir / "with";
    const RunResult w = run_coverplan({"--lang", "en", "coverage", project.string(), "-o", with.string(), "--site-isochrones"});
    INFO(w.err);
    REQUIRE(w.exit_code == 0);
    CHECK(w.out.find("Per-site isochrones") == std::string::npos);
    CHECK(nlohmann::json::parse(read_file(with / "isochrones.geojson")).at("features").size() == 24 * 3);
    CHECK(read_file(with / "coverage_areas.geojson") == read_file(out / "coverage_areas.geojson"));
}

TEST_CASE("R6 checks travel time to served villages when max_travel_min is set", "[cli][check][R6]") {
    const fs::path project = yunan_variant("r6", "max_travel_min = 20\n");
    const fs::path out = project.parent_path() / "out";
    const RunResult r = run_coverplan({"--lang", "en", "check", project.string(), "-o", out.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto rows = read_csv(out / "violations.csv");
    std::vector<std::map<std::string, std::string>> r6;
    for (const auto& row : rows)
        if (row.at("rule") == "R6") r6.push_back(row);
    REQUIRE(r6.size() == 6);
    // The point that serves a village of another township is also the farthest from it.
    bool cross = false;
    for (const auto& row : r6) cross = cross || (row.at("site_id") == "PT-445303106-01" && row.at("village_codes") == "445303104204");
    CHECK(cross);
    CHECK(r.out.find("R6 skipped") == std::string::npos);

    const fs::path lenient = yunan_variant("r6-lenient", "max_travel_min = 120\n");
    const RunResult ok = run_coverplan({"--lang", "en", "check", lenient.string(), "-o", (lenient.parent_path() / "out").string()});
    REQUIRE(ok.exit_code == 0);
    for (const auto& row : read_csv(lenient.parent_path() / "out" / "violations.csv")) CHECK(row.at("rule") != "R6");
}

TEST_CASE("node_crossings joins roads that cross without a junction", "[cli][coverage][noding]") {
    std::string text = read_file(yunan_variant("noding", "").string());
    const std::string key = "[layers.townships]";
    text.replace(text.find(key), key.size(), "[travel]\nnode_crossings = true\n\n" + key);
    const fs::path p = scratch("noding2") / "project.toml";
    std::ofstream(p) << text;
    const RunResult r = run_coverplan({"--lang", "en", "coverage", p.string(), "--no-polygons"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("141 junctions added where roads cross without a shared vertex") != std::string::npos);
    CHECK(r.out.find("382 lines, 499 nodes, 657 edges, 1 connected parts") != std::string::npos);
}

TEST_CASE("coverage without a road layer is a usage error", "[cli][coverage]") {
    const RunResult r = run_coverplan({"--lang", "en", "coverage", std::string(COVERPLAN_TEST_DATA_DIR) + "/mini/project.toml"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("coverage needs a road layer") != std::string::npos);
}
