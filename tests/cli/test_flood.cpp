// coverplan flood, run as a user would (issue 17): the critical links of 云安区's roads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_srs_api.h>
#include <nlohmann/json.hpp>
#include <ogr_spatialref.h>

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
    // The sample's own flood-season layers: every output of the scenario is there.
    for (const char* f : {"exposure.csv", "priority.csv", "shelters.csv", "cutoff.csv", "closed_roads.geojson"}) {
        INFO(f);
        CHECK(fs::file_size(out / f) > 100);
    }
    CHECK(read_csv(out / "shelters.csv").size() == 38);
    // The flood maps: the county, and each township with people in a zone or a village cut off or
    // on a detour (its village codes' first nine digits), in PNG, PDF and SVG.
    std::set<std::string> affected;
    for (const auto& row : read_csv(out / "exposure.csv"))
        if (!row.at("village_code").empty()) affected.insert(row.at("village_code").substr(0, 9));
    for (const auto& row : read_csv(out / "cutoff.csv"))
        if (row.at("status") != "unchanged" && row.at("status") != "not reached before") affected.insert(row.at("village_code").substr(0, 9));
    std::set<std::string> pages;
    for (const auto& e : fs::directory_iterator(out / "maps"))
        if (e.path().extension() == ".svg") pages.insert(e.path().stem().string());
    std::set<std::string> expected{"flood"};
    for (const std::string& t : affected) expected.insert("flood_" + t);
    CHECK(pages == expected);
    for (const std::string& p : pages)
        for (const char* ext : {".png", ".pdf"}) CHECK(fs::file_size(out / "maps" / (p + ext)) > 1000);
    // The county page draws every shelter, at most 20 critical links, the closed stretches.
    const std::string svg = read_file(out / "maps" / "flood.svg");
    auto group = [&](const std::string& name) {
        const auto at = svg.find("<g class=\"" + name + "\">");
        REQUIRE(at != std::string::npos);
        return svg.substr(at, svg.find("</g>", at) - at);
    };
    auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    CHECK(count(group("shelters"), "<path") == 38);
    CHECK(count(group("critical-links"), "<path") == 20);
    CHECK(count(group("closed-roads"), "<path") > 0);
    CHECK(count(group("hazard-zones"), "<path") == 5);
    CHECK(read_csv(out / "cutoff.csv").size() == 114);
    const auto rows = read_csv(out / "critical_links.csv");
    REQUIRE(rows.size() > 0);
    // The detour links: the CSV and the GeoJSON agree, most people first, each lengthening the
    // trips of at least detour_people (10) beneficiaries by more than detour_min (10 min).
    const auto detours = read_csv(out / "detour_links.csv");
    const VectorLayer detour_gj = read_vector(out / "detour_links.geojson").begin()->second;
    REQUIRE(detours.size() > 0);
    REQUIRE(detour_gj.rows.size() == detours.size());
    CHECK(detour_gj.invalid == 0);
    for (std::size_t k = 0; k < detours.size(); ++k) {
        const auto& row = detours[k];
        CHECK(detour_gj.rows[k].at("link") == row.at("link"));
        CHECK(std::stol(row.at("beneficiaries_delayed")) >= 10);
        CHECK(std::stol(row.at("beneficiaries_delayed")) <= std::stol(row.at("beneficiaries_using")));
        if (std::stol(row.at("villages_unreached")) < std::stol(row.at("villages_delayed"))) CHECK(std::stod(row.at("max_extra_min")) > 10);
        if (k > 0) CHECK(std::stol(row.at("beneficiaries_delayed")) <= std::stol(detours[k - 1].at("beneficiaries_delayed")));
        CHECK(std::find_if(rows.begin(), rows.end(), [&](const auto& c) { return c.at("link") == row.at("link"); }) == rows.end());
    }
    CHECK(r.out.find("Detour links (a way round exists, but trips of at least 10 beneficiaries grow by more than 10 min): of the 20 busiest") !=
          std::string::npos);
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

