#include "solve/reach_plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/coverage.hpp"
#include "core/error.hpp"
#include "core/geometry.hpp"
#include "core/text.hpp"
#include "solve/solve.hpp"

namespace coverplan::solve {

using placement::k_no_service;
using placement::Model;

namespace {

struct Place {
    SiteOrigin origin;
    std::uint32_t index;                // SiteId, VillageId or candidate index
    const Access* access;
    Point2 location;
    TownshipId township;
    std::optional<VillageId> village;   // for a village centre: that village (reached at 0 minutes)
    std::string name;
};

// The township a premise stands in: the one whose boundary holds it, else that of the nearest village.
TownshipId township_at(const Region& region, const Point2& p) {
    for (std::uint32_t t = 0; t < region.townships.size(); ++t)
        if (!region.townships[t].polygon.empty() && contains(region.townships[t].polygon, p)) return TownshipId{t};
    double best = k_no_service;
    TownshipId out{0};
    for (const Village& v : region.villages)
        if (const double d = distance(v.anchor, p); d < best) {
            best = d;
            out = v.township;
        }
    return out;
}

std::vector<Place> places(const Region& region, const PlanAccess& access, const PlanConfig& cfg) {
    std::vector<Place> out;
    for (std::uint32_t s = 0; s < region.sites.size(); ++s) {
        const Site& site = region.sites[s];
        out.push_back({SiteOrigin::kept, s, &(*access.sites)[s], site.location, site.township, std::nullopt, site.name});
    }
    if (cfg.village_hosts)
        for (std::uint32_t v = 0; v < region.villages.size(); ++v) {
            const Village& vil = region.villages[v];
            out.push_back({SiteOrigin::village_host, v, &(*access.villages)[v], vil.anchor, vil.township, VillageId{v}, vil.name});
        }
    for (std::uint32_t c = 0; c < region.candidates.size(); ++c) {
        const Candidate& cand = region.candidates[c];
        out.push_back({SiteOrigin::premise, c, &(*access.candidates)[c], cand.location, township_at(region, cand.location),
                       std::nullopt, cand.name.empty() ? cand.id : cand.name});
    }
    return out;
}

[[noreturn]] void need(const std::string& what_en, const std::string& what_zh) {
    throw UsageError({"plan --model: " + what_en, "plan --model：" + what_zh});
}

}  // namespace

ReachPlan plan_reach(const Region& region, const RuleConfig& rules, const RoadGraph& graph, const PlanAccess& access,
                     double search_limit_s, const PlanConfig& cfg, int threads) {
    ReachPlan rp;
    const std::string name(placement::plan_model_key(cfg.model));
    switch (cfg.model) {
        case placement::PlanModel::mclp: rp.model = Model::max_covering; break;
        case placement::PlanModel::lscp: rp.model = Model::set_covering; break;
        case placement::PlanModel::p_center: rp.model = Model::p_center; break;
        case placement::PlanModel::programme:
            need("the programme's model is planned per township (solve::plan_programme), not as a reach question",
                 "本项目规划模型按镇（街）求解（solve::plan_programme），不属于可达性问题");
    }
    if (rp.model != Model::set_covering) {
        if (!cfg.budget) need(name + " needs the number of new points (--budget or [plan] budget)",
                              name + " 需要新增社工点数（--budget 或 [plan] budget）");
        rp.budget = *cfg.budget;
    }
    if (rp.model != Model::p_center) {
        const std::optional<double> t = placement::reach_within_min(cfg, rules.max_travel_min);
        if (!t)
            need(name + " needs a travel time T (--within-min, [plan] within_min, [plan] max_travel_min or [rules] max_travel_min; "
                        "a max_travel_min of 0 means no limit and gives no T)",
                 name + " 需要通行时间 T（--within-min、[plan] within_min、[plan] max_travel_min 或 [rules] max_travel_min；"
                        "max_travel_min = 0 表示不限，不能作为 T）");
        rp.within_s = *t * 60;
        if (rp.within_s > search_limit_s)
            need("T = " + format_decimal(*t, 1) + " min is beyond the travel-time search limit ([travel] max_search_min)",
                 "T = " + format_decimal(*t, 1) + " 分钟超过通行时间搜索上限（[travel] max_search_min）");
    }

    const std::vector<Place> options = places(region, access, cfg);
    std::vector<Access> sources, targets;
    for (const Place& o : options) sources.push_back(*o.access);
    for (std::size_t v = 0; v < region.villages.size(); ++v) targets.push_back((*access.villages)[v]);
    const std::vector<float> time = time_matrix(graph, sources, targets, search_limit_s, threads);

    placement::Problem pr;
    pr.model = rp.model;
    pr.demands = region.villages.size();
    pr.candidates = options.size();
    pr.cost.resize(pr.demands * pr.candidates);
    for (std::size_t i = 0; i < pr.demands; ++i)
        for (std::size_t j = 0; j < pr.candidates; ++j) {
            const double t = time[j * pr.demands + i];
            const bool own = options[j].village && options[j].village->value == i;
            pr.cost[i * pr.candidates + j] = std::isfinite(t) ? t : own ? 0.0 : k_no_service;
        }
    rp.weight = village_weights(region, cfg);
    if (rp.model == Model::max_covering) pr.weight = rp.weight;
    pr.fixed.assign(pr.candidates, 0);
    for (std::size_t s = 0; s < region.sites.size(); ++s) pr.fixed[s] = 1;
    pr.p = static_cast<int>(region.sites.size()) + std::max(0, rp.budget);
    pr.p = std::min(pr.p, static_cast<int>(pr.candidates));
    pr.radius = rp.within_s;
    for (const Village& v : region.villages) pr.demand_names.push_back(v.name + " (" + v.code + ")");
    for (const Place& o : options) pr.candidate_names.push_back(o.name);

    rp.solution = solve_problem(pr, SolveOptions{cfg.solver, cfg.time_limit_s, cfg.seed, 1e-6});
    const bool solved = rp.solution.status == placement::Status::optimal || rp.solution.status == placement::Status::feasible;
    std::vector<std::uint32_t> open;
    for (std::uint32_t s = 0; s < region.sites.size(); ++s) open.push_back(s);
    if (solved)
        for (std::uint32_t j : rp.solution.open)
            if (!pr.is_fixed(j)) open.push_back(j);
    if (rp.model == Model::set_covering) rp.budget = static_cast<int>(open.size() - region.sites.size());
    if (rp.model == Model::p_center && solved) rp.within_s = rp.solution.objective;

    std::map<std::uint32_t, int> numbered;  // township → new points so far
    for (std::uint32_t j : open) {
        const Place& o = options[j];
        ReachSite rs;
        rs.existing = o.origin == SiteOrigin::kept;
        rs.origin = o.origin;
        rs.location = o.location;
        rs.township = o.township;
        if (rs.existing) {
            const Site& site = region.sites[o.index];
            rs.id = site.id;
            rs.name = site.name;
            rs.kind = site.kind;
        } else {
            const int n = ++numbered[o.township.value];
            rs.id = "PT-" + region.township(o.township).code + "-R" + (n < 10 ? "0" : "") + std::to_string(n);
            rs.name = planned_site_name(o.origin, o.name, SiteKind::point, cfg.chinese_names);
        }
        rp.sites.push_back(std::move(rs));
    }
    rp.before_s.assign(pr.demands, k_no_service);
    rp.after_s.assign(pr.demands, k_no_service);
    for (std::size_t i = 0; i < pr.demands; ++i) {
        std::size_t nearest = open.size();
        for (std::size_t q = 0; q < open.size(); ++q) {
            const double t = pr.c(i, open[q]);
            if (q < region.sites.size()) rp.before_s[i] = std::min(rp.before_s[i], t);
            if (t < rp.after_s[i]) {
                rp.after_s[i] = t;
                nearest = q;
            }
        }
        if (nearest < open.size() && rp.after_s[i] <= rp.within_s) {
            ++rp.sites[nearest].villages_nearest;
            rp.sites[nearest].weight_nearest += rp.weight[i];
        }
    }
    return rp;
}

}  // namespace coverplan::solve
