#pragma once
// What `coverplan check` shows and writes: the summary on stdout, violations.csv,
// violations.geojson and progress.csv (the 建设进度一览表).
#include <string>
#include <vector>

#include "core/region.hpp"
#include "core/rules.hpp"
#include "io/output_dir.hpp"

namespace coverplan::report {

// The progress table's figures (建设进度一览表) summed over townships, in progress_header order
// after the county, township and code columns.
struct ProgressTotals {
    int villages = 0, st_req = 0, st_built = 0, st_short = 0, pt_req = 0, pt_built = 0, pt_planned = 0, pt_short = 0, served = 0;
    void add(const ProgressRow& r);
    std::vector<int> values() const;
    std::vector<std::string> cells() const;
};
std::vector<std::string> progress_header(bool zh);

// A rule by its text, as officials read it ("R3 每个社工点服务不超过 3 个村（社区）").
std::string rule_text(const std::string& rule, int villages_per_point, bool zh);
// What to do about a finding of this kind (Violation::kind), for the 整改建议 column.
std::string remedy_text(const std::string& kind, bool zh);

std::string load_summary(const Region& region, bool chinese);
// Features read and used per layer: nothing is dropped without being counted.
std::string layer_counts(const Region& region, bool chinese);
std::string check_summary(const Region& region, const RuleReport& report, bool chinese);

void write_violations_csv(std::ostream& out, const Region& region, const RuleReport& report, bool chinese);
void write_violations_geojson(std::ostream& out, const Region& region, const RuleReport& report, io::FeatureMirror* mirror = nullptr);
// The townships: boundary (a point where the layer has none), villages, beneficiaries, existing sites.
void write_townships_geojson(std::ostream& out, const Region& region, io::FeatureMirror* mirror = nullptr);
void write_progress_csv(std::ostream& out, const Region& region, const RuleReport& report, bool chinese);

void write_check_outputs(io::StagedOutput& out, const Region& region, const RuleReport& report, bool chinese);

}  // namespace coverplan::report
