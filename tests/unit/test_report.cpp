// The report's building blocks: SHA-256, the document writers, the suppression rule, labels.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "core/sha256.hpp"
#include "core/text.hpp"
#include "report/briefing.hpp"
#include "report/chart.hpp"
#include "report/document.hpp"
#include "report/map/canvas.hpp"
#include "report/map/labels.hpp"
#include "report/map/map_content.hpp"
#include "report/map/qgis_style.hpp"
#include "report/map/style.hpp"

using namespace coverplan;
using namespace coverplan::report;

TEST_CASE("SHA-256 gives the FIPS 180-4 test vectors", "[report][sha256]") {
    auto digest = [](const std::string& s) {
        Sha256 h;
        h.update(s);
        return h.hex_digest();
    };
    CHECK(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    Sha256 million;  // fed in uneven pieces across block boundaries
    const std::string a(997, 'a');
    std::size_t fed = 0;
    while (fed < 1000000) {
        const std::size_t n = std::min<std::size_t>(a.size(), 1000000 - fed);
        million.update(a.data(), n);
        fed += n;
    }
    CHECK(million.hex_digest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("counts under K are hidden, zero and K are shown", "[report][privacy]") {
    CHECK(std::get<long long>(people_cell(0, 5)) == 0);
    CHECK(std::get<std::string>(people_cell(1, 5)) == "<5");
    CHECK(std::get<std::string>(people_cell(4, 5)) == "<5");
    CHECK(std::get<long long>(people_cell(5, 5)) == 5);
    CHECK(std::get<long long>(people_cell(3, 0)) == 3);
}

TEST_CASE("Markdown and HTML writers escape and keep numbers", "[report][document]") {
    Document doc;
    doc.title = "T <1>";
    doc.date = "2026-01-15";
    Section s{"sec", "节"};
    s.figures.push_back({"新增", 21LL});
    Table t{"sheet", "表"};
    t.columns = {{"名称"}, {"分钟", 1}};
    t.rows.push_back({std::string("a|b"), 12.345});
    t.rows.push_back({std::string("<c>"), Cell{}});
    s.tables.push_back(t);
    doc.sections.push_back(s);
    std::ostringstream md, html;
    write_markdown(md, doc);
    write_html(html, doc);
    CHECK(md.str().find("| a\\|b | 12.3 |") != std::string::npos);
    CHECK(md.str().find("|---|---:|") != std::string::npos);
    CHECK(md.str().find("- 新增：21") != std::string::npos);
    CHECK(html.str().find("<td>&lt;c&gt;</td><td></td>") != std::string::npos);
    CHECK(html.str().find("<td class=\"n\">12.3</td>") != std::string::npos);
    CHECK(html.str().find("<title>T &lt;1&gt;</title>") != std::string::npos);
    CHECK(cell_text(Cell{2.0}, 2) == "2.00");  // fixed decimals: a column reads alike
    CHECK(cell_text(Cell{68.04}, 1) == "68.0");
    CHECK(cell_text(Cell{-0.001}, 1) == "0.0");
    CHECK(cell_text(Cell{7.0}, 0) == "7");
    CHECK(cell_text(Cell{}, 1).empty());
}

namespace {
// Records the labels drawn, nothing else.
struct TextRecorder final : map::Canvas {
    struct Placed {
        std::string text;
        map::Pt at;
    };
    std::vector<Placed> placed;
    void path(const std::vector<std::vector<map::Pt>>&, bool, const map::PathStyle&) override {}
    void symbol(map::Shape, map::Pt, double, const map::PathStyle&) override {}
    void text(const std::string& t, map::Pt at, map::Anchor, const map::TextStyle&) override { placed.push_back({t, at}); }
    void begin_group(const std::string&) override {}
    void end_group() override {}
    void clip(map::Pt, map::Pt) override {}
    void unclip() override {}
};
}  // namespace

TEST_CASE("labels never overlap each other or a symbol, and stay in the frame", "[report][maps]") {
    map::LabelPlacer placer({0, 0}, {300, 200});
    placer.occupy({100, 100}, 10);
    const map::TextStyle style{10, false, {0, 0, 0}, 0};
    for (int i = 0; i < 12; ++i) placer.add("六都镇" + std::to_string(i), {100, 100}, style, i % 3);
    placer.add("边缘村", {299, 199}, style, 0);  // at the corner: only a position up and left stays in the frame
    placer.add("外村", {310, 210}, style, 0);    // outside: every position leaves the frame
    TextRecorder rec;
    const map::LabelCount count = placer.draw(rec);
    const std::size_t n = count.placed;
    CHECK(n == rec.placed.size());
    CHECK(count.dropped == 14 - n);
    CHECK(count.overlapping == 0);
    CHECK(n >= 2);   // centred, above and below touch the symbol; right and left are free
    CHECK(n < 14);
    std::vector<std::pair<map::Pt, map::Pt>> boxes;
    for (const auto& p : rec.placed) {
        const map::TextBox b = map::measure(p.text, style);
        CHECK(p.text != "外村");
        CHECK(p.at.x >= 0);
        CHECK(p.at.y >= 0);
        CHECK(p.at.x + b.width <= 300);
        CHECK(p.at.y + b.height <= 200);
        // Not over the symbol at (95..105, 95..105).
        CHECK_FALSE((p.at.x < 105 && p.at.x + b.width > 95 && p.at.y < 105 && p.at.y + b.height > 95));
        for (const auto& [lo, hi] : boxes) CHECK_FALSE((p.at.x < hi.x && lo.x < p.at.x + b.width && p.at.y < hi.y && lo.y < p.at.y + b.height));
        boxes.push_back({p.at, {p.at.x + b.width, p.at.y + b.height}});
    }
    // Higher priority first: the first placed label is one of priority 2.
    REQUIRE(!rec.placed.empty());
    CHECK((rec.placed.front().text == "六都镇2" || rec.placed.front().text == "六都镇5"));
}

TEST_CASE("labels that must be drawn are never dropped: they take a free position farther out, else the least crowded one", "[report][maps]") {
    map::LabelPlacer placer({0, 0}, {200, 120});
    const map::TextStyle style{10, false, {0, 0, 0}, 0};
    // Twenty optional labels of higher priority, placed first, take the positions next to the
    // spot; the two that must be drawn come after them.
    for (int i = 0; i < 20; ++i) placer.add("村" + std::to_string(i), {100, 60}, style, 5);
    placer.add("高村镇", {100, 60}, style, 0, true);
    placer.add("谷塘村", {100, 60}, style, 0, true, 4);
    placer.occupy({100, 60}, 8);
    TextRecorder rec;
    const map::LabelCount count = placer.draw(rec);
    auto drawn = [&](const std::string& t) {
        return std::find_if(rec.placed.begin(), rec.placed.end(), [&](const TextRecorder::Placed& p) { return p.text == t; });
    };
    REQUIRE(drawn("高村镇") != rec.placed.end());
    REQUIRE(drawn("谷塘村") != rec.placed.end());
    CHECK(count.placed == rec.placed.size());
    CHECK(count.placed + count.dropped == 22);
    CHECK(count.dropped > 0);       // some optional ones found no room …
    CHECK(count.overlapping <= 2);  // … the two that must be drawn were, farther out or where least crowded
    // The host-village label keeps clear of its symbol (4 pt beyond the anchor on every side).
    const map::TextBox b = map::measure("谷塘村", style);
    const map::Pt at = drawn("谷塘村")->at;
    CHECK_FALSE((at.x < 104 && at.x + b.width > 96 && at.y < 64 && at.y + b.height > 56));
    // The optional labels never overlap each other.
    for (std::size_t i = 0; i < rec.placed.size(); ++i)
        for (std::size_t j = i + 1; j < rec.placed.size(); ++j) {
            if (rec.placed[i].text.rfind("村", 0) != 0 || rec.placed[j].text.rfind("村", 0) != 0) continue;
            const map::TextBox bi = map::measure(rec.placed[i].text, style), bj = map::measure(rec.placed[j].text, style);
            const map::Pt pi = rec.placed[i].at, pj = rec.placed[j].at;
            CHECK_FALSE((pi.x < pj.x + bj.width && pj.x < pi.x + bi.width && pi.y < pj.y + bj.height && pj.y < pi.y + bi.height));
        }

    // A frame with no free position at all: the label is still drawn, and counted as overlapping.
    map::LabelPlacer full({0, 0}, {60, 30});
    full.occupy({30, 15}, 100);
    full.add("云城街道", {30, 15}, style, 3, true);
    full.add("某村", {30, 15}, style, 0);
    TextRecorder rec2;
    const map::LabelCount c2 = full.draw(rec2);
    REQUIRE(rec2.placed.size() == 1);
    CHECK(rec2.placed[0].text == "云城街道");
    CHECK(c2.overlapping == 1);
    CHECK(c2.dropped == 1);
}

TEST_CASE("the travel-time classes differ in greyscale: darker with longer times, the problem classes darkest", "[report][maps]") {
    for (std::size_t k = 1; k <= 4; ++k) {
        std::vector<double> th;
        for (std::size_t i = 0; i < k; ++i) th.push_back(15.0 * static_cast<double>(i + 1));
        const auto legend = map::band_legend(th, true);
        REQUIRE(legend.size() == k + 2);
        for (std::size_t i = 1; i < legend.size(); ++i) {
            INFO(k << " bands, class " << i << ": " << legend[i].second);
            CHECK(map::cie_lightness(legend[i - 1].first) - map::cie_lightness(legend[i].first) >= map::style::k_min_lightness_step);
        }
        CHECK(legend.back().second == "无法到达");
        CHECK(map::cie_lightness(legend.back().first) < 35);  // not reached: the darkest
    }
    CHECK(map::cie_lightness({1, 1, 1}) == Approx(100));
    CHECK(map::cie_lightness({0, 0, 0}) == Approx(0));
    CHECK(map::cie_lightness({0.5, 0.5, 0.5}) == Approx(53.4).margin(0.2));
}

TEST_CASE("a chart draws every category, series and value, its bars to scale", "[report][chart]") {
    Chart c;
    c.title = "各镇（街）社工点";
    c.categories = {"六都镇", "高村镇", "白石镇"};
    c.series = {{"应建", {5, 5, 3}}, {"已建", {3, 3, std::nan("")}}};
    const std::string svg = chart_svg(c, 400);
    for (const char* s : {"各镇（街）社工点", "六都镇", "高村镇", "白石镇", "应建", "已建"}) CHECK(svg.find(s) != std::string::npos);
    CHECK(svg.find("class=\"chart\"") != std::string::npos);
    // Five bars (a NaN draws none), two legend swatches, five grid lines: twelve paths.
    std::size_t paths = 0;
    for (auto at = svg.find("<path"); at != std::string::npos; at = svg.find("<path", at + 1)) ++paths;
    CHECK(paths == 12);
    CHECK(chart_height(c, 400) > chart_height(Chart{"t", {"a"}, {{"s", {1}}}, "", 0, 0}, 400));
    CHECK(svg.find("nan") == std::string::npos);
}

TEST_CASE("worksheet names are cut at whole characters, cleaned and unique without regard to case", "[report][xlsx]") {
    using coverplan::report::worksheet_name;
    std::set<std::string> used;
    // 40 CJK characters (3 bytes each): 31 characters kept, never a split one.
    std::string long_cjk;
    for (int i = 0; i < 40; ++i) long_cjk += "镇";
    const std::string a = worksheet_name(long_cjk, used);
    CHECK(a.size() == 31 * 3);
    CHECK(coverplan::is_valid_utf8(a));
    // The same long name again: a suffix, still 31 characters and whole.
    const std::string b = worksheet_name(long_cjk, used);
    CHECK(b.size() == 29 * 3 + 2);
    CHECK(b.substr(b.size() - 2) == "_2");
    CHECK(coverplan::is_valid_utf8(b));
    // Forbidden characters, an apostrophe at either end, bytes that are not UTF-8.
    CHECK(worksheet_name("'a[b]:c*d?e/f\\g'", used) == "_a_b__c_d_e_f_g_");
    CHECK(worksheet_name(std::string("x\xff" "y"), used) == "x_y");
    // Case-blind uniqueness and the reserved name.
    CHECK(worksheet_name("Sites", used) == "Sites");
    CHECK(worksheet_name("SITES", used) == "SITES_2");
    CHECK(worksheet_name("history", used) == "history_2");
    CHECK(worksheet_name("", used) == "_");
    // An emoji counts two, as Excel counts it.
    std::string emoji;
    for (int i = 0; i < 20; ++i) emoji += "\xF0\x9F\x98\x80";
    CHECK(worksheet_name(emoji, used).size() == 15 * 4);
}

TEST_CASE("the access layer's classes are the quartiles of the values as written, distinct, none empty at the top", "[report][gpkg]") {
    using coverplan::report::map::access_breaks;
    CHECK(access_breaks({}).empty());
    CHECK(access_breaks({0, 0.0004, 0}).empty());  // 0.0004 is written as 0: no social worker in reach
    // Eight positive values: quartile ranks 1, 3 and 5 of 0..7 (floor of q × 7).
    CHECK(access_breaks({0, 12.04, 2.04, 0.3, 5.55, 9.99, 20, 3.3, 7}) == std::vector<double>{2, 5.6, 10});
    // Below 1 at three decimals; equal quartiles once; the largest value never a break.
    CHECK(access_breaks({0.1234, 0.1234, 0.1234, 0.5}) == std::vector<double>{0.123});
    CHECK(access_breaks({4, 4, 4}).empty());
}
