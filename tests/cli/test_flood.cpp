// coverplan flood, run as a user would (issue 17): the critical links of 云安区's roads.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "cli_runner.hpp"
#include "pack_reader.hpp"

using namespace coverplan::test;
namespace fs = std::filesystem;

namespace {
const fs::path k_data = fs::path(COVERPLAN_DATA_DIR);
}  // namespace

TEST_CASE("flood on 云安区 lists the critical links, ranked by people, the CSV and the GeoJSON agreeing", "[cli][flood][yunan]") {
    const fs::path out = scratch("flood-yunan") / "out";
    const RunResult r = run_coverplan({"--lang", "en", "flood", (k_data / "yunan" / "project.toml").string(), "-o", out.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Critical links (each alone cuts off villages, sites or beneficiaries): ") != std::string::npos);
    const auto rows = read_csv(out / "critical_links.csv");
    REQUIRE(rows.size() > 0);
    const auto layers = read_vector(out / "critical_links.geojson");
    REQUIRE(layers.size() == 1);
    const VectorLayer& gj = layers.begin()->second;
    REQUIRE(gj.rows.size() == rows.size());
    CHECK(gj.invalid == 0);
    CHECK(gj.no_geometry == 0);
    std::set<std::string> ids;
    long previous = -1;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& row = rows[k];
        INFO(row.at("link"));
        CHECK(row.at("rank") == std::to_string(k + 1));
        CHECK(ids.insert(row.at("link")).second);
        CHECK(gj.rows[k].at("link") == row.at("link"));
        CHECK(gj.rows[k].at("beneficiaries_cut") == row.at("beneficiaries_cut"));
        const long people = std::stol(row.at("beneficiaries_cut"));
        if (previous >= 0) CHECK(people <= previous);  // most people first
        previous = people;
        // Something is cut off by every link listed; per category never more than the people.
        CHECK(std::stol(row.at("villages_cut")) + std::stol(row.at("sites_cut")) + people > 0);
        for (const char* c : {"dibao", "tekun", "disabled", "orphan", "left_behind_child", "elderly_alone", "family_planning_special"})
            CHECK(std::stol(row.at(c)) <= people);
        CHECK((row.at("site_in_cut_area") == "yes") == (std::stol(row.at("sites_cut")) > 0));
        // Villages by code, each a 12-digit code of 云安区.
        if (!row.at("village_codes").empty()) CHECK(row.at("village_codes").rfind("445303", 0) == 0);
    }
}

TEST_CASE("flood without a road layer is refused, naming the fix (exit 2, nothing written)", "[cli][flood]") {
    const fs::path dir = scratch("flood-noroads");
    for (const char* f : {"townships.geojson", "villages.geojson", "sites.csv"}) fs::copy_file(k_data / "yunan" / f, dir / f);
    std::string project = read_file(k_data / "yunan" / "project.toml");
    project = project.substr(0, project.find("[layers.beneficiaries]"));
    std::ofstream(dir / "project.toml", std::ios::binary) << project;
    const RunResult r = run_coverplan({"--lang", "en", "flood", (dir / "project.toml").string(), "-o", (dir / "out").string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("the flood-season analysis needs a road layer for the travel times: add [layers.roads]") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out" / "critical_links.csv"));
}
