#include "core/visits.hpp"

#include <algorithm>
#include <stdexcept>
#include <cmath>

#include "core/calendar.hpp"
#include "core/parallel.hpp"
#include "core/routing/vrptw.hpp"
#include "core/travel_time.hpp"

namespace coverplan {

int StaffingConfig::staff_of(const Site& site) const {
    if (site.staff >= 0) return site.staff;
    return site.kind == SiteKind::station ? station : point;
}

int VisitConfig::interval_of(CategorySet categories) const {
    int best = 0;
    for (Category c : all_categories()) {
        if (!(categories & bit(c))) continue;
        const int i = interval_months[static_cast<std::size_t>(c)];
        if (i > 0 && (best == 0 || i < best)) best = i;
    }
    return best;
}

double VisitConfig::minutes_of(CategorySet categories) const {
    double best = 0;
    for (Category c : all_categories())
        if (categories & bit(c)) best = std::max(best, minutes_by_category[static_cast<std::size_t>(c)].value_or(minutes));
    return best > 0 ? best : minutes;
}

bool visit_due(std::optional<int> last_visit_day, int interval_months, int month) {
    if (interval_months <= 0) return false;
    if (!last_visit_day) return true;
    return month_index(*last_visit_day) + interval_months <= month;
}

std::vector<int> working_days(int month, const StaffingConfig& staffing) {
    std::vector<int> out;
    const int first = first_day_of_month(month);
    const CivilDate d = civil_from_days(first);
    const int n = days_in_month(d.year, d.month);
    auto listed = [](const std::vector<int>& days, int day) { return std::find(days.begin(), days.end(), day) != days.end(); };
    for (int day = first; day < first + n; ++day) {
        const bool weekday_ = weekday(day) < 5;
        if ((weekday_ && !listed(staffing.holidays, day)) || (!weekday_ && listed(staffing.extra_workdays, day))) out.push_back(day);
    }
    return out;
}

const char* unplanned_key(Unplanned reason) {
    switch (reason) {
        case Unplanned::no_site: return "no_site";
        case Unplanned::no_staff: return "no_staff";
        case Unplanned::unreached: return "unreached";
        case Unplanned::too_long: return "too_long";
        case Unplanned::capacity: return "capacity";
        case Unplanned::window: return "window";
    }
    return "capacity";
}

Text unplanned_text(Unplanned reason) {
    switch (reason) {
        case Unplanned::no_site: return {"no site serves the village", "所在村无站点服务"};
        case Unplanned::no_staff: return {"the site has no social worker", "站点无社工"};
        case Unplanned::unreached: return {"not reached by road from the site", "从站点经道路不可达"};
        case Unplanned::too_long: return {"the trip and the visit alone exceed a working day", "单独往返加走访已超过一个工作日"};
        case Unplanned::capacity: return {"the social workers' visiting days are full", "社工走访工作日已排满"};
        case Unplanned::window: return {"its visiting hours fall outside the working day", "约定走访时段不在工作时间内"};
    }
    return {};
}

std::optional<WorkingWindow> working_window(const TimeWindow& w, const StaffingConfig& st) {
    const double start = st.day_start_min, lunch = st.lunch_start_min, length = st.lunch_min;
    const double at_lunch = lunch - start;  // working time of lunch_start
    const double day = st.hours_per_day * 60;
    WorkingWindow out;
    // The earliest start whose clock time is at or after `from`.
    if (w.from < lunch)
        out.ready = std::max(0.0, w.from - start);
    else if (w.from <= lunch + length)
        out.ready = std::max(0.0, at_lunch);
    else
        out.ready = w.from - start - length;
    // The latest start whose clock time is at or before `to`: before lunch_start in working time
    // when `to` falls in the break (a start there would be after it).
    if (w.to >= lunch + length)
        out.due = w.to - start - length;
    else if (w.to < lunch)
        out.due = w.to - start;
    else
        out.due = at_lunch - 1e-6;
    out.due = std::min(out.due, day);
    if (out.due < 0 || out.due < out.ready) return std::nullopt;
    return out;
}

int SiteVisits::staff_needed(const StaffingConfig& staffing) const {
    const double per_worker = staffing.visiting_hours_per_worker();
    if (!(per_worker > 0)) return 0;
    // A hair of tolerance so that exactly full is not one more person.
    return static_cast<int>(std::ceil(hours_needed() / per_worker - 1e-9));
}

namespace {

constexpr double k_far_min = 1e6;  // between two homes with no road between them within the bound

// A thread's search buffers: for the matrices and for the roads of the tours.
struct VisitWorker {
    PathTracer tracer;
    Dijkstra search;
};

struct SiteResult {
    SiteVisits summary;
    std::vector<DayTour> tours;
    std::vector<UnplannedVisit> unplanned;
    bool time_limit_reached = false;
};

// Who a plan visits: those due in a month by their last visit, everyone of a visited category (a
// typical month), or a list (the outreach before a storm, any category).
struct Round {
    std::optional<int> month;
    const std::vector<char>* listed = nullptr;  // per beneficiary
    const std::vector<std::optional<SiteId>>* site_of = nullptr;  // per beneficiary; nullptr: the site serving their village
    bool due(std::uint32_t b, const Beneficiary& ben, int interval) const {
        if (listed) return (*listed)[b] != 0;
        return interval > 0 && (!month || visit_due(ben.last_visit, interval, *month));
    }
    bool typical() const { return !month && !listed; }  // a fraction of the search, tours not drawn
};

class SitePlanner {
public:
    SitePlanner(const VisitInputs& in, const StaffingConfig& staffing, const VisitConfig& visits, const Round& round,
                const std::vector<int>& days, const std::vector<std::vector<std::uint32_t>>& beneficiaries_of_site)
        : m_in(in), m_staffing(staffing), m_visits(visits), m_round(round), m_days(days), m_of_site(beneficiaries_of_site) {}

