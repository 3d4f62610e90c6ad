// Issue 13's building blocks in memory: settings' bounds, personal identifiers, code
// normalisation, cells and text safe for their readers, dates.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

#include "core/bounds.hpp"
#include "core/memory_budget.hpp"
#include "core/personal.hpp"
#include "core/placement/plan_config.hpp"
#include "core/text.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"
#include "io/postgis.hpp"
#include "pipeline/run_job.hpp"

using namespace coverplan;

TEST_CASE("every setting's bound refuses what is out of range, non-finite or fractional where whole", "[safety][bounds]") {
    for (const Bound* b : setting::all()) {
        INFO(b->key);
        CHECK_FALSE(b->contains(std::nan("")));
        CHECK_FALSE(b->contains(std::numeric_limits<double>::infinity()));
        CHECK_FALSE(b->contains(-std::numeric_limits<double>::infinity()));
        CHECK_FALSE(b->contains(b->max * 2 + 1));
        CHECK_FALSE(b->contains(b->min - 1));
        CHECK(b->contains(b->max));
        CHECK(b->contains(b->min) == !b->min_open);
        if (b->integer) CHECK_FALSE(b->contains(b->min + 0.5));
        CHECK(std::string(b->why_en).size() > 10);  // the reason is said
        CHECK(b->problem(1e300).en.find("found 1e+300") != std::string::npos);
    }
    CHECK(setting::max_snap_m.problem(1e9).en ==
          "expected a number > 0 and ≤ 10000 metres (farther than 10 km from a road is not a walk to it, and larger values make every "
          "search and polygon raster cover whole provinces), found 1000000000");
}

TEST_CASE("the memory budget refuses what would not fit, naming the setting", "[safety][bounds]") {
    const MemoryBudget budget{64ull << 20};
    CHECK_NOTHROW(budget.require(60e6, {"x", "x"}, {"y", "y"}));
    try {
        budget.require(2.5e9, {"a raster of 1 × 1 cells", "栅格"}, {"raise polygon_cell_m", "增大 polygon_cell_m"});
        FAIL("no error");
    } catch (const UsageError& e) {
        CHECK(e.text().en == "a raster of 1 × 1 cells would need 2.5 GB of memory, over this run's budget of 0.067 GB ([limits] memory_mb); raise polygon_cell_m");
    }
    CHECK_THROWS_AS(budget.require(std::nan(""), {"x", "x"}, {"y", "y"}), UsageError);
    CHECK(MemoryBudget{}.limit() == default_memory_budget_bytes());
    CHECK(default_memory_budget_bytes() > (64ull << 20));
}

TEST_CASE("the plan's precedence: command line, then [plan], then [rules]; 0 means no limit", "[safety][plan]") {
    placement::PlanConfig cfg;
    CHECK(placement::plan_limit_min(cfg, 25) == 25);           // not given: [rules]
    cfg.max_travel_min = 0;
    CHECK(placement::plan_limit_min(cfg, 25) == 0);            // 0 = no limit, whatever [rules] says
    CHECK_FALSE(placement::reach_within_min(cfg, 25));         // and gives no T
    cfg.max_travel_min = 40;
    CHECK(*placement::reach_within_min(cfg, 25) == 40);
    cfg.within_min = 12;
    CHECK(*placement::reach_within_min(cfg, 25) == 12);
    placement::PlanOverrides cli;
    cli.max_travel_min = 15;
    cli.model = placement::PlanModel::lscp;
    const placement::PlanConfig merged = placement::with_overrides(cfg, cli);
    CHECK(placement::plan_limit_min(merged, 25) == 15);
    CHECK(merged.model == placement::PlanModel::lscp);
    CHECK(placement::plan_model_key(placement::PlanModel::p_center) == "p-center");
    CHECK(placement::parse_named(placement::k_plan_solvers, "mip") == placement::Solver::mip);
    CHECK_FALSE(placement::parse_named(placement::k_plan_models, "mlcp"));
}

