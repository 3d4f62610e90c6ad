// Issue 13: nothing unsafe gets through. Broken and hostile inputs and settings made at test time,
// each with its exit code, its located message, and nothing left beside the output folder;
// settings thrown at random; personal columns mapped into every field read; formula and script
// planted in every name; every geometry of every output checked with GEOS.
#include <catch2/catch.hpp>

#include <ogrsf_frmts.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>

#include "cli_runner.hpp"
#include "core/personal.hpp"
#include "pack_reader.hpp"

using namespace coverplan::test;
namespace fs = std::filesystem;


namespace {

const fs::path k_quality = fs::path(COVERPLAN_TEST_DATA_DIR) / "quality";

// A copy of tests/data/quality (townships, villages, sites, beneficiaries, roads) in its own
// folder, with `extra` appended to project.toml and `edit` applied to it.
fs::path region(const std::string& name, const std::string& extra = "", const std::function<void(std::string&)>& edit = {}) {
    const fs::path dir = scratch("unsafe-" + name);
    fs::create_directories(dir / "data");
    for (const auto& e : fs::directory_iterator(k_quality)) fs::copy_file(e.path(), dir / "data" / e.path().filename());
    std::string project = read_file(k_quality / "project.toml");
    if (edit) edit(project);
    project += "\n" + extra;
    std::ofstream(dir / "data" / "project.toml") << project;
    return dir;
}

void replace(std::string& s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
}

// The output's parent holds nothing once a run has failed: no pack, no staging folder.
std::vector<std::string> left_in(const fs::path& dir) {
    std::vector<std::string> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    return out;
}

struct Measured {
    int exit_code = -1;
    int signal = 0;
    long max_rss_kb = 0;
    std::string err;
};

// Runs coverplan directly (no shell) and reads its peak memory from wait4.
Measured run_measured(const std::vector<std::string>& args, const fs::path& err_file) {
    std::vector<std::string> all{COVERPLAN_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    Measured m;
    const int pid = spawn(all, err_file);
    if (pid <= 0) return m;
    int status = 0;
    rusage ru{};
    ::wait4(pid, &status, 0, &ru);
    if (WIFEXITED(status)) m.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) m.signal = WTERMSIG(status);
    m.max_rss_kb = ru.ru_maxrss;
    m.err = read_file(err_file);
    return m;
}

}  // namespace

