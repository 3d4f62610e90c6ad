// coverplan: plans and audits the network of social-work stations and points (双百工程).
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "coverplan/version.hpp"

int main(int argc, char** argv) {
    using namespace coverplan;
    cli::GlobalOptions global;
    CLI::App app{"coverplan — planning and audit of social-work stations and points (双百工程社工站点规划与核查)", "coverplan"};
    app.set_version_flag("--version", std::string("coverplan ") + k_version);
    app.add_option("--lang", global.lang, "language of messages and outputs: zh (default) or en")
        ->check(CLI::IsMember({"zh", "en"}));
    app.require_subcommand(1);
    cli::Runner runner;
    cli::add_init_command(app, global, runner);
    cli::add_validate_command(app, global, runner);
    cli::add_check_command(app, global, runner);
    cli::add_coverage_command(app, global, runner);
    cli::add_plan_command(app, global, runner);
    cli::add_run_command(app, global, runner);
    cli::add_visits_command(app, global, runner);
    cli::add_flood_command(app, global, runner);
    cli::add_solve_command(app, global, runner);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : static_cast<int>(ExitCode::usage);
    }
    try {
        return runner();
    } catch (const Error& e) {
        std::cerr << (global.chinese() ? "coverplan：错误：" : "coverplan: error: ") << terminal_safe(e.text().in(global.chinese())) << "\n";
        return static_cast<int>(e.code());
    } catch (const std::bad_alloc&) {
        std::cerr << "coverplan: error: out of memory\n";
        return static_cast<int>(ExitCode::internal);
    } catch (const std::exception& e) {
        std::cerr << "coverplan: internal error (please report): " << terminal_safe(e.what()) << "\n";
        return static_cast<int>(ExitCode::internal);
    }
}
