// coverplan run: the briefing pack, read back and compared with the data files it came from.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "cli_runner.hpp"
#include "core/geometry.hpp"
#include "core/sha256.hpp"
#include "pack_reader.hpp"

using namespace coverplan::test;
namespace fs = std::filesystem;

namespace {
const fs::path k_data = fs::path(COVERPLAN_DATA_DIR);
const fs::path k_golden = fs::path(COVERPLAN_TEST_DATA_DIR) / "golden";

// One run of the pack, shared by the test cases (it takes a few seconds).
const fs::path& yunan_pack() {
    static const fs::path out = [] {
        const fs::path o = scratch("run-yunan") / "pack";
        const RunResult r = run_coverplan({"run", (k_data / "yunan" / "project.toml").string(), "-o", o.string(), "--date", "2026-01-15",
                                           "--threads", "1", "--print-dpi", "36"});
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        return o;
    }();
    return out;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// Files that differ between two packs, run.json compared without its timings.
std::vector<std::string> differences(const fs::path& a, const fs::path& b) {
    std::vector<std::string> diff;
    std::set<std::string> names;
    for (const fs::path& dir : {a, b})
        for (const auto& e : fs::recursive_directory_iterator(dir))
            if (e.is_regular_file()) names.insert(fs::relative(e.path(), dir).generic_string());
    for (const std::string& n : names) {
        if (!fs::exists(a / n) || !fs::exists(b / n)) {
            diff.push_back(n + " (missing in one)");
            continue;
        }
        if (n == "run.json") {
            auto ja = nlohmann::json::parse(read_file(a / n)), jb = nlohmann::json::parse(read_file(b / n));
            ja.erase("timings_s");
            jb.erase("timings_s");
            if (ja != jb) diff.push_back(n);
        } else if (read_file(a / n) != read_file(b / n)) {
            diff.push_back(n);
        }
    }
    return diff;
}

// Any Chinese character or full-width punctuation left in `text`.
std::string first_chinese(const std::string& text) {
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]), d = static_cast<unsigned char>(text[i + 1]);
        if ((c >= 0xE3 && c <= 0xE9) || (c == 0xEF && (d == 0xBC || d == 0xBD)))
            return text.substr(i > 40 ? i - 40 : 0, 80);
    }
    return "";
}
}  // namespace

TEST_CASE("run writes the pack laid out as DESIGN §11", "[cli][run][yunan]") {
    const fs::path& out = yunan_pack();
    for (const char* f : {"sites.geojson", "villages.geojson", "assignments.geojson", "isochrones.geojson", "gaps.geojson",
                          "violations.geojson", "violations.csv", "progress.csv", "coverage.csv", "plan.geojson", "plan.csv",
                          "plan_townships.csv", "report.md", "report.html", "report.xlsx", "run.json", "maps/county.png",
                          "maps/county_print.png", "maps/county.pdf", "maps/county.svg", "maps/map.html"}) {
        INFO(f);
        CHECK(fs::file_size(out / f) > 100);
    }
    for (int t = 100; t <= 106; ++t)
        for (const char* ext : {".png", "_print.png", ".pdf", ".svg"}) {
            const std::string f = "maps/township_445303" + std::to_string(t) + ext;
            INFO(f);
            CHECK(fs::exists(out / f));
        }
    CHECK(read_file(out / "maps/county.pdf").rfind("%PDF-", 0) == 0);

    const auto rec = nlohmann::json::parse(read_file(out / "run.json"));
    CHECK(rec.at("date") == "2026-01-15");
    CHECK(rec.at("inputs").size() == 9);  // the project file and its 8 layers
    for (const auto& in : rec.at("inputs")) {
        coverplan::Sha256 h;
        h.update(read_file(k_data / "yunan" / in.at("path").get<std::string>()));
        CHECK(in.at("sha256") == h.hex_digest());
    }
    CHECK(rec.at("versions").at("gdal").get<std::string>().rfind("3.", 0) == 0);
    CHECK(rec.at("versions").at("geos").get<std::string>().rfind("3.", 0) == 0);
    CHECK(!rec.at("versions").at("proj").get<std::string>().empty());
    CHECK(rec.at("solver").at("new_points") == 21);
    CHECK(rec.at("solver").at("complete") == true);
    for (const char* stage : {"validate", "travel_times", "check", "coverage", "plan", "maps", "report", "total"}) {
        INFO(stage);
        CHECK(rec.at("timings_s").at(stage).get<double>() >= 0);
    }
    std::set<std::string> listed;
    for (const auto& o : rec.at("outputs")) listed.insert(o.at("path"));
    CHECK(listed.count("report.xlsx") == 1);
    CHECK(listed.count("maps/county.svg") == 1);
    CHECK(rec.dump().find(out.string()) == std::string::npos);  // no machine paths in the record
}

TEST_CASE("pack.gpkg holds every layer of the folder, valid, with its title and a QGIS style", "[cli][run][gpkg][yunan]") {
    const fs::path& out = yunan_pack();
    const auto pack = read_vector(out / "pack.gpkg");
    const std::vector<std::string> layers{"villages", "coverage_areas", "gaps",  "isochrones",   "townships",      "assignments", "access",
                                          "tours",    "violations",     "sites", "closed_roads", "critical_links", "detour_links", "outreach_tours", "plan"};
    // Every GeoJSON file of the folder is a layer of the pack.
    std::set<std::string> geojson_files;
    for (const auto& e : fs::directory_iterator(out))
        if (e.path().extension() == ".geojson") geojson_files.insert(e.path().stem().string());
    CHECK(geojson_files == std::set<std::string>(layers.begin(), layers.end()));
    CHECK(pack.size() == layers.size() + 1);
    for (const std::string& name : layers) {
        INFO(name);
        REQUIRE(pack.count(name) == 1);
        const auto geojson = read_vector(out / (name + ".geojson"));
        REQUIRE(geojson.size() == 1);
        const VectorLayer& g = geojson.begin()->second;
        const VectorLayer& p = pack.at(name);
        CHECK(p.features == g.features);
        CHECK(p.features > 0);
        CHECK(p.no_geometry == g.no_geometry);
        CHECK(p.invalid == 0);
        CHECK(p.geometry_type == g.geometry_type);
        // The same features: attributes (lists become JSON arrays) and coordinates, one by one.
        REQUIRE(p.rows.size() == g.rows.size());
        std::size_t differ = 0;
        for (std::size_t i = 0; i < g.rows.size(); ++i) {
            differ += p.wkt[i] != g.wkt[i];
            for (const auto& [field, value] : g.rows[i]) {
                INFO(field);
                REQUIRE(p.rows[i].count(field) == 1);
                if (value.rfind("(", 0) != 0) differ += p.rows[i].at(field) != value;
            }
        }
        CHECK(differ == 0);
        CHECK(p.rows.front().size() == g.rows.front().size());
        const auto contents = gpkg_contents(out / "pack.gpkg", name);
        CHECK(contents.at("data_type") == "features");
        CHECK(contents.at("srs_id") == "4326");
        CHECK(first_chinese(contents.at("identifier")) != "");  // a Chinese title in a Chinese pack
    }
    CHECK(pack.at("plan").rows.front().at("served_villages").rfind("[\"445303", 0) == 0);
    CHECK(gpkg_contents(out / "pack.gpkg", "villages").at("identifier") == "村（社区）：到最近站点的出行时间");

    // One default style per layer, where QGIS looks for it (f_table_schema '' and the geometry column).
    const VectorLayer& styles = pack.at("layer_styles");
    std::set<std::string> styled;
    for (const auto& row : styles.rows) {
        INFO(row.at("f_table_name"));
        styled.insert(row.at("f_table_name"));
        CHECK(row.at("f_table_schema") == "");
        CHECK(row.at("f_geometry_column") == "geom");
        CHECK(row.at("useAsDefault") == "1");
        CHECK(row.at("styleQML").rfind("<!DOCTYPE qgis", 0) == 0);
        CHECK(row.at("styleQML").find("RuleRenderer") != std::string::npos);
    }
    CHECK(styled == std::set<std::string>(layers.begin(), layers.end()));
    CHECK(styles.rows.size() == layers.size());
}