TEST_CASE("unsafe settings, inputs and options end with their exit code, a located message and nothing left behind",
          "[cli][unsafe]") {
    struct Case {
        std::string name;
        std::string command;  // check, coverage, plan, run, validate
        std::string extra;    // appended to project.toml
        std::function<void(std::string&)> edit;       // applied to project.toml
        std::function<void(const fs::path&)> files;   // changes the copied data
        std::vector<std::string> options;
        int exit_code;
        std::string message;
    };
    auto csv_edit = [](const char* file, std::string from, std::string to) {
        return [=](const fs::path& data) {
            std::string s = read_file(data / file);
            replace(s, from, to);
            std::ofstream(data / file, std::ios::binary) << s;
        };
    };
    const std::vector<Case> cases = {
        // 1. Settings that crashed or exhausted memory, and their siblings.
        {"snap_1e9", "coverage", "[travel]\nmax_snap_m = 1e9\n", {}, {}, {}, 2, "travel.max_snap_m: expected a number > 0 and ≤ 10000 metres"},
        {"snap_1e6", "coverage", "[travel]\nmax_snap_m = 1e6\n", {}, {}, {}, 2, "), found 1000000"},
        {"cell_half_metre", "coverage", "[travel]\npolygon_cell_m = 0.5\n", {}, {}, {}, 2, "travel.polygon_cell_m: expected a number from 10 to 5000 metres"},
        {"search_huge", "coverage", "[travel]\nmax_search_min = 1e12\n", {}, {}, {}, 2, "travel.max_search_min: expected a number > 0 and ≤ 1440 minutes"},
        {"access_zero", "coverage", "[travel]\naccess_kmh = 0\n", {}, {}, {}, 2, "travel.access_kmh: expected a number > 0 and ≤ 30 km/h"},
        {"threshold_inf", "coverage", "[travel]\nthresholds_min = [15, inf]\n", {}, {}, {}, 2, "travel.thresholds_min: expected a number > 0 and ≤ 600 minutes"},
        {"thresholds_five", "coverage", "[travel]\nthresholds_min = [10, 15, 20, 30, 45]\nmax_search_min = 60\n", {}, {}, {}, 2,
         "travel.thresholds_min: expected at most 4 thresholds (the maps' classes must stay apart in greyscale), found 5"},
        {"speed_negative", "coverage", "[travel.speeds]\nresidential = -20\n", {}, {}, {}, 2, "travel.speeds.residential: expected a number from 0 to 200 km/h"},
        {"memory_budget", "coverage", "[travel]\nmax_snap_m = 10000\npolygon_cell_m = 10\n[limits]\nmemory_mb = 64\n", {}, {}, {}, 2,
         "over this run's budget of 0.067 GB ([limits] memory_mb); raise [travel] polygon_cell_m (now 10 m)"},
        {"memory_too_small", "check", "[limits]\nmemory_mb = 1\n", {}, {}, {}, 2, "limits.memory_mb: expected a whole number from 64 to 1048576 MB"},
        {"time_limit_negative", "plan", "[plan]\ntime_limit_s = -1\n", {}, {}, {}, 2, "plan.time_limit_s: expected a number > 0 and ≤ 86400 seconds"},
        {"seed_fraction", "plan", "[plan]\nseed = 1.5\n", {}, {}, {}, 2, "plan.seed: expected an integer, found a number"},
        {"max_weight_zero", "check", "[validation]\nmax_weight = 0\n", {}, {}, {}, 2, "validation.max_weight: expected a number > 0 and ≤ 1000000"},
        {"cli_time_limit", "plan", "", {}, {}, {"--time-limit", "1e9"}, 2, "--time-limit: expected a number > 0 and ≤ 86400 seconds"},
        {"cli_threads", "check", "", {}, {}, {"--threads", "100000"}, 2, "expected a whole number from 1 to 256 threads"},
        // 2. Personal data through a mis-mapped field: refused, never quoted.
        {"weight_phone", "run", "", [](std::string& p) { replace(p, "village = \"village_code\"", "village = \"village_code\"\nweight = \"phone\""); },
         csv_edit("beneficiaries.csv", "138****0001", "13800138000"), {}, 3,
         "field \"phone\": expected a weight value, found a mobile phone number (not quoted: personal data are never read or shown)"},
        {"village_id_number", "run", "", [](std::string& p) { replace(p, "village = \"village_code\"", "village = \"id_number\""); },
         csv_edit("beneficiaries.csv", "445303********1234", "11010519491231002X"), {}, 3,
         "field \"id_number\": expected a village value, found a resident ID number"},
        {"categories_name", "run", "", [](std::string& p) { replace(p, "village = \"village_code\"", "village = \"village_code\"\ncategories = \"name\""); },
         csv_edit("beneficiaries.csv", "王某某", "王秀英"), {}, 3, "expected a category, found a person's name (not quoted"},
        {"weight_huge", "run", "", {}, csv_edit("beneficiaries.csv", "低保;残疾人,1,", "低保;残疾人,1e308,"), {}, 3,
         "field \"weight\": expected a weight from 0 to 100 ([validation] max_weight), found a larger number (not quoted"},
        {"village_masked_ids", "run", "", [](std::string& p) { replace(p, "village = \"village_code\"", "village = \"id_number\""); }, {}, {}, 3,
         "none of the 4 village values is a code of the villages layer villages.geojson (first: beneficiaries.csv, layer \"beneficiaries\", "
         "feature 1 (line 2), field \"id_number\": a value of 18 characters (not quoted"},
        {"x_name", "run", "", [](std::string& p) { replace(p, "x = \"lon\"\ny = \"lat\"\ncrs = \"EPSG:4326\"\n[layers.beneficiaries.fields]",
                                                           "x = \"name\"\ny = \"lat\"\ncrs = \"EPSG:4326\"\n[layers.beneficiaries.fields]"); },
         csv_edit("beneficiaries.csv", "王某某", "王秀英"), {}, 3, "field \"name\": expected a x value, found a person's name"},
        // 4. Numbers that overflow.
        {"staff_fraction", "check", "", [](std::string& p) { replace(p, "served_villages = \"served\"", "served_villages = \"served\"\nstaff = \"lon\""); },
         {}, {}, 3, "field \"lon\": expected a whole number of social workers from 0 to 1000, found 112.005"},
        // 5. Codes that look equal but are not.
        {"township_code_letter", "check", "", {}, csv_edit("townships.geojson", "\"445303101\"", "\"44530310x\""), {}, 3,
         "expected a 9-digit township code (or 12 digits ending in 000), found \"44530310x\" (it holds U+0078 'x')"},
        // 6. Options and paths.
        {"date_feb_30", "run", "", {}, {}, {"--date", "2026-02-30"}, 2, "expected a date that exists, YYYY-MM-DD from 1900 to 2199, found 2026-02-30"},
        {"date_text", "run", "", {}, {}, {"--date", "tomorrow"}, 2, "expected a date that exists"},
        {"vsistdin", "check", "", [](std::string& p) { replace(p, "source = \"sites.csv\"", "source = \"/vsistdin/\""); }, {}, {}, 2,
         "layers.sites.source: \"/vsistdin/\" reads standard input; coverplan reads files on this machine and never the network"},
        {"vsicurl", "check", "", [](std::string& p) { replace(p, "source = \"sites.csv\"", "source = \"/vsicurl/http://127.0.0.1:9/sites.csv\""); }, {}, {}, 2,
         "is a GDAL virtual file system that is not an archive on disk"},
        {"zip_of_url", "check", "", [](std::string& p) { replace(p, "source = \"sites.csv\"", "source = \"/vsizip//vsicurl/http://127.0.0.1:9/a.zip/sites.csv\""); },
         {}, {}, 2, "reads an archive through another virtual file system or a URL"},
        {"url", "check", "", [](std::string& p) { replace(p, "source = \"sites.csv\"", "source = \"https://127.0.0.1:9/sites.geojson\""); }, {}, {}, 2,
         "\"https://127.0.0.1:9/sites.geojson\" is a URL"},
        {"driver_prefix", "check", "", [](std::string& p) { replace(p, "source = \"sites.csv\"", "source = \"WFS:whatever\""); }, {}, {}, 2,
         "starts with a GDAL driver prefix (WFS:)"},
        {"tile_url_script", "run", "[report]\ntile_url = \"javascript:alert(1)//{z}/{x}/{y}\"\n", {}, {}, {}, 2,
         "report.tile_url: expected an http:// or https:// tile URL"},
        // 8. Broken shapefiles and spreadsheets.
        {"header_row_zero", "check", "", [](std::string& p) { replace(p, "source = \"sites.csv\"", "source = \"sites.csv\"\nheader_row = 0"); }, {}, {}, 2,
         "layers.sites.header_row: expected a whole number from 1 to 1000"},
        {"header_row_past_end", "check", "", [](std::string& p) { replace(p, "source = \"sites.csv\"", "source = \"sites.csv\"\nheader_row = 40"); }, {}, {}, 3,
         "sites.csv, layer \"sites\": header_row = 40, but the sheet has no row 40"},
    };
    for (const Case& c : cases) {
        SECTION(c.name) {
            const fs::path dir = region(c.name, c.extra, c.edit);
            if (c.files) c.files(dir / "data");
            std::vector<std::string> args{"--lang", "en", c.command, (dir / "data" / "project.toml").string()};
            if (c.command != "validate") args.insert(args.end(), {"-o", (dir / "out" / "pack").string()});
            args.insert(args.end(), c.options.begin(), c.options.end());
            const RunResult r = run_coverplan(args);
            INFO(r.err);
            CHECK(r.exit_code == c.exit_code);
            if (!c.message.empty()) CHECK(r.err.find(c.message) != std::string::npos);
            if (c.exit_code != 0) {
                CHECK(left_in(dir / "out").empty());
                CHECK(r.err.find("internal error") == std::string::npos);
            }
        }
    }
}

