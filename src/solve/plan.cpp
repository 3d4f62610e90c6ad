#include "solve/plan.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/category.hpp"
#include "core/coverage.hpp"
#include "core/error.hpp"
#include "core/placement/capacitated.hpp"
#include "core/text.hpp"
#include "solve/solve.hpp"

namespace coverplan::solve {

using placement::k_no_service;

namespace {

// One place a site can be: an existing site, a village centre or a candidate premise.
struct Option {
    SiteOrigin origin = SiteOrigin::village_host;
    std::uint32_t index = 0;       // SiteId, VillageId or candidate index
    const Access* access = nullptr;
    Point2 location;
    std::optional<VillageId> home;  // the village it stands in
    std::string name;
};

std::optional<VillageId> village_at(const Region& region, TownshipId t, const Point2& p, const RuleConfig& rules) {
    std::optional<VillageId> nearest;
    double best = rules.max_site_distance_m;
    for (std::uint32_t v = 0; v < region.villages.size(); ++v) {
        const Village& vil = region.villages[v];
        if (vil.township != t) continue;
        if (!vil.polygon.empty() && contains(vil.polygon, p)) return VillageId{v};
        const double d = distance(vil.anchor, p);
        if (d <= best) {
            best = d;
            nearest = VillageId{v};
        }
    }
    return nearest;
}

// Sites whose own assignments break R2–R5 are re-planned; the others are kept as they are.
std::set<std::uint32_t> sites_to_repair(const Region& region, const RuleConfig& rules, bool reassign,
                                        std::map<std::uint32_t, std::string>& reason) {
    std::set<std::uint32_t> out;
    const RuleReport report = check_rules(region, rules);
    for (const Violation& v : report.violations) {
        if (v.severity != Severity::error || !v.site) continue;
        if (v.rule != "R2" && v.rule != "R3" && v.rule != "R4" && v.rule != "R5") continue;
        out.insert(v.site->value);
        std::string& r = reason[v.site->value];
        if (r.find(v.rule) == std::string::npos) r += (r.empty() ? "" : ",") + v.rule;
    }
    if (reassign)
        for (std::uint32_t s = 0; s < region.sites.size(); ++s)
            if (region.sites[s].kind == SiteKind::point) out.insert(s);
    return out;
}

class TownshipPlanner {
public:
    TownshipPlanner(const Region& region, const RuleConfig& rules, const RoadGraph& graph, const PlanAccess& access,
                    double limit_s, const PlanConfig& cfg, int threads, const std::vector<double>& weight,
                    const std::set<std::uint32_t>& repair, const PlanWorkload* workload)
        : m_region(region), m_rules(rules), m_graph(graph), m_access(access), m_limit_s(limit_s), m_cfg(cfg),
          m_threads(threads), m_weight(weight), m_repair(repair), m_workload(workload) {}