TEST_CASE("the report's numbers are those of the data files", "[cli][run][yunan]") {
    const fs::path& out = yunan_pack();
    const fs::path xlsx = out / "report.xlsx";

    // Progress: every township row equals progress.csv, numbers stored as numbers.
    std::map<std::string, std::string> types;
    const auto progress = read_sheet(xlsx, "进度", &types);
    CHECK(types.at("社工点缺口") == "Integer");
    const auto progress_csv = read_csv(out / "progress.csv");
    std::size_t matched = 0;
    for (const auto& csv : progress_csv)
        for (const auto& row : progress)
            if (row.at("代码") == csv.at("代码")) {
                ++matched;
                for (const char* h : {"村（社区）数", "已纳入服务村数", "社工站应建", "社工站已建", "社工点应建", "社工点已建", "社工点缺口"}) {
                    INFO(csv.at("镇（街）") << " " << h);
                    CHECK(row.at(h) == csv.at(h));
                }
            }
    CHECK(matched == 7);
    CHECK(progress.back().at("区县") == "合计");
    CHECK(progress.back().at("社工点缺口") == "21");

    // Villages: beneficiaries and minutes to the nearest site equal villages.geojson.
    const auto villages = read_sheet(xlsx, "村居", &types);
    CHECK(types.at("服务对象数") == "Integer");
    CHECK(types.at("到最近站点（分钟）") == "Real");
    const auto vj = nlohmann::json::parse(read_file(out / "villages.geojson"));
    std::map<std::string, const nlohmann::json*> by_code;
    for (const auto& f : vj.at("features")) by_code[f.at("properties").at("code")] = &f.at("properties");
    REQUIRE(villages.size() == 114);
    for (const auto& row : villages) {
        const auto& p = *by_code.at(row.at("代码"));
        INFO(row.at("名称"));
        CHECK(std::stoi(row.at("服务对象数")) == p.at("beneficiaries").get<int>());
        if (p.at("nearest_min").is_null()) CHECK(row.at("到最近站点（分钟）").empty());
        else CHECK(std::stod(row.at("到最近站点（分钟）")) == Approx(p.at("nearest_min").get<double>()).margin(0.051));
    }

    // Township coverage: villages within 15 minutes equal coverage.csv.
    const auto coverage = read_sheet(xlsx, "镇街覆盖");
    std::size_t townships = 0;
    for (const auto& csv : read_csv(out / "coverage.csv")) {
        if (csv.at("层级") != "镇（街）") continue;
        for (const auto& row : coverage)
            if (row.at("代码") == csv.at("代码")) {
                ++townships;
                CHECK(row.at("15分钟内村数") == csv.at("15分钟内村数"));
                CHECK(row.at("服务对象数") == csv.at("服务对象数"));
            }
    }
    CHECK(townships == 7);

    // The plan: one row per new site, with the villages and beneficiaries of plan.csv.
    const auto plan = read_sheet(xlsx, "规划");
    std::map<std::string, std::map<std::string, std::string>> plan_csv;
    for (const auto& row : read_csv(out / "plan.csv"))
        if (row.at("来源") != "保留") plan_csv[row.at("站点名称")] = row;
    REQUIRE(plan.size() == plan_csv.size());
    CHECK(plan.size() >= 21);
    for (const auto& row : plan) {
        const auto& csv = plan_csv.at(row.at("站点"));
        CHECK(row.at("服务村（社区）数") == csv.at("服务村（社区）数"));
        CHECK(row.at("服务对象数") == csv.at("服务对象数"));
    }

    // Violations: as many as violations.csv.
    CHECK(read_sheet(xlsx, "违规").size() == read_csv(out / "violations.csv").size());

    // The same figures in the Markdown and the HTML.
    const std::string md = read_file(out / "report.md"), html = read_file(out / "report.html");
    // The summary's shares today are coverage.csv's county totals, to the decimal.
    const auto coverage_rows = read_csv(out / "coverage.csv");
    REQUIRE(!coverage_rows.empty());
    const auto& total = coverage_rows.front();
    REQUIRE(total.at("层级") == "合计");
    auto one_decimal = [](const std::string& v) {
        std::ostringstream o;
        o.setf(std::ios::fixed);
        o.precision(1);
        o << std::stod(v);
        return o.str();
    };
    INFO(total.at("15分钟内占比%（最近站点）") << " " << total.at("15分钟内村占比%"));
    CHECK(md.find("现状下，15 分钟内可达站点的服务对象占 " + one_decimal(total.at("15分钟内占比%（最近站点）")) + "%") != std::string::npos);
    CHECK(md.find("| 15 分钟可达的村（社区） | " + one_decimal(total.at("15分钟内村占比%")) + "% |") != std::string::npos);
    CHECK(md.find(total.at("不可达人数") + " 名服务对象附近没有可通行道路") != std::string::npos);
    CHECK(md.find("| 社工点（已建 / 应建） | 17 / 38 | 38 / 38 |") != std::string::npos);
    CHECK(md.find("| 合计 |  |  | 114 | 58 | 7 | 7 | 0 | 38 | 17 | 0 | 21 |") != std::string::npos);
    CHECK(html.find("本方案拟新增社工点 21 个，实施后社工点缺口 0 个，建成率 100.0%。") != std::string::npos);
    CHECK(html.find("data:image/png;base64,") != std::string::npos);  // the county map is embedded
    CHECK(count(html, "<section id=") >= 9);
    CHECK(html.find("page-break-before") != std::string::npos);
}

