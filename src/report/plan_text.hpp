#pragma once
// Words and numbers shared by the plan summaries and files (plan_report, reach_report).
#include <cmath>
#include <string>

#include "core/placement/problem.hpp"
#include "core/region.hpp"
#include "core/text.hpp"
#include "solve/plan.hpp"

namespace coverplan::report {

inline std::string origin_key(solve::SiteOrigin o) {
    switch (o) {
        case solve::SiteOrigin::kept: return "kept";
        case solve::SiteOrigin::repaired: return "reassigned";
        case solve::SiteOrigin::village_host: return "village_host";
        case solve::SiteOrigin::premise: return "premise";
    }
    return "?";
}

inline std::string origin_zh(solve::SiteOrigin o) {
    switch (o) {
        case solve::SiteOrigin::kept: return "保留";
        case solve::SiteOrigin::repaired: return "重新分配";
        case solve::SiteOrigin::village_host: return "新设（村委会驻地）";
        case solve::SiteOrigin::premise: return "新设（候选场所）";
    }
    return "?";
}

inline std::string kind_text(SiteKind k, bool zh) {
    return k == SiteKind::station ? (zh ? "社工站" : "station") : (zh ? "社工点" : "point");
}

inline std::string minutes(double s) { return std::isfinite(s) ? format_decimal(s / 60, 1) : "-"; }

inline std::string solver_status(const placement::Solution& s, bool zh) {
    if (s.solver == "none") return zh ? "无需新增" : "nothing to place";
    const std::string key(placement::status_key(s.status));
    if (!zh) return key;
    if (key == "optimal") return "最优";
    if (key == "feasible") return "可行（未证最优）";
    if (key == "infeasible") return "无可行方案";
    return "无解";
}

}  // namespace coverplan::report