    void plan(TownshipId tid, Plan& plan) {
        TownshipPlan tp;
        tp.township = tid;
        collect(tid);
        tp.villages = static_cast<int>(m_villages.size());
        if (m_villages.empty()) {
            plan.townships.push_back(std::move(tp));
            return;
        }
        matrix();
        for (std::size_t o = 0; o < m_options.size(); ++o) {
            if (m_options[o].origin != SiteOrigin::kept && m_options[o].origin != SiteOrigin::repaired) continue;
            const Site& s = m_region.site(SiteId{m_options[o].index});
            for (VillageId v : s.served_villages) {
                const double t = time(o, v);
                if (std::isfinite(t)) plan.objective_before_s += m_weight[v.value] * t;
            }
        }
        // Villages the kept sites go on serving.
        std::vector<char> served(m_villages.size(), 0);
        int served_by_station = 0;
        std::optional<std::size_t> station;
        for (std::size_t o = 0; o < m_options.size(); ++o) {
            if (m_options[o].origin != SiteOrigin::kept) continue;
            const Site& s = m_region.site(SiteId{m_options[o].index});
            if (s.kind == SiteKind::station && !station) station = o;
            for (VillageId v : s.served_villages) {
                const std::size_t k = slot(v);
                if (k == m_villages.size()) continue;
                served[k] = 1;
                if (s.kind == SiteKind::station) ++served_by_station;
            }
        }
        for (std::size_t o = 0; o < m_options.size() && !station; ++o)
            if (m_options[o].origin == SiteOrigin::repaired && m_region.site(SiteId{m_options[o].index}).kind == SiteKind::station)
                station = o;
        // A township without a station gets one at the place closest, weighted, to all its villages;
        // it serves the village it stands in.
        if (!station) {
            double best = k_no_service;
            for (std::size_t o = 0; o < m_options.size(); ++o) {
                if (m_options[o].origin == SiteOrigin::kept || m_options[o].origin == SiteOrigin::repaired) continue;
                if (!m_options[o].home || served[slot(*m_options[o].home)]) continue;
                double sum = 0;
                for (std::size_t k = 0; k < m_villages.size(); ++k) {
                    const double t = time(o, m_villages[k]);
                    sum += std::isfinite(t) ? m_weight[m_villages[k].value] * t : m_limit_s * 10 * m_weight[m_villages[k].value];
                }
                if (sum < best) {
                    best = sum;
                    station = o;
                }
            }
            if (station) {
                tp.new_station = true;
                const std::size_t home = slot(*m_options[*station].home);
                served[home] = 1;
                served_by_station = 1;
                PlannedSite ps = new_site(*station, tid, SiteKind::station, {m_villages[home]});
                plan.sites.push_back(std::move(ps));
                m_taken.insert(*station);
            }
        }
        // Demand: villages not served by a kept site (or by the new station).
        std::vector<std::size_t> demand;
        for (std::size_t k = 0; k < m_villages.size(); ++k)
            if (!served[k]) demand.push_back(k);
        int built = 0;
        for (const Option& o : m_options)
            if ((o.origin == SiteOrigin::kept || o.origin == SiteOrigin::repaired) &&
                m_region.site(SiteId{o.index}).kind == SiteKind::point)
                ++built;
        const int vpp = m_rules.villages_per_point;
        tp.points_required = required_points(tp.villages, served_by_station, vpp);
        tp.points_built = built;
        auto budget = m_cfg.new_points.find(m_region.township(tid).code);
        int k_new = budget != m_cfg.new_points.end() ? budget->second : std::max(0, tp.points_required - built);
        solve_township(tid, demand, k_new, tp, plan);
        plan.townships.push_back(std::move(tp));
    }

private:
    void collect(TownshipId tid) {
        m_villages.clear();
        m_slot.clear();
        m_options.clear();
        m_taken.clear();
        m_next_point = 0;
        for (std::uint32_t v = 0; v < m_region.villages.size(); ++v)
            if (m_region.villages[v].township == tid) {
                m_slot[v] = m_villages.size();
                m_villages.push_back(VillageId{v});
            }
        for (std::uint32_t s = 0; s < m_region.sites.size(); ++s) {
            const Site& site = m_region.sites[s];
            if (site.township != tid) continue;
            Option o{m_repair.count(s) ? SiteOrigin::repaired : SiteOrigin::kept, s, &(*m_access.sites)[s], site.location,
                     village_at(m_region, tid, site.location, m_rules), site.name};
            m_options.push_back(o);
        }
        if (m_cfg.village_hosts)
            for (VillageId v : m_villages) {
                const Village& vil = m_region.village(v);
                m_options.push_back({SiteOrigin::village_host, v.value, &(*m_access.villages)[v.value], vil.anchor, v, vil.name});
            }
        const Township& t = m_region.township(tid);
        for (std::uint32_t c = 0; c < m_region.candidates.size(); ++c) {
            const Candidate& cand = m_region.candidates[c];
            auto home = village_at(m_region, tid, cand.location, m_rules);
            if (!home || (!t.polygon.empty() && !contains(t.polygon, cand.location))) continue;
            m_options.push_back({SiteOrigin::premise, c, &(*m_access.candidates)[c], cand.location, home,
                                 cand.name.empty() ? cand.id : cand.name});
        }
    }

    std::size_t slot(VillageId v) const {
        auto it = m_slot.find(v.value);
        return it == m_slot.end() ? m_villages.size() : it->second;
    }

    void matrix() {
        std::vector<Access> sources, targets;
        for (const Option& o : m_options) sources.push_back(*o.access);
        for (VillageId v : m_villages) targets.push_back((*m_access.villages)[v.value]);
        m_time = time_matrix(m_graph, sources, targets, m_limit_s, m_threads);
    }

