// coverplan solve INSTANCE: the placement solvers on any demand × candidate problem, no map.
// Options only; the work is pipeline::run_solve.
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/text.hpp"
#include "pipeline/commands.hpp"

namespace coverplan::cli {

void add_solve_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto rq = std::make_shared<pipeline::SolveRequest>();
    rq->input.memory.setting = "--memory-mb";
    CLI::App* cmd = app.add_subcommand(
        "solve", "solve a location problem given as a cost matrix or an OR-Library file, or a routing problem in Solomon's format (求解选址或路径问题)");
    cmd->add_option("instance", rq->input.file, "the problem: CSV cost matrix, OR-Library file, point list or Solomon instance")->required();
    cmd->add_option_function<std::string>(
           "--format", [rq](const std::string& v) { io::parse_instance_format(v, rq->format.emplace()); },
           "csv-long (default for .csv), csv-wide, orlib-pmed, orlib-pmedcap, points, solomon (VRPTW, Cordeau's format)")
        ->check(CLI::IsMember({"csv-long", "csv-wide", "orlib-pmed", "orlib-pmedcap", "points", "solomon"}));
    cmd->add_option_function<std::string>(
           "--model", [rq](const std::string& v) { placement::parse_model(v, rq->model.emplace()); },
           "p-median (default), capacitated-p-median, mclp, lscp, p-center")
        ->check(CLI::IsMember({"p-median", "capacitated-p-median", "mclp", "lscp", "p-center"}));
    cmd->add_option_function<int>("-p", [rq](int v) { rq->p = v; }, "facilities to open, fixed ones included (OR-Library files state it)")
        ->check(CLI::Range(1, 1'000'000));
    cmd->add_option_function<double>("--radius", [rq](double v) { rq->radius = v; }, "covering radius for mclp and lscp, in the costs' unit")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option_function<std::string>("--fixed", [rq](const std::string& v) { rq->fixed = split_list(v); },
                                          "candidates already open, comma-separated");
    cmd->add_option_function<std::string>("--candidates", [rq](const std::string& v) { rq->only = split_list(v); },
                                          "only these candidates may open, comma-separated");
    io::CsvColumns& columns = rq->input.columns;
    cmd->add_option("--demand-field", columns.demand, "csv-long: column of the demand name")->capture_default_str();
    cmd->add_option("--candidate-field", columns.candidate, "csv-long: column of the candidate name")->capture_default_str();
    cmd->add_option("--cost-field", columns.cost, "csv-long: column of the cost")->capture_default_str();
    cmd->add_option("--weight-field", columns.weight, "csv-long: column of the demand weight (optional)");
    cmd->add_option("--weights", rq->input.weights, "CSV name,weight of the demands");
    cmd->add_option("--capacities", rq->input.capacities, "CSV name,capacity of the candidates");
    cmd->add_option_function<std::string>(
           "--solver", [rq](const std::string& v) { rq->solver.solver = *placement::parse_named(placement::k_solvers, v); },
           "auto (default), heuristic, lagrangian (p-median) or mip (CBC)")
        ->check(CLI::IsMember(placement::named_keys(placement::k_solvers)));
    cmd->add_option("--time-limit", rq->solver.time_limit_s, "seconds")->check(within(setting::time_limit_s))->capture_default_str();
    cmd->add_option("--gap", rq->solver.rel_gap, "relative optimality gap at which to stop")->check(CLI::Range(0.0, 1.0))->capture_default_str();
    cmd->add_option("--seed", rq->solver.seed, "seed of the heuristic's random moves")->check(within(setting::seed))->capture_default_str();
    cmd->add_option_function<std::uint64_t>(
           "--memory-mb", [rq](std::uint64_t mb) { rq->input.memory.bytes = mb * 1024 * 1024; },
           "the most memory the cost matrix may take (default: half of this machine's)")
        ->check(within(setting::memory_mb));
    cmd->add_flag("--assignment", rq->assignment, "also print each demand's serving site");
    cmd->add_option_function<std::size_t>("--routes", [rq](std::size_t v) { rq->routes = v; },
                                          "solomon: the most routes (default: the file's fleet size)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
    cmd->add_option_function<std::uint64_t>("--iterations", [rq](std::uint64_t v) { rq->iterations = v; },
                                            "solomon: ruin-and-recreate iterations (default: 2,000 per customer, at least 20,000)")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}));
    cmd->add_flag_callback("--no-local-search", [rq] { rq->local_search = false; },
                           "solomon: ruin and recreate only, without the descent on each new best (for measuring it)");
    cmd->callback([rq, &global, &runner] {
        runner = [rq, &global] { return finish(pipeline::run_solve(*rq), nullptr, global.chinese()); };
    });
}

}  // namespace coverplan::cli