    SiteResult plan(std::uint32_t s, VisitWorker& worker) const {
        PathTracer& tracer = worker.tracer;
        const Region& region = *m_in.region;
        const Site& site = region.sites[s];
        SiteResult out;
        SiteVisits& sv = out.summary;
        sv.site = SiteId{s};
        sv.staff = m_staffing.staff_of(site);
        sv.staff_assumed = m_staffing.staff_assumed(site);
        sv.hours_available = sv.staff * m_staffing.visiting_hours_per_worker();
        const int w = static_cast<int>(m_days.size());
        sv.visit_days = static_cast<int>(std::floor(w * m_staffing.visiting_share + 0.5));
        if (sv.visit_days == 0 && w > 0) sv.visit_days = 1;  // a share of a short month still visits one day

        std::vector<std::uint32_t> due;
        for (std::uint32_t b : m_of_site[s]) {
            const Beneficiary& ben = region.beneficiaries[b];
            const int interval = m_visits.interval_of(ben.categories);
            ++sv.beneficiaries;
            if (interval > 0) {
                sv.visits_per_month += 1.0 / interval;
                sv.steady_visit_hours += m_visits.minutes_of(ben.categories) / 60.0 / interval;
            }
            if (m_round.due(b, ben, interval)) due.push_back(b);
        }
        sv.due = due.size();
        auto unplan = [&](std::uint32_t b, Unplanned why) { out.unplanned.push_back({b, SiteId{s}, why}); };
        const Access& site_access = m_in.access->sites[s];
        if (due.empty()) return finish(out, 0);
        if (sv.staff == 0 || sv.visit_days == 0) {
            for (std::uint32_t b : due) unplan(b, Unplanned::no_staff);
            return finish(out, 0);
        }
        // The matrix of the site and the due homes, seconds.
        std::vector<Access> nodes{site_access};
        for (std::uint32_t b : due) nodes.push_back(m_in.access->beneficiaries[b]);
        const std::vector<float> m = site_matrix(nodes, worker.search);
        const std::size_t all = nodes.size();
        std::vector<std::uint32_t> reached;  // indices into nodes (≥ 1)
        std::vector<WorkingWindow> windows;  // per reached node
        double round_trips = 0;
        const WorkingWindow whole_day{0, m_staffing.hours_per_day * 60};
        for (std::size_t i = 1; i < all; ++i) {
            const double go = m[i], back = m[i * all];
            if (!site_access.reachable || !nodes[i].reachable || !std::isfinite(go) || !std::isfinite(back)) {
                unplan(due[i - 1], Unplanned::unreached);
                continue;
            }
            const std::optional<TimeWindow>& tw = region.beneficiaries[due[i - 1]].window;
            const std::optional<WorkingWindow> ww = tw ? working_window(*tw, m_staffing) : whole_day;
            if (!ww) {
                unplan(due[i - 1], Unplanned::window);
                continue;
            }
            reached.push_back(static_cast<std::uint32_t>(i));
            windows.push_back(*ww);
            round_trips += (go + back) / 60.0;
        }
        if (reached.empty()) return finish(out, 0);

        routing::Problem p;
        p.customers = reached.size();
        const std::size_t n = p.nodes();
        auto node_of = [&](std::size_t k) { return k == 0 ? std::size_t{0} : std::size_t{reached[k - 1]}; };
        const double day = m_staffing.hours_per_day * 60;
        p.demand.assign(n, 0);
        p.service.assign(n, 0);
        p.ready.assign(n, 0);
        p.due.assign(n, day);
        for (std::size_t k = 1; k < n; ++k) {
            p.service[k] = m_visits.minutes_of(region.beneficiaries[due[node_of(k) - 1]].categories);
            p.ready[k] = windows[k - 1].ready;
            p.due[k] = windows[k - 1].due;
        }
        p.time.assign(n * n, 0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                const double t = m[node_of(i) * all + node_of(j)];
                p.time[i * n + j] = i == j ? 0 : std::isfinite(t) ? t / 60.0 : k_far_min;
            }
        p.max_routes = static_cast<std::size_t>(sv.staff) * static_cast<std::size_t>(sv.visit_days);
        routing::Options opt;
        opt.seed = m_visits.seed;
        const std::uint64_t per_visit =
            m_round.typical() ? std::max<std::uint64_t>(1, m_visits.iterations_per_visit / 10) : m_visits.iterations_per_visit;
        opt.iterations = std::max<std::uint64_t>(m_round.typical() ? 200 : 1000, per_visit * p.customers);
        opt.time_limit_s = m_visits.site_time_limit_s;
        const routing::Solution sol = routing::solve(p, opt);
        out.time_limit_reached = sol.time_limit_reached;
        for (const auto& [k, why] : sol.unserved)
            unplan(due[node_of(k) - 1], why == routing::Unserved::fleet ? Unplanned::capacity : Unplanned::too_long);

        for (std::size_t t = 0; t < sol.tours.size(); ++t) {
            const routing::Tour& tour = sol.tours[t];
            DayTour dt;
            dt.site = SiteId{s};
            const std::size_t vd = t % static_cast<std::size_t>(sv.visit_days);
            dt.worker = static_cast<int>(t / static_cast<std::size_t>(sv.visit_days)) + 1;
            dt.day = m_days[static_cast<std::size_t>(std::floor((static_cast<double>(vd) + 0.5) * w / sv.visit_days))];
            clock_tour(p, tour, dt);
            for (std::size_t k : tour.stops) dt.stops.push_back(due[node_of(k) - 1]);
            // The roads driven, leg by leg.
            std::size_t prev = 0;
            auto add_leg = [&](std::size_t next) {
                // Bounded by the leg's own time (and a second): the search need go no further.
                const double leg_s = m[node_of(prev) * all + node_of(next)];
                const PathTracer::Trip trip = tracer.trace(nodes[node_of(prev)], nodes[node_of(next)], std::min(m_in.limit_s, leg_s + 1));
                for (const Point2& q : trip.line)
                    if (dt.line.empty() || !(dt.line.back() == q)) dt.line.push_back(q);
                dt.length_m += trip.length_m;
                prev = next;
            };
            if (!m_round.typical()) {  // a typical month's tours are not drawn
                for (std::size_t k : tour.stops) add_leg(k);
                add_leg(0);
            }
            sv.planned += tour.stops.size();
            sv.visit_hours += dt.visit_min / 60;
            sv.travel_hours += dt.travel_min / 60;
            sv.length_km += dt.length_m / 1000;
            out.tours.push_back(std::move(dt));
        }
        std::sort(out.tours.begin(), out.tours.end(),
                  [](const DayTour& a, const DayTour& b) { return a.day != b.day ? a.day < b.day : a.worker < b.worker; });
        return finish(out, round_trips / static_cast<double>(reached.size()));
    }

private:
    // Site and homes × site and homes, restricted to the site's area: the row from the site
    // first, bounded by the search limit; then each home's row bounded by B = 2 × the longest trip
    // out + a minute. That is exact: t(i, j) ≤ t(i, site) + t(site, j) ≤ t(i, site) + the longest
    // trip out, which is within B whenever t(i, site) is within B − the longest trip out, and a
    // home whose way back is longer (a one-way detour) is searched again to the limit. Homes the
    // site does not reach are left out (their rows and columns stay unreached).
    std::vector<float> site_matrix(const std::vector<Access>& nodes, Dijkstra& search) const {
        const std::size_t all = nodes.size();
        std::vector<float> m(all * all, static_cast<float>(k_unreached));
        time_row(*m_in.graph, search, nodes[0], nodes, m_in.limit_s, m.data());
        std::vector<std::size_t> keep{0};
        double out_max = 0;
        for (std::size_t i = 1; i < all; ++i)
            if (std::isfinite(m[i])) {
                keep.push_back(i);
                out_max = std::max(out_max, static_cast<double>(m[i]));
            }
        std::vector<Access> targets;
        for (std::size_t i : keep) targets.push_back(nodes[i]);
        const double bound = std::min(m_in.limit_s, 2 * out_max + 60);
        std::vector<float> row(targets.size());
        for (std::size_t k = 1; k < keep.size(); ++k) {
            time_row(*m_in.graph, search, targets[k], targets, bound, row.data());
            if (!(static_cast<double>(row[0]) + out_max <= bound)) time_row(*m_in.graph, search, targets[k], targets, m_in.limit_s, row.data());
            for (std::size_t c = 0; c < keep.size(); ++c) m[keep[k] * all + keep[c]] = row[c];
        }
        return m;
    }

