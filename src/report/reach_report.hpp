#pragma once
// What `coverplan plan --model mclp|lscp|p-center` shows and writes: the question and how it was
// solved, the new points, before/after reach figures; plan.geojson, plan.csv (one row per open
// site) and plan_villages.csv (per village: minutes to the nearest site before and after).
#include <string>

#include "core/region.hpp"
#include "io/output_dir.hpp"
#include "solve/reach_plan.hpp"

namespace coverplan::report {

std::string reach_summary(const Region& region, const solve::ReachPlan& plan, bool chinese);

void write_reach_outputs(io::StagedOutput& out, const Region& region, const solve::ReachPlan& plan, bool chinese);

}  // namespace coverplan::report
