#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "io/project_file.hpp"

using namespace coverplan;
namespace fs = std::filesystem;

namespace {
fs::path write_project(const std::string& name, const std::string& text) {
    const fs::path dir = fs::path(COVERPLAN_BUILD_DIR) / "test-projects";
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p) << text;
    return p;
}

const char* k_minimal = R"(
name = "demo"
[layers.townships]
source = "t.geojson"
[layers.villages]
source = "v.gpkg"
layer = "villages"
where = "kind = 'village'"
[layers.villages.fields]
code = "VCODE"
[layers.sites]
source = "sites.csv"
x = "lon"
y = "lat"
crs = "EPSG:4326"
coordinates = "gcj02"
)";

std::string error_text(const fs::path& p) {
    try {
        io::read_project(p);
    } catch (const UsageError& e) {
        return e.text().en;
    }
    return "";
}
}  // namespace

TEST_CASE("the project file maps layers and fields", "[project]") {
    const fs::path p = write_project("minimal.toml", k_minimal);
    const io::ProjectConfig cfg = io::read_project(p);
    CHECK(cfg.name == "demo");
    CHECK(cfg.crs.empty());
    CHECK(cfg.rules.villages_per_point == 3);
    CHECK(cfg.townships.path == p.parent_path() / "t.geojson");
    CHECK(cfg.villages.layer == "villages");
    CHECK(cfg.villages.where == "kind = 'village'");
    CHECK(cfg.villages.field("code") == "VCODE");
    CHECK(cfg.villages.field("name") == "name");  // unmapped roles default to their own name
    CHECK(cfg.villages.mapped("code"));
    CHECK_FALSE(cfg.villages.mapped("name"));
    CHECK(cfg.sites.x == "lon");
    CHECK(cfg.sites.coordinates == io::Coordinates::gcj02);
    CHECK_FALSE(cfg.roads.present);
}

TEST_CASE("rules and categories are read and checked", "[project]") {
    const fs::path p = write_project("rules.toml", std::string(k_minimal) + R"(
[rules]
villages_per_point = 4
max_site_distance_m = 250.5
exempt_townships_without_villages = false
[categories.aliases]
"低保（重点）" = "dibao"
)");
    const io::ProjectConfig cfg = io::read_project(p);
    CHECK(cfg.rules.villages_per_point == 4);
    CHECK(cfg.rules.max_site_distance_m == 250.5);
    CHECK_FALSE(cfg.rules.exempt_townships_without_villages);
    CHECK(cfg.category_aliases.at("低保（重点）") == "dibao");
}

