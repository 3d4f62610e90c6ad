// Nothing lost (DESIGN §12): a run killed mid-way or failing late leaves the previous outputs as
// they were, and an output folder that holds an input is refused.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>

#include "cli_runner.hpp"


using namespace coverplan::test;
namespace fs = std::filesystem;

namespace {
const std::string k_yunan = std::string(COVERPLAN_DATA_DIR) + "/yunan/project.toml";

// Every file under `dir` with its content.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files[fs::relative(e.path(), dir).generic_string()] = read_file(e.path());
    return files;
}

// Staging and set-aside folders coverplan left beside `dest`.
std::vector<std::string> leftovers(const fs::path& dest) {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(dest.parent_path()))
        if (e.path().filename().string().find(".coverplan-") != std::string::npos) found.push_back(e.path().filename().string());
    return found;
}

// A pack to be replaced: quick (no maps), with a date so it differs from what the tests run.
fs::path previous_pack(const std::string& name) {
    const fs::path dest = scratch(name) / "pack";
    const RunResult r = run_coverplan({"run", k_yunan, "-o", dest.string(), "--no-maps", "--date", "2025-12-31"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return dest;
}
}  // namespace

TEST_CASE("a run killed mid-way leaves the previous outputs untouched; the next run tidies up", "[cli][outputs]") {
    const fs::path dest = previous_pack("killed-run");
    const auto before = snapshot(dest);
    REQUIRE(before.count("report.html") == 1);

    // The full run (maps take seconds): killed with SIGKILL once it has written into its staging folder.
    const std::string bin = COVERPLAN_BINARY;
    std::vector<std::string> args{bin, "run", k_yunan, "-o", dest.string(), "--force", "--print-dpi", "150"};
    const pid_t pid = spawn(args);
    REQUIRE(pid > 0);
    const fs::path staging = dest.parent_path() / (".pack.coverplan-tmp-" + std::to_string(pid));
    bool writing = false;
    for (int i = 0; i < 1200 && !writing; ++i) {  // up to 2 minutes (sanitizer builds are slow)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::error_code ec;
        writing = fs::exists(staging / "maps", ec) || fs::exists(staging / "coverage.csv", ec);
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(writing);
    CHECK(WIFSIGNALED(status));
    CHECK(snapshot(dest) == before);  // every file, byte for byte
    CHECK(fs::exists(staging));       // SIGKILL gives no chance to clean up …

    // … so the next run for the same folder removes what the killed one left.
    const RunResult again = run_coverplan({"run", k_yunan, "-o", dest.string(), "--force", "--no-maps"});
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK(leftovers(dest).empty());
}

TEST_CASE("a run that fails late leaves the previous outputs untouched and no staging folder", "[cli][outputs]") {
    const fs::path dest = previous_pack("late-failure");
    const auto before = snapshot(dest);
    // Fails as the last stage (the report) starts: everything else is already in the staging folder.
    const RunResult r = run("env", {"COVERPLAN_TEST_FAIL_AT=report", COVERPLAN_BINARY, "--lang", "en", "run", k_yunan, "-o", dest.string(),
                                    "--force", "--no-maps"});
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("coverplan: error: stopped before stage \"report\"") != std::string::npos);
    CHECK(snapshot(dest) == before);
    CHECK(leftovers(dest).empty());
}

TEST_CASE("an output folder holding an input is refused, --force or not", "[cli][outputs]") {
    const fs::path dir = scratch("output-holds-input");
    const fs::path project = dir / "project";
    fs::create_directories(project);
    for (const auto& e : fs::directory_iterator(std::string(COVERPLAN_TEST_DATA_DIR) + "/mini"))
        fs::copy_file(e.path(), project / e.path().filename());
    const auto before = snapshot(project);
    const std::string toml = (project / "project.toml").string();
    for (const fs::path& out : {project, dir}) {  // the project's folder, and a folder above it
        INFO(out);
        const RunResult r = run_coverplan({"--lang", "en", "check", toml, "-o", out.string(), "--force"});
        CHECK(r.exit_code == 4);
        CHECK(r.err.find("coverplan: error: output folder " + out.string() + " holds an input, ") != std::string::npos);
        CHECK(r.err.find("choose another folder with -o") != std::string::npos);
    }
    CHECK(snapshot(project) == before);
    // A new folder inside the project's folder replaces nothing of it.
    const RunResult inside = run_coverplan({"check", toml, "-o", (project / "out").string()});
    CHECK(inside.exit_code == 0);
    CHECK(fs::exists(project / "out" / "violations.csv"));
}