    // Steady-state travel: the planned tours' travel per visit, else the mean round trip.
    SiteResult& finish(SiteResult& out, double mean_round_trip_min) const {
        SiteVisits& sv = out.summary;
        if (sv.planned > 0) {
            sv.steady_travel_hours = sv.travel_hours / static_cast<double>(sv.planned) * sv.visits_per_month;
        } else {
            sv.steady_travel_hours = mean_round_trip_min / 60 * sv.visits_per_month;
            sv.travel_estimated = sv.visits_per_month > 0;
        }
        std::sort(out.unplanned.begin(), out.unplanned.end(),
                  [](const UnplannedVisit& a, const UnplannedVisit& b) { return a.beneficiary < b.beneficiary; });
        return out;
    }

    // The solver's working-time schedule on the clock, with the lunch break put in (see the header).
    void clock_tour(const routing::Problem& p, const routing::Tour& tour, DayTour& dt) const {
        const double start = m_staffing.day_start_min;
        const double lunch_at = m_staffing.lunch_start_min - start;  // in working time
        double shift = 0;
        auto take_break_at = [&](double working_time) {
            if (dt.lunch_min || working_time < lunch_at) return;
            dt.lunch_min = start + working_time + shift;
            shift += m_staffing.lunch_min;
        };
        take_break_at(tour.departure);
        dt.departure_min = start + tour.departure + shift;
        std::size_t prev = 0;
        double t = tour.departure;
        for (std::size_t i = 0; i < tour.stops.size(); ++i) {
            const std::size_t k = tour.stops[i];
            const double leg = p.travel(prev, k);
            t += leg;
            dt.leg_min.push_back(leg);
            dt.arrival_min.push_back(start + t + shift);
            take_break_at(t);
            // Waiting for the visit's window past lunch_start: the break is taken in the wait.
            if (tour.start[i] >= lunch_at) take_break_at(std::max(t, lunch_at));
            t = std::max(t, tour.start[i]);
            dt.start_min.push_back(start + t + shift);
            t += p.service[k];
            dt.travel_min += leg;
            dt.visit_min += p.service[k];
            dt.service_min.push_back(p.service[k]);
            take_break_at(t);
            prev = k;
        }
        dt.return_leg_min = p.travel(prev, 0);
        t += dt.return_leg_min;
        dt.travel_min += dt.return_leg_min;
        dt.return_min = start + t + shift;
        if (!dt.lunch_min && t >= lunch_at) dt.lunch_min = dt.return_min;  // back at the site for it
    }

