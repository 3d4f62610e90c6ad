#pragma once
// Subcommands register themselves here; each lives in its own file (DESIGN §14.2).
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace coverplan::cli {

struct GlobalOptions {
    std::string lang = "zh";
    bool chinese() const { return lang == "zh"; }
};

// Set by the chosen subcommand's callback; returns the process exit code.
using Runner = std::function<int()>;

void add_init_command(CLI::App& app, const GlobalOptions& global, Runner& runner);
void add_validate_command(CLI::App& app, const GlobalOptions& global, Runner& runner);
void add_check_command(CLI::App& app, const GlobalOptions& global, Runner& runner);
void add_coverage_command(CLI::App& app, const GlobalOptions& global, Runner& runner);
void add_plan_command(CLI::App& app, const GlobalOptions& global, Runner& runner);
void add_run_command(CLI::App& app, const GlobalOptions& global, Runner& runner);
void add_visits_command(CLI::App& app, const GlobalOptions& global, Runner& runner);
void add_flood_command(CLI::App& app, const GlobalOptions& global, Runner& runner);
void add_solve_command(CLI::App& app, const GlobalOptions& global, Runner& runner);

}  // namespace coverplan::cli