    // Seconds from option o to village v (its own village: at least reachable, on foot if need be).
    double time(std::size_t o, VillageId v) const {
        const std::size_t k = slot(v);
        if (k == m_villages.size()) return k_no_service;
        const double t = m_time[o * m_villages.size() + k];
        if (std::isfinite(t)) return t;
        if (m_options[o].home && *m_options[o].home == v) return 0;
        return k_no_service;
    }

    PlannedSite new_site(std::size_t o, TownshipId tid, SiteKind kind, std::vector<VillageId> served) {
        const Option& opt = m_options[o];
        const Township& t = m_region.township(tid);
        PlannedSite ps;
        ps.origin = opt.origin;
        ps.site.kind = kind;
        ps.site.status = SiteStatus::planned;
        ps.site.location = opt.location;
        ps.site.township = tid;
        const bool station = kind == SiteKind::station;
        const std::string number = station ? "" : (m_next_point < 9 ? "0" : "") + std::to_string(m_next_point + 1);
        if (!station) ++m_next_point;
        ps.site.id = (station ? "ST-" : "PT-") + t.code + "-N" + number;
        ps.site.name = planned_site_name(opt.origin, opt.name, kind, m_cfg.chinese_names);
        for (VillageId v : served) ps.time_s.push_back(time(o, v));
        ps.site.served_villages = std::move(served);
        return ps;
    }

    // A village's share of a point's capacity and the capacities, in the units of --capacity
    // (plan_config.hpp): villages; whole minutes of visiting (sizes rounded up, capacities down, so
    // that the solver adds integers); or, for both, slots × a new point's minutes, a village
    // taking max(a new point's minutes, villages_per_point × its minutes).
    struct Capacity {
        placement::PlanCapacity mode;
        double vpp = 3;
        double point_min = 0;   // a new point's visiting minutes a month
        double size(VillageId v, const std::vector<double>& hours) const {
            const double m = std::ceil(hours[v.value] * 60 - 1e-9);
            switch (mode) {
                case placement::PlanCapacity::villages: return 1;
                case placement::PlanCapacity::workload: return std::max(0.0, m);
                case placement::PlanCapacity::both: return std::max(point_min, vpp * m);
            }
            return 1;
        }
        // A site with `slots` villages to take and `minutes` of its staff's visiting time left.
        double of(double slots, double minutes) const {
            const double whole = std::floor(minutes + 1e-9);
            switch (mode) {
                case placement::PlanCapacity::villages: return slots;
                case placement::PlanCapacity::workload: return whole;
                case placement::PlanCapacity::both: return std::min(slots * point_min, vpp * whole);
            }
            return slots;
        }
        double new_point() const { return of(vpp, point_min); }
    };

    Capacity capacity_model() const {
        Capacity c{m_cfg.capacity, static_cast<double>(m_rules.villages_per_point), 0};
        if (m_workload) c.point_min = m_workload->staffing.point * m_workload->staffing.visiting_hours_per_worker() * 60;
        return c;
    }
    // Minutes of visiting a site's staff has a month, less what its kept villages take.
    double minutes_left(const Site& s, bool keeps_villages) const {
        if (!m_workload) return 0;
        double m = m_workload->staffing.staff_of(s) * m_workload->staffing.visiting_hours_per_worker() * 60;
        if (keeps_villages)
            for (VillageId v : s.served_villages) m -= std::ceil(m_workload->village_hours[v.value] * 60 - 1e-9);
        return m;
    }

