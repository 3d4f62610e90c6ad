#include "report/visits_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/calendar.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"
#include "geo/proj_transform.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"
#include "report/text_table.hpp"

namespace coverplan::report {

std::string clock_text(double minutes) {
    const int m = static_cast<int>(std::clamp<long long>(std::llround(minutes), 0, 48 * 60));
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (m / 60) % 100, m % 60);
    return buf;
}

// "16:00-18:00", "16:00-" (from), "-11:30" (until).
std::string window_text(const TimeWindow& w) {
    return (w.from > 0 ? clock_text(w.from) : "") + "-" + (w.to < 24 * 60 ? clock_text(w.to) : "");
}

namespace {

std::string worker_text(int worker, bool zh) { return (zh ? "社工" : "worker ") + std::to_string(worker); }

std::string weekday_text(int day, bool zh) {
    static const char* zh_days[] = {"一", "二", "三", "四", "五", "六", "日"};
    static const char* en_days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    const int w = weekday(day);
    return zh ? std::string("周") + zh_days[w] : en_days[w];
}

std::string month_text(int month, bool zh) {
    return zh ? std::to_string(month / 12) + " 年 " + std::to_string(month % 12 + 1) + " 月" : format_month(month);
}

std::string village_code_of(const Region& region, const Beneficiary& b) { return b.village ? region.village(*b.village).code : ""; }
std::string village_name_of(const Region& region, const Beneficiary& b) { return b.village ? region.village(*b.village).name : ""; }

// A file name from a site id: letters, digits, - and _ kept, anything else as _.
std::string file_safe(const std::string& id) {
    std::string out;
    for (char c : id) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return out.empty() ? "site" : out;
}

struct StaffRow {
    int sites = 0, staff = 0, needed = 0, gap = 0;
    std::size_t beneficiaries = 0, due = 0, planned = 0;
    double hours_needed = 0, hours_available = 0;
    void add(const SiteVisits& s, const StaffingConfig& st) {
        ++sites;
        staff += s.staff;
        const int n = s.staff_needed(st);
        needed += n;
        gap += std::max(0, n - s.staff);
        beneficiaries += s.beneficiaries;
        due += s.due;
        planned += s.planned;
        hours_needed += s.hours_needed();
        hours_available += s.hours_available;
    }
};

const char* internal_use(bool zh) {
    return zh ? "内部资料，仅供本站社工入户走访使用，注意保密、不得外传；服务对象只以档案编号列出。"
              : "For internal use only, by the site's social workers for their home visits; not to be passed on. Beneficiaries are listed by "
                "record id only.";
}

// The tours along the roads as lines, one feature per tour; `day_text` labels its day.
template <class DayText>
void write_tours(io::StagedOutput& out, const std::string& name, const Region& region, const VisitPlan& plan, DayText day_text, bool zh) {
    out.write(name, [&](std::ostream& o) {
        const geo::Transformer to_lonlat(region.working_crs, "EPSG:4326");
        io::GeoJsonWriter gj(o, 7, out.mirror(name));
        for (const DayTour& t : plan.tours) {
            const Site& site = region.site(t.site);
            io::JsonProps p;
            p.add("site_id", site.id).add("site", site.name).add("worker", worker_text(t.worker, zh)).add("date", day_text(t.day));
            p.add("stops", t.stops.size()).add("departure", clock_text(t.departure_min)).add("return", clock_text(t.return_min));
            if (t.lunch_min) p.add("lunch", clock_text(*t.lunch_min));
            else p.add_null("lunch", io::PropValue::Kind::text);
            p.add("travel_min", t.travel_min, 1).add("visit_min", t.visit_min, 0).add("length_km", t.length_m / 1000, 2);
            LineString ll;
            for (const Point2& q : t.line) ll.push_back(to_lonlat.forward(q));
            if (ll.size() >= 2) gj.line(p, ll);
            else gj.no_geometry(p);
        }
        gj.finish();
    });
}

}  // namespace