// pdftotext's text of pages first … last (0: to the end): with `layout` as placed on the page
// (a table's columns side by side), else in drawing order (each cell whole).
std::string pdf_text(const fs::path& pdf, int first = 1, int last = 0, bool layout = true) {
    std::vector<std::string> args{layout ? "-layout" : "-raw", "-f", std::to_string(first)};
    if (last > 0) args.insert(args.end(), {"-l", std::to_string(last)});
    args.insert(args.end(), {pdf.string(), "-"});
    const RunResult r = run("pdftotext", args);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

// pdftotext breaks lines and pads with spaces: compare without any white space.
std::string squeeze(std::string s) {
    std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\t'; });
    return s;
}

TEST_CASE("report.pdf: A4, fonts embedded, the summary and every township in its text, contents that match the pages",
          "[cli][run][pdf][yunan]") {
    const fs::path pdf = yunan_pack() / "report.pdf";
    const RunResult info = run("pdfinfo", {pdf.string()});
    REQUIRE(info.exit_code == 0);
    CHECK(info.out.find("Page size:       595.276 x 841.89 pts (A4)") != std::string::npos);
    CHECK(info.out.find("Creator:         coverplan") != std::string::npos);
    CHECK(info.out.find("CreationDate:    Thu Jan 15 00:00:00 2026") != std::string::npos);  // the run's date, not the clock's
    const auto pages_at = info.out.find("Pages:");
    REQUIRE(pages_at != std::string::npos);
    const int pages = std::stoi(info.out.substr(pages_at + 6));
    CHECK(pages >= 10);
    // Every page A4, portrait or landscape.
    const RunResult sizes = run("pdfinfo", {"-f", "1", "-l", std::to_string(pages), pdf.string()});
    CHECK(count(sizes.out, "595.276 x 841.89 pts (A4)") + count(sizes.out, "841.89 x 595.276 pts (A4)") == static_cast<std::size_t>(pages));

    const RunResult fonts = run("pdffonts", {pdf.string()});
    REQUIRE(fonts.exit_code == 0);
    CHECK(fonts.out.find("NotoSansCJKsc-Regular") != std::string::npos);
    std::istringstream lines(fonts.out);
    std::string line;
    int font_rows = 0;
    while (std::getline(lines, line)) {
        if (line.find("Identity-H") == std::string::npos) continue;
        ++font_rows;
        INFO(line);
        CHECK(line.find(" yes yes yes ") != std::string::npos);  // embedded, subset, with a ToUnicode map
    }
    CHECK(font_rows >= 2);

    // Page 1: the summary's sentences, with the figures of the data files.
    const std::string first = squeeze(pdf_text(pdf, 1, 1));
    const auto progress = read_csv(yunan_pack() / "progress.csv");
    int required = 0, built = 0;
    for (const auto& row : progress) {
        required += std::stoi(row.at("社工点应建"));
        built += std::stoi(row.at("社工点已建"));
    }
    int planned = 0;
    for (const auto& row : read_csv(yunan_pack() / "plan.csv")) planned += row.at("来源").rfind("新设", 0) == 0 && row.at("类型") == "社工点";
    CHECK(required == 38);
    CHECK(first.find(squeeze("应建社工站 7 个、社工点 " + std::to_string(required) + " 个")) != std::string::npos);
    CHECK(first.find(squeeze("社工点 " + std::to_string(built) + " 个，社工点缺口 " + std::to_string(required - built) + " 个")) != std::string::npos);
    CHECK(first.find(squeeze("本方案拟新增社工点 " + std::to_string(planned) + " 个")) != std::string::npos);
    CHECK(first.find("摘要") != std::string::npos);

    const std::string all = squeeze(pdf_text(pdf));
    for (const char* label : {"下一步建议", "编制单位：", "编制人：", "审核人：", "日期："}) CHECK(all.find(label) != std::string::npos);
    for (const auto& row : progress) CHECK(all.find(row.at("镇（街）")) != std::string::npos);

    // The contents page: each entry's page number is the page where that heading is.
    int contents = 0;
    for (int p = 1; p <= 5 && contents == 0; ++p)
        if (squeeze(pdf_text(pdf, p, p)).find("目录摘要") != std::string::npos) contents = p;
    REQUIRE(contents > 0);
    std::istringstream toc(pdf_text(pdf, contents, contents));
    int entries = 0;
    while (std::getline(toc, line)) {
        // "摘要 ……… 1": pdftotext drops the dotted leader (it is drawn, not text).
        const auto last_space = line.find_last_of(' ');
        if (last_space == std::string::npos || last_space + 1 >= line.size()) continue;
        const std::string number = line.substr(last_space + 1);
        if (number.find_first_not_of("0123456789") != std::string::npos) continue;
        const std::string title = squeeze(line.substr(0, last_space));
        if (title.empty() || title.find("页") != std::string::npos) continue;  // the footer "第 x 页 / 共 y 页"
        const int page = std::stoi(number);
        INFO(title << " → page " << page);
        REQUIRE(page >= 1);
        REQUIRE(page <= pages);
        CHECK(squeeze(pdf_text(pdf, page, page)).find(title) != std::string::npos);
        ++entries;
    }
    CHECK(entries >= 8);
}

TEST_CASE("report.pdf: each township is one landscape page with its map, its figures, its findings and its new sites",
          "[cli][run][pdf][yunan]") {
    const fs::path pdf = yunan_pack() / "report.pdf";
    const RunResult info = run("pdfinfo", {pdf.string()});
    REQUIRE(info.exit_code == 0);
    const int pages = std::stoi(info.out.substr(info.out.find("Pages:") + 6));
    std::vector<std::string> text(static_cast<std::size_t>(pages) + 1);
    // In drawing order: the column of text comes whole, not interleaved with the map labels beside it.
    for (int p = 1; p <= pages; ++p) text[static_cast<std::size_t>(p)] = squeeze(pdf_text(pdf, p, p, false));
    const auto plan = read_csv(yunan_pack() / "plan.csv");
    int townships = 0;
    for (const auto& row : read_csv(yunan_pack() / "progress.csv")) {
        const std::string name = row.at("镇（街）");
        INFO(name);
        int page = 0;
        for (int p = 1; p <= pages; ++p)
            if (text[static_cast<std::size_t>(p)].find(name + "辖村（社区）") != std::string::npos) {
                CHECK(page == 0);  // on one page only
                page = p;
            }
        REQUIRE(page > 0);
        ++townships;
        const std::string& here = text[static_cast<std::size_t>(page)];
        // The map: its legend, locator, CRS line and scale bar are on the same page as the text.
        for (const char* part : {"图例", "位置示意", "坐标系", "千米", "本镇（街）新设与重新分配的站点"}) CHECK(here.find(part) != std::string::npos);
        CHECK(here.find(squeeze("应建社工点 " + row.at("社工点应建") + " 个、已建 " + row.at("社工点已建") + " 个")) != std::string::npos);
        for (const auto& site : plan)
            if (site.at("镇（街）") == name && site.at("来源") != "保留") CHECK(here.find(squeeze(site.at("站点名称"))) != std::string::npos);
        const RunResult size = run("pdfinfo", {"-f", std::to_string(page), "-l", std::to_string(page), pdf.string()});
        CHECK(size.out.find("841.89 x 595.276 pts (A4)") != std::string::npos);
        // The page after it starts something else (no spill-over of the township's text or map).
        if (page < pages) {
            const std::string& next = text[static_cast<std::size_t>(page) + 1];
            CHECK((next.find("本镇（街）新设与重新分配的站点") == std::string::npos || next.find("辖村（社区）") != std::string::npos));
        }
    }
    CHECK(townships == 7);
}

TEST_CASE("report.xlsx: autofilters, totals as formulas below the data, shares as fractions, a print-ready 一览表",
          "[cli][run][xlsx][yunan]") {
    const fs::path xlsx = yunan_pack() / "report.xlsx";
    const std::string workbook = read_zip_member(xlsx, "xl/workbook.xml");
    REQUIRE_FALSE(workbook.empty());
    // Sheet names in order: sheetN.xml is the N-th.
    std::vector<std::string> sheets;
    const std::regex sheet_re("<sheet name=\"([^\"]+)\"");
    for (std::sregex_iterator it(workbook.begin(), workbook.end(), sheet_re), end; it != end; ++it) sheets.push_back((*it)[1]);
    REQUIRE(sheets.size() >= 8);
    int form = 0;
    for (std::size_t k = 0; k < sheets.size(); ++k) {
        const std::string xml = read_zip_member(xlsx, "xl/worksheets/sheet" + std::to_string(k + 1) + ".xml");
        INFO(sheets[k]);
        if (sheets[k] == "一览表") {
            form = static_cast<int>(k + 1);
            CHECK(xml.find("orientation=\"landscape\"") != std::string::npos);
            CHECK(xml.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);
            CHECK(xml.find("fitToWidth=") == std::string::npos);  // absent: the default, one page wide
            CHECK(xml.find("fitToHeight=\"0\"") != std::string::npos);
            CHECK(xml.find("paperSize=\"9\"") != std::string::npos);
            CHECK(xml.find("<autoFilter") == std::string::npos);  // a form, not a data sheet
            continue;
        }
        // Every data sheet with rows has an autofilter from its header in row 1.
        if (xml.find("<row r=\"2\"") != std::string::npos) CHECK(xml.find("<autoFilter ref=\"A1:") != std::string::npos);
    }
    REQUIRE(form > 0);
    CHECK(workbook.find("_xlnm.Print_Titles") != std::string::npos);  // the form's header repeats on each printed page
    const std::string strings = read_zip_member(xlsx, "xl/sharedStrings.xml");
    for (const char* label : {"填报单位（盖章）", "填报人", "审核人", "序号", "应建", "建成率"}) CHECK(strings.find(label) != std::string::npos);

    // The progress sheet: the total row below the data sums it by formula, its value cached.
    const auto at = std::find(sheets.begin(), sheets.end(), "进度");
    REQUIRE(at != sheets.end());
    const std::string progress = read_zip_member(xlsx, "xl/worksheets/sheet" + std::to_string(at - sheets.begin() + 1) + ".xml");
    CHECK(progress.find("<autoFilter ref=\"A1:") != std::string::npos);
    const std::regex sum_re("<f>SUM\\(\\$([A-Z]+)\\$2:\\$[A-Z]+\\$8\\)</f><v>([0-9.]+)</v>");
    std::map<std::string, std::string> sums;
    for (std::sregex_iterator it(progress.begin(), progress.end(), sum_re), end; it != end; ++it) sums[(*it)[1]] = (*it)[2];
    CHECK(sums.size() >= 10);
    CHECK(sums["D"] == "114");  // villages
    CHECK(sums["I"] == "38");   // points required
    CHECK(progress.find("<autoFilter ref=\"A1:O8\"/>") != std::string::npos);  // 7 townships: the total row (9) outside
    // Shares are fractions with a % format: no value above 1 in the built-rate column.
    const auto rows = read_sheet(xlsx, "进度");
    REQUIRE(rows.size() == 8);
    for (const auto& row : rows) {
        const double rate = std::stod(row.at("规划后社工点建成率%"));
        CHECK(rate >= 0);
        CHECK(rate <= 1.0);
    }
    CHECK(rows.back().at("规划后社工点建成率%") == "1");
}

TEST_CASE("maps: sizes, symbols per site and Chinese labels", "[cli][run][maps][yunan]") {
    const fs::path& out = yunan_pack();
    const PngInfo screen = read_png(out / "maps/county.png");
    CHECK(screen.width == 1684);  // A4 landscape at 144 dpi
    CHECK(screen.height == 1191);
    CHECK(screen.non_white > 0.1);  // the map fills a frame of the page, not all of it
    const PngInfo print = read_png(out / "maps/county_print.png");
    CHECK(print.width == 421);  // --print-dpi 36
    CHECK(print.height == 298);

    std::map<std::string, int> expected;
    const auto plan = nlohmann::json::parse(read_file(out / "plan.geojson"));
    for (const auto& f : plan.at("features")) {
        const auto& p = f.at("properties");
        ++expected[p.at("kind").get<std::string>() + " " + p.at("status").get<std::string>()];
    }
    CHECK(expected["point planned"] == 21);
    const std::string svg = read_file(out / "maps/county.svg");
    for (const auto& [cls, n] : expected) {
        INFO(cls);
        CHECK(count(svg, "<g class=\"site " + cls + "\">") == static_cast<std::size_t>(n));
        CHECK(count(svg, "<g class=\"site " + cls + " legend\">") == 1);
    }
    for (const char* name : {">六都镇</text>", ">都杨镇</text>", ">云安区 社工站点现状与规划</text>", ">图例</text>"}) {
        INFO(name);
        CHECK(svg.find(name) != std::string::npos);
    }
    // A township map shows its own sites only and labels its villages.
    const std::string town = read_file(out / "maps/township_445303106.svg");
    CHECK(town.find(">都杨镇</text>") == std::string::npos);  // the title is "云安区 都杨镇"
    CHECK(town.find(">云安区 都杨镇</text>") != std::string::npos);
    CHECK(town.find(">六合村</text>") != std::string::npos);
    CHECK(count(town, "<g class=\"site station existing\">") == 1);  // its own station only
    CHECK(count(town, "<g class=\"site station") == 2);            // … and the legend's one entry: no planned station here
}

namespace {
coverplan::MultiPolygon lonlat_polygon(const nlohmann::json& geometry) {
    coverplan::MultiPolygon mp;
    auto ring = [](const nlohmann::json& coords) {
        coverplan::Ring r;
        for (const auto& c : coords) r.push_back({c.at(0).get<double>(), c.at(1).get<double>()});
        return r;
    };
    auto polygon = [&](const nlohmann::json& rings) {
        coverplan::Polygon p;
        p.outer = ring(rings.at(0));
        for (std::size_t k = 1; k < rings.size(); ++k) p.holes.push_back(ring(rings.at(k)));
        return p;
    };
    if (geometry.at("type") == "Polygon") mp.push_back(polygon(geometry.at("coordinates")));
    else
        for (const auto& rings : geometry.at("coordinates")) mp.push_back(polygon(rings));
    return mp;
}
}  // namespace

TEST_CASE("maps: every township and every site's host village is labelled, the county map has one measure, the legend lists what is shown",
          "[cli][run][maps][yunan]") {
    const fs::path& out = yunan_pack();
    const std::string svg = read_file(out / "maps/county.svg");
    // The host villages, found here from the plan's site locations and the input polygons.
    const auto villages_doc = nlohmann::json::parse(read_file(k_data / "yunan/villages.geojson"));
    const auto plan_doc = nlohmann::json::parse(read_file(out / "plan.geojson"));
    const auto townships_doc = nlohmann::json::parse(read_file(k_data / "yunan/townships.geojson"));
    std::vector<std::pair<std::string, coverplan::MultiPolygon>> villages;
    for (const auto& f : villages_doc.at("features"))
        villages.emplace_back(f.at("properties").at("name").get<std::string>(), lonlat_polygon(f.at("geometry")));
    std::set<std::string> hosts;
    for (const auto& f : plan_doc.at("features")) {
        const auto& c = f.at("geometry").at("coordinates");
        const coverplan::Point2 at{c.at(0).get<double>(), c.at(1).get<double>()};
        for (const auto& [name, mp] : villages)
            if (coverplan::contains(mp, at)) hosts.insert(name);
    }
    CHECK(hosts.size() >= 40);  // 7 stations and 38 points, a few sharing a village
    for (const std::string& name : hosts) {
        INFO("host village " << name);
        CHECK(svg.find(">" + name + "</text>") != std::string::npos);
    }
    std::size_t townships = 0;
    for (const auto& f : townships_doc.at("features")) {
        const std::string name = f.at("properties").at("name").get<std::string>();
        INFO("township " << name);
        CHECK(svg.find(">" + name + "</text>") != std::string::npos);
        ++townships;
    }
    CHECK(townships == 7);
    // Every village name either drawn or counted in the note.
    std::size_t drawn = 0;
    for (const auto& [name, mp] : villages) drawn += svg.find(">" + name + "</text>") != std::string::npos;
    std::smatch note;
    const bool noted = std::regex_search(svg, note, std::regex("另有 ([0-9]+) 个村名因图面空间不足未标注"));
    const std::size_t dropped = noted ? std::stoul(note[1].str()) : 0;
    CHECK(drawn + dropped >= villages.size());  // a name shared by two villages counts once here
    CHECK(drawn < villages.size());            // at county scale some are left out …
    CHECK(dropped > 0);                        // … and said so
    // One measure on the county map: the villages' travel-time class. No gap hatching and no
    // isochrone (they are on the township maps), and the legend says where to find them.
    CHECK(svg.find("<g class=\"gaps\">") == std::string::npos);
    CHECK(count(svg, "url(#hatch") == 0);
    CHECK(svg.find("超过 15 分钟的区域见各镇（街）图") != std::string::npos);
    const std::string town = read_file(out / "maps/township_445303106.svg");
    CHECK(count(town, "<g class=\"gaps\">") == 1);
    CHECK(count(town, "url(#hatch") > 0);
    // Only what the map shows: no planned station anywhere, so no legend entry for one; no
    // village beyond 45 minutes or unreached in 云安区, so no such class.
    CHECK(svg.find("site station planned legend") == std::string::npos);
    CHECK(svg.find(">社工站（规划）</text>") == std::string::npos);
    CHECK(svg.find(">≤ 15 分钟</text>") != std::string::npos);
    CHECK(svg.find(">&gt; 45 分钟</text>") == std::string::npos);
    // The working CRS by its name, the scale bar's divisions labelled, roads drawn.
    CHECK(svg.find("CGCS2000 / 3 度带 高斯-克吕格 中央经线 东经 111°（EPSG:4546）") != std::string::npos);
    CHECK(count(svg, "<g class=\"roads\">") == 1);
    const auto bar = svg.find("<g class=\"scale-bar\">");
    REQUIRE(bar != std::string::npos);
    CHECK(count(svg.substr(bar, svg.find("</g>", bar) - bar), "<text") >= 5);
    // The county within its prefecture: the 5 county-level units of 云浮市 (4453), one dark.
    const auto locator = svg.find("<g class=\"locator\">");
    REQUIRE(locator != std::string::npos);
    const std::string inset = svg.substr(locator, svg.find("</g>", locator) - locator);
    CHECK(count(inset, "<path") == 6);  // five counties and the frame
    CHECK(count(inset, "fill=\"#595959\"") == 1);
    CHECK(svg.find("位置示意图：ECharts 地图数据") != std::string::npos);
    // The township map keys each service area to its site by name, and shows where it lies.
    CHECK(town.find(">村（社区）按服务站点着色</text>") != std::string::npos);
    CHECK(town.find("<g class=\"locator\">") != std::string::npos);
    for (const auto& f : plan_doc.at("features")) {
        const auto& p = f.at("properties");
        if (p.at("township_code") != "445303106") continue;
        INFO(p.at("name"));
        CHECK(town.find(">" + p.at("name").get<std::string>() + "</text>") != std::string::npos);
    }
}

TEST_CASE("maps: the county overview matches the golden image", "[cli][run][maps][yunan]") {
    const fs::path& out = yunan_pack();
    const fs::path golden = k_golden / "yunan_county_36dpi.png";
    if (std::getenv("COVERPLAN_UPDATE_GOLDEN")) fs::copy_file(out / "maps/county_print.png", golden, fs::copy_options::overwrite_existing);
    // Anti-aliasing may differ by a shade on another build of Cairo; layout changes move far more.
    CHECK(png_difference(out / "maps/county_print.png", golden, 40) < 0.01);
}

TEST_CASE("run twice, with 1 and 2 threads: identical outputs apart from timings", "[cli][run][determinism]") {
    for (const char* region : {"yunan", "andorra"}) {
        INFO(region);
        const fs::path dir = scratch(std::string("run-twice-") + region);
        for (const char* threads : {"1", "2"}) {
            const RunResult r = run_coverplan({"run", (k_data / region / "project.toml").string(), "-o", (dir / threads).string(),
                                               "--date", "2026-01-15", "--threads", threads, "--print-dpi", "36"});
            INFO(r.out << r.err);
            REQUIRE(r.exit_code == 0);
        }
        const auto diff = differences(dir / "1", dir / "2");
        INFO(diff.size() << " differing, first: " << (diff.empty() ? "" : diff.front()));
        CHECK(diff.empty());
    }
}

TEST_CASE("run --lang en: an English pack with no Chinese beyond the data's own names", "[cli][run][lang]") {
    const fs::path out = scratch("run-en") / "pack";
    const RunResult r = run_coverplan({"--lang", "en", "run", (k_data / "yunan" / "project.toml").string(), "-o", out.string(),
                                       "--date", "2026-01-15", "--no-maps"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("The plan adds 21 points; afterwards the shortfall is 0 points") != std::string::npos);
    // Planned sites are named in the pack's language: "<village> point (planned)".
    int planned = 0;
    const auto plan = nlohmann::json::parse(read_file(out / "plan.geojson"));  // kept: a range over a temporary's member dangles
    for (const auto& f : plan.at("features")) {
        const std::string name = f.at("properties").at("name");
        if (name.find("(planned") == std::string::npos) continue;
        ++planned;
        CHECK(name.find("规划") == std::string::npos);
    }
    CHECK(planned == 21);
    // Names come from the data (or are built from it, as planned sites' names are) and stay Chinese.
    std::vector<std::string> names{"云安区 双百社工站点（合成样例 synthetic sample）", "云安区"};
    // So is the project's own [report] attribution, written by the bureau in its language.
    std::smatch credit;
    const std::string project = read_file(k_data / "yunan" / "project.toml");
    REQUIRE(std::regex_search(project, credit, std::regex("attribution = \"([^\"]+)\"")));
    names.push_back(credit[1].str());
    for (const char* layer : {"villages.geojson", "plan.geojson"}) {
        const auto features = nlohmann::json::parse(read_file(out / layer));
        for (const auto& f : features.at("features")) {
            const auto& p = f.at("properties");
            names.push_back(p.at("name"));
            names.push_back(p.at("township"));
        }
    }
    for (const auto& sh : read_csv(k_data / "yunan" / "shelters.csv")) {  // the shelters' names and types are the data's
        names.push_back(sh.at("name"));
        names.push_back(sh.at("type"));
    }
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const char* file : {"report.md", "report.html", "report.pdf"}) {
        // The PDF's text wraps lines anywhere: compared without white space, names too.
        const bool pdf = std::string(file) == "report.pdf";
        std::string text = pdf ? squeeze(pdf_text(out / file, 1, 0, false)) : read_file(out / file);
        for (const std::string& name : names) {
            const std::string n = pdf ? squeeze(name) : name;
            for (auto at = text.find(n); !n.empty() && at != std::string::npos; at = text.find(n, at)) text.erase(at, n.size());
        }
        INFO(file);
        CHECK(first_chinese(text) == "");
    }
    // pack.gpkg's titles and QGIS styles (legend words) are English too.
    CHECK(gpkg_contents(out / "pack.gpkg", "villages").at("identifier") == "Villages: travel time to the nearest site");
    const auto en_pack = read_vector(out / "pack.gpkg");  // kept: a range over a temporary's member dangles
    for (const auto& row : en_pack.at("layer_styles").rows) {
        INFO(row.at("f_table_name"));
        CHECK(first_chinese(row.at("styleQML") + row.at("styleName") + row.at("description")) == "");
    }
    const auto progress = read_sheet(out / "report.xlsx", "progress");
    CHECK(progress.back().at("county") == "total");
    CHECK(progress.back().at("points_shortfall") == "21");
}

TEST_CASE("a Chinese pack has no English words beyond codes, units, file names and the data's own names", "[cli][run][lang][yunan]") {
    const fs::path& out = yunan_pack();
    std::vector<std::string> names{"云安区 双百社工站点（合成样例 synthetic sample）"};
    for (const char* layer : {"villages.geojson", "plan.geojson"}) {
        const auto features = nlohmann::json::parse(read_file(out / layer));
        for (const auto& f : features.at("features")) names.push_back(f.at("properties").at("name"));
    }
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    // What a Chinese official document also writes in Latin letters (L7: a critical link's id; the
    // flood map's link labels run together in the PDF's text).
    const std::regex allowed(
        "R[1-8]|[A-Z]{2}-[0-9-]+|(L[0-9]+)+|EPSG|WGS|WGS84|WGS84/UTM|UTM|CGCS2000|CGCS2000/3|N|km|km/h|h|coverplan[0-9.]*|OpenStreetMap|ODbL|ECharts|"
        "[A-Za-z0-9_./-]+\\.(csv|geojson|json|png|pdf|svg|html|xlsx|md|gpkg)|maps|README");
    const std::regex word("[A-Za-z][A-Za-z0-9_./-]*");
    for (const char* file : {"report.md", "report.pdf"}) {
        const bool pdf = std::string(file) == "report.pdf";
        std::string text = pdf ? squeeze(pdf_text(out / file, 1, 0, false)) : read_file(out / file);
        // Markdown's escapes are not words: coverage\_areas.geojson is a file name.
        for (auto at = text.find("\\_"); !pdf && at != std::string::npos; at = text.find("\\_", at)) text.erase(at, 1);
        for (const std::string& name : names) {
            const std::string n = pdf ? squeeze(name) : name;
            for (auto at = text.find(n); !n.empty() && at != std::string::npos; at = text.find(n, at)) text.replace(at, n.size(), " ");
        }
        std::set<std::string> stray;
        for (std::sregex_iterator it(text.begin(), text.end(), word), end; it != end; ++it) {
            std::string w = it->str();
            while (!w.empty() && (w.back() == '.' || w.back() == '-' || w.back() == '/')) w.pop_back();
            if (!std::regex_match(w, allowed)) stray.insert(w);
        }
        INFO(file);
        std::string list;
        for (const std::string& w : stray) list += w + " ";
        CHECK(list == "");
    }
}

TEST_CASE("run --suppress-below hides small counts in the report and the interactive map", "[cli][run][privacy]") {
    const fs::path out = scratch("run-suppress") / "pack";
    const RunResult r = run_coverplan({"run", (k_data / "yunan" / "project.toml").string(), "-o", out.string(), "--date", "2026-01-15",
                                       "--suppress-below", "40"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    // Without --print-dpi the maps are PNG for the screen, PDF for print and SVG; no *_print.png.
    CHECK(fs::exists(out / "maps/county.png"));
    CHECK(fs::exists(out / "maps/county.pdf"));
    CHECK_FALSE(fs::exists(out / "maps/county_print.png"));
    const auto villages = read_sheet(out / "report.xlsx", "村居");
    int hidden = 0;
    for (const auto& row : villages) {
        const std::string n = row.at("服务对象数");
        if (n == "<40") ++hidden;
        else CHECK((std::stoi(n) == 0 || std::stoi(n) >= 40));
        for (const char* c : {"低保", "特困", "残疾人"}) {
            const std::string v = row.at(c);
            CHECK((v == "<40" || v == "0" || std::stoi(v) >= 40));
        }
    }
    CHECK(hidden > 0);
    const std::string html = read_file(out / "maps/map.html");
    CHECK(html.find("\"beneficiaries\": \"\\u003c40\"") != std::string::npos);  // "<40", escaped for the script block
    CHECK(read_file(out / "report.md").find("少于 40 人的数字显示为“\\<40”") != std::string::npos);
    CHECK(nlohmann::json::parse(read_file(out / "run.json")).at("parameters").at("report").at("suppress_below") == 40);
}

TEST_CASE("maps/map.html works offline in headless Chromium", "[cli][run][browser]") {
    const fs::path& out = yunan_pack();
    const fs::path dir = scratch("browser");
    // No network at all: every host resolves to nothing and the proxy is a closed port.
    const std::vector<std::string> common{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                                          "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                                          "--user-data-dir=" + (dir / "profile").string(), "--enable-logging=stderr", "--v=0",
                                          "--virtual-time-budget=10000"};
    const std::string url = "file://" + fs::absolute(out / "maps/map.html").string();
    // The page after the script ran, opened at `hash` (#mode=plan, #search=…): its status
    // attributes and the DOM.
    struct Page {
        std::string dom;
        std::map<std::string, std::string> status;
        nlohmann::json json(const std::string& key) const {
            std::string v = status.at(key);
            for (auto at = v.find("&quot;"); at != std::string::npos; at = v.find("&quot;")) v.replace(at, 6, "\"");
            return nlohmann::json::parse(v);
        }
    };
    auto open = [&](const std::string& hash) {
        std::vector<std::string> a = common;
        a.insert(a.end(), {"--dump-dom", url + hash});
        const RunResult dom = run("chromium", a);
        INFO("chromium must be installed (scripts/test.sh installs it)\n" << dom.err.substr(0, 2000));
        REQUIRE(dom.exit_code == 0);
        CHECK(dom.err.find(":CONSOLE") == std::string::npos);  // no console message, no uncaught error
        std::smatch m;
        REQUIRE(std::regex_search(dom.out, m, std::regex("<div id=\"coverplan-status\"[^>]*>")));
        Page page{dom.out, {}};
        const std::string tag = m.str();
        const std::regex attr("data-([a-z]+)=\"([^\"]*)\"");
        for (auto it = std::sregex_iterator(tag.begin(), tag.end(), attr); it != std::sregex_iterator(); ++it) page.status[(*it)[1]] = (*it)[2];
        CHECK(page.status["ready"] == "1");
        CHECK(page.status["errors"] == "");
        return page;
    };
    const Page now = open("");
    const auto counts = now.json("features");
    const auto plan = nlohmann::json::parse(read_file(out / "plan.geojson"));
    const auto gaps = nlohmann::json::parse(read_file(out / "gaps.geojson"));
    std::size_t first_band_gaps = 0, existing = 0;
    for (const auto& g : gaps.at("features")) first_band_gaps += g.at("properties").at("band_min") == 15;
    for (const auto& f : plan.at("features")) existing += f.at("properties").at("status") == "existing";
    CHECK(existing == 24);
    CHECK(counts.at("townships") == 7);
    CHECK(counts.at("villages") == 114);
    CHECK(counts.at("gaps") == first_band_gaps);
    // 现状 (the default): today's sites only, as the printed maps draw them — stations squares,
    // points circles, existing filled — with every township named and a legend entry per layer.
    CHECK(now.status.at("mode") == "now");
    CHECK(now.json("drawn").at("sites") == existing);
    CHECK(count(now.dom, "leaflet-marker-icon cp-site cp-station cp-existing") == 7);
    CHECK(count(now.dom, "leaflet-marker-icon cp-site cp-point cp-existing") == 17);
    CHECK(count(now.dom, "cp-planned leaflet") == 0);
    CHECK(now.json("drawn").at("township_labels") == 7);
    CHECK(count(now.dom, "leaflet-marker-icon cp-label cp-label-township") == 7);
    CHECK(now.json("drawn").at("village_labels") == 0);  // village names from zoom 12 on
    for (const char* layer : {"sites", "villages", "isochrones", "assignments", "townships"}) {
        INFO(layer);
        CHECK(count(now.dom, "class=\"cp-legend-entry\" data-layer=\"" + std::string(layer) + "\"") >= 1);
    }
    CHECK(now.dom.find("> 现状</label>") != std::string::npos);
    CHECK(now.dom.find("> 规划</label>") != std::string::npos);
    // 规划: the switch changes what is drawn — every site of the plan, the planned ones hollow,
    // the plan's assignment lines, no isochrones of today.
    const Page after = open("#mode=plan");
    CHECK(after.status.at("mode") == "plan");
    CHECK(after.json("drawn").at("sites") == plan.at("features").size());
    CHECK(count(after.dom, "leaflet-marker-icon cp-site cp-point cp-planned") == 21);
    CHECK(after.json("drawn").at("isochrones") == 0);
    CHECK(now.json("drawn").at("isochrones") == counts.at("isochrones"));
    // One line per village, except where the serving site stands at the village's centre: such
    // an assignment has no geometry (a zero-length line is invalid) and Leaflet draws nothing.
    const auto assignments = nlohmann::json::parse(read_file(out / "assignments.geojson"));
    std::size_t lines = 0;
    for (const auto& a : assignments.at("features")) lines += a.at("geometry").is_null() ? 0 : 1;
    CHECK(assignments.at("features").size() == 114);
    CHECK(lines < 114);
    CHECK(after.json("drawn").at("assignments") == lines);
    CHECK(now.json("drawn").at("assignments") < lines);  // today fewer villages are assigned
    CHECK(count(after.dom, "cp-site cp-point cp-planned cp-swatch") == 1);  // … and the legend says so
    CHECK(count(now.dom, "cp-site cp-point cp-planned cp-swatch") == 0);
    // Search by code: the village is found, shown and zoomed to (its label now drawn).
    const Page found = open("#search=445303100201");
    CHECK(found.status.at("search") == "445303100201");
    CHECK(found.dom.find("六都镇 六都村（445303100201）") != std::string::npos);
    CHECK(found.json("drawn").at("village_labels") == 114);
    const Page by_name = open("#mode=plan&search=" + std::string("%E8%B0%B7%E5%A1%98"));  // 谷塘
    CHECK(by_name.status.at("search").size() == 12);
    CHECK(by_name.status.at("mode") == "plan");
    const Page none = open("#search=999999999999");
    CHECK(none.status.at("search") == "");
    CHECK(none.dom.find(">未找到</div>") != std::string::npos);

    std::vector<std::string> args;
    const fs::path shot = dir / "map.png";
    args = common;
    args.insert(args.end(), {"--window-size=1200,800", "--screenshot=" + shot.string(), url});
    const RunResult sr = run("chromium", args);
    REQUIRE(sr.exit_code == 0);
    const PngInfo png = read_png(shot);
    CHECK(png.width == 1200);
    CHECK(png.non_white > 0.08);  // the controls alone cover about 2 %; the drawn county about 14 %
}

TEST_CASE("run on a project without roads: rule check, report and maps, and says what it could not do", "[cli][run]") {
    const fs::path dir = scratch("run-noroads");
    for (const char* f : {"townships.geojson", "villages.geojson", "sites.csv", "beneficiaries.csv", "hazards.geojson", "closures.geojson", "shelters.csv"})
        fs::copy_file(k_data / "yunan" / f, dir / f);
    std::string project = read_file(k_data / "yunan" / "project.toml");
    project.erase(project.find("[layers.roads]"));
    { std::ofstream(dir / "project.toml") << project; }
    const RunResult r = run_coverplan({"run", (dir / "project.toml").string(), "-o", (dir / "pack").string(), "--date", "2026-01-15",
                                       "--print-dpi", "36"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    for (const char* f : {"report.html", "report.xlsx", "progress.csv", "violations.csv", "maps/county.svg", "maps/map.html", "run.json"}) {
        INFO(f);
        CHECK(fs::exists(dir / "pack" / f));
    }
    CHECK_FALSE(fs::exists(dir / "pack" / "plan.csv"));
    const std::string md = read_file(dir / "pack" / "report.md");
    CHECK(md.find("项目没有道路图层，未计算通行时间与覆盖。") != std::string::npos);
    CHECK(md.find("未做规划（需要道路图层）。") != std::string::npos);
    const std::string svg = read_file(dir / "pack" / "maps/county.svg");
    CHECK(svg.find(">云安区 社工站点现状</text>") != std::string::npos);
    CHECK(count(svg, "<g class=\"site point existing\">") == 17);
    // Without travel times the web map shades no village as "not reached" (it has no bands).
    const std::string web = read_file(dir / "pack" / "maps/map.html");
    CHECK(web.find("\"has_travel\": false") != std::string::npos);
    CHECK(web.find("\"has_plan\": false") != std::string::npos);
    CHECK(nlohmann::json::parse(read_file(dir / "pack" / "run.json")).at("solver").is_null());
}

TEST_CASE("no personal field of the input reaches any file of the pack", "[cli][run][privacy]") {
    const fs::path& out = yunan_pack();
    const auto people = read_csv(k_data / "yunan" / "beneficiaries.csv");
    REQUIRE(people.size() == 4025);
    std::set<std::string> personal, records;
    for (const auto& p : people) {
        for (const char* col : {"name", "id_number", "phone", "address"}) personal.insert(p.at(col));
        records.insert(p.at("id"));
    }
    // A leaked field would stand as a whole cell, JSON string or XML text: compare every token
    // between delimiters (a substring search of 20,000 values in 40 MB takes minutes under the
    // sanitizers).
    auto count_in = [](const std::string& text, const std::set<std::string>& values) {
        std::size_t leaks = 0, start = 0;
        for (std::size_t i = 0; i <= text.size(); ++i) {
            if (i < text.size() && std::string_view(",\"<>\n\r\t;[]{}=").find(text[i]) == std::string_view::npos) continue;
            if (i > start) leaks += values.count(text.substr(start, i - start));
            start = i + 1;
        }
        return leaks;
    };
    auto count_leaks = [&](const std::string& text) { return count_in(text, personal); };
    // The check can fail: planted values are found in a CSV row, a JSON string and an SVG text.
    const auto& first = people.front();
    CHECK(count_leaks("a," + first.at("name") + ",b\n{\"x\": \"" + first.at("phone") + "\"}<text>" + first.at("id_number") + "</text>") == 3);
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(out)) {
        if (!e.is_regular_file()) continue;
        const std::string ext = e.path().extension().string();
        std::string text;
        if (ext == ".xlsx") {
            text = read_zip_member(e.path(), "xl/sharedStrings.xml");  // every text cell of every sheet
            CHECK(text.find("六都镇") != std::string::npos);            // (read as text, not as compressed bytes)
        }
        else if (ext == ".png" || ext == ".pdf") continue;  // pixels, and text only as embedded glyphs
        else text = read_file(e.path());
        REQUIRE(!text.empty());
        ++files;
        const std::size_t leaks = count_leaks(text);
        INFO(e.path().filename().string());
        CHECK(leaks == 0);
        // The bureau's record ids only in the social workers' visit lists and the flood transfer and outreach lists.
        const std::string name = e.path().filename().string();
        if (name == "visits.csv" || name == "unplanned.csv" || name == "visits.xlsx" || name == "priority.csv" || name == "outreach.csv") continue;
        CHECK(count_in(text, records) == 0);
    }
    CHECK(files >= 25);  // 14 data and report files, run.json, 8 SVG maps, map.html, report.xlsx
}

TEST_CASE("a pack of several counties reports one row per county; townships and villages stay in the spreadsheet",
          "[cli][run][counties]") {
    const fs::path project = two_county_yunan("run-two-counties");
    const fs::path out = project.parent_path() / "pack";
    const RunResult r = run_coverplan({"run", project.string(), "-o", out.string(), "--no-maps", "--date", "2026-01-15"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const std::string md = read_file(out / "report.md");
    // The county rows, from the same figures as the townships': 六都镇 alone in 云城区.
    CHECK(md.find("### 建设进度一览表（按区县）") != std::string::npos);
    CHECK(md.find("| 云城区 | 445302 | 14 |") != std::string::npos);
    CHECK(md.find("| 云安区 | 445303 | 100 |") != std::string::npos);
    CHECK(md.find("### 各区县的可达情况") != std::string::npos);
    // No township pages, no village or gap rows in the documents: each list is a pointer to its sheet.
    CHECK(md.find("## 六都镇") == std::string::npos);
    CHECK(md.find("明细 114 行，见 report.xlsx 工作表“村居”。") != std::string::npos);
    CHECK(md.find("明细 7 行，见 report.xlsx 工作表“进度”。") != std::string::npos);
    CHECK(md.find("445303100201") == std::string::npos);
    CHECK(md.find("445302100201") == std::string::npos);
    const std::string html = read_file(out / "report.html");
    CHECK(html.find("明细 114 行，见 report.xlsx 工作表“村居”。") != std::string::npos);
    CHECK(squeeze(pdf_text(out / "report.pdf", 1, 0, false)).find(squeeze("明细 114 行，见 report.xlsx 工作表“村居”。")) != std::string::npos);

    // The spreadsheet keeps every row: townships (with the county subtotals) and villages.
    const auto towns = read_sheet(out / "report.xlsx", "进度");
    int township_rows = 0;
    for (const auto& row : towns) township_rows += row.at("镇（街）") != "小计" && row.at("区县") != "合计";
    CHECK(township_rows == 7);
    CHECK(read_sheet(out / "report.xlsx", "村居").size() == 114);
    const auto counties = read_sheet(out / "report.xlsx", "区县进度");
    REQUIRE(counties.size() == 3);
    CHECK(counties[0].at("区县") == "云城区");
    CHECK(counties[0].at("社工点应建") == "5");

    // Two counties: the workload and R8 from a typical month (staffing.csv, its month columns
    // empty), the month's tours and sheets left to coverplan visits — said so.
    CHECK(r.out.find("本月入户走访路线与逐站表格（visits.csv、tours.geojson、sheets/）未生成：本项目含 2 个县（区）") != std::string::npos);
    for (const char* f : {"visits.csv", "tours.geojson", "unplanned.csv", "visits.xlsx", "sheets"}) {
        INFO(f);
        CHECK_FALSE(fs::exists(out / f));
    }
    const auto staffing = read_csv(out / "staffing.csv");
    REQUIRE(staffing.size() == 24);
    for (const auto& row : staffing) {
        CHECK(row.at("本月应访").empty());
        CHECK(!row.at("月均所需工时").empty());
    }
    CHECK(md.find("社工配备") != std::string::npos);
    // --month-visits plans them all the same.
    const fs::path all = project.parent_path() / "pack-month";
    const RunResult m = run_coverplan({"run", project.string(), "-o", all.string(), "--no-maps", "--date", "2026-01-15", "--month-visits"});
    INFO(m.out << m.err);
    REQUIRE(m.exit_code == 0);
    CHECK(m.out.find("本月入户走访路线") == std::string::npos);
    CHECK(fs::file_size(all / "visits.csv") > 1000);
    CHECK(fs::is_directory(all / "sheets"));
    // The steady-state workload does not depend on it.
    const auto with_month = read_csv(all / "staffing.csv");
    REQUIRE(with_month.size() == staffing.size());
    for (std::size_t k = 0; k < staffing.size(); ++k) CHECK(with_month[k].at("月均所需工时") == staffing[k].at("月均所需工时"));
}