    void solve_township(TownshipId tid, const std::vector<std::size_t>& demand, int k_new, TownshipPlan& tp, Plan& plan) {
        const int vpp = m_rules.villages_per_point;
        const Capacity cm = capacity_model();
        const bool by_villages = cm.mode == placement::PlanCapacity::villages;
        placement::Problem pr;
        pr.model = placement::Model::capacitated_p_median;
        pr.demands = demand.size();
        std::vector<std::size_t> cand;  // option index per problem candidate
        double fixed_capacity = 0;
        for (std::size_t o = 0; o < m_options.size(); ++o) {
            const Option& opt = m_options[o];
            if (m_taken.count(o)) continue;
            if (opt.origin == SiteOrigin::kept) {
                const Site& s = m_region.site(SiteId{opt.index});
                const int left = s.kind == SiteKind::point ? vpp - static_cast<int>(s.served_villages.size()) : 0;
                const double cap = cm.of(left, minutes_left(s, true));
                if (left <= 0 || cap <= 0) continue;
                cand.push_back(o);
                pr.capacity.push_back(cap);
                pr.fixed.push_back(1);
                fixed_capacity += cap;
            } else if (opt.origin == SiteOrigin::repaired) {
                const Site& s = m_region.site(SiteId{opt.index});
                cand.push_back(o);
                pr.capacity.push_back(cm.of(s.kind == SiteKind::point ? vpp : 1, minutes_left(s, false)));
                pr.fixed.push_back(1);
                fixed_capacity += pr.capacity.back();
            } else if (opt.home && std::find(demand.begin(), demand.end(), slot(*opt.home)) != demand.end()) {
                cand.push_back(o);  // a new point must stand in a village it serves (R5)
                pr.capacity.push_back(cm.new_point());
                pr.fixed.push_back(0);
            }
        }
        tp.new_points = k_new;
        if (demand.empty()) {
            tp.solution.status = placement::Status::optimal;
            tp.solution.solver = "none";
            emit_kept(plan, {}, {}, nullptr);
            return;
        }
        double demand_size = static_cast<double>(demand.size());
        if (!by_villages) {
            demand_size = 0;
            for (std::size_t k : demand) {
                pr.size.push_back(cm.size(m_villages[k], m_workload->village_hours));
                demand_size += pr.size.back();
            }
        }
        const double new_cap = cm.new_point();
        // The fewest new points whose capacity, with what the kept sites have left, holds the demand
        // (a lower bound when sizes differ: the solver may still find no packing).
        if (fixed_capacity + k_new * new_cap < demand_size - 1e-9) {
            const int need = new_cap > 0 ? static_cast<int>(std::ceil((demand_size - fixed_capacity) / new_cap - 1e-9)) : k_new;
            if (by_villages) {
                tp.notes.push_back(std::to_string(k_new) + " new points cannot take " + std::to_string(demand.size()) +
                                   " villages; planning " + std::to_string(need));
                tp.notes_zh.push_back(std::to_string(k_new) + " 个新社工点无法覆盖 " + std::to_string(demand.size()) +
                                      " 个村（社区），改为规划 " + std::to_string(need) + " 个");
            } else if (cm.mode == placement::PlanCapacity::both) {
                tp.notes.push_back(std::to_string(k_new) + " new points cannot take " + std::to_string(demand.size()) + " villages within " +
                                   std::to_string(vpp) + " villages and their social workers' visiting hours each; planning " + std::to_string(need));
                tp.notes_zh.push_back(std::to_string(k_new) + " 个新社工点在每点至多 " + std::to_string(vpp) + " 个村（社区）且不超过社工走访工时的条件下无法承担 " +
                                      std::to_string(demand.size()) + " 个村（社区），改为规划 " + std::to_string(need) + " 个");
            } else {
                double hours = 0;
                for (std::size_t k : demand) hours += m_workload->village_hours[m_villages[k].value];
                tp.notes.push_back(std::to_string(k_new) + " new points cannot carry the " + format_decimal(hours, 1) +
                                   " visiting hours a month of " + std::to_string(demand.size()) + " villages; planning " + std::to_string(need));
                tp.notes_zh.push_back(std::to_string(k_new) + " 个新社工点承担不了 " + std::to_string(demand.size()) + " 个村（社区）每月 " +
                                      format_decimal(hours, 1) + " 小时的走访工作量，改为规划 " + std::to_string(need) + " 个");
            }
            k_new = need;
            tp.new_points = need;
        }
        pr.candidates = cand.size();
        pr.cost.assign(pr.demands * pr.candidates, k_no_service);
        pr.home.assign(pr.candidates, -1);
        const double limit_min = placement::plan_limit_min(m_cfg, m_rules.max_travel_min);
        const double max_s = limit_min > 0 ? limit_min * 60 : k_no_service;
        for (std::size_t i = 0; i < demand.size(); ++i) {
            const VillageId v = m_villages[demand[i]];
            pr.weight.push_back(m_weight[v.value]);
            pr.demand_names.push_back(m_region.village(v).code);
            for (std::size_t j = 0; j < cand.size(); ++j) {
                const double t = time(cand[j], v);
                const bool own = m_options[cand[j]].home && *m_options[cand[j]].home == v;
                if (t <= max_s || own) pr.cost[i * pr.candidates + j] = t;
                if (own && m_options[cand[j]].origin != SiteOrigin::kept) pr.home[j] = static_cast<std::int32_t>(i);
            }
        }
        for (std::size_t j = 0; j < cand.size(); ++j) pr.candidate_names.push_back(m_options[cand[j]].name);
        pr.p = static_cast<int>(pr.fixed_count()) + k_new;
        const std::size_t allowed = cand.size();
        if (pr.p > static_cast<int>(allowed) || pr.p == 0) {
            tp.solution.status = placement::Status::infeasible;
            tp.solution.message = "not enough places to put " + std::to_string(k_new) + " new points";
            tp.notes.push_back(tp.solution.message);
            tp.notes_zh.push_back("可选位置不足以设置 " + std::to_string(k_new) + " 个新社工点");
            emit_kept(plan, {}, {}, nullptr);
            return;
        }
        SolveOptions so{m_cfg.solver, m_cfg.time_limit_s, m_cfg.seed, 1e-6};
        tp.solution = solve_problem(pr, so);
        // Workloads of different sizes may not pack into the fewest points their total allows: one
        // more point while the solver proves there is no plan, every village still fits some
        // point alone, and there are places and villages left.
        if (!by_villages) {
            double largest = 0;
            for (std::size_t j = 0; j < pr.candidates; ++j) largest = std::max(largest, pr.cap(j));
            const bool each_fits = std::all_of(pr.size.begin(), pr.size.end(), [&](double z) { return z <= largest; });
            const int before = k_new;
            while (each_fits && tp.solution.status == placement::Status::infeasible && pr.p < static_cast<int>(allowed) &&
                   k_new < static_cast<int>(demand.size())) {
                ++k_new;
                ++pr.p;
                tp.solution = solve_problem(pr, so);
            }
            if (k_new != before) {
                tp.new_points = k_new;
                tp.notes.push_back("the villages' workloads do not pack into " + std::to_string(before) + " new points; planning " +
                                   std::to_string(k_new));
                tp.notes_zh.push_back("各村（社区）的走访工作量无法由 " + std::to_string(before) + " 个新社工点分担，改为规划 " +
                                      std::to_string(k_new) + " 个");
            }
        }
        if (tp.solution.status != placement::Status::optimal && tp.solution.status != placement::Status::feasible) {
            explain_infeasible(pr, demand, max_s, tp);
            emit_kept(plan, {}, {}, nullptr);
            return;
        }
        emit_kept(plan, cand, demand, &tp.solution.assignment);
        // New sites with their villages and the runner-up location.
        std::vector<char> is_open(pr.candidates, 0);
        for (auto j : tp.solution.open) is_open[j] = 1;
        for (std::uint32_t j : tp.solution.open) {
            if (pr.fixed[j]) continue;
            std::vector<VillageId> served;
            for (std::size_t i = 0; i < demand.size(); ++i)
                if (tp.solution.assignment[i] == static_cast<std::int32_t>(j)) served.push_back(m_villages[demand[i]]);
            PlannedSite ps = new_site(cand[j], tid, SiteKind::point, std::move(served));
            runner_up(pr, cand, tp.solution, j, is_open, ps);
            plan.sites.push_back(std::move(ps));
        }
    }

