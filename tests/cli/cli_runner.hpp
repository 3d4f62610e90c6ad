#pragma once
// Runs the built binaries as a user would and captures what they print.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace coverplan::test {

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `binary args` (args are shell-quoted here) in `cwd`.
RunResult run(const std::string& binary, const std::vector<std::string>& args, const std::filesystem::path& cwd = {});
RunResult run_coverplan(const std::vector<std::string>& args, const std::filesystem::path& cwd = {});

// Starts `argv` (argv[0] the binary) without a shell: stdin and stdout /dev/null, stderr into
// `err_file`. Returns the pid, or -1 when it could not start; the caller waits for it.
int spawn(const std::vector<std::string>& argv, const std::filesystem::path& err_file = "/dev/null");

std::string read_file(const std::filesystem::path& p);
// A fresh empty folder under the build tree for one test.
std::filesystem::path scratch(const std::string& name);

// 云安区 made a project of two counties: 六都镇 (445303100) moved to 云城区 (445302), every code
// of the township rewritten, in a fresh scratch folder; returns its project.toml.
std::filesystem::path two_county_yunan(const std::string& name);

// Rows of a CSV file (UTF-8 BOM skipped), each a map from header to cell.
std::vector<std::map<std::string, std::string>> read_csv(const std::filesystem::path& p);

}  // namespace coverplan::test
