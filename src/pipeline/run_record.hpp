#pragma once
// run.json, the audit record of one run: which inputs (sha256), which parameters, which
// software versions, what the solver achieved, how long each stage took, which outputs.
#include <filesystem>
#include <string>
#include <vector>

#include "io/project_file.hpp"
#include "pipeline/run_job.hpp"
#include "solve/plan.hpp"

namespace coverplan::pipeline {


std::string sha256_file(const std::filesystem::path& file);

struct RunRecordInputs {
    const io::ProjectConfig* project = nullptr;
    const RunOptions* options = nullptr;
    const solve::Plan* plan = nullptr;  // null without roads
    int suppress_below = 0;
    std::vector<StageTime> timings;
    std::filesystem::path output_dir;   // every file in it is listed with its sha256
};

std::string run_record_json(const RunRecordInputs& in);

}  // namespace coverplan::pipeline