std::vector<Violation> workload_violations(const Region& region, const VisitPlan& plan, const StaffingConfig& staffing) {
    std::vector<Violation> out;
    for (const SiteVisits& s : plan.sites) {
        const double need = s.hours_needed(), have = s.hours_available;
        if (need <= have + 1e-9 || s.visits_per_month == 0) continue;
        const Site& site = region.site(s.site);
        const int needed = s.staff_needed(staffing);
        Violation v;
        v.rule = "R8";
        v.severity = Severity::error;
        v.kind = "over_capacity";
        v.township = site.township;
        v.site = s.site;
        v.location = site.location;
        v.message = {site.name + ": home visits need about " + format_decimal(need, 0) + " hours a month (visits " +
                         format_decimal(s.steady_visit_hours, 0) + ", travel " + format_decimal(s.steady_travel_hours, 0) + "), over the " +
                         format_decimal(have, 0) + " hours its " + std::to_string(s.staff) + " social workers have for them; " +
                         std::to_string(needed) + " are needed (" + std::to_string(needed - s.staff) + " more)",
                     site.name + "：每月入户走访约需 " + format_decimal(need, 0) + " 小时（走访 " + format_decimal(s.steady_visit_hours, 0) +
                         "，路程 " + format_decimal(s.steady_travel_hours, 0) + "），超过 " + std::to_string(s.staff) + " 名社工可用于走访的 " +
                         format_decimal(have, 0) + " 小时；需社工 " + std::to_string(needed) + " 名（缺 " + std::to_string(needed - s.staff) +
                         " 名）"};
        out.push_back(std::move(v));
    }
    return out;
}

std::string visits_summary(const Region& region, const VisitPlan& plan, const StaffingConfig& staffing, bool zh) {
    std::map<Unplanned, std::size_t> why;
    for (const UnplannedVisit& u : plan.unplanned) ++why[u.reason];
    double visit_h = 0, travel_h = 0, km = 0;
    for (const SiteVisits& s : plan.sites) {
        visit_h += s.visit_hours;
        travel_h += s.travel_hours;
        km += s.length_km;
    }
    std::string out = zh ? "\n" + month_text(plan.month, true) + "入户走访计划：工作日 " + std::to_string(plan.working_days.size()) + " 天\n"
                         : "\nHome visits, " + month_text(plan.month, false) + ": " + std::to_string(plan.working_days.size()) + " working days\n";
    out += zh ? "  应走访 " + std::to_string(plan.due) + " 人次，已排 " + std::to_string(plan.planned) + " 人次，未能安排 " +
                    std::to_string(plan.unplanned.size()) + " 人次；" + std::to_string(plan.tours.size()) + " 条日程，走访 " +
                    format_decimal(visit_h, 1) + " 小时、路程 " + format_decimal(travel_h, 1) + " 小时、" + format_decimal(km, 1) + " 千米\n"
              : "  due " + std::to_string(plan.due) + ", planned " + std::to_string(plan.planned) + ", not planned " +
                    std::to_string(plan.unplanned.size()) + "; " + std::to_string(plan.tours.size()) + " day tours, " + format_decimal(visit_h, 1) +
                    " hours visiting, " + format_decimal(travel_h, 1) + " hours travelling, " + format_decimal(km, 1) + " km\n";
    for (const auto& [reason, n] : why) out += "    " + unplanned_text(reason).in(zh) + (zh ? "：" : ": ") + std::to_string(n) + "\n";
    if (plan.not_scheduled > 0)
        out += zh ? "  另有 " + std::to_string(plan.not_scheduled) + " 名服务对象的类别不定期走访\n"
                  : "  " + std::to_string(plan.not_scheduled) + " beneficiaries are of no category visited on a schedule\n";
    if (plan.time_limit_reached)
        out += zh ? "  注意：部分站点的排程达到时间上限（[visits] site_time_limit_s），结果与机器速度有关\n"
                  : "  Note: some sites' planning reached its time limit ([visits] site_time_limit_s); the result depends on the machine's speed\n";

    out += zh ? "\n社工配备与工作量（R8：月均走访工时 ≤ 社工人数 × " + format_decimal(staffing.days_per_month, 0) + " 天 × " +
                    format_decimal(staffing.hours_per_day, 1) + " 小时 × " + format_decimal(staffing.visiting_share, 2) + "）\n"
              : "\nStaff and workload (R8: monthly visiting hours ≤ staff × " + format_decimal(staffing.days_per_month, 0) + " days × " +
                    format_decimal(staffing.hours_per_day, 1) + " h × " + format_decimal(staffing.visiting_share, 2) + ")\n";
    TextTable t(zh ? std::vector<std::string>{"站点", "镇（街）", "社工", "服务对象", "本月应访", "已排", "月均工时", "可用工时", "所需社工", "缺口"}
                   : std::vector<std::string>{"site", "township", "staff", "beneficiaries", "due", "planned", "hours/month", "available",
                                              "needed", "gap"});
    StaffRow all;
    for (const SiteVisits& s : plan.sites) {
        const Site& site = region.site(s.site);
        const int needed = s.staff_needed(staffing);
        t.row({site.name, region.township(site.township).name, std::to_string(s.staff) + (s.staff_assumed ? "*" : ""),
               std::to_string(s.beneficiaries), std::to_string(s.due), std::to_string(s.planned), format_decimal(s.hours_needed(), 0),
               format_decimal(s.hours_available, 0), std::to_string(needed), std::to_string(std::max(0, needed - s.staff))});
        all.add(s, staffing);
    }
    t.rule();
    t.row({zh ? "合计" : "total", "", std::to_string(all.staff), std::to_string(all.beneficiaries), std::to_string(all.due),
           std::to_string(all.planned), format_decimal(all.hours_needed, 0), format_decimal(all.hours_available, 0), std::to_string(all.needed),
           std::to_string(all.gap)});
    out += t.render(2);
    bool assumed = false;
    for (const SiteVisits& s : plan.sites) assumed = assumed || s.staff_assumed;
    if (assumed) out += zh ? "  * 站点图层未给出人数，按 [staffing] 默认值计\n" : "  * staff not given by the sites layer: [staffing]'s default\n";
    return out;
}

