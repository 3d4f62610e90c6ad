#include "cli_runner.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace coverplan::test {

namespace fs = std::filesystem;

namespace {
std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> cells;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    cells.push_back(cur);
    return cells;
}
}  // namespace

int spawn(const std::vector<std::string>& args, const fs::path& err_file) {
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t io;
    posix_spawn_file_actions_init(&io);
    posix_spawn_file_actions_addopen(&io, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&io, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&io, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &io, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&io);
    return rc == 0 ? pid : -1;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(COVERPLAN_BUILD_DIR) / "test-scratch" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

RunResult run(const std::string& binary, const std::vector<std::string>& args, const fs::path& cwd) {
    static int counter = 0;
    const fs::path dir = fs::path(COVERPLAN_BUILD_DIR) / "test-scratch" / "_runs";
    fs::create_directories(dir);
    const std::string stem = (dir / ("run" + std::to_string(++counter))).string();
    std::string cmd;
    if (!cwd.empty()) cmd += "cd " + quote(cwd.string()) + " && ";
    cmd += quote(binary);
    for (const auto& a : args) cmd += " " + quote(a);
    cmd += " > " + quote(stem + ".out") + " 2> " + quote(stem + ".err") + " < /dev/null";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(stem + ".out");
    r.err = read_file(stem + ".err");
    return r;
}

RunResult run_coverplan(const std::vector<std::string>& args, const fs::path& cwd) { return run(COVERPLAN_BINARY, args, cwd); }

std::vector<std::map<std::string, std::string>> read_csv(const fs::path& p) {
    std::string text = read_file(p);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    const auto header = split_csv_line(line);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        if (line.empty() || line == "\r") continue;
        const auto cells = split_csv_line(line);
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
        rows.push_back(std::move(row));
    }
    return rows;
}

std::filesystem::path two_county_yunan(const std::string& name) {
    namespace fs = std::filesystem;
    const fs::path yunan = fs::path(COVERPLAN_DATA_DIR) / "yunan";
    const fs::path dir = scratch(name);
    for (const char* f : {"townships.geojson", "villages.geojson", "sites.csv", "beneficiaries.csv", "hazards.geojson", "closures.geojson", "shelters.csv"}) {
        std::string text = read_file(yunan / f);
        for (auto at = text.find("445303100"); at != std::string::npos; at = text.find("445303100", at)) text.replace(at, 9, "445302100");
        std::ofstream(dir / f) << text;
    }
    std::string project = read_file(yunan / "project.toml");
    const std::string roads = "source = \"roads.geojson\"";
    project.replace(project.find(roads), roads.size(), "source = \"" + (yunan / "roads.geojson").string() + "\"");
    const std::string county = "\"445303\" = \"云安区\"\n";
    project.replace(project.find(county), county.size(), county + "\"445302\" = \"云城区\"\n");
    std::ofstream(dir / "project.toml") << project;
    return dir / "project.toml";
}

}  // namespace coverplan::test