namespace {

// The sample's project file without its flood-season part (its own hazards, closures, shelters).
void write_without_flood(const fs::path& project) {
    std::string text = read_file(k_data / "yunan" / "project.toml");
    const auto at = text.find("\n# Flood season");
    REQUIRE(at != std::string::npos);
    std::ofstream(project, std::ios::binary) << text.substr(0, at + 1);
}

// data/yunan copied with a hazard layer made here: zone A (level 2, 洪涝) a square of ±0.005°
// around the first beneficiary, inside zone B (level 1, 低洼) of ±0.02°, and zone C (高 = 3,
// 地质灾害) of ±0.006° around the 2000th. `hazards` replaces the layer's GeoJSON when given.
struct HazardProject {
    fs::path dir;
    std::vector<std::array<double, 2>> centres;
};

std::string square(double lon, double lat, double half) {
    auto pt = [](double x, double y) { return "[" + std::to_string(x) + ", " + std::to_string(y) + "]"; };
    return "{\"type\": \"Polygon\", \"coordinates\": [[" + pt(lon - half, lat - half) + ", " + pt(lon + half, lat - half) + ", " +
           pt(lon + half, lat + half) + ", " + pt(lon - half, lat + half) + ", " + pt(lon - half, lat - half) + "]]}";
}

HazardProject hazard_project(const std::string& name, const std::string& hazards = "", const std::string& extra_toml = "",
                             bool households = false) {
    HazardProject hp;
    hp.dir = scratch(name);
    for (const auto& e : fs::directory_iterator(k_data / "yunan"))
        if (e.is_regular_file()) fs::copy_file(e.path(), hp.dir / e.path().filename());
    if (households) {
        // A 户号 column: rows 0–1 of a village one household, 2–3 the next, …
        std::ifstream in(k_data / "yunan" / "beneficiaries.csv", std::ios::binary);
        std::ofstream out(hp.dir / "beneficiaries.csv", std::ios::binary);
        std::string line;
        auto chomp = [](std::string& l) {
            if (!l.empty() && l.back() == '\r') l.pop_back();  // the sample's CSV ends its lines with CRLF
        };
        std::getline(in, line);
        chomp(line);
        out << line << ",户号\r\n";
        const auto rows = read_csv(k_data / "yunan" / "beneficiaries.csv");
        std::map<std::string, int> in_village;
        for (const auto& row : rows) {
            REQUIRE(std::getline(in, line));
            chomp(line);
            const int k = in_village[row.at("village_code")]++;
            out << line << ",H" << row.at("village_code") << "-" << k / 2 << "\r\n";
        }
    }
    const auto rows = read_csv(k_data / "yunan" / "beneficiaries.csv");
    for (std::size_t k : {std::size_t{0}, std::size_t{1999}}) hp.centres.push_back({std::stod(rows[k].at("lon")), std::stod(rows[k].at("lat"))});
    const auto& a = hp.centres[0];
    const auto& c = hp.centres[1];
    const std::string geojson =
        !hazards.empty() ? hazards
                         : "{\"type\": \"FeatureCollection\", \"features\": [\n"
                           "{\"type\": \"Feature\", \"properties\": {\"风险等级\": \"2\", \"类型\": \"洪涝\", \"名称\": \"A\"}, \"geometry\": " +
                               square(a[0], a[1], 0.005) +
                               "},\n"
                               "{\"type\": \"Feature\", \"properties\": {\"风险等级\": \"1\", \"类型\": \"低洼\", \"名称\": \"B\"}, \"geometry\": " +
                               square(a[0], a[1], 0.02) +
                               "},\n"
                               "{\"type\": \"Feature\", \"properties\": {\"风险等级\": \"高\", \"类型\": \"地质灾害\", \"名称\": \"C\"}, \"geometry\": " +
                               square(c[0], c[1], 0.006) + "}]}\n";
    std::ofstream(hp.dir / "hazards.geojson", std::ios::binary) << geojson;
    write_without_flood(hp.dir / "project.toml");
    if (households) {
        std::string text = read_file(hp.dir / "project.toml");
        const auto at = text.find("record = \"id\"");
        REQUIRE(at != std::string::npos);
        text.insert(at, "household = \"户号\"\n");
        std::ofstream(hp.dir / "project.toml", std::ios::binary) << text;
    }
    std::ofstream(hp.dir / "project.toml", std::ios::app | std::ios::binary)
        << "\n[layers.hazards]\nsource = \"hazards.geojson\"\n[layers.hazards.fields]\nlevel = \"风险等级\"\ntype = \"类型\"\nname = \"名称\"\n"
        << extra_toml;
    return hp;
}

// Lon/lat and 云安区's working CRS (EPSG:4546), both ways, for the independent computations.
struct WorkingCrs {
    OGRSpatialReference wgs84, working;
    std::unique_ptr<OGRCoordinateTransformation> fwd, back;
    WorkingCrs() {
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        working.importFromEPSG(4546);
        working.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        fwd.reset(OGRCreateCoordinateTransformation(&wgs84, &working));
        back.reset(OGRCreateCoordinateTransformation(&working, &wgs84));
        REQUIRE(fwd);
        REQUIRE(back);
    }
    // A planted square zone, in the working CRS.
    std::unique_ptr<OGRGeometry> zone(const std::array<double, 2>& centre, double half) const {
        std::unique_ptr<OGRGeometry> g(OGRGeometryFactory::createFromGeoJson(square(centre[0], centre[1], half).c_str()));
        REQUIRE(g);
        g->transform(fwd.get());
        return g;
    }
};

}  // namespace

