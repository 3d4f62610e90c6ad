// coverplan validate PROJECT: loads every layer and reports what was read and used, and the
// data-quality findings, the road network's included (errors end with exit code 3, warnings are
// listed).
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "pipeline/commands.hpp"

namespace coverplan::cli {

void add_validate_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto project = std::make_shared<std::filesystem::path>();
    CLI::App* cmd = app.add_subcommand("validate", "load the project's data and report problems (数据检查)");
    cmd->add_option("project", *project, "project file (project.toml)")->required();
    cmd->callback([project, &global, &runner] {
        runner = [project, &global] {
            const io::ProjectConfig cfg = io::read_project(*project);
            return finish(pipeline::run_validate(cfg, {1, global.chinese()}), nullptr, global.chinese());
        };
    });
}

}  // namespace coverplan::cli