TEST_CASE("the personal values of a mis-mapped field appear in no message and no output", "[cli][unsafe][privacy]") {
    // Beneficiaries with real-format personal data: names, resident IDs with valid check
    // characters, mobile numbers, addresses. Each personal column is mapped in turn into each
    // field coverplan reads.
    const fs::path base = region("privacy-base");
    std::vector<std::string> values;
    {
        const char* names[] = {"王秀英", "陈伟", "黄丽华", "梁志强"};
        const char* addresses[] = {"云安区六都镇大河村12号", "高村镇大田村3组5号", "白石镇石岗村45号", "六都镇六都村委会旁"};
        const char* villages[] = {"445303100201", "445303101202", "445303101203", "445303100201"};
        const char* lons[] = {"112.004", "112.036", "112.034", "112.2"};
        const char* lats[] = {"23.011", "23.004", "23.015", "23.2"};
        std::ofstream csv(base / "data" / "beneficiaries.csv", std::ios::binary);
        csv << "name,id_number,phone,address,village_code,categories,weight,lon,lat\n";
        for (int i = 0; i < 4; ++i) {
            std::string id = "44530319800101" + std::to_string(100 + i);  // province 44, born 1980-01-01
            id += coverplan::resident_id_check(id);
            REQUIRE(coverplan::identifier_kind(id) == coverplan::PersonalKind::resident_id);
            const std::string phone = "1380013800" + std::to_string(i);
            csv << names[i] << "," << id << "," << phone << "," << addresses[i] << "," << villages[i] << ",低保,1," << lons[i] << "," << lats[i] << "\n";
            values.insert(values.end(), {names[i], id, phone, addresses[i]});
        }
    }
    std::string project = read_file(base / "data" / "project.toml");
    const std::string mapping = "[layers.beneficiaries.fields]\nvillage = \"village_code\"";
    REQUIRE(project.find(mapping) != std::string::npos);
    int runs = 0;
    for (const char* column : {"name", "id_number", "phone", "address"})
        for (const char* field : {"village", "categories", "weight", "x", "y"}) {
            DYNAMIC_SECTION(column << " as " << field) {
                std::string p = project;
                if (std::string(field) == "x" || std::string(field) == "y") {
                    const std::string geometry = "x = \"lon\"\ny = \"lat\"\ncrs = \"EPSG:4326\"\n[layers.beneficiaries.fields]";
                    const auto at = p.find(geometry);
                    REQUIRE(at != std::string::npos);
                    std::string g = geometry;
                    replace(g, std::string(field) + " = \"" + (std::string(field) == "x" ? "lon" : "lat") + "\"",
                            std::string(field) + " = \"" + column + "\"");
                    p.replace(at, geometry.size(), g);
                } else if (std::string(field) == "village") {
                    replace(p, mapping, std::string("[layers.beneficiaries.fields]\nvillage = \"") + column + "\"");
                } else {
                    replace(p, mapping, mapping + "\n" + field + " = \"" + column + "\"");
                }
                const fs::path dir = base.parent_path() / ("unsafe-privacy-" + std::string(column) + "-" + field);
                fs::remove_all(dir);
                fs::create_directories(dir);
                fs::copy(base / "data", dir / "data");
                std::ofstream(dir / "data" / "project.toml") << p;
                const RunResult r = run_coverplan({"--lang", "zh", "run", (dir / "data" / "project.toml").string(), "-o", (dir / "out").string(),
                                                   "--no-maps"});
                INFO(r.err);
                ++runs;
                CHECK((r.exit_code == 0 || r.exit_code == 3));
                std::string everything = r.out + r.err;
                if (fs::exists(dir / "out"))
                    for (const auto& e : fs::recursive_directory_iterator(dir / "out")) {
                        if (!e.is_regular_file()) continue;
                        everything += e.path().extension() == ".xlsx" ? read_zip_member(e.path(), "xl/sharedStrings.xml") : read_file(e.path());
                    }
                for (const std::string& v : values) {
                    INFO("leaked: " << v);
                    CHECK(everything.find(v) == std::string::npos);
                }
            }
        }
    CHECK(runs == 1);  // one section per pass
}

