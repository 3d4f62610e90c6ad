// coverplan solve INSTANCE: the placement solvers on any demand × candidate problem, no map.
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/instance_reader.hpp"
#include "solve/solve.hpp"

namespace coverplan::cli {

namespace {
struct SolveCliOptions {
    std::filesystem::path instance;
    std::string format;
    std::string model;
    int p = 0;
    double radius = -1;
    std::string fixed, only;
    io::CsvColumns columns;
    std::filesystem::path weights, capacities;
    solve::SolveOptions solver;
    bool assignment = false;
};

std::vector<std::uint32_t> candidates_named(const placement::Problem& pr, const std::string& list, const char* option) {
    std::vector<std::uint32_t> out;
    for (const std::string& name : split_list(list)) {
        auto it = std::find(pr.candidate_names.begin(), pr.candidate_names.end(), name);
        if (it == pr.candidate_names.end())
            throw UsageError({std::string(option) + ": \"" + name + "\" is not a candidate of the instance",
                              std::string(option) + "：\"" + name + "\" 不是该实例的候选点"});
        out.push_back(static_cast<std::uint32_t>(it - pr.candidate_names.begin()));
    }
    return out;
}

int run_solve(const SolveCliOptions& o) {
    io::InstanceInput in{o.instance, io::InstanceFormat::csv_long, o.columns, o.weights, o.capacities};
    std::string format = o.format;
    if (format.empty()) {
        if (o.instance.extension() != ".csv")
            throw UsageError({"--format is needed for " + o.instance.string() + " (orlib-pmed, orlib-pmedcap, points, csv-long, csv-wide)",
                              o.instance.string() + " 需要 --format（orlib-pmed、orlib-pmedcap、points、csv-long、csv-wide）"});
        format = "csv-long";
    }
    io::parse_instance_format(format, in.format);  // the option's choices were checked by CLI11
    placement::Problem pr = io::read_instance(in);
    if (!o.model.empty()) placement::parse_model(o.model, pr.model);
    if (o.p > 0) pr.p = o.p;
    if (o.radius >= 0) pr.radius = o.radius;
    if (pr.model == placement::Model::capacitated_p_median && pr.capacity.empty())
        throw UsageError({"the capacitated model needs --capacities FILE", "带容量模型需要 --capacities 文件"});
    if ((pr.model == placement::Model::max_covering || pr.model == placement::Model::set_covering) && o.radius < 0)
        throw UsageError({"the " + std::string(placement::model_key(pr.model)) + " model needs --radius",
                          std::string(placement::model_key(pr.model)) + " 模型需要 --radius"});
    if (pr.model != placement::Model::set_covering && pr.p <= 0)
        throw UsageError({"-p is needed: the number of facilities to open", "需要 -p：要开设的设施数"});
    if (pr.model != placement::Model::capacitated_p_median && in.format == io::InstanceFormat::orlib_pmedcap) {
        pr.weight = pr.size;  // the uncapacitated models weigh the points by their demand
        pr.home.clear();
    }
    if (!o.fixed.empty()) {
        pr.fixed.assign(pr.candidates, 0);
        for (auto j : candidates_named(pr, o.fixed, "--fixed")) pr.fixed[j] = 1;
    }
    if (!o.only.empty()) {
        pr.excluded.assign(pr.candidates, 1);
        for (auto j : candidates_named(pr, o.only, "--candidates")) pr.excluded[j] = 0;
    }
    const placement::Solution sol = solve::solve_problem(pr, o.solver);
    nlohmann::ordered_json out;
    out["instance"] = o.instance.filename().string();
    out["model"] = placement::model_key(pr.model);
    out["demands"] = pr.demands;
    out["candidates"] = pr.candidates;
    if (pr.model != placement::Model::set_covering) out["p"] = pr.p;
    if (pr.model == placement::Model::max_covering || pr.model == placement::Model::set_covering) out["radius"] = pr.radius;
    out["solver"] = sol.solver;
    out["status"] = placement::status_key(sol.status);
    auto number = [](double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); };
    const bool found = sol.status == placement::Status::optimal || sol.status == placement::Status::feasible;
    out["objective"] = found ? number(sol.objective) : nlohmann::ordered_json(nullptr);
    out["bound"] = found ? number(sol.bound) : nlohmann::ordered_json(nullptr);
    out["gap"] = found ? number(sol.gap()) : nlohmann::ordered_json(nullptr);
    out["time_s"] = sol.time_s;
    out["nodes"] = sol.nodes;
    std::vector<std::string> open;
    for (auto j : sol.open) open.push_back(pr.candidate_name(j));
    out["sites"] = open;
    if (o.assignment && found) {
        nlohmann::ordered_json a = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < pr.demands; ++i)
            a[pr.demand_name(i)] = sol.assignment[i] >= 0 ? nlohmann::ordered_json(pr.candidate_name(static_cast<std::size_t>(sol.assignment[i])))
                                                          : nlohmann::ordered_json(nullptr);
        out["assignment"] = a;
    }
    if (!sol.message.empty()) out["message"] = sol.message;
    std::cout << out.dump(2) << "\n";
    return sol.status == placement::Status::infeasible || sol.status == placement::Status::no_solution
               ? static_cast<int>(ExitCode::input)
               : 0;
}
}  // namespace