TEST_CASE("resident IDs with a valid check character and mobile numbers are recognised", "[safety][privacy]") {
    CHECK(resident_id_check("11010519491231002") == 'X');  // GB 11643-1999's own example
    CHECK(identifier_kind("11010519491231002X") == PersonalKind::resident_id);
    CHECK(identifier_kind("11010519491231002x") == PersonalKind::resident_id);
    CHECK_FALSE(identifier_kind("110105194912310021"));     // wrong check character: not an ID
    // 17 digits with a check character that fits, but no province (00) or no birth date (month 13).
    const std::string no_province = std::string("00010519491231002") + resident_id_check("00010519491231002");
    const std::string no_birthday = std::string("44530319491331002") + resident_id_check("44530319491331002");
    CHECK_FALSE(identifier_kind(no_province));
    CHECK_FALSE(identifier_kind(no_birthday));
    const std::string guangdong = std::string("44530319800101123") + resident_id_check("44530319800101123");
    CHECK(identifier_kind(guangdong) == PersonalKind::resident_id);
    CHECK_FALSE(identifier_kind("445303100201"));           // a village code
    CHECK_FALSE(identifier_kind("445303********1234"));     // masked
    CHECK(identifier_kind("13800138000") == PersonalKind::mobile);
    CHECK(identifier_kind("+86 138 0013 8000") == PersonalKind::mobile);
    CHECK(identifier_kind("8613800138000") == PersonalKind::mobile);
    CHECK(identifier_kind("138-0013-8000") == PersonalKind::mobile);
    CHECK_FALSE(identifier_kind("12800138000"));            // no mainland mobile starts 12
    CHECK_FALSE(identifier_kind("1380013800"));             // 10 digits
    CHECK(looks_like_person_name("王秀英"));
    CHECK(looks_like_person_name("欧阳明华"));
    CHECK(looks_like_person_name("陈伟"));
    CHECK_FALSE(looks_like_person_name("林屋"));            // a Hakka village name
    CHECK_FALSE(looks_like_person_name("黄坑村"));
    CHECK_FALSE(looks_like_person_name("低保"));            // a category
    CHECK_FALSE(looks_like_person_name("ST-100"));
    CHECK_FALSE(looks_like_person_name("王"));
    CHECK(withheld_value("王秀英").en == "a value of 3 characters (not quoted: it comes from a beneficiary's record)");
}

TEST_CASE("codes are compared without invisible characters and with full-width forms folded", "[safety][codes]") {
    CodeFolds folds;
    CHECK(normalise_code("445303100201\xC2\xA0", &folds) == "445303100201");          // trailing no-break space
    CHECK(normalise_code("\xEF\xBB\xBF" "445303100201", &folds) == "445303100201");   // BOM
    CHECK(normalise_code("4453031\xE2\x80\x8B" "00201", &folds) == "445303100201");   // zero-width space
    CHECK(normalise_code("\xEF\xBC\x94\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x93" "03100201", &folds) == "445303100201");  // ４４５３
    CHECK(normalise_code("ＳＴ－１００", &folds) == "ST-100");
    CHECK(normalise_code("445303100201", &folds) == "445303100201");
    CHECK(folds.codes == 5);
    CHECK(folds.removed.at(0xA0) == 1);
    CHECK(folds.removed.at(0xFEFF) == 1);
    CHECK(folds.folded == 4 + 6);
    CHECK(describe_char(0xA0) == "U+00A0 no-break space");
    CHECK(first_non_digit("44530310x") == "U+0078 'x'");
    CHECK(first_non_digit("445303101").empty());
}