Section staffing_section(const Region& region, const VisitPlan& plan, const StaffingConfig& staffing, bool month, bool zh) {
    Section sec("staffing", zh ? "社工配备与入户走访" : "Social workers and home visits");
    StaffRow all;
    std::map<std::uint32_t, StaffRow> by_township;
    for (const SiteVisits& s : plan.sites) {
        all.add(s, staffing);
        by_township[region.site(s.site).township.value].add(s, staffing);
    }
    sec.figures.emplace_back(zh ? "社工人数" : "social workers", static_cast<long long>(all.staff));
    sec.figures.emplace_back(zh ? "所需社工" : "needed", static_cast<long long>(all.needed));
    sec.figures.emplace_back(zh ? "人员缺口" : "shortfall", static_cast<long long>(all.gap));
    if (month) {  // a typical month's "due" is everyone of a visited category: not this month's
        sec.figures.emplace_back(zh ? "本月应走访" : "visits due this month", static_cast<long long>(plan.due), 0, zh ? "人次" : "");
        sec.figures.emplace_back(zh ? "已排入日程" : "planned", static_cast<long long>(plan.planned), 0, zh ? "人次" : "");
    }
    const std::string basis = format_decimal(staffing.days_per_month, 0) + (zh ? " 天 × " : " days × ") + format_decimal(staffing.hours_per_day, 1) +
                              (zh ? " 小时 × " : " h × ") + format_decimal(staffing.visiting_share, 2);
    sec.paragraphs.push_back(zh ? "工作量按各类对象的走访频次（项目文件中按类别设定的走访间隔）折算为月均走访人次，走访时长按项目文件设定，"
                                 "路程按典型月份（全部对象均应访、每月 " + format_decimal(staffing.days_per_month, 0) + " 个工作日）排出的日程折算；"
                                 "每名社工每月可用于走访的工时为 " + basis + "（项目文件“社工配备”一节，均为可调整的假设）。所需社工 = ⌈月均走访工时 ÷ 每人可用工时⌉，"
                                 "人员缺口为所需减现有（R8）。"
                               : "The workload converts each category's visit frequency ([visits.frequency]) into visits a month, at the "
                                 "visit length of [visits], with travel at the rate of a typical month's tours (everyone due, days_per_month "
                                 "working days); a social worker has " + basis +
                                     " hours a month for visits ([staffing]; assumptions to set). Staff needed = ceil(monthly visiting hours ÷ "
                                     "hours per worker); the shortfall is needed minus present (R8).");
    std::size_t over = 0, no_site = 0;
    for (const SiteVisits& s : plan.sites) over += s.hours_needed() > s.hours_available + 1e-9 && s.visits_per_month > 0;
    for (const UnplannedVisit& u : plan.unplanned) no_site += u.reason == Unplanned::no_site;
    sec.bullets.push_back(zh ? "人员缺口按站点计算（社工不跨站点调配）：" + std::to_string(over) + " 个站点的走访工作量超出其社工工时（R8）。"
                             : "The shortfall is counted per site (social workers do not move between sites): " + std::to_string(over) +
                                   " sites have more visiting work than their staff's hours (R8).");
    if (no_site > 0 && month)
        sec.bullets.push_back(zh ? "另有 " + std::to_string(no_site) + " 人次应访对象所在村（社区）尚无站点服务，未计入以上工作量；新设社工点须相应配备社工。"
                                 : std::to_string(no_site) + " visits due are in villages no site serves yet and are not in the workload above; new "
                                                             "points will need social workers for them.");
    else if (no_site > 0)
        sec.bullets.push_back(zh ? "另有 " + std::to_string(no_site) + " 名定期走访对象所在村（社区）尚无站点服务，未计入以上工作量；新设社工点须相应配备社工。"
                                 : std::to_string(no_site) + " beneficiaries visited on a schedule live in villages no site serves yet and are not in "
                                                             "the workload above; new points will need social workers for them.");
    if (!month)
        sec.bullets.push_back(zh ? "本项目含多个县（区）：本月走访日程请按县运行 coverplan visits。"
                                 : "The project covers several counties: the month's visits are planned per county by coverplan visits.");
    Table tt(zh ? "社工配备" : "staffing", zh ? "各镇（街）社工配备" : "Social workers per township");
    tt.columns = {{zh ? "镇（街）" : "township"}, {zh ? "站点数" : "sites"}, {zh ? "社工人数" : "staff"},
                  {zh ? "服务对象" : "beneficiaries"}, {zh ? "月均走访工时" : "hours a month", 0}, {zh ? "可用工时" : "hours available", 0},
                  {zh ? "所需社工" : "staff needed"}, {zh ? "人员缺口" : "shortfall"}};
    auto cells = [](const std::string& name, const StaffRow& r) {
        return std::vector<Cell>{name, static_cast<long long>(r.sites), static_cast<long long>(r.staff),
                                 static_cast<long long>(r.beneficiaries), r.hours_needed, r.hours_available,
                                 static_cast<long long>(r.needed), static_cast<long long>(r.gap)};
    };
    for (const auto& [t, row] : by_township) tt.rows.push_back(cells(region.townships[t].name, row));
    tt.rows.push_back(cells(zh ? "合计" : "total", all));
    tt.total_rows = 1;
    sec.tables.push_back(std::move(tt));
    return sec;
}