TEST_CASE("the [plan] table chooses the question", "[project][plan]") {
    const io::ProjectConfig cfg = io::read_project(write_project("plan.toml", std::string(k_minimal) + R"(
[plan]
model = "mclp"
budget = 4
within_min = 12.5
category_weights = { tekun = 2 }
)"));
    CHECK(cfg.plan.model == placement::PlanModel::mclp);
    CHECK(cfg.plan.budget == 4);
    CHECK(cfg.plan.within_min == 12.5);
    CHECK(cfg.plan.category_weights.at("tekun") == 2);
    CHECK(io::read_project(write_project("plan0.toml", k_minimal)).plan.model == placement::PlanModel::programme);
    CHECK_THAT(error_text(write_project("planmodel.toml", std::string(k_minimal) + "[plan]\nmodel = \"mlcp\"\n")),
               Catch::Contains("expected programme, mclp, lscp, p-center, found \"mlcp\""));
    CHECK_THAT(error_text(write_project("planbudget.toml", std::string(k_minimal) + "[plan]\nbudget = -1\n")),
               Catch::Contains("expected a whole number from 0 to 100000 points"));
    CHECK_THAT(error_text(write_project("planwithin.toml", std::string(k_minimal) + "[plan]\nwithin_mn = 10\n")),
               Catch::Contains("did you mean \"within_min\"?"));    CHECK(io::read_project(write_project("plancap.toml", std::string(k_minimal) + "[plan]\ncapacity = \"both\"\n")).plan.capacity ==
          placement::PlanCapacity::both);
    CHECK(io::read_project(write_project("plan0.toml", k_minimal)).plan.capacity == placement::PlanCapacity::villages);
    CHECK_THAT(error_text(write_project("plancap2.toml", std::string(k_minimal) + "[plan]\ncapacity = \"hours\"\n")),
               Catch::Contains("expected villages, workload, both, found \"hours\""));
}

TEST_CASE("project file errors name the key, the line and the fix", "[project]") {
    CHECK_THAT(error_text(write_project("typo.toml", std::string(k_minimal) + "[rules]\nvilages_per_point = 3\n")),
               Catch::Contains("line 18: unknown key \"vilages_per_point\" in [rules]; did you mean \"villages_per_point\"?"));
    CHECK_THAT(error_text(write_project("type.toml", std::string(k_minimal) + "[rules]\nvillages_per_point = \"3\"\n")),
               Catch::Contains("rules.villages_per_point: expected an integer, found a string"));
    CHECK_THAT(error_text(write_project("range.toml", std::string(k_minimal) + "[rules]\nvillages_per_point = 0\n")),
               Catch::Contains("expected a whole number from 1 to 100 villages (the programme's points serve 3; a point serving more than 100 is no point), found 0"));
    CHECK_THAT(error_text(write_project("field.toml", std::string(k_minimal) + "[layers.villages.fields]\ncod = \"X\"\n")),
               Catch::Contains("not valid TOML"));  // redefining a table is a TOML error
    CHECK_THAT(error_text(write_project("fieldkey.toml", R"(
[layers.townships]
source = "t.geojson"
[layers.townships.fields]
cod = "X"
[layers.villages]
source = "v.geojson"
[layers.sites]
source = "s.csv"
)")),
               Catch::Contains("unknown key \"cod\" in [layers.townships.fields]; did you mean \"code\"?"));
    CHECK_THAT(error_text(write_project("nolayers.toml", "name = \"x\"\n")), Catch::Contains("no [layers] section"));
    CHECK_THAT(error_text(write_project("nosites.toml", "[layers.townships]\nsource = \"t\"\n[layers.villages]\nsource = \"v\"\n")),
               Catch::Contains("missing [layers.sites]"));
    CHECK_THAT(error_text(write_project("coords.toml", std::string(k_minimal) + "[layers.roads]\nsource = \"r\"\ncoordinates = \"wgs\"\n")),
               Catch::Contains("expected \"wgs84\", \"gcj02\" or \"bd09\", found \"wgs\""));
    CHECK_THAT(error_text(write_project("alias.toml", std::string(k_minimal) + "[categories.aliases]\n\"x\" = \"poor\"\n")),
               Catch::Contains("maps to unknown category \"poor\""));
    CHECK_THAT(error_text(fs::path(COVERPLAN_BUILD_DIR) / "no-such-project.toml"), Catch::Contains("does not exist"));
}

TEST_CASE("the init template is a valid project file", "[project]") {
    const fs::path p = write_project("template.toml", io::project_template("云安区 \"test\""));
    const io::ProjectConfig cfg = io::read_project(p);
    CHECK(cfg.name == "云安区 \"test\"");
    CHECK(cfg.townships.present);
    CHECK(cfg.sites.field("served_villages") == "served");
    CHECK(cfg.rules.villages_per_point == 3);
}

TEST_CASE("the [report] table: suppression, attribution, basemap", "[project][report]") {
    const io::ProjectConfig cfg = io::read_project(write_project("report.toml", std::string(k_minimal) + R"(
[report]
suppress_below = 5
attribution = "村界：某县自然资源局"
tile_url = "https://tiles.example.org/{z}/{x}/{y}.png"
tile_attribution = "© example"
)"));
    CHECK(cfg.report.suppress_below == 5);
    CHECK(cfg.report.attribution == "村界：某县自然资源局");
    CHECK(cfg.report.tile_url == "https://tiles.example.org/{z}/{x}/{y}.png");
    CHECK_FALSE(cfg.roads_from_osm());
    CHECK_THAT(error_text(write_project("reporttile.toml", std::string(k_minimal) + "[report]\ntile_url = \"https://x.org/tiles.png\"\n")),
               Catch::Contains("expected a tile URL with {z}, {x} and {y}"));
    CHECK_THAT(error_text(write_project("reportk.toml", std::string(k_minimal) + "[report]\nsuppress_below = -3\n")),
               Catch::Contains("expected a whole number from 0 to 1000 people (0 = every count is shown), found -3"));
    CHECK_THAT(error_text(write_project("reportkey.toml", std::string(k_minimal) + "[report]\nsupress_below = 3\n")),
               Catch::Contains("did you mean \"suppress_below\"?"));
    const io::ProjectConfig osm = io::read_project(write_project("osm.toml", std::string(k_minimal) + R"(
[layers.roads]
source = "roads.geojson"
[layers.roads.fields]
class = "highway"
)"));
    CHECK(osm.roads_from_osm());
}

TEST_CASE("[staffing], [visits] and [access] are read into typed settings and checked", "[project][visits]") {
    const io::ProjectConfig cfg = io::read_project(write_project("visits.toml", std::string(k_minimal) + R"(
[staffing]
station = 4
point = 1
hours_per_day = 7.5
day_start = "09:00"
lunch_start = "12:30"
lunch_minutes = 60
visiting_share = 0.6
holidays = ["2026-10-01", "2026-10-02"]
[visits]
minutes = 40
[visits.frequency]
"低保" = "quarterly"
tekun = 1
"计生特殊家庭" = "none"
[visits.minutes_by_category]
"特困" = 60
[access]
catchment_min = 20
zone_weights = [1, 0.5]
)"));
    CHECK(cfg.staffing.station == 4);
    CHECK(cfg.staffing.point == 1);
    CHECK(cfg.staffing.day_start_min == 9 * 60);
    CHECK(cfg.staffing.lunch_start_min == 12 * 60 + 30);
    CHECK(cfg.staffing.day_end_min() == 9 * 60 + 7.5 * 60 + 60);
    CHECK(cfg.staffing.holidays.size() == 2);
    CHECK(cfg.visits.minutes == 40);
    CHECK(cfg.visits.interval_of(bit(Category::dibao)) == 3);
    CHECK(cfg.visits.interval_of(bit(Category::tekun)) == 1);
    CHECK(cfg.visits.interval_of(bit(Category::family_planning_special)) == 0);
    CHECK(cfg.visits.minutes_of(bit(Category::tekun)) == 60);
    CHECK(cfg.access.catchment_min == 20);
    CHECK(cfg.access.weight(12) == 0.5);
    auto bad = [](const char* name, const std::string& text) { return error_text(write_project(name, std::string(k_minimal) + text)); };
    CHECK_THAT(bad("v1.toml", "[visits.frequency]\n\"贫困学生\" = 1\n"), Catch::Contains("visits.frequency.贫困学生: unknown category"));
    CHECK_THAT(bad("v2.toml", "[visits.frequency]\ndibao = 13\n"), Catch::Contains("months between two visits"));
    CHECK_THAT(bad("v3.toml", "[staffing]\nstation = -1\n"), Catch::Contains("staffing.station: expected a whole number from 0 to 100"));
    CHECK_THAT(bad("v4.toml", "[staffing]\nday_start = \"8.30\"\n"), Catch::Contains("expected a time of day as HH:MM"));
    CHECK_THAT(bad("v5.toml", "[staffing]\nholidays = [\"2026-02-30\"]\n"), Catch::Contains("dates \"YYYY-MM-DD\" that exist"));
    CHECK_THAT(bad("v6.toml", "[staffing]\nlunch_start = \"07:00\"\n"), Catch::Contains("cannot start before the working day"));
    CHECK_THAT(bad("v7.toml", "[access]\nzone_weights = [0.5, 1]\n"), Catch::Contains("do not grow with distance"));
    CHECK_THAT(bad("v8.toml", "[visits]\nminuts = 40\n"), Catch::Contains("did you mean \"minutes\""));
}
