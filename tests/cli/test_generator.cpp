#include <catch2/catch.hpp>

#include "cli_runner.hpp"

using namespace coverplan::test;
namespace fs = std::filesystem;

TEST_CASE("the generator reproduces data/yunan byte for byte from its seed", "[generator][yunan]") {
    const fs::path out = scratch("gen-yunan");
    const fs::path src = fs::path(COVERPLAN_DATA_DIR) / "yunan" / "source";
    const RunResult r = run(COVERPLAN_GEN_BINARY,
                            {"county", "--county", "445303", "--seed", "2021", "--sites", "yunan-2021", "--gcj02", "--townships",
                             (src / "townships_nbs2023.csv").string(), "--villages", (src / "villages_nbs2023.csv").string(),
                             "--outlines", (src / "yunan_outline_gcj02.geojson").string(), "--out", out.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    for (const char* file : {"townships.geojson", "villages.geojson", "roads.geojson", "beneficiaries.csv", "sites.csv", "hazards.geojson",
                             "closures.geojson", "shelters.csv", "project.toml"}) {
        INFO(file);
        const std::string made = read_file(out / file);
        CHECK(made.size() > 100);
        CHECK(made == read_file(fs::path(COVERPLAN_DATA_DIR) / "yunan" / file));
    }
}

TEST_CASE("another seed gives another region with the same names and codes", "[generator]") {
    const fs::path out = scratch("gen-other-seed");
    const fs::path src = fs::path(COVERPLAN_DATA_DIR) / "yunan" / "source";
    const RunResult r = run(COVERPLAN_GEN_BINARY,
                            {"county", "--county", "445303", "--seed", "7", "--gcj02", "--townships", (src / "townships_nbs2023.csv").string(),
                             "--villages", (src / "villages_nbs2023.csv").string(), "--outlines",
                             (src / "yunan_outline_gcj02.geojson").string(), "--out", out.string()});
    REQUIRE(r.exit_code == 0);
    CHECK(read_file(out / "villages.geojson") != read_file(fs::path(COVERPLAN_DATA_DIR) / "yunan" / "villages.geojson"));
    const auto sites = read_csv(out / "sites.csv");
    int stations = 0;
    for (const auto& s : sites) stations += s.at("kind") == "社工站";
    CHECK(stations == 7);
}

TEST_CASE("the generator reproduces data/andorra byte for byte from the extracted OSM layers", "[generator][andorra]") {
    const fs::path out = scratch("gen-andorra");
    const fs::path dir = fs::path(COVERPLAN_DATA_DIR) / "andorra";
    const RunResult r = run(COVERPLAN_GEN_BINARY, {"andorra", "--parishes", (dir / "source" / "parishes.geojson").string(), "--places",
                                                   (dir / "source" / "places.geojson").string(), "--seed", "2025", "--out", out.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    for (const char* file : {"townships.geojson", "villages.geojson", "beneficiaries.csv", "sites.csv", "assignments.csv", "project.toml"}) {
        INFO(file);
        CHECK(read_file(out / file) == read_file(dir / file));
    }
    CHECK_FALSE(fs::exists(out / "roads.geojson"));  // Andorra uses the real OSM roads
}
