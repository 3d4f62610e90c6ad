#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>

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
        {"non_numeric_weight", 3, "beneficiaries.csv, layer \"beneficiaries\", feature 2 (line 3), field \"weight\": expected a number (weight), found a value of 3 characters (not quoted: it comes from a beneficiary's record)"},
        {"unknown_served_village", 3, "sites.csv, layer \"sites\", feature 4 (line 5), field \"served\": unknown village code \"445303101299\""},
        {"unknown_category", 3, "field \"categories\": unknown category, a value of 4 characters (not quoted: it comes from a beneficiary's record)"},
        {"unknown_key", 2, "line 8: unknown key \"villages_per_piont\" in [rules]; did you mean \"villages_per_point\"?"},
        {"wrong_type", 2, "line 8: rules.villages_per_point: expected an integer, found a string"},
        {"not_toml", 2, "line 2: not valid TOML"},
        {"extent_apart", 3, "the sites layer lies 1919 km away from the townships: a wrong CRS (crs = …) or longitude and latitude swapped"},
        // The project file.
        {"pf_empty", 2, "project.toml: no [layers] section; a project needs at least [layers.townships], [layers.villages] and [layers.sites]"},
        {"pf_no_layers", 2, "project.toml: no [layers] section"},
        {"pf_no_sites_layer", 2, "project.toml: missing [layers.sites]; townships, villages and sites are required"},
        {"pf_villages_per_point_zero", 2, "line 8: rules.villages_per_point: expected a whole number from 1 to 100 villages (the programme's points serve 3; a point serving more than 100 is no point), found 0"},
        {"pf_huge_number", 2, "line 8: rules.villages_per_point: expected a whole number from 1 to 100 villages (the programme's points serve 3; a point serving more than 100 is no point), found 99999999999999"},
        {"pf_nan_threshold", 2, "line 8: travel.thresholds_min: expected a number > 0 and ≤ 600 minutes (a trip of over 10 hours is not a visit), found nan"},
        {"pf_bad_coordinates", 2, "line 18: layers.sites.coordinates: expected \"wgs84\", \"gcj02\" or \"bd09\", found \"gcj\""},
        {"pf_unknown_layer", 2, "line 21: unknown key \"beneficiary\" in [layers]; did you mean \"beneficiaries\"?"},
        {"pf_unknown_field_role", 2, "line 19: unknown key \"servd_villages\" in [layers.sites.fields]; did you mean \"served_villages\"?"},
        {"pf_bad_crs", 2, "crs = \"EPSG:999999\" is not a CRS PROJ knows"},
        {"pf_geographic_crs", 2, "crs = \"EPSG:4326\" (WGS 84) is not a projected CRS in metres"},
        {"pf_duplicate_key", 2, "line 3: not valid TOML: Error while parsing key-value pair: cannot redefine existing string 'name'"},
        {"pf_invalid_utf8", 2, "line 2: not valid TOML: Encountered invalid utf-8 sequence"},
        {"pf_source_directory", 3, "[layers.sites] source ../../mini is a folder; expected a data file"},
        {"pf_empty_source", 2, "line 14: layers.sites.source: every layer needs a source"},
        {"pf_source_wrong_type", 2, "line 14: layers.sites.source: expected a string, found an integer"},
        {"pf_bad_where", 2, "[layers.villages] where = \"code = = 1\" is not a valid filter for ../../mini/villages.geojson: SQL Expression Parsing Error"},
        {"device_source", 3, "[layers.beneficiaries] source zero.csv is a device, not a data file; reading it would never end"},
        {"cyclic_symlink", 3, "[layers.villages] source loop.geojson is a symbolic link that leads nowhere (broken, or a loop)"},
        // The data.
        {"truncated_geojson", 3, "villages.geojson: cannot open as a vector data source: Failed to read GeoJSON data"},
        {"garbage_geojson", 3, "villages.geojson: cannot open as a vector data source: no GDAL driver recognises it"},
        {"csv_empty_file", 3, "sites.csv: cannot open as a vector data source"},
        {"csv_nan_coordinate", 3, "sites.csv, layer \"sites\", feature 2 (line 3), field \"lon\": expected a number (x), found \"NaN\""},
        {"csv_huge_coordinate", 3, "sites.csv, layer \"sites\", feature 2 (line 3): coordinates could not be transformed from EPSG:4326"},
        {"csv_empty_coordinate", 3, "sites.csv, layer \"sites\", feature 2 (line 3), field \"lat\": expected a coordinate, found an empty cell"},
        {"csv_text_coordinate", 3, "sites.csv, layer \"sites\", feature 3 (line 4), field \"lat\": expected a number (y), found \"北纬23度\""},
        {"swapped_lon_lat", 3, "sites.csv, layer \"sites\", feature 1 (line 2): coordinates could not be transformed from EPSG:4326 to the working CRS; check the layer's CRS (are longitude and latitude swapped?)"},
        {"wrong_crs", 3, "the sites layer lies 20588 km away from the townships: a wrong CRS"},
        {"mixed_geometry", 3, "villages.geojson, layer \"villages\", feature 1: expected polygon or point geometry, found LINESTRING"},
        {"null_geometry", 3, "villages.geojson, layer \"villages\", feature 3: expected polygon or point geometry, found no geometry"},
        {"all_duplicate", 3, "villages.geojson, layer \"villages\", feature 1, field \"code\": duplicate village code 445303100201 (also feature 0)"},
        {"empty_code", 3, "villages.geojson, layer \"villages\", feature 2, field \"code\": expected a village code (12-digit statistical code or a local id), found an empty value"},
        {"enc_gbk_csv_undeclared", 3, "sites_gbk.csv, layer \"sites_gbk\", feature 1 (line 2), field \"name\": expected UTF-8 text, found \"\\xC1\\xF9\\xB6\\xBC\\xD5\\xF2\\xC9繤վ\": the file is probably in GBK/GB18030 (older Excel and ArcGIS exports); add encoding = \"GBK\" to [layers.sites]"},
        {"enc_gbk_shp_undeclared", 3, "villages_gbk.shp, layer \"villages_gbk\", feature 0, field \"name\": expected UTF-8 text, found \"\\xC1\\xF9\\xB6\\xBC\\xB4\\xE5\": the file is probably in GBK/GB18030"},
        {"enc_wrong_declared", 3, "field \"name\": expected text in UTF-8 (encoding = \"UTF-8\"), found bytes that are not"},
        {"csv_holds_vrt", 3, "sites.csv: cannot open as a vector data source"},  // not opened as the VRT it holds
        {"short_code", 3, "sites.csv, layer \"sites\", feature 3 (line 4), field \"served\": unknown village code \"445303101201\""},
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
    CHECK(r.out.find(" roads             4     4") != std::string::npos);
    // Geometry and text.
    CHECK(r.out.find("[warning] villages.geojson, layer \"villages\", feature 2: invalid polygon of 高村\xEF\xBF\xBD repaired with GEOS MakeValid") !=
          std::string::npos);
    CHECK(r.out.find("[warning] 1 names look garbled") != std::string::npos);
    CHECK(r.out.find("fix them in the source: 高村\xEF\xBF\xBD (445303101201)") != std::string::npos);
    // The road network: a part cut off (a missing bridge) and what is stranded on it, and what
    // has no road within max_snap_m.
    CHECK(r.out.find("[info] 1 road parts (0.5 km of road) are not connected to the main network") != std::string::npos);
    CHECK(r.out.find("[warning] 1 villages join a road that is cut off from the main network: 谭翁村 (445303101203)") != std::string::npos);
    CHECK(r.out.find("[warning] 1 beneficiaries join a road that is cut off from the main network") != std::string::npos);
    CHECK(r.out.find("[warning] 1 villages have no usable road within 500 m and count as not reached: 大河村 (445303100202)") != std::string::npos);
    CHECK(r.out.find("[warning] 1 sites have no usable road within 500 m and count as not reached: 六都镇大河村社工点 (PT-100-01)") !=
          std::string::npos);
    CHECK(r.out.find("[warning] 2 beneficiaries have no usable road within 500 m") != std::string::npos);
    // A township the villages and roads layers both miss.
    CHECK(r.out.find("[warning] 1 townships have no usable road inside them (does the road layer cover them?): 白石镇 (445303102)") !=
          std::string::npos);
    CHECK(r.out.find("[warning] 1 townships have no village in the villages layer (is the layer complete?): 白石镇 (445303102)") !=
          std::string::npos);
    CHECK(r.out.find(" townships         3     3") != std::string::npos);
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