void add_solve_command(CLI::App& app, const GlobalOptions&, Runner& runner) {
    auto o = std::make_shared<SolveCliOptions>();
    CLI::App* cmd = app.add_subcommand("solve", "solve a location problem given as a cost matrix or an OR-Library file (求解选址问题)");
    cmd->add_option("instance", o->instance, "the problem: CSV cost matrix, OR-Library file or point list")->required();
    cmd->add_option("--format", o->format, "csv-long (default for .csv), csv-wide, orlib-pmed, orlib-pmedcap, points")
        ->check(CLI::IsMember({"csv-long", "csv-wide", "orlib-pmed", "orlib-pmedcap", "points"}));
    cmd->add_option("--model", o->model, "p-median (default), capacitated-p-median, mclp, lscp, p-center")
        ->check(CLI::IsMember({"p-median", "capacitated-p-median", "mclp", "lscp", "p-center"}));
    cmd->add_option("-p", o->p, "facilities to open, fixed ones included (OR-Library files state it)")->check(CLI::Range(1, 1'000'000));
    cmd->add_option("--radius", o->radius, "covering radius for mclp and lscp, in the costs' unit")->check(CLI::NonNegativeNumber);
    cmd->add_option("--fixed", o->fixed, "candidates already open, comma-separated");
    cmd->add_option("--candidates", o->only, "only these candidates may open, comma-separated");
    cmd->add_option("--demand-field", o->columns.demand, "csv-long: column of the demand name")->capture_default_str();
    cmd->add_option("--candidate-field", o->columns.candidate, "csv-long: column of the candidate name")->capture_default_str();
    cmd->add_option("--cost-field", o->columns.cost, "csv-long: column of the cost")->capture_default_str();
    cmd->add_option("--weight-field", o->columns.weight, "csv-long: column of the demand weight (optional)");
    cmd->add_option("--weights", o->weights, "CSV name,weight of the demands");
    cmd->add_option("--capacities", o->capacities, "CSV name,capacity of the candidates");
    cmd->add_option("--solver", o->solver.solver, "auto, heuristic, lagrangian (p-median) or mip (CBC)")
        ->check(CLI::IsMember({"auto", "heuristic", "lagrangian", "mip"}))
        ->capture_default_str();
    cmd->add_option("--time-limit", o->solver.time_limit_s, "seconds")->check(CLI::PositiveNumber)->capture_default_str();
    cmd->add_option("--gap", o->solver.rel_gap, "relative optimality gap at which to stop")->check(CLI::Range(0.0, 1.0))->capture_default_str();
    cmd->add_option("--seed", o->solver.seed, "seed of the heuristic's random moves")->capture_default_str();
    cmd->add_flag("--assignment", o->assignment, "also print each demand's serving site");
    cmd->callback([o, &runner] { runner = [o] { return run_solve(*o); }; });
}

}  // namespace coverplan::cli
