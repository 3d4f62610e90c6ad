#include "cli/common.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "core/text.hpp"

namespace coverplan::cli {

int ProjectRunOptions::thread_count() const {
    return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::unique_ptr<io::StagedOutput> ProjectRunOptions::stage(const io::ProjectConfig& cfg) const {
    return out.empty() ? nullptr : std::make_unique<io::StagedOutput>(out, force, io::input_files(cfg));
}

CLI::Validator within(const Bound& bound) {
    return CLI::Validator(
        [&bound](std::string& text) {
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            if (text.empty() || end == text.c_str() || *end != '\0') return "expected a number, found " + text;
            return bound.contains(v) ? std::string() : bound.problem(v).en;
        },
        "", "");
}

void add_project_options(CLI::App* cmd, ProjectRunOptions& o, const std::string& outputs) {
    cmd->add_option("project", o.project, "project file (project.toml)")->required();
    cmd->add_option("-o,--out", o.out, "output folder for " + outputs)->check([](const std::string& s) {
        return s.empty() ? std::string("expected a folder, found an empty path") : std::string();
    });
    cmd->add_flag("--force", o.force, "replace an existing output folder");
    cmd->add_option("--threads", o.threads, "threads for the travel-time searches (default: all cores); results do not depend on it")
        ->check(within(setting::threads));
}

int finish(const pipeline::Outcome& outcome, io::StagedOutput* staged, bool chinese) {
    std::cout << terminal_safe(outcome.summary);
    if (staged && outcome.commit) commit_outputs(*staged, chinese);
    if (outcome.failure) std::cerr << (chinese ? "coverplan：" : "coverplan: ") << terminal_safe(outcome.failure->in(chinese)) << "\n";
    return static_cast<int>(outcome.code);
}

void commit_outputs(io::StagedOutput& staged, bool chinese) {
    staged.commit();
    std::cout << (chinese ? "\n输出已写入 " : "\nOutputs written to ") << terminal_safe(staged.destination().string()) << "\n";
}

}  // namespace coverplan::cli