void write_staffing_output(io::StagedOutput& out, const Region& region, const VisitPlan& plan, const StaffingConfig& staffing, bool zh,
                           bool month) {
    out.write("staffing.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"站点编号", "站点", "类型", "镇街代码", "镇（街）", "社工人数", "人数来源", "服务对象", "月均走访人次",
                                              "月均走访工时", "月均路程工时", "月均所需工时", "可用工时", "所需社工", "人员缺口", "本月应访", "本月已排",
                                              "本月走访工时", "本月路程工时", "本月千米", "R8"}
                   : std::vector<std::string>{"site_id", "site", "kind", "township_code", "township", "staff", "staff_source", "beneficiaries",
                                              "visits_per_month", "visit_hours", "travel_hours", "hours_needed", "hours_available", "staff_needed",
                                              "shortfall", "due", "planned", "month_visit_hours", "month_travel_hours", "month_km", "R8"});
        for (const SiteVisits& s : plan.sites) {
            const Site& site = region.site(s.site);
            const Township& t = region.township(site.township);
            const int needed = s.staff_needed(staffing);
            const bool ok = s.hours_needed() <= s.hours_available + 1e-9 || s.visits_per_month == 0;
            csv.row({site.id, site.name, site.kind == SiteKind::station ? (zh ? "社工站" : "station") : (zh ? "社工点" : "point"), t.code, t.name,
                     std::to_string(s.staff), s.staff_assumed ? (zh ? "默认值" : "default") : (zh ? "站点图层" : "sites layer"),
                     std::to_string(s.beneficiaries), format_decimal(s.visits_per_month, 1), format_decimal(s.steady_visit_hours, 1),
                     format_decimal(s.steady_travel_hours, 1) + (s.travel_estimated ? "*" : ""), format_decimal(s.hours_needed(), 1),
                     format_decimal(s.hours_available, 1), std::to_string(needed), std::to_string(std::max(0, needed - s.staff)),
                     month ? std::to_string(s.due) : "", month ? std::to_string(s.planned) : "", month ? format_decimal(s.visit_hours, 1) : "",
                     month ? format_decimal(s.travel_hours, 1) : "", month ? format_decimal(s.length_km, 1) : "",
                     ok ? (zh ? "符合" : "ok") : (zh ? "超负荷" : "over")});
        }
    });
}