TEST_CASE("formula-like names stay text in every CSV, and planted script never runs in map.html", "[cli][unsafe][injection][browser]") {
    const std::string formula = "=HYPERLINK(\"http://127.0.0.1:9/x\",\"点击\")";
    const std::string script = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
    const std::string breakout = "</script><script>document.body.setAttribute('data-pwned','2')</script>";
    const fs::path dir = region("injection",
                                "[report]\nattribution = \"" + std::string("<img src=x onerror=\\\"document.body.setAttribute('data-pwned','3')\\\">") +
                                    "\"\ntile_url = \"https://127.0.0.1:9/{z}/{x}/{y}.png?</script><script>document.body.setAttribute('data-pwned','4')</script>\"\n"
                                    "tile_attribution = \"<b onmouseover=x>" + std::string("</script>") + "\"\n");
    auto edit = [&](const char* file, const std::string& from, const std::string& to) {
        std::string s = read_file(dir / "data" / file);
        replace(s, from, to);
        std::ofstream(dir / "data" / file, std::ios::binary) << s;
    };
    auto json_text = [](const std::string& s) { return nlohmann::json(s).dump(); };
    edit("townships.geojson", "\"六都镇\"", json_text("@SUM(1+1)" + script));
    edit("villages.geojson", "\"六都村\"", json_text(formula));
    edit("villages.geojson", "\"大河村\"", json_text(breakout));
    edit("sites.csv", "六都镇社工站", "\"+1+cmd|' /C calc'!A0\"");
    edit("sites.csv", "六都镇大河村社工点", "\"-2+3" + std::string("\x1B[31m") + "\"");
    const RunResult r = run_coverplan({"--lang", "en", "run", (dir / "data" / "project.toml").string(), "-o", (dir / "out").string(), "--print-dpi", "36"});
    INFO(r.err);
    // The quality region plants a village no site can reach: its township has no feasible plan
    // (exit 3), and the pack is written all the same.
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));
    REQUIRE(fs::exists(dir / "out" / "run.json"));
    CHECK(r.out.find('\x1B') == std::string::npos);  // the ESC of a name never reaches the terminal raw
    CHECK(read_file(dir / "out" / "report.md").find("control characters") != std::string::npos);  // its removal is said
    // Every CSV cell: none starts a formula unless it is a number.
    std::size_t csv_files = 0, neutralised = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir / "out")) {
        if (e.path().extension() != ".csv") continue;
        ++csv_files;
        for (const auto& row : read_csv(e.path()))
            for (const auto& [header, cell] : row) {
                if (cell.rfind('\'', 0) == 0) ++neutralised;
                if (cell.empty() || std::string("=+-@\t\r").find(cell[0]) == std::string::npos) continue;
                char* end = nullptr;
                std::strtod(cell.c_str(), &end);
                INFO(e.path().filename() << " " << header << ": " << cell);
                CHECK(*end == '\0');  // a number such as -12.5
            }
    }
    CHECK(csv_files >= 5);
    CHECK(neutralised >= 3);
    // The interactive map in a browser: nothing planted executes.
    const fs::path html = dir / "out" / "maps" / "map.html";
    const RunResult dom = run("chromium", {"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                                           "--virtual-time-budget=5000", "--dump-dom", "file://" + html.string()});
    INFO("chromium must be installed (scripts/test.sh installs it)\n" << dom.err.substr(0, 1000));
    REQUIRE(dom.exit_code == 0);
    CHECK(dom.out.find("data-ready=\"1\"") != std::string::npos);  // the map itself was built
    CHECK(dom.out.find("data-errors=\"\"") != std::string::npos);
    // The planted handlers would set data-pwned="N" on <body>; the page holds the planted text
    // only as escaped data.
    CHECK(dom.out.find("data-pwned=\"") == std::string::npos);
    // The report: the names are text in the HTML and the Markdown.
    const std::string report = read_file(dir / "out" / "report.html");
    CHECK(report.find("<img src=x") == std::string::npos);
    CHECK_FALSE(std::regex_search(read_file(dir / "out" / "report.md"), std::regex("(^|[^\\\\])<(img|/script)")));  // only as \\<img
}

TEST_CASE("every numeric setting, in range or not, ends with exit 0 or 2 within the memory budget", "[cli][unsafe][property]") {
    // The project file's numeric keys with the command that exercises them. Random values in and
    // out of range, huge, tiny, negative and NaN: never a signal, never another exit code.
    struct Key {
        const char* table;
        const char* key;
        const char* command;
    };
    const Key keys[] = {
        {"rules", "villages_per_point", "check"},       {"rules", "max_site_distance_m", "check"},
        {"rules", "max_travel_min", "check"},           {"travel", "access_kmh", "coverage"},
        {"travel", "max_snap_m", "coverage"},           {"travel", "max_search_min", "coverage"},
        {"travel", "polygon_cell_m", "coverage"},       {"validation", "max_beneficiary_distance_m", "check"},
        {"validation", "max_weight", "check"},          {"plan", "max_travel_min", "plan"},
        {"plan", "time_limit_s", "plan"},               {"plan", "budget", "plan"},
        {"plan", "within_min", "plan"},                 {"plan", "seed", "plan"},
        {"report", "suppress_below", "run"},            {"limits", "memory_mb", "coverage"},
    };
    std::mt19937_64 rng(13);
    std::uniform_real_distribution<double> unit(0, 1);
    [[maybe_unused]] const long budget_kb = 1024L * 1024;  // [limits] memory_mb = 1024 unless the key under test is memory_mb
    std::size_t runs = 0;
    long worst_kb = 0;
    for (const Key& k : keys) {
        std::vector<std::string> values = {"nan", "inf", "-inf", "-1", "0", "1e-300", "1e300", "9223372036854775807"};
        for (int i = 0; i < 2; ++i) values.push_back(std::to_string(std::floor(std::pow(10.0, unit(rng) * 6 - 1))));
        for (const std::string& v : values) {
            const std::string table = std::string("[") + k.table + "]\n" + k.key + " = " + v + "\n";
            const std::string limits = std::string(k.table) == "limits" ? "" : "[limits]\nmemory_mb = 1024\n";
            const fs::path dir = region(std::string("property-") + k.table + "-" + k.key, table + limits);
            std::vector<std::string> args{"--lang", "en", k.command, (dir / "data" / "project.toml").string(), "-o", (dir / "out").string()};
            if (std::string(k.command) == "run") args.push_back("--no-maps");
            if (std::string(k.table) == "plan" && std::string(k.key) != "budget" && std::string(k.key) != "within_min") {
            } else if (std::string(k.table) == "plan") {
                args.insert(args.end(), {"--model", std::string(k.key) == "budget" ? "p-center" : "lscp"});
            }
            const Measured m = run_measured(args, dir / "err.txt");
            ++runs;
            INFO(k.table << "." << k.key << " = " << v << ": " << m.err.substr(0, 400));
            CHECK(m.signal == 0);
            // 3: the data against a tight setting (weights above a small max_weight), or a plan with
            // no feasible answer; either way said, not crashed.
            CHECK((m.exit_code == 0 || m.exit_code == 2 || m.exit_code == 3));
            if (m.exit_code == 3) CHECK((m.err.find("no feasible") != std::string::npos || m.err.rfind("coverplan: error: ", 0) == 0));
            CHECK(m.err.find("internal error") == std::string::npos);
#ifndef COVERPLAN_SANITIZED
            CHECK(m.max_rss_kb < budget_kb);
#endif
            worst_kb = std::max(worst_kb, m.max_rss_kb);
        }
    }
    CHECK(runs == 16 * 10);
    INFO("peak memory of one run: " << worst_kb / 1024 << " MB");
    SUCCEED();
}

TEST_CASE("codes with invisible characters and full-width digits match, with a note", "[cli][unsafe][codes]") {
    const fs::path dir = region("codes");
    std::string b = read_file(dir / "data" / "beneficiaries.csv");
    replace(b, ",445303101202,", ",445303101202\xC2\xA0,");                                        // a trailing no-break space
    replace(b, ",445303101203,", ",\xEF\xBC\x94\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x93" "03101203,");  // ４４５３…
    std::ofstream(dir / "data" / "beneficiaries.csv", std::ios::binary) << b;
    std::string s = read_file(dir / "data" / "sites.csv");
    replace(s, "445303101202;445303101203", "445303101202\xE2\x80\x8B;\xEF\xBB\xBF" "445303101203");  // zero-width space, BOM
    std::ofstream(dir / "data" / "sites.csv", std::ios::binary) << s;
    const RunResult r = run_coverplan({"--lang", "en", "validate", (dir / "data" / "project.toml").string()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("beneficiaries.csv, layer \"beneficiaries\": 2 codes or ids normalised before matching: invisible characters removed "
                     "(U+00A0 no-break space ×1); 4 full-width characters made half-width") != std::string::npos);
    CHECK(r.out.find("sites.csv, layer \"sites\": 2 codes or ids normalised before matching: invisible characters removed (U+200B zero-width "
                     "space ×1, U+FEFF byte-order mark ×1)") != std::string::npos);
    CHECK(r.out.find("beneficiary_unknown_village") == std::string::npos);
    CHECK(r.out.find("name a village code that is not in the villages layer") == std::string::npos);
}

TEST_CASE("--force replaces coverplan's own output and nothing else", "[cli][unsafe][outputs]") {
    const fs::path dir = region("force");
    const fs::path project = dir / "data" / "project.toml";
    const fs::path documents = dir / "documents";
    fs::create_directories(documents);
    std::ofstream(documents / "工作总结.docx") << "a user's document";
    const RunResult refused = run_coverplan({"--lang", "en", "check", project.string(), "-o", documents.string(), "--force"});
    CHECK(refused.exit_code == 4);
    CHECK(refused.err.find("was not written by coverplan (it holds 工作总结.docx); --force replaces only coverplan's own output folders") !=
          std::string::npos);
    CHECK(read_file(documents / "工作总结.docx") == "a user's document");
    const fs::path out = dir / "out";
    REQUIRE(run_coverplan({"check", project.string(), "-o", out.string()}).exit_code == 0);
    CHECK(fs::exists(out / ".coverplan-output"));
    CHECK(run_coverplan({"check", project.string(), "-o", out.string(), "--force"}).exit_code == 0);
    // A pack written before the marker existed: only coverplan's own file names.
    fs::remove(out / ".coverplan-output");
    CHECK(run_coverplan({"check", project.string(), "-o", out.string(), "--force"}).exit_code == 0);
    const RunResult empty = run_coverplan({"--lang", "en", "check", project.string(), "-o", ""});
    CHECK(empty.exit_code == 2);
    CHECK(empty.err.find("expected a folder, found an empty path") != std::string::npos);
}

TEST_CASE("an archive source is read relative to the project file and hashed in run.json", "[cli][unsafe][paths]") {
    const fs::path dir = region("zip");
    REQUIRE(std::system(("cd '" + (dir / "data").string() + "' && mkdir -p arch && cp sites.csv arch/ && cd arch && "
                         "(command -v zip >/dev/null && zip -q ../sites.zip sites.csv || python3 -c \"import zipfile; "
                         "zipfile.ZipFile('../sites.zip','w').write('sites.csv')\")").c_str()) == 0);
    std::string p = read_file(dir / "data" / "project.toml");
    replace(p, "source = \"sites.csv\"", "source = \"/vsizip/sites.zip/sites.csv\"");
    std::ofstream(dir / "data" / "project.toml") << p;
    fs::remove(dir / "data" / "sites.csv");
    // From another working folder: the archive is found beside the project file all the same.
    const RunResult r = run_coverplan({"--lang", "en", "run", (dir / "data" / "project.toml").string(), "-o", (dir / "out").string(), "--no-maps"}, "/");
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));  // 3: the quality region's planted unreachable village
    REQUIRE(fs::exists(dir / "out" / "run.json"));
    const auto record = nlohmann::json::parse(read_file(dir / "out" / "run.json"));
    bool hashed = false;
    for (const auto& in : record.at("inputs")) hashed = hashed || (in.at("path") == "sites.zip" && in.at("sha256").get<std::string>().size() == 64);
    CHECK(hashed);
}