    // Existing sites of the township, with the villages the solution adds to or gives them.
    void emit_kept(Plan& plan, const std::vector<std::size_t>& cand, const std::vector<std::size_t>& demand,
                   const std::vector<std::int32_t>* assignment) {
        for (std::size_t o = 0; o < m_options.size(); ++o) {
            const Option& opt = m_options[o];
            if (opt.origin != SiteOrigin::kept && opt.origin != SiteOrigin::repaired) continue;
            PlannedSite ps;
            ps.site = m_region.site(SiteId{opt.index});
            ps.origin = opt.origin;
            ps.existing = SiteId{opt.index};
            if (opt.origin == SiteOrigin::repaired) {
                ps.site.served_villages.clear();
                auto it = m_reason.find(opt.index);
                ps.reason = it == m_reason.end() ? "reassign" : it->second;
            }
            auto j = std::find(cand.begin(), cand.end(), o);
            if (j != cand.end() && assignment) {
                const auto jj = static_cast<std::int32_t>(j - cand.begin());
                for (std::size_t i = 0; i < demand.size(); ++i)
                    if ((*assignment)[i] == jj) ps.site.served_villages.push_back(m_villages[demand[i]]);
            }
            for (VillageId v : ps.site.served_villages) ps.time_s.push_back(time(o, v));
            plan.sites.push_back(std::move(ps));
        }
    }