void write_visits_outputs(io::StagedOutput& out, const Region& region, const VisitPlan& plan, const StaffingConfig& staffing,
                          const std::string& date, bool zh, int threads) {
    out.write("visits.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"站点编号", "站点", "社工", "日期", "顺序", "档案编号", "村级代码", "村（社区）", "类别", "到达",
                                              "走访开始", "路程分钟", "走访分钟", "约定时段"}
                   : std::vector<std::string>{"site_id", "site", "worker", "date", "order", "record", "village_code", "village", "categories",
                                              "arrival", "start", "travel_min", "visit_min", "window"});
        for (const DayTour& t : plan.tours) {
            const Site& site = region.site(t.site);
            for (std::size_t i = 0; i < t.stops.size(); ++i) {
                const Beneficiary& b = region.beneficiaries[t.stops[i]];
                csv.row({site.id, site.name, worker_text(t.worker, zh), format_date(t.day), std::to_string(i + 1), b.record,
                         village_code_of(region, b), village_name_of(region, b), categories_text(b.categories, zh), clock_text(t.arrival_min[i]),
                         clock_text(t.start_min[i]), format_decimal(t.leg_min[i], 1), format_decimal(t.service_min[i], 0),
                         b.window ? window_text(*b.window) : ""});
            }
        }
    });
    out.write("unplanned.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"档案编号", "村级代码", "村（社区）", "类别", "站点编号", "原因", "reason"}
                   : std::vector<std::string>{"record", "village_code", "village", "categories", "site_id", "reason", "why"});
        for (const UnplannedVisit& u : plan.unplanned) {
            const Beneficiary& b = region.beneficiaries[u.beneficiary];
            csv.row({b.record, village_code_of(region, b), village_name_of(region, b), categories_text(b.categories, zh),
                     u.site ? region.site(*u.site).id : "", zh ? unplanned_text(u.reason).zh : unplanned_key(u.reason),
                     zh ? unplanned_key(u.reason) : unplanned_text(u.reason).en});
        }
    });
    write_staffing_output(out, region, plan, staffing, zh, true);
    write_tours(out, "tours.geojson", region, plan, [](int day) { return format_date(day); }, zh);

    // The monthly sheets: one per site, in the spreadsheet and as a PDF of its own.
    std::map<std::string, int> file_names;  // two site ids of one file name get -2, -3 …
    auto sheet_file = [&file_names](const std::string& id) {
        const std::string base = file_safe(id);
        const int n = ++file_names[base];
        return n == 1 ? base : base + "-" + std::to_string(n);
    };
    Document book;
    book.chinese = zh;
    book.title = (zh ? "入户走访计划 " : "Home visits ") + month_text(plan.month, zh);
    book.date = date;
    std::vector<std::vector<std::size_t>> tours_of(region.sites.size());  // per site, its tours in plan order
    for (std::size_t k = 0; k < plan.tours.size(); ++k) tours_of[plan.tours[k].site.value].push_back(k);
    std::vector<std::pair<std::string, Document>> sheets;  // file, printed sheet
    for (const SiteVisits& s : plan.sites) {
        if (s.due == 0) continue;
        const Site& site = region.site(s.site);
        const std::string file = sheet_file(site.id);
        Section sec(file, site.name + (zh ? " " : " — ") + month_text(plan.month, zh) + (zh ? "入户走访计划表" : " home visits"));
        sec.paragraphs.push_back(internal_use(zh));
        sec.paragraphs.push_back(zh ? "社工 " + std::to_string(s.staff) + " 名；本月应访 " + std::to_string(s.due) + " 人次，已排 " +
                                          std::to_string(s.planned) + " 人次" +
                                          (s.due > s.planned ? "，未能安排 " + std::to_string(s.due - s.planned) + " 人次（见 unplanned.csv）" : "") +
                                          "；上班 " + clock_text(staffing.day_start_min) + "，午休 " + clock_text(staffing.lunch_start_min) + " 起 " +
                                          format_decimal(staffing.lunch_min, 0) + " 分钟。"
                                    : std::to_string(s.staff) + " social workers; " + std::to_string(s.due) + " visits due, " +
                                          std::to_string(s.planned) + " planned" +
                                          (s.due > s.planned ? ", " + std::to_string(s.due - s.planned) + " not (see unplanned.csv)" : "") +
                                          "; the day starts at " + clock_text(staffing.day_start_min) + ", lunch from " +
                                          clock_text(staffing.lunch_start_min) + " for " + format_decimal(staffing.lunch_min, 0) + " min.");
        Table t(file, sec.title);
        t.columns = {{zh ? "日期" : "date"},        {zh ? "星期" : "day"},           {zh ? "社工" : "worker"},
                     {zh ? "顺序" : "order"},       {zh ? "档案编号" : "record"},     {zh ? "村（社区）" : "village"},
                     {zh ? "类别" : "categories"},  {zh ? "到达" : "arrival"},        {zh ? "路程（分钟）" : "travel (min)", 0},
                     {zh ? "走访情况" : "done / notes"}};
        for (const std::size_t k : tours_of[s.site.value]) {
            const DayTour& tour = plan.tours[k];
            for (std::size_t i = 0; i < tour.stops.size(); ++i) {
                const Beneficiary& b = region.beneficiaries[tour.stops[i]];
                std::string arrival = clock_text(tour.arrival_min[i]);
                if (tour.start_min[i] > tour.arrival_min[i] + 0.5) {
                    const bool lunch = tour.lunch_min && *tour.lunch_min >= tour.arrival_min[i] - 1e-6 && *tour.lunch_min <= tour.start_min[i] + 1e-6;
                    arrival += lunch ? (zh ? "（午休后 " : " (after lunch, ") : (zh ? "（等候至 " : " (waits until ");
                    arrival += clock_text(tour.start_min[i]) + (zh ? "）" : ")");
                }
                if (b.window) arrival += (zh ? "；约定 " : "; agreed ") + window_text(*b.window);
                t.rows.push_back({format_date(tour.day), weekday_text(tour.day, zh), worker_text(tour.worker, zh), static_cast<long long>(i + 1),
                                  b.record, village_name_of(region, b), categories_text(b.categories, zh), arrival, tour.leg_min[i], std::string()});
            }
        }
        t.form = true;
        t.signoff = {{zh ? "编制人" : "prepared by", ""}, {zh ? "审核人" : "reviewed by", ""}};
        t.note = internal_use(zh);
        sec.tables.push_back(std::move(t));
        // The PDF: the same table printed (a form table is the spreadsheet's alone), the lines to sign under it.
        Document one;
        one.chinese = zh;
        one.title = sec.title;
        one.date = date;
        Section printed = sec;
        printed.title = zh ? "走访日程（按日期、社工、顺序）" : "Visits by date, social worker and order";
        printed.tables.front().form = false;
        printed.tables.front().note.clear();
        printed.signoff = printed.tables.front().signoff;
        printed.new_page = false;
        one.sections.push_back(std::move(printed));
        sheets.emplace_back("sheets/" + file + ".pdf", std::move(one));
        book.sections.push_back(std::move(sec));
    }
    // Each sheet is its own document on its own thread's Cairo surface and Pango context (as the
    // maps are drawn): the files do not depend on the thread count.
    for_each_index(sheets.size(), threads, [] { return 0; }, [&](int, std::size_t k) {
        out.write(sheets[k].first, [&](std::ostream& o) { write_pdf(o, sheets[k].second); });
    });
    write_xlsx(out.dir() / "visits.xlsx", book);
}