TEST_CASE("bureau spreadsheets with title rows, broken shapefiles and overlapping townships", "[cli][unsafe][data]") {
    SECTION("a title row above the header is skipped, with a note") {
        const fs::path dir = region("title-row");
        const std::string b = read_file(dir / "data" / "beneficiaries.csv");
        std::ofstream(dir / "data" / "beneficiaries.csv", std::ios::binary) << "云安区困难群众台账（2024年12月）,,,,,,,\n" << b;
        const RunResult r = run_coverplan({"--lang", "en", "validate", (dir / "data" / "project.toml").string()});
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("beneficiaries.csv, layer \"beneficiaries\": the rows above row 2 look like a title; the column names were read from "
                         "row 2 (say header_row = 2 in [layers.beneficiaries] to make it explicit)") != std::string::npos);
        CHECK(r.out.find(" beneficiaries     4     4") != std::string::npos);
        // Said explicitly, with two title rows, and line numbers in messages stay the file's.
        std::ofstream(dir / "data" / "beneficiaries.csv", std::ios::binary) << "台账,,,,,,,\n填报单位：民政局,,,,,,,\n" << b;
        std::string p = read_file(dir / "data" / "project.toml");
        replace(p, "source = \"beneficiaries.csv\"", "source = \"beneficiaries.csv\"\nheader_row = 3");
        std::ofstream(dir / "data" / "project.toml") << p;
        CHECK(run_coverplan({"validate", (dir / "data" / "project.toml").string()}).exit_code == 0);
        std::string bad = b;
        replace(bad, "低保;残疾人,1,", "低保;残疾人,x,");
        std::ofstream(dir / "data" / "beneficiaries.csv", std::ios::binary) << "台账,,,,,,,\n填报单位：民政局,,,,,,,\n" << bad;
        const RunResult line = run_coverplan({"--lang", "en", "validate", (dir / "data" / "project.toml").string()});
        CHECK(line.exit_code == 3);
        CHECK(line.err.find("beneficiaries.csv, layer \"beneficiaries\", feature 4 (line 4), field \"weight\"") != std::string::npos);
    }
    SECTION("a shapefile without its .dbf or .shx says so") {
        const fs::path dir = scratch("unsafe-shapefile");
        for (const auto& e : fs::directory_iterator(fs::path(COVERPLAN_TEST_DATA_DIR) / "mini_formats"))
            fs::copy_file(e.path(), dir / e.path().filename());
        fs::copy_file(fs::path(COVERPLAN_TEST_DATA_DIR) / "mini" / "villages.geojson", dir / "villages.geojson");
        fs::copy_file(fs::path(COVERPLAN_TEST_DATA_DIR) / "mini" / "sites.csv", dir / "sites.csv");
        std::ofstream(dir / "p.toml") << "[layers.townships]\nsource = \"townships_cpg.shp\"\n[layers.villages]\nsource = \"villages.geojson\"\n"
                                         "[layers.sites]\nsource = \"sites.csv\"\nx = \"lon\"\ny = \"lat\"\ncrs = \"EPSG:4326\"\n"
                                         "[layers.sites.fields]\nserved_villages = \"served\"\n";
        REQUIRE(run_coverplan({"check", (dir / "p.toml").string()}).exit_code == 0);
        fs::remove(dir / "townships_cpg.dbf");
        const RunResult dbf = run_coverplan({"--lang", "en", "check", (dir / "p.toml").string()});
        CHECK(dbf.exit_code == 3);
        CHECK(dbf.err.find("[layers.townships] source townships_cpg.shp: the shapefile's townships_cpg.dbf is missing (its attributes)") !=
              std::string::npos);
        fs::remove(dir / "townships_cpg.shx");
        const RunResult shx = run_coverplan({"--lang", "en", "check", (dir / "p.toml").string()});
        CHECK(shx.exit_code == 3);
        CHECK(shx.err.find("the shapefile's townships_cpg.shx is missing (its index)") != std::string::npos);
    }
    SECTION("a township covering the whole county overlaps the others") {
        const fs::path dir = region("overlap");
        std::string t = read_file(dir / "data" / "townships.geojson");
        const auto j = nlohmann::json::parse(t);
        nlohmann::json county = j;
        nlohmann::json whole = j.at("features").at(0);
        whole["properties"]["code"] = "445303199";
        whole["properties"]["name"] = "全县";
        whole["geometry"] = {{"type", "Polygon"}, {"coordinates", {{{111.9, 22.9}, {112.3, 22.9}, {112.3, 23.3}, {111.9, 23.3}, {111.9, 22.9}}}}};
        county["features"].push_back(whole);
        std::ofstream(dir / "data" / "townships.geojson") << county.dump();
        const RunResult r = run_coverplan({"--lang", "en", "validate", (dir / "data" / "project.toml").string()});
        INFO(r.out << r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("[warning] 3 pairs of townships overlap by more than 1% of the smaller one") != std::string::npos);
        CHECK(r.out.find("六都镇 (445303100) and 全县 (445303199): 100% of 六都镇") != std::string::npos);
        // The clean region has none.
        CHECK(run_coverplan({"--lang", "en", "validate", (k_quality / "project.toml").string()}).out.find("overlap") == std::string::npos);
    }
}

