#pragma once
// What the subcommands that read a project and write an output folder share.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "core/bounds.hpp"
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

// Moves the outputs into place and says where they are.
void commit_outputs(io::StagedOutput& staged, bool chinese);

// Prints a command's outcome (summary on stdout, the failure on stderr), commits the staged
// outputs when it asks, and returns the exit code.
int finish(const pipeline::Outcome& outcome, io::StagedOutput* staged, bool chinese);

}  // namespace coverplan::cli