TEST_CASE("tolerated oddities load with a note, never silently", "[cli][bad]") {
    const RunResult header_only = check_case("csv_header_only");
    CHECK(header_only.exit_code == 0);
    CHECK(header_only.out.find("[warning] the sites layer has no features: no station or point is built yet") != std::string::npos);
    const RunResult unclosed = check_case("unclosed_ring");
    CHECK(unclosed.exit_code == 0);
    CHECK(unclosed.err.empty());  // GDAL's own warning is routed into our notes, not printed raw
    CHECK(unclosed.out.find("[warning] villages.geojson, layer \"villages\": GDAL reported: Non closed ring detected") != std::string::npos);
    const RunResult numeric = check_case("numeric_code");  // a code stored as a number is read as its digits
    CHECK(numeric.exit_code == 0);
    CHECK(numeric.out.find("5 villages") != std::string::npos);
}

TEST_CASE("every input of the bad corpus ends with a documented exit code and a message", "[cli][bad]") {
    std::size_t cases = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::string(COVERPLAN_TEST_DATA_DIR) + "/bad")) {
        if (!e.is_directory()) continue;
        ++cases;
        const RunResult r = check_case(e.path().filename().string());
        INFO(e.path().filename().string() << ": " << r.err);
        CHECK((r.exit_code == 0 || r.exit_code == 2 || r.exit_code == 3));
        if (r.exit_code != 0) CHECK(r.err.rfind("coverplan: error: ", 0) == 0);
        CHECK(r.err.find("internal error") == std::string::npos);
    }
    CHECK(cases >= 40);
}