TEST_CASE("flood counts the beneficiaries in hazard zones as an independent GEOS count does, and lists the priority ones by record id",
          "[cli][flood][yunan]") {
    // Households (户号) planted: each two neighbouring rows of a village one household.
    const HazardProject hp = hazard_project("flood-exposure", "", "", true);
    const fs::path out = hp.dir / "out";
    const RunResult r = run_coverplan({"--lang", "en", "flood", (hp.dir / "project.toml").string(), "-o", out.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);

    // Independently: every beneficiary and zone in the working CRS (EPSG:4546 for 云安区), GEOS's
    // Within through OGR, the highest level of the zones that hold the point.
    const WorkingCrs crs;
    struct Zone {
        int level;
        std::unique_ptr<OGRGeometry> g;
    };
    std::vector<Zone> zones;
    zones.push_back({2, crs.zone(hp.centres[0], 0.005)});
    zones.push_back({1, crs.zone(hp.centres[0], 0.02)});
    zones.push_back({3, crs.zone(hp.centres[1], 0.006)});
    OGRCoordinateTransformation* tr = crs.fwd.get();
    std::map<int, std::size_t> by_level;
    std::map<std::pair<int, std::string>, std::set<std::string>> homes;  // (level, village) → households
    std::set<std::string> priority;
    const char* priority_words[] = {"特困", "孤儿", "无人抚养", "残疾", "独居", "空巢", "留守"};
    for (const auto& row : read_csv(hp.dir / "beneficiaries.csv")) {
        OGRPoint p(std::stod(row.at("lon")), std::stod(row.at("lat")));
        p.transform(tr);
        int level = 0;
        for (const Zone& z : zones)
            if (p.Within(z.g.get())) level = std::max(level, z.level);
        if (level == 0) continue;
        ++by_level[level];
        homes[{level, row.at("village_code")}].insert(row.at("户号"));
        for (const char* w : priority_words)
            if (row.at("categories").find(w) != std::string::npos) priority.insert(row.at("id"));
    }
    REQUIRE(by_level[1] + by_level[2] + by_level[3] > 20);  // the planted zones hold people
    CHECK(by_level[2] > 0);
    CHECK(by_level[3] > 0);

    std::map<int, std::size_t> got;
    std::size_t household_rows = 0;
    for (const auto& row : read_csv(out / "exposure.csv")) {
        got[std::stoi(row.at("level"))] += std::stoul(row.at("beneficiaries"));
        INFO(row.at("level") << " " << row.at("village_code"));
        CHECK(std::stoul(row.at("households")) == homes[{std::stoi(row.at("level")), row.at("village_code")}].size());
        CHECK(std::stoul(row.at("households")) <= std::stoul(row.at("beneficiaries")));
        household_rows += std::stoul(row.at("households")) < std::stoul(row.at("beneficiaries"));
        CHECK(std::stoul(row.at("priority")) <= std::stoul(row.at("beneficiaries")));
        if (row.at("level") == "3") CHECK(row.at("hazard_types") == "地质灾害");
    }
    CHECK(household_rows > 0);  // the planted households join people
    CHECK(got[1] == by_level[1]);
    CHECK(got[2] == by_level[2]);
    CHECK(got[3] == by_level[3]);

    const auto listed = read_csv(out / "priority.csv");
    std::set<std::string> records;
    int previous_level = 9;
    for (const auto& row : listed) {
        records.insert(row.at("record"));
        CHECK(std::stoi(row.at("level")) <= previous_level);  // highest level first
        previous_level = std::stoi(row.at("level"));
        CHECK(row.at("categories").find("dibao") == std::string::npos);  // only the priority categories named
    }
    std::vector<std::string> only_here, only_there;
    std::set_difference(records.begin(), records.end(), priority.begin(), priority.end(), std::back_inserter(only_here));
    std::set_difference(priority.begin(), priority.end(), records.begin(), records.end(), std::back_inserter(only_there));
    INFO("listed but not counted: " << only_here.size() << (only_here.empty() ? "" : " e.g. " + only_here.front()));
    INFO("counted but not listed: " << only_there.size() << (only_there.empty() ? "" : " e.g. " + only_there.front()));
    CHECK(records == priority);
    CHECK(listed.size() == priority.size());
    // The outreach lists every exposed person exactly once, planned or with why not.
    std::map<std::string, int> outreach;
    std::size_t exposed = 0;
    for (const auto& [level, n] : by_level) exposed += n;
    const auto outreach_rows = read_csv(out / "outreach.csv");
    for (const auto& row : outreach_rows) ++outreach[row.at("record")];
    CHECK(outreach_rows.size() == exposed);
    CHECK(outreach.size() == exposed);
    // Nothing personal: the planted name, ID-number and phone columns never appear.
    for (const char* file : {"exposure.csv", "priority.csv", "outreach.csv", "outreach_tours.geojson"}) {
        const std::string text = read_file(out / file);
        CHECK(text.find("某某") == std::string::npos);
        CHECK(text.find("********") == std::string::npos);
        CHECK(text.find("****") == std::string::npos);
        CHECK(text.find("H445303") == std::string::npos);  // household ids are counted, never written
    }
    CHECK(r.out.find("Hazard zones: 3 (level 3: 1 (") != std::string::npos);
    CHECK(r.out.find(" households), in ") != std::string::npos);
}

TEST_CASE("bad hazard layers and flood settings end with a located message", "[cli][flood][bad]") {
    struct Case {
        const char* name;
        std::string hazards;
        std::string toml;
        int exit_code;
        const char* message;
    };
    const std::string point = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"风险等级\": 2, \"类型\": \"洪涝\", \"名称\": \"P\"}, "
                              "\"geometry\": {\"type\": \"Point\", \"coordinates\": [112.1, 23.0]}}]}";
    const std::string no_level = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"级别\": 2}, "
                                 "\"geometry\": " + square(112.1, 23.0, 0.01) + "}]}";
    const std::string bad_level = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"风险等级\": \"很危险\", \"类型\": \"洪涝\", \"名称\": \"Q\"}, "
                                  "\"geometry\": " + square(112.1, 23.0, 0.01) + "}]}";
    const Case cases[] = {
        {"flood-bad-point", point, "", 3, "hazards.geojson, layer \"hazards\", feature 0: expected polygon"},
        {"flood-bad-nolevel", no_level, "", 3, "field \"风险等级\": expected a field \"风险等级\" (level)"},
        {"flood-bad-level", bad_level, "", 3, "field \"风险等级\": expected a hazard level: a whole number from 1 (lowest) to 9, or 低, 中, 高, 极高; found \"很危险\""},
        {"flood-bad-priority", "", "\n[flood]\npriority = [\"特困\", \"富人\"]\n", 2, "flood.priority: unknown category \"富人\""},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        const HazardProject hp = hazard_project(c.name, c.hazards, c.toml);
        const RunResult r = run_coverplan({"--lang", "en", "flood", (hp.dir / "project.toml").string(), "-o", (hp.dir / "out").string()});
        CHECK(r.exit_code == c.exit_code);
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK_FALSE(fs::exists(hp.dir / "out" / "exposure.csv"));
    }
}

TEST_CASE("with roads closed, each village's times equal an ordinary coverage run on a road layer cut beforehand", "[cli][flood][yunan]") {
    // Zones of level ≥ 1 close roads: all three planted zones.
    const HazardProject hp = hazard_project("flood-closed", "", "\n[flood]\nclose_roads_from_level = 1\n");
    const RunResult r = run_coverplan({"--lang", "en", "flood", (hp.dir / "project.toml").string(), "-o", (hp.dir / "out").string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);

    // The same roads cut by the zones with GEOS through OGR, in the working CRS (EPSG:4546), written
    // back in lon/lat as an ordinary road layer of a copy of the project without hazards.
    const WorkingCrs crs;
    std::vector<std::unique_ptr<OGRGeometry>> zones;
    zones.push_back(crs.zone(hp.centres[0], 0.005));
    zones.push_back(crs.zone(hp.centres[0], 0.02));
    zones.push_back(crs.zone(hp.centres[1], 0.006));
    const fs::path plain = scratch("flood-closed-plain");
    for (const auto& e : fs::directory_iterator(k_data / "yunan"))
        if (e.is_regular_file() && e.path().filename() != "roads.geojson") fs::copy_file(e.path(), plain / e.path().filename());
    {
        GDALDatasetH in = GDALOpenEx((k_data / "yunan" / "roads.geojson").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
        REQUIRE(in);
        GDALDriverH drv = GDALGetDriverByName("GeoJSON");
        GDALDatasetH out = GDALCreate(drv, (plain / "roads.geojson").c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        REQUIRE(out);
        OGRLayerH src = GDALDatasetGetLayer(in, 0);
        OGRSpatialReference wgs84 = crs.wgs84;
        OGRLayerH dst = GDALDatasetCreateLayer(out, "roads", OGRSpatialReference::ToHandle(&wgs84), wkbUnknown, nullptr);
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(src);
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) OGR_L_CreateField(dst, OGR_FD_GetFieldDefn(defn, i), TRUE);
        OGR_L_ResetReading(src);
        std::size_t cut = 0;
        while (OGRFeatureH f = OGR_L_GetNextFeature(src)) {
            std::unique_ptr<OGRGeometry> g(OGRGeometry::FromHandle(OGR_F_GetGeometryRef(f))->clone());
            g->transform(crs.fwd.get());
            for (const auto& z : zones)
                if (g->Intersects(z.get())) {
                    g.reset(g->Difference(z.get()));
                    ++cut;
                }
            if (!g->IsEmpty()) {
                g->transform(crs.back.get());
                OGRFeatureH o = OGR_F_Create(OGR_L_GetLayerDefn(dst));
                for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) OGR_F_SetFieldString(o, i, OGR_F_GetFieldAsString(f, i));
                OGR_F_SetGeometry(o, OGRGeometry::ToHandle(g.get()));
                REQUIRE(OGR_L_CreateFeature(dst, o) == OGRERR_NONE);
                OGR_F_Destroy(o);
            }
            OGR_F_Destroy(f);
        }
        CHECK(cut > 5);
        GDALClose(out);
        GDALClose(in);
    }
    const RunResult c = run_coverplan({"--lang", "en", "coverage", (plain / "project.toml").string(), "-o", (plain / "out").string(), "--no-polygons"});
    INFO(c.out << c.err);
    REQUIRE(c.exit_code == 0);
    const auto villages = read_vector(plain / "out" / "villages.geojson").begin()->second.rows;
    std::map<std::string, std::map<std::string, std::string>> by_code;
    for (const auto& v : villages) by_code[v.at("code")] = v;
    const auto cutoff = read_csv(hp.dir / "out" / "cutoff.csv");
    REQUIRE(cutoff.size() == villages.size());
    std::size_t cut_off = 0, compared = 0;
    auto same = [&](const std::string& ours, const std::string& theirs) {
        if (ours.empty() || theirs.empty()) return ours.empty() && theirs.empty();
        return std::abs(std::stod(ours) - std::stod(theirs)) <= 0.011;  // both written to 0.01 min
    };
    for (const auto& row : cutoff) {
        INFO(row.at("village_code") << " " << row.at("status"));
        REQUIRE(by_code.count(row.at("village_code")) == 1);
        const auto& v = by_code.at(row.at("village_code"));
        CHECK(same(row.at("nearest_after_min"), v.at("nearest_min")));
        CHECK(same(row.at("own_site_after_min"), v.at("assigned_min")));
        cut_off += row.at("status") == "cut off from every site";
        ++compared;
    }
    CHECK(compared == 114);
    CHECK(cut_off >= 1);
    CHECK(fs::exists(hp.dir / "out" / "closed_roads.geojson"));
}

TEST_CASE("closures given as points and a closing level without hazard zones are refused", "[cli][flood][bad]") {
    {
        const HazardProject hp = hazard_project("flood-bad-closures", "", "\n[layers.closures]\nsource = \"closures.geojson\"\n");
        std::ofstream(hp.dir / "closures.geojson", std::ios::binary)
            << "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {}, "
               "\"geometry\": {\"type\": \"Point\", \"coordinates\": [112.1, 23.0]}}]}";
        const RunResult r = run_coverplan({"--lang", "en", "flood", (hp.dir / "project.toml").string(), "-o", (hp.dir / "out").string()});
        CHECK(r.exit_code == 3);
        CHECK(r.err.find("closures.geojson, layer \"closures\", feature 0: expected line (a closed stretch of road) or polygon (a closed area)") !=
              std::string::npos);
    }
    {
        const fs::path dir = scratch("flood-bad-level-no-zones");
        for (const auto& e : fs::directory_iterator(k_data / "yunan"))
            if (e.is_regular_file()) fs::copy_file(e.path(), dir / e.path().filename());
        write_without_flood(dir / "project.toml");
        std::ofstream(dir / "project.toml", std::ios::app | std::ios::binary) << "\n[flood]\nclose_roads_from_level = 2\n";
        const RunResult r = run_coverplan({"--lang", "en", "flood", (dir / "project.toml").string(), "-o", (dir / "out").string()});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("[flood] close_roads_from_level closes the roads in hazard zones, but there is no [layers.hazards]") != std::string::npos);
    }
}

TEST_CASE("people in hazard zones go to the nearest shelter by the open roads; a shelter over capacity is said so", "[cli][flood][yunan]") {
    const HazardProject hp = hazard_project(
        "flood-shelters", "",
        "\n[flood]\nclose_roads_from_level = 2\n[layers.shelters]\nsource = \"shelters.geojson\"\n[layers.shelters.fields]\nid = \"编号\"\n"
        "name = \"名称\"\ncapacity = \"容量\"\n");
    // Two shelters near zone B (one with 5 places), one far away with room for everyone.
    const auto& a = hp.centres[0];
    auto point = [](const std::string& id, double lon, double lat, int cap) {
        return "{\"type\": \"Feature\", \"properties\": {\"编号\": \"" + id + "\", \"名称\": \"" + id + "小学\", \"容量\": " + std::to_string(cap) +
               "}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + std::to_string(lon) + ", " + std::to_string(lat) + "]}}";
    };
    std::ofstream(hp.dir / "shelters.geojson", std::ios::binary)
        << "{\"type\": \"FeatureCollection\", \"features\": [" << point("S1", a[0] + 0.03, a[1], 5) << ", " << point("S2", a[0] - 0.03, a[1] + 0.01, 1000)
        << ", " << point("S3", a[0] + 0.3, a[1] - 0.2, 1000) << "]}";
    const RunResult r = run_coverplan({"--lang", "en", "flood", (hp.dir / "project.toml").string(), "-o", (hp.dir / "out").string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::size_t exposed = 0;
    for (const auto& row : read_csv(hp.dir / "out" / "exposure.csv")) exposed += std::stoul(row.at("beneficiaries"));
    const auto shelters = read_csv(hp.dir / "out" / "shelters.csv");
    REQUIRE(shelters.size() == 3);
    std::size_t assigned = 0;
    std::map<std::string, double> farthest;
    for (const auto& s : shelters) {
        INFO(s.at("shelter_id"));
        const long people = std::stol(s.at("people")), cap = std::stol(s.at("capacity"));
        assigned += static_cast<std::size_t>(people);
        CHECK(std::stol(s.at("places_left")) == cap - people);
        CHECK(s.at("status") == (people == 0 ? "none assigned" : people > cap ? "over capacity" : "within capacity"));
        CHECK(std::stol(s.at("priority")) <= people);
        if (people > 0) farthest[s.at("shelter_id")] = std::stod(s.at("farthest_min"));
    }
    CHECK(shelters[0].at("status") == "over capacity");  // S1 is the nearest for more than 5
    const std::size_t unsheltered = std::stoul(r.out.substr(r.out.find(" reach one, ") + 12));
    CHECK(assigned + unsheltered == exposed);
    CHECK(assigned > 0);
    // The transfer list names each person's shelter, never farther than that shelter's farthest trip.
    for (const auto& row : read_csv(hp.dir / "out" / "priority.csv")) {
        if (row.at("shelter_min").empty()) {
            CHECK(row.at("shelter_id") == "(none in reach)");
            continue;
        }
        REQUIRE(farthest.count(row.at("shelter_id")) == 1);
        CHECK(std::stod(row.at("shelter_min")) <= farthest.at(row.at("shelter_id")) + 1e-9);
    }
    CHECK(r.out.find("1 over capacity: S1小学 (") != std::string::npos);
}

TEST_CASE("a shelter without a capacity stops the run, naming the feature", "[cli][flood][bad]") {
    const HazardProject hp = hazard_project("flood-bad-shelter", "", "\n[layers.shelters]\nsource = \"shelters.geojson\"\n");
    std::ofstream(hp.dir / "shelters.geojson", std::ios::binary)
        << "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"capacity\": 30}, \"geometry\": {\"type\": "
           "\"Point\", \"coordinates\": [112.1, 23.0]}}, {\"type\": \"Feature\", \"properties\": {\"capacity\": null}, \"geometry\": {\"type\": "
           "\"Point\", \"coordinates\": [112.2, 23.0]}}]}";
    const RunResult r = run_coverplan({"--lang", "en", "flood", (hp.dir / "project.toml").string(), "-o", (hp.dir / "out").string()});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("shelters.geojson, layer \"shelters\", feature 1, field \"capacity\": expected the shelter's capacity as a whole number of "
                     "people from 0 to 1,000,000, found nothing") != std::string::npos);
}