    void runner_up(const placement::Problem& pr, const std::vector<std::size_t>& cand, const placement::Solution& sol,
                   std::uint32_t j, const std::vector<char>& is_open, PlannedSite& ps) {
        double best = k_no_service;
        std::uint32_t best_u = 0;
        for (std::uint32_t u = 0; u < pr.candidates; ++u) {
            if (is_open[u] || pr.fixed[u]) continue;
            std::vector<std::uint32_t> open = sol.open;
            *std::find(open.begin(), open.end(), j) = u;
            std::sort(open.begin(), open.end());
            const double obj = placement::assign_capacitated(pr, open).objective;
            if (obj < best) {
                best = obj;
                best_u = u;
            }
        }
        if (!std::isfinite(best)) return;
        ps.runner_up = m_options[cand[best_u]].name;
        ps.runner_up_delta_min = (best - sol.objective) / 60;
    }

    void explain_infeasible(const placement::Problem& pr, const std::vector<std::size_t>& demand, double max_s, TownshipPlan& tp) {
        std::vector<std::string> lonely, lonely_zh;
        for (std::size_t i = 0; i < pr.demands; ++i) {
            int reach = 0;
            for (std::size_t j = 0; j < pr.candidates; ++j) reach += std::isfinite(pr.c(i, j)) && pr.home_of(j) != static_cast<std::int32_t>(i);
            if (reach == 0) {
                const Village& v = m_region.village(m_villages[demand[i]]);
                lonely.push_back(v.name + " (" + v.code + ")");
            }
        }
        std::string en = "no plan with " + std::to_string(tp.new_points) + " new points serves every village";
        std::string zh = "在 " + std::to_string(tp.new_points) + " 个新社工点内无法服务所有村（社区）";
        if (std::isfinite(max_s)) {
            en += " within " + format_decimal(max_s / 60, 0) + " min";
            zh += "（时限 " + format_decimal(max_s / 60, 0) + " 分钟）";
        }
        if (!lonely.empty()) {
            en += "; no other place is within reach of " + list_some(lonely, 5);
            zh += "；以下村（社区）除本村外无可达的站点位置：" + list_some(lonely, 5);
        }
        // Villages whose workload alone is beyond every site's capacity (--capacity workload, both).
        std::vector<std::string> heavy;
        double largest = 0;
        for (std::size_t j = 0; j < pr.candidates; ++j) largest = std::max(largest, pr.cap(j));
        for (std::size_t i = 0; i < pr.demands && !pr.size.empty(); ++i)
            if (pr.s(i) > largest) {
                const Village& v = m_region.village(m_villages[demand[i]]);
                heavy.push_back(v.name + " (" + v.code + ", " + format_decimal(m_workload->village_hours[m_villages[demand[i]].value], 1) + " h)");
            }
        if (!heavy.empty()) {
            en += "; the monthly visiting hours of " + list_some(heavy, 5) +
                  " exceed what any point's social workers have: raise [staffing] point or the visiting share";
            zh += "；以下村（社区）每月走访工时超过任何社工点社工的走访工时：" + list_some(heavy, 5) + "，请提高 [staffing] point 或 visiting_share";
        }
        tp.notes.push_back(en);
        tp.notes_zh.push_back(zh);
    }

public:
    void set_reason(std::map<std::uint32_t, std::string> r) { m_reason = std::move(r); }

private:
    const Region& m_region;
    const RuleConfig& m_rules;
    const RoadGraph& m_graph;
    const PlanAccess& m_access;
    double m_limit_s;
    const PlanConfig& m_cfg;
    int m_threads;
    const std::vector<double>& m_weight;
    const std::set<std::uint32_t>& m_repair;
    const PlanWorkload* m_workload;
    std::map<std::uint32_t, std::string> m_reason;
    std::vector<VillageId> m_villages;
    std::map<std::uint32_t, std::size_t> m_slot;
    std::vector<Option> m_options;
    std::set<std::size_t> m_taken;
    std::vector<float> m_time;
    int m_next_point = 0;
};

}  // namespace

std::vector<double> weighted_beneficiaries(const Region& region, const PlanConfig& cfg) {
    std::vector<double> w(region.villages.size(), 0.0);
    for (const Beneficiary& b : region.beneficiaries) {
        if (!b.village) continue;
        // The largest weight among its categories (1 for a category without one, and without categories).
        double factor = b.categories == 0 ? 1.0 : 0.0;
        for (Category c : all_categories()) {
            if (!(b.categories & bit(c))) continue;
            auto it = cfg.category_weights.find(std::string(category_key(c)));
            factor = std::max(factor, it == cfg.category_weights.end() ? 1.0 : it->second);
        }
        w[b.village->value] += b.weight * factor;
    }
    return w;
}

std::vector<double> village_weights(const Region& region, const PlanConfig& cfg) {
    std::vector<double> w = weighted_beneficiaries(region, cfg);
    for (double& x : w) x += 1.0;
    return w;
}

std::string planned_site_name(SiteOrigin origin, const std::string& place, SiteKind kind, bool chinese) {
    const bool station = kind == SiteKind::station;
    if (!chinese)
        return origin == SiteOrigin::premise ? place + (station ? " (planned station)" : " (planned point)")
                                             : place + (station ? " station (planned)" : " point (planned)");
    return origin == SiteOrigin::premise ? place + (station ? "（规划社工站）" : "（规划社工点）")
                                         : place + (station ? "社工站（规划）" : "社工点（规划）");
}

bool Plan::complete() const {
    return std::all_of(townships.begin(), townships.end(), [](const TownshipPlan& t) {
        return t.solution.status == placement::Status::optimal || t.solution.status == placement::Status::feasible;
    });
}

Region planned_region(const Region& region, const Plan& plan) {
    Region out = region;
    out.sites.clear();
    for (const PlannedSite& ps : plan.sites) out.sites.push_back(ps.site);
    return out;
}

Plan plan_programme(const Region& region, const RuleConfig& rules, const RoadGraph& graph, const PlanAccess& access,
                    double search_limit_s, const PlanConfig& cfg, int threads, const PlanWorkload* workload) {
    if (cfg.capacity != placement::PlanCapacity::villages) {
        const std::string key(placement::named_key(placement::k_plan_capacities, cfg.capacity));
        if (!workload)
            throw UsageError({"--capacity " + key + " counts the home visits' workload: it needs the beneficiaries ([layers.beneficiaries])",
                              "--capacity " + key + " 按入户走访工作量规划，需要服务对象图层（[layers.beneficiaries]）"});
        if (!(workload->staffing.point * workload->staffing.visiting_hours_per_worker() > 0))
            throw UsageError({"--capacity " + key + ": a new point has no visiting hours ([staffing] point, days_per_month, hours_per_day "
                              "and visiting_share must all be above 0)",
                              "--capacity " + key + "：新社工点没有走访工时（[staffing] 的 point、days_per_month、hours_per_day、visiting_share 须大于 0）"});
    }
    Plan plan;
    plan.capacity = cfg.capacity;
    if (workload) plan.workload = *workload;
    plan.village_weight = village_weights(region, cfg);
    std::map<std::uint32_t, std::string> reason;
    const std::set<std::uint32_t> repair = sites_to_repair(region, rules, cfg.reassign, reason);
    TownshipPlanner planner(region, rules, graph, access, search_limit_s, cfg, threads, plan.village_weight, repair, workload);
    planner.set_reason(std::move(reason));
    for (std::uint32_t t = 0; t < region.townships.size(); ++t) planner.plan(TownshipId{t}, plan);
    // Existing sites first, in their loaded order, then the new ones by township.
    std::stable_sort(plan.sites.begin(), plan.sites.end(), [](const PlannedSite& a, const PlannedSite& b) {
        if (a.existing.has_value() != b.existing.has_value()) return a.existing.has_value();
        return a.existing && b.existing && a.existing->value < b.existing->value;
    });
    for (PlannedSite& ps : plan.sites) {
        for (std::size_t k = 0; k < ps.site.served_villages.size(); ++k)
            if (std::isfinite(ps.time_s[k])) plan.objective_after_s += plan.village_weight[ps.site.served_villages[k].value] * ps.time_s[k];
        if (!workload) continue;
        ps.workload_h = 0;
        for (VillageId v : ps.site.served_villages) ps.workload_h += workload->village_hours[v.value];
        const double per_worker = workload->staffing.visiting_hours_per_worker();
        ps.staff_needed = per_worker > 0 ? static_cast<int>(std::ceil(ps.workload_h / per_worker - 1e-9)) : 0;
    }
    return plan;
}

}  // namespace coverplan::solve