    const VisitInputs& m_in;
    const StaffingConfig& m_staffing;
    const VisitConfig& m_visits;
    const Round& m_round;
    const std::vector<int>& m_days;
    const std::vector<std::vector<std::uint32_t>>& m_of_site;
};

}  // namespace

namespace {

VisitPlan plan_round(const VisitInputs& in, const StaffingConfig& staffing, const VisitConfig& visits, const Round& round,
                     std::vector<int> days, int threads) {
    const Region& region = *in.region;
    VisitPlan plan;
    plan.month = round.month.value_or(0);
    plan.working_days = std::move(days);
    const auto assigned = assigned_sites(region);
    std::vector<std::vector<std::uint32_t>> of_site(region.sites.size());
    for (std::uint32_t b = 0; b < region.beneficiaries.size(); ++b) {
        const Beneficiary& ben = region.beneficiaries[b];
        const int interval = visits.interval_of(ben.categories);
        const std::optional<SiteId> s = round.site_of ? (*round.site_of)[b] : ben.village ? assigned[ben.village->value] : std::nullopt;
        if (s) {
            of_site[s->value].push_back(b);
            continue;
        }
        if (round.due(b, ben, interval)) {
            ++plan.due;
            plan.unplanned.push_back({b, std::nullopt, Unplanned::no_site});
        } else if (interval == 0 && !round.listed) {
            ++plan.not_scheduled;
        }
    }
    const SitePlanner planner(in, staffing, visits, round, plan.working_days, of_site);
    std::vector<SiteResult> results(region.sites.size());
    for_each_index(
        region.sites.size(), threads, [&in] { return VisitWorker{PathTracer(*in.graph), Dijkstra(*in.graph)}; },
        [&](VisitWorker& worker, std::size_t s) { results[s] = planner.plan(static_cast<std::uint32_t>(s), worker); });
    for (SiteResult& r : results) {
        if (!round.listed)
            for (std::uint32_t b : of_site[r.summary.site.value])
                if (visits.interval_of(region.beneficiaries[b].categories) == 0) ++plan.not_scheduled;
        plan.due += r.summary.due;
        plan.planned += r.summary.planned;
        plan.time_limit_reached = plan.time_limit_reached || r.time_limit_reached;
        plan.sites.push_back(r.summary);
        for (DayTour& t : r.tours) plan.tours.push_back(std::move(t));
        plan.unplanned.insert(plan.unplanned.end(), r.unplanned.begin(), r.unplanned.end());
    }
    std::sort(plan.unplanned.begin(), plan.unplanned.end(),
              [](const UnplannedVisit& a, const UnplannedVisit& b) { return a.beneficiary < b.beneficiary; });
    return plan;
}

}  // namespace

VisitPlan plan_typical_month(const VisitInputs& in, const StaffingConfig& staffing, const VisitConfig& visits, int threads) {
    std::vector<int> days(static_cast<std::size_t>(std::lround(staffing.days_per_month)));
    for (std::size_t d = 0; d < days.size(); ++d) days[d] = static_cast<int>(d);
    VisitPlan plan = plan_round(in, staffing, visits, Round{}, std::move(days), threads);
    plan.travel_per_visit_h = travel_per_visit_hours(plan);
    return plan;
}

std::optional<double> travel_per_visit_hours(const VisitPlan& typical) {
    double hours = 0;
    std::size_t visits = 0;
    for (const SiteVisits& s : typical.sites) {
        hours += s.travel_hours;
        visits += s.planned;
    }
    if (visits == 0) return std::nullopt;
    return hours / static_cast<double>(visits);
}

std::vector<double> village_visit_hours(const Region& region, const VisitConfig& visits, double travel_per_visit_h) {
    std::vector<double> out(region.villages.size(), 0.0);
    for (const Beneficiary& b : region.beneficiaries) {
        const int interval = visits.interval_of(b.categories);
        if (!b.village || interval == 0) continue;
        out[b.village->value] += (visits.minutes_of(b.categories) / 60 + travel_per_visit_h) / interval;
    }
    return out;
}

VisitPlan plan_visits(const VisitInputs& in, const StaffingConfig& staffing, const VisitConfig& visits, int month, int threads) {
    VisitPlan plan = plan_round(in, staffing, visits, Round{month, nullptr}, working_days(month, staffing), threads);
    const VisitPlan typical = plan_typical_month(in, staffing, visits, threads);
    for (std::size_t s = 0; s < plan.sites.size(); ++s) {
        plan.sites[s].steady_travel_hours = typical.sites[s].steady_travel_hours;
        plan.sites[s].travel_estimated = typical.sites[s].travel_estimated;
    }
    plan.time_limit_reached = plan.time_limit_reached || typical.time_limit_reached;
    plan.travel_per_visit_h = typical.travel_per_visit_h;
    return plan;
}

VisitPlan plan_outreach(const VisitInputs& in, const StaffingConfig& staffing, const OutreachConfig& outreach,
                        const std::vector<std::uint32_t>& listed, const std::vector<std::optional<SiteId>>& site_of, int threads) {
    const std::size_t n = in.region->beneficiaries.size();
    if (site_of.size() != n) throw std::invalid_argument("plan_outreach: a site (or none) per beneficiary expected");
    std::vector<char> is_listed(n, 0);
    for (std::uint32_t b : listed) is_listed.at(b) = 1;
    StaffingConfig all_day = staffing;
    all_day.visiting_share = 1;
    VisitConfig check;
    check.minutes = outreach.minutes;
    check.iterations_per_visit = outreach.iterations_per_visit;
    check.site_time_limit_s = outreach.site_time_limit_s;
    check.seed = outreach.seed;
    std::vector<int> days(static_cast<std::size_t>(outreach.days));
    for (std::size_t d = 0; d < days.size(); ++d) days[d] = static_cast<int>(d);
    Round round;
    round.listed = &is_listed;
    round.site_of = &site_of;
    return plan_round(in, all_day, check, round, std::move(days), threads);
}

}  // namespace coverplan