TEST_CASE("a closure drawn in two parts that meet closes the road as one stretch", "[cli][flood]") {
    const HazardProject hp = hazard_project("flood-multiline-closure", "", "\n[layers.closures]\nsource = \"closures.geojson\"\n");
    // Along the first road of the sample: its first four vertices as two parts meeting at the second.
    const auto roads = nlohmann::json::parse(read_file(k_data / "yunan" / "roads.geojson"));
    const auto& c = roads.at("features").at(0).at("geometry").at("coordinates");
    REQUIRE(c.size() >= 4);
    const nlohmann::json geom = {{"type", "MultiLineString"}, {"coordinates", {{c[0], c[1]}, {c[1], c[2], c[3]}}}};
    const nlohmann::json fc = {{"type", "FeatureCollection"},
                               {"features", {{{"type", "Feature"}, {"properties", {{"name", "水浸"}}}, {"geometry", geom}}}}};
    std::ofstream(hp.dir / "closures.geojson", std::ios::binary) << fc.dump();
    const RunResult r = run_coverplan({"--lang", "en", "flood", (hp.dir / "project.toml").string(), "-o", (hp.dir / "out").string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("1 from the closures layer); ") != std::string::npos);
    const auto closed = read_vector(hp.dir / "out" / "closed_roads.geojson").begin()->second;
    CHECK(closed.features >= 1);
    CHECK(closed.invalid == 0);
}

TEST_CASE("the outreach before the storm lists every exposed person once, on working-day tours that never drive a closed road",
          "[cli][flood][yunan]") {
    const fs::path out = scratch("flood-outreach") / "out";
    const RunResult r = run_coverplan({"--lang", "en", "flood", (k_data / "yunan" / "project.toml").string(), "-o", out.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::size_t exposed = 0;
    for (const auto& row : read_csv(out / "exposure.csv")) exposed += std::stoul(row.at("beneficiaries"));
    REQUIRE(exposed > 100);
    const auto rows = read_csv(out / "outreach.csv");
    CHECK(rows.size() == exposed);
    std::set<std::string> records;
    std::size_t planned = 0;
    std::map<std::string, int> last_order;  // per tour (site, worker, day)
    for (const auto& row : rows) {
        INFO(row.at("record"));
        CHECK(records.insert(row.at("record")).second);
        CHECK(!row.at("hazard_level").empty());
        if (row.at("status") != "planned") {
            CHECK(row.at("status").rfind("not planned: ", 0) == 0);
            continue;
        }
        ++planned;
        const std::string tour = row.at("site_id") + "|" + row.at("worker") + "|" + row.at("day");
        CHECK(std::stoi(row.at("order")) == ++last_order[tour]);  // in visiting order
        CHECK(row.at("arrival") >= "08:30");
        CHECK(row.at("start") <= "17:00");
        CHECK(row.at("visit_min") == "20");
        CHECK((row.at("day") == "day 1" || row.at("day") == "day 2"));
    }
    CHECK(planned > 50);
    CHECK(r.out.find("Outreach before the storm: " + std::to_string(exposed) + " beneficiaries in hazard zones") != std::string::npos);
    CHECK(r.out.find(std::to_string(planned) + " planned in " + std::to_string(last_order.size()) + " tours") != std::string::npos);

    // The tours drive no closed stretch: where a tour meets a closed road it only touches or
    // crosses it (a point), never runs along it (at most a metre, in the working CRS).
    const auto tours = read_vector(out / "outreach_tours.geojson").begin()->second;
    const auto closed = read_vector(out / "closed_roads.geojson").begin()->second;
    REQUIRE(tours.rows.size() == last_order.size());
    REQUIRE(closed.rows.size() > 0);
    CHECK(tours.invalid == 0);
    WorkingCrs crs;
    std::vector<std::unique_ptr<OGRGeometry>> cut;
    for (const std::string& wkt : closed.wkt) {
        OGRGeometry* g = nullptr;
        REQUIRE(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g) == OGRERR_NONE);
        g->assignSpatialReference(&crs.wgs84);
        g->transform(crs.fwd.get());
        cut.emplace_back(g);
    }
    double along = 0;
    for (const std::string& wkt : tours.wkt) {
        OGRGeometry* raw = nullptr;
        REQUIRE(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &raw) == OGRERR_NONE);
        std::unique_ptr<OGRGeometry> g(raw);
        g->assignSpatialReference(&crs.wgs84);
        g->transform(crs.fwd.get());
        for (const auto& c : cut) {
            std::unique_ptr<OGRGeometry> x(g->Intersection(c.get()));
            if (x && !x->IsEmpty() && OGR_GT_Flatten(x->getGeometryType()) != wkbPoint && OGR_GT_Flatten(x->getGeometryType()) != wkbMultiPoint)
                along += OGR_G_Length(OGRGeometry::ToHandle(x.get()));
        }
    }
    CHECK(along < 1.0);
}

TEST_CASE("flood on Andorra's real roads with hand-drawn zones: exposure as GEOS counts it, the closure cuts its road, the 防汛 section in run",
          "[cli][flood][andorra]") {
    const fs::path project = fs::path(COVERPLAN_TEST_DATA_DIR) / "andorra_flood" / "project.toml";
    const fs::path dir = scratch("flood-andorra");
    const RunResult r = run_coverplan({"--lang", "en", "flood", project.string(), "-o", (dir / "out").string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const fs::path out = dir / "out";

    // Independently: each beneficiary in the highest-level zone that holds it (OGR / GEOS, lon/lat
    // is enough for containment), by level.
    std::vector<std::pair<int, std::unique_ptr<OGRGeometry>>> zones;
    const auto hz = read_vector(project.parent_path() / "hazards.geojson").begin()->second;
    for (std::size_t k = 0; k < hz.rows.size(); ++k) {
        OGRGeometry* g = nullptr;
        REQUIRE(OGRGeometryFactory::createFromWkt(hz.wkt[k].c_str(), nullptr, &g) == OGRERR_NONE);
        zones.emplace_back(std::stoi(hz.rows[k].at("level")), std::unique_ptr<OGRGeometry>(g));
    }
    REQUIRE(zones.size() == 4);
    std::map<int, std::size_t> by_level;
    std::set<std::string> exposed;
    for (const auto& row : read_csv(fs::path(COVERPLAN_DATA_DIR) / "andorra" / "beneficiaries.csv")) {
        const OGRPoint p(std::stod(row.at("lon")), std::stod(row.at("lat")));
        int level = 0;
        for (const auto& [l, g] : zones)
            if (p.Within(g.get())) level = std::max(level, l);
        if (level == 0) continue;
        ++by_level[level];
        exposed.insert(row.at("id"));
    }
    REQUIRE(exposed.size() > 20);
    std::map<int, std::size_t> got;
    for (const auto& row : read_csv(out / "exposure.csv")) got[std::stoi(row.at("level"))] += std::stoul(row.at("beneficiaries"));
    for (int level : {1, 2, 3}) {
        INFO("level " << level);
        CHECK(got[level] == by_level[level]);
    }
    // The outreach names exactly the exposed, once each.
    std::set<std::string> outreach;
    for (const auto& row : read_csv(out / "outreach.csv")) CHECK(outreach.insert(row.at("record")).second);
    CHECK(outreach == exposed);

    // The closure line closes the CG-2 under it: a closed stretch runs along it.
    const auto closed = read_vector(out / "closed_roads.geojson").begin()->second;
    const auto line = read_vector(project.parent_path() / "closures.geojson").begin()->second;
    OGRGeometry* raw = nullptr;
    REQUIRE(OGRGeometryFactory::createFromWkt(line.wkt.front().c_str(), nullptr, &raw) == OGRERR_NONE);
    const std::unique_ptr<OGRGeometry> closure(raw);
    std::size_t along = 0;
    for (const std::string& wkt : closed.wkt) {
        OGRGeometry* g = nullptr;
        REQUIRE(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g) == OGRERR_NONE);
        const std::unique_ptr<OGRGeometry> piece(g);
        along += piece->Distance(closure.get()) < 1e-5;  // about a metre
    }
    CHECK(along > 0);
    CHECK(read_csv(out / "cutoff.csv").size() == 68);
    CHECK(read_csv(out / "shelters.csv").size() == 6);

    // The same in run: the 防汛 section in the report, its tables as sheets of the workbook.
    const RunResult run = run_coverplan({"run", project.string(), "-o", (dir / "pack").string(), "--no-maps", "--date", "2026-06-01"});
    INFO(run.out << run.err);
    REQUIRE(run.exit_code <= 1);
    const std::string html = read_file(dir / "pack" / "report.html");
    CHECK(html.find("防汛：风险区、封路、避难场所与关键路段") != std::string::npos);
    CHECK(html.find("暴雨前逐户排查（按站点）") != std::string::npos);
    const std::string workbook = read_zip_member(dir / "pack" / "report.xlsx", "xl/workbook.xml");
    CHECK(workbook.find("关键路段") != std::string::npos);
    CHECK(workbook.find("暴雨前排查") != std::string::npos);
    CHECK(workbook.find("flood_") == std::string::npos);  // no code words in the Chinese workbook
}

