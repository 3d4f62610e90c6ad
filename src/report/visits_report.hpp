#pragma once
// What `coverplan visits` writes (DESIGN §10, §11): the month's visits per social worker and day
// (visits.csv), the tours along the roads (tours.geojson), the visits that could not be planned
// with why (unplanned.csv), the workload and staff per site (staffing.csv, rule R8), and the
// printable monthly sheet of each site (visits.xlsx, one sheet per site; sheets/*.pdf). Beneficiaries
// appear only by the bureau's own record id; every sheet says it is for internal use.
#include <string>

#include "core/flood.hpp"
#include "core/region.hpp"
#include "core/rules.hpp"
#include "core/visits.hpp"
#include "io/output_dir.hpp"
#include "report/document.hpp"

namespace coverplan::report {

std::string clock_text(double minutes_after_midnight);  // "09:05"

// R8 per site: hours needed over the hours available (DESIGN §7), as violations to add to a rule report.
std::vector<Violation> workload_violations(const Region& region, const VisitPlan& plan, const StaffingConfig& staffing);

std::string visits_summary(const Region& region, const VisitPlan& plan, const StaffingConfig& staffing, bool chinese);

// The staffing section of the briefing: per site and in all, staff, needed, gap (人员缺口).
// `month`: the plan is a month's (its visits due and planned are shown), else a typical month's.
Section staffing_section(const Region& region, const VisitPlan& plan, const StaffingConfig& staffing, bool month, bool chinese);

// staffing.csv: per site the staff, the steady-state workload and R8; with `month`, the month's
// visits due and planned, hours and km too (else those columns are empty: a typical month's).
void write_staffing_output(io::StagedOutput& out, const Region& region, const VisitPlan& plan, const StaffingConfig& staffing, bool chinese,
                           bool month);

// The visit lists, tours, staffing table, visits.xlsx and one printed sheet per site (sheets/SITE.pdf,
// written on `threads` threads).
void write_visits_outputs(io::StagedOutput& out, const Region& region, const VisitPlan& plan, const StaffingConfig& staffing,
                          const std::string& date, bool chinese, int threads);

// The outreach before a storm (plan_outreach): outreach.csv, every exposed person by record id in
// tour order with their hazard level, then those not planned with why; outreach_tours.geojson.
void write_outreach_outputs(io::StagedOutput& out, const Region& region, const VisitPlan& plan, const HazardExposure& exposure,
                            const FloodConfig& flood, bool chinese);
// `by_nearest`: how many are visited by the nearest site rather than their own.
std::string outreach_summary(const VisitPlan& plan, const FloodConfig& flood, std::size_t by_nearest, bool chinese);
std::string outreach_day_text(int day, bool chinese);  // "第 1 天"

}  // namespace coverplan::report
