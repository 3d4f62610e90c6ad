// `coverplan solve`'s library side: instance files read into problems (an OR-Library graph's
// shortest paths checked against Floyd–Warshall, matrices refused over the memory budget), the
// solvers' time limits, and pipeline::run_solve.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "io/instance_reader.hpp"
#include "pipeline/commands.hpp"
#include "solve/solve.hpp"

using namespace coverplan;
namespace fs = std::filesystem;

namespace {

fs::path write_temp(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "coverplan_unit_solve";
    fs::create_directories(dir);
    const fs::path file = dir / name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
}

struct Edge {
    int i, j;
    double c;
};

}  // namespace

TEST_CASE("an OR-Library graph's costs are its shortest paths, as Floyd–Warshall finds them", "[solve][instance]") {
    Rng rng(7);
    for (int round = 0; round < 5; ++round) {
        const int n = 30 + 10 * round;
        std::vector<Edge> edges;
        for (int e = 0; e < n + 5 * round; ++e) {  // sparse: some vertices stay apart; repeated pairs take the last cost
            const int i = 1 + static_cast<int>(rng.below(static_cast<std::uint64_t>(n)));
            const int j = 1 + static_cast<int>(rng.below(static_cast<std::uint64_t>(n)));
            edges.push_back({i, j, static_cast<double>(1 + rng.below(50))});
        }
        std::ostringstream text;
        text << n << " " << edges.size() << " 3\n";
        for (const Edge& e : edges) text << e.i << " " << e.j << " " << e.c << "\n";
        io::InstanceInput in;
        in.file = write_temp("graph.txt", text.str());
        in.format = io::InstanceFormat::orlib_pmed;
        const placement::Problem pr = io::read_instance(in);

        // The reference: an adjacency matrix (last cost of a pair) closed by Floyd–Warshall.
        const auto N = static_cast<std::size_t>(n);
        std::vector<double> d(N * N, placement::k_no_service);
        for (std::size_t v = 0; v < N; ++v) d[v * N + v] = 0;
        for (const Edge& e : edges)
            if (e.i != e.j) d[(e.i - 1) * N + (e.j - 1)] = d[(e.j - 1) * N + (e.i - 1)] = e.c;
        for (std::size_t k = 0; k < N; ++k)
            for (std::size_t i = 0; i < N; ++i)
                for (std::size_t j = 0; j < N; ++j) d[i * N + j] = std::min(d[i * N + j], d[i * N + k] + d[k * N + j]);

        REQUIRE(pr.demands == N);
        REQUIRE(pr.candidates == N);
        CHECK(pr.p == 3);
        std::size_t apart = 0;
        for (std::size_t k = 0; k < N * N; ++k) {
            INFO("round " << round << ", pair " << k / N + 1 << " – " << k % N + 1);
            CHECK(pr.cost[k] == d[k]);
            apart += !std::isfinite(d[k]);
        }
        if (round == 0) CHECK(apart > 0);  // the check covers unreachable pairs too
    }
}

TEST_CASE("a cost matrix over the memory budget is refused before it is built", "[solve][instance]") {
    io::InstanceInput in;
    in.file = write_temp("big.txt", "20000 1 2\n1 2 5\n");  // 20,000² costs: 3.2 GB
    in.format = io::InstanceFormat::orlib_pmed;
    in.memory.bytes = 64ull << 20;
    in.memory.setting = "--memory-mb";
    try {
        (void)io::read_instance(in);
        FAIL("no error");
    } catch (const UsageError& e) {
        const std::string en = e.text().en;
        CHECK(en.find("big.txt") != std::string::npos);
        CHECK(en.find("20000 × 20000") != std::string::npos);
        CHECK(en.find("budget") != std::string::npos);
        CHECK(en.find("--memory-mb") != std::string::npos);
        CHECK(en.find("[limits]") == std::string::npos);  // solve has no project file
    }
    // The same file within a budget that holds it is read.
    in.file = write_temp("small.txt", "200 1 2\n1 2 5\n");
    CHECK(io::read_instance(in).cost.size() == 200u * 200u);
}

TEST_CASE("the p-median solvers stop at their time limit with p facilities open", "[solve][time-limit]") {
    // 400 points on a line: any search takes far longer than a time limit of 0.
    placement::Problem pr;
    pr.demands = pr.candidates = 400;
    for (std::size_t i = 0; i < 400; ++i)
        for (std::size_t j = 0; j < 400; ++j) pr.cost.push_back(std::abs(static_cast<double>(i) - static_cast<double>(j)));
    pr.p = 40;
    for (placement::Solver s : {placement::Solver::heuristic, placement::Solver::lagrangian, placement::Solver::automatic}) {
        solve::SolveOptions o;
        o.solver = s;
        o.time_limit_s = 0;
        const placement::Solution sol = solve::solve_problem(pr, o);
        INFO(placement::solver_key(s));
        CHECK(sol.open.size() == 40u);
        CHECK(sol.status == placement::Status::feasible);
        CHECK(std::isfinite(sol.objective));
        CHECK(sol.bound <= sol.objective);
    }
}

TEST_CASE("run_solve answers in JSON and refuses what it cannot solve", "[solve][pipeline]") {
    pipeline::SolveRequest rq;
    rq.input.file = fs::path(COVERPLAN_TEST_DATA_DIR) / "solve" / "six_pmed.txt";
    rq.format = io::InstanceFormat::orlib_pmed;
    rq.assignment = true;
    const pipeline::Outcome out = pipeline::run_solve(rq);
    CHECK(out.code == ExitCode::ok);
    CHECK_FALSE(out.commit);
    const auto j = nlohmann::json::parse(out.summary);
    CHECK(j.at("model") == "p-median");
    CHECK(j.at("status") == "optimal");
    CHECK(j.at("sites").size() == 2u);
    CHECK(j.at("assignment").size() == 6u);

    rq.format.reset();  // not a .csv: the format must be said
    CHECK_THROWS_AS(pipeline::run_solve(rq), UsageError);
    rq.format = io::InstanceFormat::orlib_pmed;
    rq.model = placement::Model::max_covering;  // needs a radius
    CHECK_THROWS_AS(pipeline::run_solve(rq), UsageError);
    rq.radius = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(pipeline::run_solve(rq), UsageError);
    rq.model.reset();
    rq.radius.reset();
    rq.fixed = {"99"};
    CHECK_THROWS_AS(pipeline::run_solve(rq), UsageError);
}
