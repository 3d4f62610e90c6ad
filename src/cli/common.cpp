#include "cli/common.hpp"

#include <algorithm>
#include <iostream>
#include <thread>

namespace coverplan::cli {

int ProjectRunOptions::thread_count() const {
    return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::unique_ptr<io::StagedOutput> ProjectRunOptions::stage(const io::ProjectConfig& cfg) const {
    return out.empty() ? nullptr : std::make_unique<io::StagedOutput>(out, force, io::input_files(cfg));
}

void add_project_options(CLI::App* cmd, ProjectRunOptions& o, const std::string& outputs) {
    cmd->add_option("project", o.project, "project file (project.toml)")->required();
    cmd->add_option("-o,--out", o.out, "output folder for " + outputs);
    cmd->add_flag("--force", o.force, "replace an existing output folder");
    cmd->add_option("--threads", o.threads, "threads for the travel-time searches (default: all cores); results do not depend on it")
        ->check(CLI::Range(1, 256));
}

void commit_outputs(io::StagedOutput& staged, bool chinese) {
    staged.commit();
    std::cout << (chinese ? "\n输出已写入 " : "\nOutputs written to ") << staged.destination().string() << "\n";
}

}  // namespace coverplan::cli