std::string outreach_day_text(int day, bool zh) { return zh ? "第 " + std::to_string(day + 1) + " 天" : "day " + std::to_string(day + 1); }

void write_outreach_outputs(io::StagedOutput& out, const Region& region, const VisitPlan& plan, const HazardExposure& exposure,
                            const FloodConfig& flood, bool zh) {
    auto level_of = [&](std::uint32_t b) {
        const std::int32_t z = exposure.zone_of[b];
        return z < 0 ? std::string() : std::to_string(region.hazards[static_cast<std::size_t>(z)].level);
    };
    auto first = [&](const Beneficiary& b) { return (b.categories & flood.priority) ? std::string(zh ? "是" : "yes") : std::string(); };
    out.write("outreach.csv", [&](std::ostream& o) {
        io::CsvWriter csv(o);
        csv.row(zh ? std::vector<std::string>{"站点编号", "站点", "社工", "日程", "顺序", "档案编号", "村级代码", "村（社区）", "类别", "风险等级",
                                              "转移优先", "到达", "排查开始", "路程分钟", "排查分钟", "状态"}
                   : std::vector<std::string>{"site_id", "site", "worker", "day", "order", "record", "village_code", "village", "categories",
                                              "hazard_level", "transfer_first", "arrival", "start", "travel_min", "visit_min", "status"});
        for (const DayTour& t : plan.tours) {
            const Site& site = region.site(t.site);
            for (std::size_t i = 0; i < t.stops.size(); ++i) {
                const Beneficiary& b = region.beneficiaries[t.stops[i]];
                csv.row({site.id, site.name, worker_text(t.worker, zh), outreach_day_text(t.day, zh), std::to_string(i + 1), b.record,
                         village_code_of(region, b), village_name_of(region, b), categories_text(b.categories, zh), level_of(t.stops[i]), first(b),
                         clock_text(t.arrival_min[i]), clock_text(t.start_min[i]), format_decimal(t.leg_min[i], 1),
                         format_decimal(t.service_min[i], 0), zh ? "已安排" : "planned"});
            }
        }
        for (const UnplannedVisit& u : plan.unplanned) {
            const Beneficiary& b = region.beneficiaries[u.beneficiary];
            csv.row({u.site ? region.site(*u.site).id : "", u.site ? region.site(*u.site).name : "", "", "", "", b.record, village_code_of(region, b),
                     village_name_of(region, b), categories_text(b.categories, zh), level_of(u.beneficiary), first(b), "", "", "", "",
                     zh ? "未安排：" + unplanned_text(u.reason).zh : std::string("not planned: ") + unplanned_text(u.reason).en});
        }
    });
    write_tours(out, "outreach_tours.geojson", region, plan, [zh](int day) { return outreach_day_text(day, zh); }, zh);
}