TEST_CASE("every geometry of every output of both sample regions is valid, RFC 7946, and every JSON strict", "[cli][unsafe][geometry]") {
    GDALAllRegister();
    for (const char* name : {"yunan", "andorra"}) {
        DYNAMIC_SECTION(name) {
            const fs::path out = scratch(std::string("unsafe-geometry-") + name) / "pack";
            const RunResult r = run_coverplan({"run", (fs::path(COVERPLAN_DATA_DIR) / name / "project.toml").string(), "-o", out.string(),
                                               "--print-dpi", "36"});
            INFO(r.err);
            REQUIRE(r.exit_code == 0);
            std::size_t files = 0, geometries = 0, polygons = 0;
            for (const auto& e : fs::recursive_directory_iterator(out)) {
                const std::string ext = e.path().extension().string();
                if (ext == ".json" || ext == ".geojson") {
                    INFO(e.path().filename());
                    nlohmann::json j;
                    CHECK_NOTHROW(j = nlohmann::json::parse(read_file(e.path())));  // strict: a bare inf or nan fails
                }
                if (ext != ".geojson") continue;
                ++files;
                GDALDatasetUniquePtr ds(GDALDataset::Open(e.path().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
                REQUIRE(ds);
                const auto j = nlohmann::json::parse(read_file(e.path()));
                for (const auto& f : j.at("features")) {
                    const auto& g = f.at("geometry");
                    if (g.is_null()) continue;
                    ++geometries;
                    std::unique_ptr<OGRGeometry> geom(OGRGeometryFactory::createFromGeoJson(g.dump().c_str()));
                    REQUIRE(geom);
                    INFO(e.path().filename() << ": " << f.at("properties").dump());
                    CHECK(geom->IsValid());  // GEOS
                    if (g.at("type") == "LineString") CHECK(static_cast<OGRLineString*>(geom.get())->get_Length() > 0);
                    if (g.at("type") != "MultiPolygon" && g.at("type") != "Polygon") continue;
                    const auto polys = g.at("type") == "Polygon" ? nlohmann::json::array({g.at("coordinates")}) : g.at("coordinates");
                    for (const auto& poly : polys)
                        for (std::size_t ring = 0; ring < poly.size(); ++ring) {
                            double a = 0;
                            const auto& pts = poly[ring];
                            for (std::size_t i = 0; i + 1 < pts.size(); ++i)
                                a += pts[i][0].get<double>() * pts[i + 1][1].get<double>() - pts[i + 1][0].get<double>() * pts[i][1].get<double>();
                            CHECK((ring == 0 ? a > 0 : a < 0));  // shells counterclockwise, holes clockwise
                            ++polygons;
                        }
                }
            }
            // townships, villages, sites, isochrones, coverage_areas, gaps, plan, assignments, violations, tours, access; and
            // closed_roads, critical_links, detour_links, outreach_tours where the project has flood-season layers (云安区's sample)
            CHECK(files == (std::string(name) == "yunan" ? 15 : 11));
            // The workbook is the file for Excel: every code a text cell, whole (README "CSV or XLSX").
            for (const char* sheet : {"村居", "进度"}) {
                std::map<std::string, std::string> types;
                const auto rows = read_sheet(out / "report.xlsx", sheet, &types);
                INFO(sheet);
                REQUIRE(!rows.empty());
                CHECK(types.at("代码") == "String");
                std::size_t whole = 0;
                for (const auto& row : rows) {
                    const std::string& code = row.at("代码");  // empty on the county's total row
                    CHECK(code.find_first_not_of("0123456789") == std::string::npos);
                    whole += code.size() == (std::string(sheet) == "村居" ? 12u : 9u);
                }
                CHECK(whole >= rows.size() - 1);
            }
            CHECK(geometries > 100);
            CHECK(polygons > 10);
        }
    }
}

TEST_CASE("a source name too long for the file system is a located error, not a crash", "[cli][unsafe][paths]") {
    // Found by fuzz_project_file: a driver-like prefix and a 300-character name made
    // std::filesystem::exists throw (ENAMETOOLONG) and the process end in std::terminate.
    const std::string name = "ab:" + std::string(300, 'n') + ".csv";
    const fs::path dir = region("long-name", "", [&](std::string& p) { replace(p, "source = \"sites.csv\"", "source = \"" + name + "\""); });
    const RunResult r = run_coverplan({"--lang", "en", "validate", (dir / "data" / "project.toml").string()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("line 21: layers.sites.source") != std::string::npos);
    CHECK(r.err.find("starts with a GDAL driver prefix (ab:)") != std::string::npos);
}
