// coverplan plan and coverplan solve, run as a user would.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.hpp"

using namespace coverplan::test;
namespace fs = std::filesystem;

namespace {
const fs::path k_data = fs::path(COVERPLAN_DATA_DIR);
const fs::path k_solve = fs::path(COVERPLAN_TEST_DATA_DIR) / "solve";

// The line of a summary that starts with `label` (column widths vary with the content).
std::string line_with(const std::string& text, const std::string& label) {
    const auto at = text.find(label);
    if (at == std::string::npos) return "";
    return text.substr(at, text.find('\n', at) - at);
}

// Every village served exactly once, points with at most three villages of their own township.
void check_plan_rules(const fs::path& out, std::size_t villages) {
    const auto plan = nlohmann::json::parse(read_file(out / "plan.geojson"));
    std::map<std::string, int> served;
    for (const auto& f : plan.at("features")) {
        const auto& p = f.at("properties");
        const std::string township = p.at("township_code");
        if (p.at("kind") == "point") CHECK(p.at("served_villages").size() <= 3);
        for (const auto& v : p.at("served_villages")) {
            ++served[v.get<std::string>()];
            INFO(p.at("id").get<std::string>() << " serves " << v.get<std::string>());
            CHECK(v.get<std::string>().substr(0, 9) == township);  // R4
        }
        if (p.at("status") == "planned" && p.at("origin") == "village_host") {  // R5: it stands in a village it serves
            INFO(p.at("id").get<std::string>());
            CHECK(p.at("served_villages").size() >= 1);
        }
    }
    CHECK(served.size() == villages);  // R2: everyone served …
    for (const auto& [code, n] : served) {
        INFO(code);
        CHECK(n == 1);  // … exactly once
    }
}
}  // namespace