std::string outreach_summary(const VisitPlan& plan, const FloodConfig& flood, std::size_t by_nearest, bool zh) {
    std::size_t sites = 0;
    for (const SiteVisits& s : plan.sites) sites += s.due > 0;
    std::map<Unplanned, std::size_t> why;
    for (const UnplannedVisit& u : plan.unplanned) ++why[u.reason];
    std::vector<std::string> reasons;
    for (const auto& [r, n] : why) reasons.push_back((zh ? unplanned_text(r).zh : unplanned_text(r).en) + " " + std::to_string(n));
    const std::string days = std::to_string(flood.outreach_days);
    if (zh)
        return "防汛走访：风险区内 " + std::to_string(plan.due) + " 名服务对象，由 " + std::to_string(sites) + " 个站点的社工在 " + days +
               " 个工作日内逐户排查（每户 " + format_decimal(flood.outreach_minutes, 0) + " 分钟，避开封闭道路）：已排入 " +
               std::to_string(plan.tours.size()) + " 条路线 " + std::to_string(plan.planned) + " 人" +
               (plan.unplanned.empty() ? std::string() : "，未能安排 " + std::to_string(plan.unplanned.size()) + " 人（" + join(reasons, "、") + "）") +
               "；名单按档案编号见 outreach.csv，路线见 outreach_tours.geojson。\n" +
               (by_nearest ? "  其中 " + std::to_string(by_nearest) + " 人所在村无服务站点或已与其隔断，由封路后最近的站点排查。\n" : "");
    return "Outreach before the storm: " + std::to_string(plan.due) + " beneficiaries in hazard zones, checked at home by the social workers of " +
           std::to_string(sites) + " sites within " + days + " working days (" + format_decimal(flood.outreach_minutes, 0) +
           " minutes each, the closed roads avoided): " + std::to_string(plan.planned) + " planned in " + std::to_string(plan.tours.size()) + " tours" +
           (plan.unplanned.empty() ? std::string() : ", " + std::to_string(plan.unplanned.size()) + " not planned (" + join(reasons, ", ") + ")") +
           "; the list by record id: outreach.csv, the tours: outreach_tours.geojson.\n" +
           (by_nearest ? "  " + std::to_string(by_nearest) + " of them, in villages with no site of their own or cut off from it, go to the nearest "
                                                               "site on the roads left open.\n"
                       : "");
}

}  // namespace coverplan::report
