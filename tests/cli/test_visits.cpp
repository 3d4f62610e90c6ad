// coverplan visits and R8, run as a user would (issue 16).
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.hpp"

using namespace coverplan::test;
namespace fs = std::filesystem;

namespace {
const fs::path k_data = fs::path(COVERPLAN_DATA_DIR);

// data/yunan copied into a scratch folder (without its sources), for a test to change.
fs::path copy_yunan(const std::string& name) {
    const fs::path dir = scratch(name) / "yunan";
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(k_data / "yunan"))
        if (e.is_regular_file()) fs::copy_file(e.path(), dir / e.path().filename());
    return dir;
}

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = read_file(file);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(file, std::ios::binary) << text;
}

std::size_t number_after(const std::string& text, const std::string& label) {
    const auto at = text.find(label);
    REQUIRE(at != std::string::npos);
    return std::stoul(text.substr(at + label.size()));
}
}  // namespace

TEST_CASE("visits on 云安区: every due visit planned once or listed with its reason, by record id only", "[cli][visits][yunan]") {
    const fs::path out = scratch("visits-yunan") / "out";
    const RunResult r = run_coverplan({"--lang", "en", "visits", (k_data / "yunan" / "project.toml").string(), "-o", out.string(), "--month",
                                       "2026-12", "--threads", "2"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const std::size_t due = number_after(r.out, "  due ");
    const std::size_t planned = number_after(r.out, ", planned ");
    CHECK(due > 3000);
    CHECK(planned > 1500);
    const auto visits = read_csv(out / "visits.csv");
    const auto unplanned = read_csv(out / "unplanned.csv");
    CHECK(visits.size() == planned);
    CHECK(visits.size() + unplanned.size() == due);
    std::set<std::string> records;
    for (const auto& row : visits) CHECK(records.insert(row.at("record")).second);
    for (const auto& row : unplanned) CHECK(records.insert(row.at("record")).second);
    // Each social worker's day: stops in order, arrivals within the working day, one tour a day.
    std::map<std::string, std::vector<const std::map<std::string, std::string>*>> days;
    for (const auto& row : visits) days[row.at("site_id") + "|" + row.at("worker") + "|" + row.at("date")].push_back(&row);
    for (const auto& [key, rows] : days) {
        INFO(key);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            CHECK(std::stoul(rows[i]->at("order")) == i + 1);
            CHECK(rows[i]->at("visit_min") == "45");  // the sample sets no other length; never the lunch break
            CHECK(rows[i]->at("arrival") >= "08:30");
            CHECK(rows[i]->at("start") <= "17:00");
            if (i > 0) CHECK(rows[i]->at("arrival") >= rows[i - 1]->at("start"));
        }
    }
    const auto tours = nlohmann::json::parse(read_file(out / "tours.geojson"));
    CHECK(tours.at("features").size() == days.size());
    for (const auto& f : tours.at("features")) {
        CHECK(f.at("geometry").at("type") == "LineString");
        CHECK(f.at("properties").at("return").get<std::string>() <= "17:30");
    }
    for (const char* f : {"staffing.csv", "visits.xlsx", "sheets/ST-445303100.pdf", "sheets/PT-445303101-01.pdf"}) CHECK(fs::exists(out / f));
    const auto staffing = read_csv(out / "staffing.csv");
    CHECK(staffing.size() == 24);
    // Privacy: the masked personal columns of the sample never reach an output.
    for (const char* f : {"visits.csv", "unplanned.csv", "staffing.csv", "tours.geojson"}) {
        const std::string text = read_file(out / f);
        INFO(f);
        CHECK(text.find("某某") == std::string::npos);
        CHECK(text.find("****") == std::string::npos);
        CHECK(text.find("组") == std::string::npos);  // addresses (…11组)
    }
    CHECK(r.out.find("R8 sites whose visiting workload exceeds their staff's hours: ") != std::string::npos);

    // The same plan on one thread and on a second run.
    const fs::path again = scratch("visits-yunan-1") / "out";
    const RunResult r1 = run_coverplan({"--lang", "en", "visits", (k_data / "yunan" / "project.toml").string(), "-o", again.string(),
                                        "--month", "2026-12", "--threads", "1"});
    REQUIRE(r1.exit_code == 0);
    for (const char* f : {"visits.csv", "unplanned.csv", "staffing.csv", "tours.geojson"}) {
        INFO(f);
        CHECK(read_file(out / f) == read_file(again / f));
    }
    // The sheets are written on the run's threads: the same files on one.
    std::size_t sheets = 0;
    for (const auto& e : fs::directory_iterator(out / "sheets")) {
        INFO(e.path().filename().string());
        CHECK(read_file(e.path()) == read_file(again / "sheets" / e.path().filename()));
        ++sheets;
    }
    CHECK(sheets == 24);
}

TEST_CASE("check reports R8 for the sites whose visiting workload exceeds their staff's hours", "[cli][visits][check][yunan]") {
    const fs::path dir = copy_yunan("visits-r8");
    // A tenth of working time for visits instead of half: far more sites over capacity.
    const RunResult before = run_coverplan({"--lang", "en", "check", (dir / "project.toml").string()});
    INFO(before.out << before.err);
    REQUIRE(before.exit_code == 0);
    const auto r8_line = [](const std::string& out) {
        const auto at = out.find("\n R8 ");
        REQUIRE(at != std::string::npos);
        return out.substr(at + 1, out.find('\n', at + 1) - at - 1);
    };
    CHECK_THAT(r8_line(before.out), Catch::Matches(".*visiting workload within staff hours +2 +0 +0"));
    replace_in(dir / "project.toml", "[report]", "[staffing]\nvisiting_share = 0.1\n\n[report]");
    const RunResult after = run_coverplan({"--lang", "en", "check", (dir / "project.toml").string()});
    INFO(after.out << after.err);
    REQUIRE(after.exit_code == 0);
    CHECK_THAT(r8_line(after.out), Catch::Matches(".*visiting workload within staff hours +[1-9][0-9] +0 +0"));
}

TEST_CASE("visits refuses record ids that are ID numbers, last visits in the future or not dates, unknown categories",
          "[cli][visits][bad]") {
    struct Case {
        const char* name;
        const char* file;
        const char* from;
        const char* to;
        int code;
        const char* message;
    };
    const Case cases[] = {
        {"id-number", "beneficiaries.csv", "B445303000001,", "11010519491231002X,", 3, "found a resident ID number"},
        {"future", "beneficiaries.csv", "低保;残疾人,2026-10-19", "低保;残疾人,2199-12-31", 3, "a date after today"},
        {"not-a-date", "beneficiaries.csv", "低保;残疾人,2026-10-19", "低保;残疾人,2026-02-30", 3, "not a date that exists"},
        {"unknown-category", "project.toml", "[report]", "[visits.frequency]\n\"贫困学生\" = 1\n\n[report]", 2,
         "visits.frequency.贫困学生: unknown category"},
        {"bad-frequency", "project.toml", "[report]", "[visits.frequency]\n\"低保\" = \"fortnightly\"\n\n[report]", 2, "expected months between visits"},
        {"not-a-window", "project.toml", "last_visit = \"last_visit\"", "last_visit = \"last_visit\"\nvisit_window = \"categories\"", 3,
         "expected the hours a visit may start as HH:MM-HH:MM"},
        {"negative-staff", "sites.csv", "社工站,已建,445303100,445303100201,4,", "社工站,已建,445303100,445303100201,-1,", 3,
         "expected a whole number of social workers from 0 to 1000"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        const fs::path dir = copy_yunan(std::string("visits-bad-") + c.name);
        replace_in(dir / c.file, c.from, c.to);
        const fs::path out = dir.parent_path() / "out";
        const RunResult r = run_coverplan({"--lang", "en", "visits", (dir / "project.toml").string(), "-o", out.string()});
        INFO(r.out << r.err);
        CHECK(r.exit_code == c.code);
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK_FALSE(fs::exists(out));  // nothing half-written
        CHECK(r.err.find("11010519491231002X") == std::string::npos);  // the ID number is never quoted
        CHECK(r.err.find("低保;残疾人") == std::string::npos);         // nor a beneficiary's value
    }
}
