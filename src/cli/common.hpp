#pragma once
// What the subcommands that read a project and write an output folder share.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/bounds.hpp"
#include "core/placement/plan_config.hpp"
#include "io/output_dir.hpp"
#include "io/project_file.hpp"
#include "pipeline/commands.hpp"

namespace coverplan::cli {

struct ProjectRunOptions {
    std::filesystem::path project;
    std::filesystem::path out;
    bool force = false;
    int threads = 0;  // 0 = all cores

    int thread_count() const;
    pipeline::CommandOptions command(bool chinese) const { return {thread_count(), chinese}; }
    // The output folder, staged: refused here when it exists without --force or holds one of the
    // project's inputs, before any load.
    std::unique_ptr<io::StagedOutput> stage(const io::ProjectConfig& cfg) const;
};

// PROJECT, -o/--out (described by `outputs`), --force and --threads.
void add_project_options(CLI::App* cmd, ProjectRunOptions& o, const std::string& outputs);

// CLI11's check for a numeric option with a documented range (core/bounds.hpp).
CLI::Validator within(const Bound& bound);

// A choice among a names table's keys (the same table the project file's checks use).
template <class E, std::size_t N>
void add_choice(CLI::App* cmd, const std::string& name, std::optional<E>& target, const placement::Named<E> (&table)[N],
                const std::string& help) {
    cmd->add_option_function<std::string>(name, [&target, &table](const std::string& v) { target = placement::parse_named(table, v); }, help)
        ->check(CLI::IsMember(placement::named_keys(table)));
}
template <class T>
void add_bounded(CLI::App* cmd, const std::string& name, std::optional<T>& target, const Bound& bound, const std::string& help) {
    cmd->add_option_function<T>(name, [&target](const T& v) { target = v; }, help)->check(within(bound));
}

// Moves the outputs into place and says where they are.
void commit_outputs(io::StagedOutput& staged, bool chinese);

// Prints a command's outcome (summary on stdout, the failure on stderr), commits the staged
// outputs when it asks, and returns the exit code.
int finish(const pipeline::Outcome& outcome, io::StagedOutput* staged, bool chinese);

}  // namespace coverplan::cli