TEST_CASE("plan on 云安区 places the 21 missing points and repairs the planted breaches", "[cli][plan][yunan]") {
    const fs::path out = scratch("plan-yunan") / "out";
    const RunResult r = run_coverplan({"--lang", "en", "plan", (k_data / "yunan" / "project.toml").string(), "-o", out.string(), "--threads", "2"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("New sites (21 points, 0 stations)") != std::string::npos);
    CHECK_THAT(line_with(r.out, "villages assigned to a site"), Catch::Matches(".* 58/114 +114/114"));
    CHECK_THAT(line_with(r.out, "R2–R5 rule errors"), Catch::Matches(".* 4 +0"));
    check_plan_rules(out, 114);

    const auto rows = read_csv(out / "plan.csv");
    int planned = 0, repaired = 0, villages = 0;
    for (const auto& row : rows) {
        planned += row.at("status") == "planned";
        repaired += row.at("origin") == "reassigned";
        villages += std::stoi(row.at("villages"));
        if (row.at("status") == "planned") CHECK_FALSE(row.at("runner_up").empty());
    }
    CHECK(planned == 21);
    CHECK(repaired == 4);  // the planted R3, R4 and R5 breaches, and the second claim on the village served twice (R2)
    CHECK(villages == 114);
    CHECK(rows.size() == 24 + 21);

    // Per township: new points add up, and every township's model is proven optimal.
    const auto towns = read_csv(out / "plan_townships.csv");
    REQUIRE(towns.size() == 7);
    int new_points = 0;
    for (const auto& t : towns) {
        INFO(t.at("township"));
        new_points += std::stoi(t.at("new"));
        CHECK(t.at("status") == "optimal");
        CHECK(t.at("gap_pct") == "0");
        CHECK(std::stod(t.at("bound_person_min")) == Approx(std::stod(t.at("objective_person_min"))));
    }
    CHECK(new_points == 21);

    // Same input → same output, whatever the thread count.
    const fs::path again = scratch("plan-yunan-1") / "out";
    REQUIRE(run_coverplan({"--lang", "en", "plan", (k_data / "yunan" / "project.toml").string(), "-o", again.string(), "--threads", "1"}).exit_code == 0);
    for (const char* f : {"plan.geojson", "assignments.geojson", "plan.csv", "plan_townships.csv"}) {
        INFO(f);
        CHECK(read_file(out / f) == read_file(again / f));
    }
    // Beneficiaries' personal columns never reach an output: look for every name, ID number and
    // phone of the input in every output file.
    const auto people = read_csv(k_data / "yunan" / "beneficiaries.csv");
    REQUIRE(people.size() == 4025);
    for (const char* f : {"plan.geojson", "assignments.geojson", "plan.csv", "plan_townships.csv"}) {
        const std::string text = read_file(out / f);
        int leaks = 0;
        for (const auto& p : people)
            for (const char* col : {"id", "name", "id_number", "phone", "address"}) leaks += text.find(p.at(col)) != std::string::npos;
        INFO(f);
        CHECK(leaks == 0);
    }
}

TEST_CASE("plan --capacity workload keeps every new point within its social workers' visiting hours and says whom it needs",
          "[cli][plan][yunan][workload]") {
    const fs::path out = scratch("plan-yunan-workload") / "out";
    const RunResult r = run_coverplan({"--lang", "en", "plan", (k_data / "yunan" / "project.toml").string(), "-o", out.string(),
                                       "--capacity", "workload"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Plan (by workload: each point's monthly visiting hours within its social workers' visiting hours, 154 h") !=
          std::string::npos);
    const auto rows = read_csv(out / "plan.csv");
    int planned = 0, needed = 0, villages = 0;
    const double per_worker = 22 * 7 * 0.5;  // [staffing] defaults: the visiting hours of one social worker a month
    for (const auto& row : rows) {
        INFO(row.at("site_id"));
        const double hours = std::stod(row.at("visiting_hours_month"));
        const int staff_needed = std::stoi(row.at("staff_needed"));
        CHECK(staff_needed == static_cast<int>(std::ceil(hours / per_worker - 1e-9)));
        villages += std::stoi(row.at("villages"));
        if (row.at("status") != "planned") continue;
        ++planned;
        needed += staff_needed;
        CHECK(row.at("staff") == "2");  // the [staffing] point default a new point is planned with
        CHECK(hours <= 2 * per_worker + 0.05);
    }
    CHECK(planned >= 21);  // the programme's shortfall, or more where the hours ask for it
    CHECK(villages == 114);
    CHECK(r.out.find("the " + std::to_string(planned) + " new points need " + std::to_string(needed) + " social workers") != std::string::npos);
}

TEST_CASE("plan on Andorra serves every place with 10 new points", "[cli][plan][andorra]") {
    const fs::path out = scratch("plan-andorra") / "out";
    const RunResult r = run_coverplan({"plan", (k_data / "andorra" / "project.toml").string(), "-o", out.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("新设站点（10 个社工点，0 个社工站）") != std::string::npos);
    check_plan_rules(out, 68);
}

TEST_CASE("plan with a travel limit nobody can meet says which villages and fails", "[cli][plan]") {
    const RunResult r = run_coverplan({"--lang", "en", "plan", (k_data / "yunan" / "project.toml").string(), "--max-travel-min", "0.5"});
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("no plan with") != std::string::npos);
    CHECK(r.out.find("within 1 min") != std::string::npos);
    CHECK(r.err.find("no feasible plan") != std::string::npos);
}

namespace {
// plan_villages.csv of a reach plan: minutes to the nearest site before and after, per village.
struct VillageReach {
    std::vector<double> before, after, weight;
};
VillageReach read_reach(const fs::path& out) {
    VillageReach r;
    for (const auto& row : read_csv(out / "plan_villages.csv")) {
        r.before.push_back(row.at("before_min").empty() ? 1e9 : std::stod(row.at("before_min")));
        r.after.push_back(row.at("after_min").empty() ? 1e9 : std::stod(row.at("after_min")));
        r.weight.push_back(std::stod(row.at("weight")));
    }
    return r;
}
RunResult reach_plan(const fs::path& out, std::vector<std::string> extra) {
    std::vector<std::string> args{"--lang", "en", "plan", (k_data / "yunan" / "project.toml").string(), "-o", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_coverplan(args);
}
}  // namespace

TEST_CASE("plan --model answers the reach questions on 云安区", "[cli][plan][yunan]") {
    SECTION("MCLP: more new points never reach less, and the summary matches the village file") {
        double reached_before = -1;
        for (int budget : {0, 3, 4}) {
            const fs::path out = scratch("reach-mclp-" + std::to_string(budget)) / "out";
            const RunResult r = reach_plan(out, {"--model", "mclp", "--budget", std::to_string(budget), "--within-min", "10"});
            INFO(r.out << r.err);
            REQUIRE(r.exit_code == 0);
            CHECK(r.out.find("optimal") != std::string::npos);
            const auto sites = read_csv(out / "plan.csv");
            int planned = 0;
            for (const auto& row : sites) planned += row.at("status") == "planned";
            CHECK(planned == budget);
            // Villages within 10 min after, from the file (1-decimal minutes: allow the rounding band).
            const VillageReach v = read_reach(out);
            REQUIRE(v.after.size() == 114);
            int surely = 0, maybe = 0;
            double weight = 0;
            for (std::size_t i = 0; i < v.after.size(); ++i) {
                CHECK(v.after[i] <= v.before[i]);  // existing sites stay open
                surely += v.after[i] <= 9.95;
                maybe += v.after[i] <= 10.05;
                if (v.after[i] <= 9.95) weight += v.weight[i];
            }
            const std::string row = line_with(r.out, "villages within 10 min of a site");
            const int after = std::stoi(row.substr(row.rfind(' ') + 1));
            CHECK(after >= surely);
            CHECK(after <= maybe);
            if (budget == 0) CHECK_THAT(row, Catch::Matches(".* 61/114 +61/114"));
            CHECK(weight >= reached_before - 1e-6);
            reached_before = weight;
        }
    }
    SECTION("LSCP: every village within T after, with the proven fewest points") {
        const fs::path out = scratch("reach-lscp") / "out";
        const RunResult r = reach_plan(out, {"--model", "lscp", "--within-min", "15"});
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.out.find("solver: cbc, optimal") != std::string::npos);
        CHECK_THAT(line_with(r.out, "villages within 15 min of a site"), Catch::Matches(".* 114/114"));
        for (double t : read_reach(out).after) CHECK(t <= 15.05);
        // One point fewer than LSCP's answer cannot cover everyone: MCLP with that budget leaves someone out.
        std::size_t planned = 0;
        for (const auto& row : read_csv(out / "plan.csv")) planned += row.at("status") == "planned";
        REQUIRE(planned > 0);
        const fs::path fewer = scratch("reach-lscp-fewer") / "out";
        const RunResult m = reach_plan(fewer, {"--model", "mclp", "--budget", std::to_string(planned - 1), "--within-min", "15"});
        REQUIRE(m.exit_code == 0);
        CHECK_THAT(line_with(m.out, "villages within 15 min of a site"), !Catch::Matches(".* 114/114"));
    }
    SECTION("p-center: the longest trip shrinks and equals the file's largest minutes") {
        const fs::path out = scratch("reach-pcenter") / "out";
        const RunResult r = reach_plan(out, {"--model", "p-center", "--budget", "5"});
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        const VillageReach v = read_reach(out);
        const double worst_after = *std::max_element(v.after.begin(), v.after.end());
        const double worst_before = *std::max_element(v.before.begin(), v.before.end());
        CHECK(worst_after < worst_before);
        const std::string row = line_with(r.out, "longest trip to the nearest site");
        CHECK(std::stod(row.substr(row.rfind(' ') + 1)) == Approx(worst_after).margin(0.051));
    }
    SECTION("a question without its budget is refused before anything is written") {
        const fs::path out = scratch("reach-nobudget") / "out";
        const RunResult r = reach_plan(out, {"--model", "mclp"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--budget") != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("solve reads OR-Library files with the last-occurrence convention", "[cli][solve]") {
    const RunResult r = run_coverplan({"solve", "--format", "orlib-pmed", (k_solve / "six_pmed.txt").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("objective") == 6.0);
    CHECK(j.at("bound") == 6.0);
    CHECK(j.at("status") == "optimal");
    CHECK(j.at("sites") == nlohmann::json::array({"2", "5"}));
}

TEST_CASE("solve --format solomon prints the tours with their stops in order and lists who cannot be served", "[cli][solve][routing]") {
    const std::string file = (k_solve / "arms_vrptw.txt").string();
    const RunResult r = run_coverplan({"--lang", "en", "solve", "--format", "solomon", file, "--seed", "3"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 3);  // customer 6 cannot be served in its window
    CHECK(r.err.find("customers that could not be served: 1") != std::string::npos);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("status") == "incomplete");
    CHECK(j.at("distance").get<double>() == Approx(100));
    CHECK(j.at("routes") == 2);
    CHECK(j.at("max_routes") == 2);
    CHECK(j.at("unserved") == nlohmann::json::parse(R"([{"customer": 6, "reason": "window"}])"));
    std::vector<std::vector<int>> arms;
    for (const auto& t : j.at("tours")) {
        auto stops = t.at("stops").get<std::vector<int>>();
        REQUIRE(t.at("start").size() == stops.size());
        std::sort(stops.begin(), stops.end());
        arms.push_back(stops);
    }
    std::sort(arms.begin(), arms.end());
    CHECK(arms == std::vector<std::vector<int>>{{1, 2, 3}, {4, 5}});
    // The same seed, the same output (the time taken aside).
    const RunResult again = run_coverplan({"--lang", "en", "solve", "--format", "solomon", file, "--seed", "3"});
    auto k = nlohmann::json::parse(again.out);
    auto jj = j;
    jj.erase("time_s");
    k.erase("time_s");
    CHECK(jj == k);

    const RunResult wrong = run_coverplan({"--lang", "en", "solve", "--format", "solomon", file, "--model", "mclp"});
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("--model does not apply to a routing problem") != std::string::npos);
}

TEST_CASE("solve on a long CSV with weights, every model", "[cli][solve]") {
    const std::string csv = (k_solve / "villages_long.csv").string();
    auto solve = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"solve", csv, "--weight-field", "weight", "--assignment"};
        args.insert(args.end(), extra.begin(), extra.end());
        const RunResult r = run_coverplan(args);
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        return nlohmann::json::parse(r.out);
    };
    auto one = solve({"-p", "1"});
    CHECK(one.at("objective") == 61.0);
    CHECK(one.at("sites") == nlohmann::json::array({"乙点"}));
    CHECK(one.at("assignment").at("村甲") == "乙点");
    CHECK(solve({"-p", "2", "--solver", "mip"}).at("objective") == 11.0);
    const auto mclp = solve({"--model", "mclp", "-p", "1", "--radius", "1"});  // 甲点 covers 村甲 (10); 乙点 村乙 (1)
    CHECK(mclp.at("objective") == 10.0);
    CHECK(mclp.at("sites") == nlohmann::json::array({"甲点"}));
    CHECK(solve({"--model", "lscp", "--radius", "4"}).at("objective") == 2.0);  // 村甲 is 5 from 乙点
    CHECK(solve({"--model", "lscp", "--radius", "5"}).at("objective") == 1.0);
    CHECK(solve({"--model", "p-center", "-p", "2"}).at("objective") == 2.0);
}

TEST_CASE("solve reports bad instances with file, line and what was expected", "[cli][solve]") {
    const RunResult cols = run_coverplan({"--lang", "en", "solve", (k_solve / "villages_long.csv").string(), "-p", "1", "--cost-field", "minutes"});
    CHECK(cols.exit_code == 3);
    CHECK(cols.err.find("villages_long.csv") != std::string::npos);
    CHECK(cols.err.find("no column \"minutes\"") != std::string::npos);
    const RunResult fmt = run_coverplan({"--lang", "en", "solve", (k_solve / "six_pmed.txt").string()});
    CHECK(fmt.exit_code == 2);
    CHECK(fmt.err.find("--format") != std::string::npos);
    const RunResult trunc = run_coverplan({"--lang", "en", "solve", "--format", "orlib-pmed", (k_solve / "README.md").string()});
    CHECK(trunc.exit_code == 3);
    CHECK(trunc.err.find("line 1") != std::string::npos);
}
