#pragma once
// Words and numbers shared by the plan summaries and files (plan_report, reach_report).
#include <cmath>
#include <string>
#include <utility>

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

// The origin in the briefing's words (the data files keep origin_key in English).
inline std::string origin_text(solve::SiteOrigin o, bool zh) {
    if (zh) return origin_zh(o);
    switch (o) {
        case solve::SiteOrigin::kept: return "kept";
        case solve::SiteOrigin::repaired: return "reassigned";
        case solve::SiteOrigin::village_host: return "new (village committee)";
        case solve::SiteOrigin::premise: return "new (candidate premises)";
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

// The method a Solution names (Solution::solver), in words: "拉格朗日分支定界（精确）".
inline std::string solver_text(const std::string& solver, bool zh) {
    struct Name {
        const char* key;
        const char* zh;
        const char* en;
    };
    static constexpr Name k_names[] = {
        {"lagrangian", "拉格朗日分支定界（精确求解）", "Lagrangian branch and bound (exact)"},
        {"heuristic", "启发式（贪心 + 交换）", "heuristic (greedy + interchange)"},
        {"heuristic+lagrangian", "启发式 + 拉格朗日下界", "heuristic with a Lagrangian bound"},
        {"cbc", "整数规划（CBC，精确求解）", "integer programme (CBC, exact)"},
        {"mip", "整数规划（CBC）", "integer programme (CBC)"},
        {"check", "可行性检查", "feasibility check"},
        {"none", "无需求解", "nothing to solve"},
        {"auto", "自动选择（小规模精确求解，否则启发式）", "chosen automatically (exact when small, else heuristic)"},
    };
    for (const Name& n : k_names)
        if (solver == n.key) return zh ? n.zh : n.en;
    return solver;
}

// A layer of the project file by its name in the pack's language.
inline std::string layer_text(const std::string& layer, bool zh) {
    if (!zh) return layer;
    static const std::pair<const char*, const char*> k_names[] = {
        {"townships", "镇（街）"}, {"villages", "村（社区）"},     {"sites", "站点"},          {"beneficiaries", "服务对象"},
        {"roads", "道路"},        {"assignments", "服务关系"}, {"candidates", "候选场所"},    {"hazards", "风险区"},
        {"closures", "封闭道路"},  {"shelters", "避难场所"}};
    for (const auto& [key, name] : k_names)
        if (layer == key) return name;
    return layer;
}

// The working CRS as users know it: "WGS 84 / UTM 第 49N 带（EPSG:32649）", "CGCS2000 / 3 度带
// 高斯-克吕格 中央经线 东经 111°（EPSG:4546）", "CGCS2000 / 3-degree Gauss-Kruger CM 111°E (EPSG:4546)".
inline std::string crs_text(const std::string& crs, bool zh) {
    if (crs.rfind("EPSG:", 0) != 0) return crs;
    int code = 0;
    try {
        code = std::stoi(crs.substr(5));
    } catch (...) {
        return crs;
    }
    if (code > 32600 && code <= 32660)
        return (zh ? "WGS 84 / UTM 第 " + std::to_string(code - 32600) + "N 带（" : "WGS 84 / UTM zone " + std::to_string(code - 32600) + "N (") + crs +
               (zh ? "）" : ")");
    if (code >= 4534 && code <= 4554)
        return zh ? "CGCS2000 / 3 度带 高斯-克吕格 中央经线 东经 " + std::to_string(75 + 3 * (code - 4534)) + "°（" + crs + "）"
                  : "CGCS2000 / 3-degree Gauss-Kruger CM " + std::to_string(75 + 3 * (code - 4534)) + "°E (" + crs + ")";
    return crs;
}

}  // namespace coverplan::report
