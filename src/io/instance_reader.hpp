#pragma once
// Placement problems read from files, for `coverplan solve`: OR-Library p-median and capacitated
// p-median files, point lists with Euclidean costs, and cost matrices in CSV (long or wide).
#include <filesystem>
#include <string>

#include "core/memory_budget.hpp"
#include "core/placement/problem.hpp"
#include "core/routing/vrptw.hpp"

namespace coverplan::io {

enum class InstanceFormat { orlib_pmed, orlib_pmedcap, points, csv_long, csv_wide, solomon };
bool parse_instance_format(const std::string& key, InstanceFormat& out);

struct CsvColumns {  // csv-long: which columns hold what
    std::string demand = "demand";
    std::string candidate = "candidate";
    std::string cost = "cost";
    std::string weight;  // optional, per demand (must agree on every row of a demand)
};

struct InstanceInput {
    std::filesystem::path file;
    InstanceFormat format = InstanceFormat::csv_long;
    CsvColumns columns;
    std::filesystem::path weights;     // optional CSV: name,weight (demands)
    std::filesystem::path capacities;  // optional CSV: name,capacity (candidates)
    MemoryBudget memory;               // the cost matrix is checked against it before it is allocated
};

// Fills demands, candidates, cost, weights (and for orlib-pmedcap: model, p, size, capacity,
// home = each point serves itself; p where the file states it). Demand and candidate names are
// kept for output.
// Throws InputError naming the file, the line and what was expected.
placement::Problem read_instance(const InstanceInput& input);

// A vehicle-routing problem with time windows in J.-F. Cordeau's format (type 4; Solomon's
// instances): line 1 `type m n t`, then t lines `D Q`, then n + 1 lines
// `i x y d q f a list… e l` with node 0 the depot. Euclidean distances, not rounded, are both the
// travel times and the costs; m is the most routes; D = 0 means no duration limit. Node i of the
// problem is the file's id i.
// Throws InputError naming the file, the line and what was expected.
routing::Problem read_routing_instance(const std::filesystem::path& file, const MemoryBudget& memory);

}  // namespace coverplan::io
