#include <catch2/catch.hpp>

#include "cli_runner.hpp"

using namespace coverplan::test;

namespace {
RunResult check_case(const std::string& name, const std::string& lang = "en") {
    return run_coverplan({"--lang", lang, "check", std::string(COVERPLAN_TEST_DATA_DIR) + "/bad/" + name + "/project.toml"});
}
}  // namespace

TEST_CASE("broken inputs end with the documented exit code and a located message", "[cli][bad]") {
    struct Case {
        const char* name;
        int exit_code;
        const char* message;
    };
    const Case cases[] = {
        {"missing_file", 3, "[layers.villages] source ../../mini/villages_missing.geojson does not exist"},
        {"missing_field", 3, "villages.geojson, layer \"villages\", field \"village_code\": expected a field \"village_code\" (code), found fields: code, name"},
        {"no_crs", 3, "sites.csv, layer \"sites\": the layer has no coordinate reference system; add crs = \"EPSG:4326\""},
        {"degenerate_ring", 3, "villages.geojson, layer \"villages\", feature 1: expected polygon rings of at least 4 points"},
        {"empty_layer", 3, "villages.geojson, layer \"villages\": expected village features, found no features"},
        {"duplicate_village_codes", 3, "villages.geojson, layer \"villages\", feature 4, field \"code\": duplicate village code 445303101202 (also feature 3)"},
        {"non_numeric_weight", 3, "beneficiaries.csv, layer \"beneficiaries\", feature 2 (line 3), field \"weight\": expected a number (weight), found \"two\""},
        {"unknown_served_village", 3, "sites.csv, layer \"sites\", feature 4 (line 5), field \"served\": unknown village code \"445303101299\""},
        {"unknown_category", 3, "field \"categories\": unknown category \"贫困学生\""},
        {"unknown_key", 2, "line 8: unknown key \"villages_per_piont\" in [rules]; did you mean \"villages_per_point\"?"},
        {"wrong_type", 2, "line 8: rules.villages_per_point: expected an integer, found a string"},
        {"not_toml", 2, "line 2: not valid TOML"},
        {"extent_apart", 3, "the sites layer lies 1918 km away from the townships: a wrong CRS (crs = …) or longitude and latitude swapped"},
    };
    for (const Case& c : cases) {
        SECTION(c.name) {
            const RunResult r = check_case(c.name);
            INFO(r.err);
            CHECK(r.exit_code == c.exit_code);
            CHECK(r.err.find(c.message) != std::string::npos);
            CHECK(r.out.find("Rule check") == std::string::npos);  // stopped before checking
        }
    }
}

TEST_CASE("validate reports planted data-quality problems and counts every layer", "[cli][validate]") {
    const RunResult r = run_coverplan({"--lang", "en", "validate", std::string(COVERPLAN_TEST_DATA_DIR) + "/quality/project.toml"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("[warning] 1 villages have their centre outside their township: 大田村 (445303101202)") != std::string::npos);
    CHECK(r.out.find("[warning] 1 villages have their centre (village committee) outside their own boundary: 大田村 (445303101202)") !=
          std::string::npos);
    CHECK(r.out.find("[warning] 1 sites stand outside their township: 高村镇大田村社工点 (PT-101-01)") != std::string::npos);
    CHECK(r.out.find("[warning] 1 beneficiaries live more than 2000 m from their registered village (farthest 27.9 km)") != std::string::npos);
    CHECK(r.out.find(" beneficiaries     4     4") != std::string::npos);
    // The clean mini region has none of these.
    const RunResult clean = run_coverplan({"--lang", "en", "validate", std::string(COVERPLAN_TEST_DATA_DIR) + "/mini/project.toml"});
    CHECK(clean.exit_code == 0);
    CHECK(clean.out.find("[warning]") == std::string::npos);
}

TEST_CASE("an invalid polygon is repaired and said so", "[cli][bad]") {
    const RunResult r = check_case("invalid_geometry");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("[warning] villages.geojson, layer \"villages\", feature 0: invalid polygon of 六都村 repaired with GEOS MakeValid (Self-intersection") !=
          std::string::npos);
}

TEST_CASE("messages about the data are in Chinese by default", "[cli][bad]") {
    const RunResult r = check_case("duplicate_village_codes", "zh");
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("coverplan：错误：villages.geojson，图层“villages”，要素 4，字段“code”：村级代码 445303101202 重复（另见要素 3）") !=
          std::string::npos);
}