TEST_CASE("CSV cells that would start a formula are neutralised, numbers stay numbers", "[safety][outputs]") {
    CHECK(io::csv_cell("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK(io::csv_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(io::csv_cell("+1+2") == "'+1+2");
    CHECK(io::csv_cell("-2+3") == "'-2+3");
    CHECK(io::csv_cell("\t=1") == "\"'\t=1\"");
    CHECK(io::csv_cell("\xEF\xBC\x9D" "1+1") == "'\xEF\xBC\x9D" "1+1");  // full-width ＝
    CHECK(io::csv_cell("-12.5") == "-12.5");
    CHECK(io::csv_cell("+3") == "+3");
    CHECK(io::csv_cell("六都镇") == "六都镇");
    CHECK(io::csv_cell("a,b") == "\"a,b\"");
}

TEST_CASE("text reaches a terminal and XML without control characters", "[safety][outputs]") {
    CHECK(terminal_safe("ok\x1B[2Jgone\n") == "ok\\u001B[2Jgone\n");
    CHECK(terminal_safe("a\xE2\x80\xAE" "b") == "a\\u202Eb");  // right-to-left override
    CHECK(terminal_safe("\xFF") == "\\xFF");
    CHECK(xml_escape("<a href='x'>&\x1B") == "&lt;a href=&#39;x&#39;&gt;&amp;\xEF\xBF\xBD");
    std::string s = "名\x1B[31m称\t二\xC2\x9B";
    CHECK(strip_controls(s) == 3);
    CHECK(s == "名[31m称 二");
}

TEST_CASE("no writer emits a non-finite number", "[safety][outputs]") {
    const std::string huge = format_decimal(1e308, 2);  // "inf", or garbage from a short buffer, before
    CHECK(huge.size() == 309);
    CHECK(huge.find_first_not_of("0123456789") == std::string::npos);
    CHECK(huge.rfind("10000000000000000", 0) == 0);
    CHECK(format_decimal(-2.5e200, 1).size() == 202);
    CHECK(format_decimal(std::numeric_limits<double>::infinity(), 2).empty());
    io::JsonProps p;
    CHECK_THROWS_AS(p.add("w", std::numeric_limits<double>::infinity(), 1), std::logic_error);
    CHECK(io::JsonProps{}.add("w", std::nan(""), 1).json() == "\"w\": null");
    std::ostringstream out;
    {
        io::GeoJsonWriter gj(out);
        CHECK_THROWS_AS(gj.point(io::JsonProps{}, {std::numeric_limits<double>::infinity(), 0}), std::logic_error);
    }
}

TEST_CASE("GeoJSON rings follow RFC 7946 and zero-length lines lose their geometry", "[safety][geometry]") {
    std::ostringstream out;
    {
        io::GeoJsonWriter gj(out, 6);
        // Clockwise shell with a counterclockwise hole: both turned round.
        Polygon p;
        p.outer = {{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}};
        p.holes = {{{0.2, 0.2}, {0.4, 0.2}, {0.4, 0.4}, {0.2, 0.4}, {0.2, 0.2}}};
        gj.multipolygon(io::JsonProps{}, {p});
        gj.line(io::JsonProps{}.add("same", true), {{112.1, 23.1}, {112.1000000001, 23.1}});
        gj.line(io::JsonProps{}.add("same", false), {{112.1, 23.1}, {112.2, 23.1}});
    }
    const std::string s = out.str();
    CHECK(s.find("[[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], [[0.2, 0.2], [0.2, 0.4], [0.4, 0.4], [0.4, 0.2], [0.2, 0.2]]]]") !=
          std::string::npos);
    CHECK(s.find("{\"same\": true}, \"geometry\": null}") != std::string::npos);
    CHECK(s.find("{\"same\": false}, \"geometry\": {\"type\": \"LineString\"") != std::string::npos);
}

TEST_CASE("dates on the report are days that exist", "[safety][options]") {
    CHECK(is_calendar_date("2026-02-28"));
    CHECK(is_calendar_date("2024-02-29"));
    CHECK_FALSE(is_calendar_date("2026-02-29"));
    CHECK_FALSE(is_calendar_date("2026-02-30"));
    CHECK_FALSE(is_calendar_date("2100-02-29"));
    CHECK(is_calendar_date("2000-02-29"));
    CHECK_FALSE(is_calendar_date("2026-13-01"));
    CHECK_FALSE(is_calendar_date("2026-2-3"));
    CHECK_FALSE(is_calendar_date("1066-10-14"));
}

TEST_CASE("a database connection is shown without its credentials, and a schema name must be plain", "[safety][privacy]") {
    CHECK(io::shown_connection("PG:host=/tmp/s dbname=civil user=zhang password=s3cret port=5433") ==
          "PG:host=/tmp/s dbname=civil port=5433");
    CHECK(io::shown_connection("PG:dbname='civil affairs' password='a b\\'c' sslkey=/k active_schema=bureau") ==
          "PG:dbname=civil affairs active_schema=bureau");
    CHECK(io::shown_connection("PG:postgresql://zhang:s3cret@db.example:5432/civil?sslmode=require") ==
          "PG:postgresql://db.example:5432/civil");
    CHECK(io::shown_connection("PG:postgres://bob:pa?ss/w@db:5432/civil") == "PG:postgres://db:5432/civil");
    CHECK(io::shown_connection("PG:password=x\\ dbname=y host=h") == "PG:host=h");  // the escaped space is the password's
    CHECK(io::shown_connection("service=bureau") == "PG:service=bureau");
    CHECK(io::shown_connection("PG:password s3cret").find("s3cret") == std::string::npos);  // not key=value: nothing shown
    CHECK_NOTHROW(io::check_schema_name("yunan_2026"));
    for (const char* bad : {"", "Yunan", "2026", "public", "pg_temp", "a;b", "x y", "a\"b"}) {
        INFO(bad);
        CHECK_THROWS_AS(io::check_schema_name(bad), UsageError);
    }
}