TEST_CASE("a named pipe as a source or as the project file is refused, not waited on", "[cli][bad]") {
    namespace fs = std::filesystem;
    const fs::path dir = scratch("bad-fifo");
    for (const char* f : {"townships.geojson", "villages.geojson", "beneficiaries.csv"})
        fs::copy_file(fs::path(COVERPLAN_TEST_DATA_DIR) / "mini" / f, dir / f);
    REQUIRE(::mkfifo((dir / "sites.csv").c_str(), 0600) == 0);
    { std::ofstream(dir / "project.toml") << read_file(fs::path(COVERPLAN_TEST_DATA_DIR) / "mini" / "project.toml"); }
    const RunResult source = run_coverplan({"--lang", "en", "check", (dir / "project.toml").string()});
    CHECK(source.exit_code == 3);
    CHECK(source.err.find("[layers.sites] source sites.csv is a named pipe, not a data file") != std::string::npos);

    REQUIRE(::mkfifo((dir / "pipe.toml").c_str(), 0600) == 0);
    const RunResult project = run_coverplan({"--lang", "en", "check", (dir / "pipe.toml").string()});
    CHECK(project.exit_code == 2);
    CHECK(project.err.find("pipe.toml is a named pipe; expected a project file") != std::string::npos);
}

TEST_CASE("a 100 MB line in a CSV ends with a message, not a hang or a crash", "[cli][bad][slow]") {
#ifdef COVERPLAN_SANITIZED
    // GDAL's CSV reader grows the line in small steps and measures it each time; under the
    // sanitizers' string interceptors that took over 5 minutes. The release run covers it.
    SUCCEED("skipped under the sanitizers");
    return;
#endif
    namespace fs = std::filesystem;
    const fs::path dir = scratch("bad-long-line");
    for (const char* f : {"townships.geojson", "villages.geojson", "beneficiaries.csv"})
        fs::copy_file(fs::path(COVERPLAN_TEST_DATA_DIR) / "mini" / f, dir / f);
    {
        std::ofstream sites(dir / "sites.csv", std::ios::binary);
        sites << "id,name,kind,status,served,lon,lat\nST-100,";
        const std::string block(1 << 20, 'x');
        for (int i = 0; i < 100; ++i) sites << block;
        sites << ",社工站,已建,445303100201,112.005,23.01\n";
    }
    std::string project = read_file(fs::path(COVERPLAN_TEST_DATA_DIR) / "mini" / "project.toml");
    { std::ofstream(dir / "project.toml") << project; }
    const RunResult r = run_coverplan({"--lang", "en", "check", (dir / "project.toml").string()});
    INFO(r.err.substr(0, 500));
    CHECK(r.exit_code == 0);
    // GDAL stops reading at its line limit; that is said, and the layer counts as empty.
    CHECK(r.out.find("[warning] sites.csv, layer \"sites\": GDAL reported: Maximum number of characters allowed reached.") != std::string::npos);
    CHECK(r.out.find("0 sites") != std::string::npos);
    CHECK(r.err.find("internal error") == std::string::npos);
}
