#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/rules.hpp"
#include "io/load_region.hpp"

using namespace coverplan;

namespace {
const std::string k_data = COVERPLAN_TEST_DATA_DIR;

Region load(const std::string& project) { return io::load_region(io::read_project(project)); }

// Same townships, villages (codes, names, hierarchy, shapes) and sites, to a millimetre.
void require_same(const Region& a, const Region& b) {
    CHECK(a.working_crs == b.working_crs);
    REQUIRE(a.townships.size() == b.townships.size());
    REQUIRE(a.villages.size() == b.villages.size());
    REQUIRE(a.sites.size() == b.sites.size());
    for (std::size_t i = 0; i < a.townships.size(); ++i) {
        CHECK(a.townships[i].code == b.townships[i].code);
        CHECK(a.townships[i].name == b.townships[i].name);
        CHECK(area(a.townships[i].polygon) == Approx(area(b.townships[i].polygon)).epsilon(1e-9));
    }
    for (std::size_t i = 0; i < a.villages.size(); ++i) {
        CHECK(a.villages[i].code == b.villages[i].code);
        CHECK(a.villages[i].name == b.villages[i].name);
        CHECK(a.villages[i].township == b.villages[i].township);
        CHECK(area(a.villages[i].polygon) == Approx(area(b.villages[i].polygon)).epsilon(1e-9));
        CHECK(distance(a.villages[i].anchor, b.villages[i].anchor) < 1e-3);
    }
    for (std::size_t i = 0; i < a.sites.size(); ++i) {
        CHECK(a.sites[i].id == b.sites[i].id);
        CHECK(a.sites[i].name == b.sites[i].name);
        CHECK(a.sites[i].kind == b.sites[i].kind);
        CHECK(a.sites[i].served_villages == b.sites[i].served_villages);
        CHECK(distance(a.sites[i].location, b.sites[i].location) < 1e-3);
    }
}
}  // namespace

TEST_CASE("the mini region loads from GeoJSON and CSV with the expected model", "[loader]") {
    const Region r = load(k_data + "/mini/project.toml");
    CHECK(r.working_crs == "EPSG:4546");  // CGCS2000 / 3-degree GK CM 111E
    REQUIRE(r.townships.size() == 2);
    REQUIRE(r.villages.size() == 5);
    CHECK(r.townships[0].code == "445303100");
    CHECK(r.townships[1].name == "高村镇");
    CHECK(r.townships[0].county_code() == "445303");
    CHECK(r.county_name("445303") == "云安区");
    CHECK(r.villages[3].code == "445303101202");
    CHECK(r.villages[3].name == "大田村");
    CHECK(r.villages[3].township.value == 1);
    // 0.01 x 0.02 degrees at 23N is about 1025 m x 2214 m.
    CHECK(area(r.villages[0].polygon) == Approx(1025.0 * 2214.0).epsilon(0.01));
    CHECK(contains(r.villages[0].polygon, r.villages[0].anchor));
    REQUIRE(r.sites.size() == 4);
    CHECK(r.sites[0].kind == SiteKind::station);   // 社工站
    CHECK(r.sites[2].kind == SiteKind::station);   // station
    CHECK(r.sites[3].status == SiteStatus::existing);  // empty status
    CHECK(r.sites[3].served_villages.size() == 2);
    CHECK(r.sites[3].township.value == 1);  // by location
    REQUIRE(r.beneficiaries.size() == 3);
    CHECK(r.beneficiaries[0].categories == (bit(Category::dibao) | bit(Category::disabled)));
    CHECK(r.beneficiaries[1].weight == 2.0);
    CHECK(r.beneficiaries[2].weight == 1.0);  // empty weight → 1
    CHECK(r.beneficiaries[2].village->value == 4);
    CHECK(r.notes.empty());
}

TEST_CASE("GeoPackage, GBK Shapefile, CSV (WKT) and XLSX give the same model as GeoJSON and CSV", "[loader]") {
    const Region ref = load(k_data + "/mini/project.toml");
    SECTION("GeoPackage") { require_same(ref, load(k_data + "/mini_formats/project_gpkg.toml")); }
    SECTION("Shapefile with a GBK-encoded DBF and no .cpg") { require_same(ref, load(k_data + "/mini_formats/project_shp_gbk.toml")); }
    SECTION("GBK and GB18030: a Shapefile with a .cpg, a CSV with Chinese column names") {
        const Region gbk = load(k_data + "/mini_formats/project_gbk.toml");
        require_same(ref, gbk);
        REQUIRE(gbk.beneficiaries.size() == ref.beneficiaries.size());
        for (std::size_t i = 0; i < gbk.beneficiaries.size(); ++i) {
            CHECK(gbk.beneficiaries[i].categories == ref.beneficiaries[i].categories);
            CHECK(gbk.beneficiaries[i].village == ref.beneficiaries[i].village);
        }
        CHECK(gbk.notes.empty());  // no GDAL warning about the encoding option
    }
    SECTION("CSV with a WKT column") { require_same(ref, load(k_data + "/mini_formats/project_csv.toml")); }
    SECTION("sites from an Excel workbook whose cells are all text") {
        require_same(ref, load(k_data + "/mini_formats/project_xlsx.toml"));
    }
}

TEST_CASE("the 云安区 sample loads completely", "[loader][yunan]") {
    const Region r = load(std::string(COVERPLAN_DATA_DIR) + "/yunan/project.toml");
    CHECK(r.working_crs == "EPSG:4546");  // CGCS2000 / 3-degree GK CM 111E
    CHECK(r.townships.size() == 7);
    CHECK(r.villages.size() == 114);
    CHECK(r.sites.size() == 24);
    CHECK(r.beneficiaries.size() == 4025);
    CHECK(r.roads.size() == 382);
    for (const auto& c : r.counts) CHECK(c.read == c.used);  // nothing dropped
    // Villages per township as in the national codes (14, 15, 10, 14, 16, 23, 22).
    std::vector<int> per(7, 0);
    for (const auto& v : r.villages) per[v.township.value]++;
    CHECK(per == std::vector<int>{14, 15, 10, 14, 16, 23, 22});
    // Every village's anchor lies inside its own polygon and township.
    for (const auto& v : r.villages) {
        CHECK(contains(v.polygon, v.anchor));
        CHECK(contains(r.township(v.township).polygon, v.anchor));
    }
    for (const auto& b : r.beneficiaries) CHECK(b.village.has_value());
}

TEST_CASE("roads straight from an OSM PBF extract, with OSM's tags", "[loader][osm]") {
    const Region r = load(k_data + "/andorra_pbf/project.toml");
    CHECK(r.roads.size() == 7520);
    std::size_t oneway = 0, with_speed = 0, primary = 0;
    for (const Road& road : r.roads) {
        oneway += road.oneway != 0;
        with_speed += std::isfinite(road.speed_kmh);
        primary += road.road_class == "primary";
    }
    CHECK(oneway > 100);
    CHECK(with_speed > 100);
    CHECK(primary > 100);
    bool noted = false;
    for (const auto& n : r.notes) noted = noted || (n.code == "osm_not_roads" && n.text.en.find("2254 lines") != std::string::npos);
    CHECK(noted);
}
