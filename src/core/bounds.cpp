#include "core/bounds.hpp"

#include <cmath>
#include <cstdio>

#include "core/text.hpp"

namespace coverplan {

namespace setting {
// key, min, max, min_open, integer, unit (en, zh), why (en, zh)
const Bound villages_per_point{"rules.villages_per_point", 1, 100, false, true, "villages", "个村（社区）",
                               "the programme's points serve 3; a point serving more than 100 is no point",
                               "按规定每个社工点服务 3 个村，超过 100 个已不是社工点"};
const Bound max_site_distance_m{"rules.max_site_distance_m", 0, 50000, false, false, "metres", "米",
                                "0 = the site must stand inside a village it serves; 50 km away is not the same place",
                                "0 表示站点须位于所服务村内；相距 50 千米已不是同一地点"};
const Bound rules_max_travel_min{"rules.max_travel_min", 0, 600, false, false, "minutes", "分钟",
                                 "0 = R6 is not checked; a trip of over 10 hours is not a visit",
                                 "0 表示不检查 R6；超过 10 小时的路程不是走访"};
const Bound threshold_min{"travel.thresholds_min", 0, 600, true, false, "minutes", "分钟",
                          "a trip of over 10 hours is not a visit", "超过 10 小时的路程不是走访"};
const Bound access_kmh{"travel.access_kmh", 0, 30, true, false, "km/h", "千米/小时",
                       "the leg between a point and the road is walked or pushed", "站点与道路之间的一段为步行或推行"};
const Bound max_snap_m{"travel.max_snap_m", 0, 10000, true, false, "metres", "米",
                       "farther than 10 km from a road is not a walk to it, and larger values make every search and "
                       "polygon raster cover whole provinces",
                       "离道路超过 10 千米已不是步行可达，更大的值会让每次搜索和等时面栅格覆盖整个省"};
const Bound max_search_min{"travel.max_search_min", 0, 1440, true, false, "minutes", "分钟",
                           "a search of more than a day reaches nothing a social worker visits", "超过一天的搜索没有走访意义"};
const Bound polygon_cell_m{"travel.polygon_cell_m", 10, 5000, false, false, "metres", "米",
                           "finer than 10 m is beyond the roads' accuracy and makes rasters of billions of cells; "
                           "coarser than 5 km draws no village",
                           "小于 10 米超出道路数据精度且栅格达数十亿格；大于 5 千米则画不出村"};
const Bound speed_kmh{"travel.speeds", 0, 200, false, false, "km/h", "千米/小时", "0 = the road class is not used; no road allows more than 200",
                      "0 表示不使用该道路等级；没有道路限速超过 200"};
const Bound max_beneficiary_distance_m{"validation.max_beneficiary_distance_m", 0, 100000, true, false, "metres", "米",
                                       "100 km from the registered village is a wrong code or coordinate, not a distance to warn about",
                                       "距登记村 100 千米以上是代码或坐标错误，而非需提醒的距离"};
const Bound max_weight{"validation.max_weight", 0, 1000000, true, false, "", "",
                       "a beneficiary's weight counts the people of a household or a priority; a larger one is a field mapped by mistake",
                       "服务对象权重表示户内人数或优先程度；更大的值说明字段映射有误"};
const Bound max_population{"villages.population", 0, 10000000, false, false, "people", "人",
                           "no village or community has more than 10 million residents", "没有村（社区）的人口超过一千万"};
const Bound category_weight{"plan.category_weights", 0, 1000, false, false, "", "",
                            "a category counts at most 1000 times another", "类别权重最多为其他类别的 1000 倍"};
const Bound plan_max_travel_min{"plan.max_travel_min", 0, 600, false, false, "minutes", "分钟",
                                "0 = no limit for the plan; not given = [rules] max_travel_min; a trip of over 10 hours is not a visit",
                                "0 表示规划不限时间；不设则用 [rules] max_travel_min；超过 10 小时的路程不是走访"};
const Bound new_points{"plan.new_points", 0, 1000, false, true, "points", "个社工点", "no township needs more than 1000 new points",
                       "没有镇（街）需要新增 1000 个以上社工点"};
const Bound time_limit_s{"plan.time_limit_s", 0, 86400, true, false, "seconds", "秒", "a day per township is the longest a plan may take",
                         "每个镇（街）最多求解一天"};
const Bound seed{"plan.seed", 0, 9007199254740992.0, false, true, "", "", "a whole number ≥ 0 that a double holds exactly",
                 "可被双精度数精确表示的非负整数"};
const Bound budget{"plan.budget", 0, 100000, false, true, "points", "个社工点", "more new points than villages in a province is not a budget",
                   "新增社工点数不应超过全省的村数"};
const Bound within_min{"plan.within_min", 0, 600, true, false, "minutes", "分钟", "a trip of over 10 hours is not a visit",
                       "超过 10 小时的路程不是走访"};
const Bound suppress_below{"report.suppress_below", 0, 1000, false, true, "people", "人", "0 = every count is shown",
                           "0 表示全部显示"};
const Bound print_dpi{"--print-dpi", 36, 600, false, false, "dpi", "dpi", "36 dpi is a thumbnail; above 600 no printer gains",
                      "36 dpi 仅为缩略图；超过 600 dpi 打印无益"};
const Bound header_row{"layers.*.header_row", 1, 1000, false, true, "", "",
                       "the spreadsheet row with the column names, as Excel numbers rows; title rows above it are skipped",
                       "列名所在行（按 Excel 行号），其上的标题行被跳过"};
const Bound memory_mb{"limits.memory_mb", 64, 1048576, false, true, "MB", "MB",
                      "the most memory one run may plan to use; the default is half of this machine's",
                      "一次运行计划使用的内存上限；默认为本机内存的一半"};
const Bound staff_default{"staffing.station / staffing.point", 0, 100, false, true, "social workers", "名社工",
                          "the 双百 programme funds about three per station; a site of more than 100 is an office, not a station",
                          "双百计划每站约 3 名社工；超过 100 人已不是社工站点"};
const Bound days_per_month{"staffing.days_per_month", 1, 31, false, false, "days", "天", "a month has at most 31 days",
                           "一个月最多 31 天"};
const Bound hours_per_day{"staffing.hours_per_day", 1, 12, false, false, "hours", "小时",
                          "working hours without the lunch break; more than 12 is not a working day", "不含午休的工作时长；超过 12 小时不是工作日"};
const Bound lunch_minutes{"staffing.lunch_minutes", 0, 180, false, false, "minutes", "分钟", "0 = no break; more than 3 hours is not lunch",
                          "0 表示不午休；超过 3 小时不是午休"};
const Bound visiting_share{"staffing.visiting_share", 0, 1, true, false, "", "",
                           "the share of working time for home visits, above 0 and at most all of it",
                           "用于入户走访的工作时间比例，大于 0 且不超过 1"};
const Bound visit_minutes{"visits.minutes", 1, 480, false, false, "minutes", "分钟",
                          "a visit of more than 8 hours is not a home visit", "超过 8 小时已不是入户走访"};
const Bound visit_interval{"visits.frequency", 0, 12, false, true, "months", "个月",
                           "months between two visits: 1 monthly … 12 yearly, 0 = not visited on a schedule",
                           "两次走访间隔的月数：1 为每月 … 12 为每年，0 表示不定期走访"};
const Bound iterations_per_visit{"visits.iterations_per_visit", 10, 100000, false, true, "iterations", "次迭代",
                                 "the routing search's work per due visit; below 10 it hardly searches, above 100,000 a county takes hours",
                                 "每个应走访对象的路线搜索迭代次数；少于 10 几乎不搜索，超过 10 万一个县需数小时"};
const Bound site_time_limit_s{"visits.site_time_limit_s", 0, 3600, true, false, "seconds", "秒",
                              "the longest one site's tours may take to plan", "单个站点排程的最长时间"};
const Bound catchment_min{"access.catchment_min", 0, 600, true, false, "minutes", "分钟",
                          "the travel time within which a site's social workers are counted; over 10 hours is not a visit",
                          "站点社工计入可及的车程上限；超过 10 小时已不是走访"};
const Bound zone_weight{"access.zone_weights", 0, 1, false, false, "", "", "a zone counts at most as much as the nearest (1)",
                        "各车程分区权重不超过最近分区（1）"};
const Bound close_roads_from_level{"flood.close_roads_from_level", 1, 9, false, true, "", "",
                                   "hazard levels run from 1 (the lowest) to 9", "风险等级为 1（最低）到 9"};
const Bound closure_buffer_m{"flood.closure_buffer_m", 0, 500, true, false, "metres", "米",
                             "how near a closure line a road counts as closed; farther than 500 m it would close the roads beside it",
                             "距封闭线多近的道路视为封闭；超过 500 米会把旁边的道路也封闭"};
const Bound outreach_days{"flood.outreach_days", 1, 14, false, true, "days", "天",
                          "the working days before the storm in which every exposed person is visited; beyond two weeks it is a round of visits",
                          "暴雨前走访全部风险区对象的工作日数；超过两周已是常规走访"};
const Bound outreach_minutes{"flood.outreach_minutes", 1, 240, false, false, "minutes", "分钟",
                             "a pre-storm check of the home; more than 4 hours is not a check", "暴雨前入户排查一次的时长；超过 4 小时已不是排查"};
const Bound detour_min{"flood.detour_min", 1, 240, false, false, "minutes", "分钟",
                       "a trip longer by more than this counts as a detour; beyond 4 hours it is no longer a trip", "行程增加超过此值即计为绕行；超过 4 小时已不是行程"};
const Bound detour_people{"flood.detour_people", 1, 1000000, false, true, "beneficiaries", "人",
                          "the beneficiaries (villages, with none) whose trips a link must lengthen to be listed", "路段须使多少服务对象（无服务对象时为村）绕行才列出"};
const Bound detour_candidates{"flood.detour_candidates", 0, 1000, false, true, "links", "条",
                              "the busiest links taken out one at a time and recomputed; 0 = none, more than 1,000 takes long on a province",
                              "逐条断开重算的经行人数最多的路段数；0 表示不计算，超过 1000 条在全省范围耗时过长"};
const Bound threads{"--threads", 1, 256, false, true, "threads", "个线程", "results do not depend on it", "结果与线程数无关"};

const std::vector<const Bound*>& all() {
    static const std::vector<const Bound*> list = {
        &villages_per_point, &max_site_distance_m, &rules_max_travel_min, &threshold_min, &access_kmh, &max_snap_m, &max_search_min,
        &polygon_cell_m, &speed_kmh, &max_beneficiary_distance_m, &max_weight, &max_population, &category_weight,
        &plan_max_travel_min, &new_points, &time_limit_s, &seed, &budget, &within_min, &suppress_below, &print_dpi, &header_row, &memory_mb,
        &staff_default, &days_per_month, &hours_per_day, &lunch_minutes, &visiting_share, &visit_minutes, &visit_interval,
        &iterations_per_visit, &site_time_limit_s, &catchment_min, &zone_weight, &close_roads_from_level, &closure_buffer_m, &outreach_days, &outreach_minutes, &detour_min, &detour_people, &detour_candidates, &threads};
    return list;
}
}  // namespace setting

std::string number_text(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if ((std::abs(v) >= 1e15 && v == std::floor(v)) || (v != 0 && std::abs(v) < 1e-6)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6g", v);
        return buf;
    }
    return format_decimal(v, 6);
}

bool Bound::contains(double v) const {
    if (!std::isfinite(v)) return false;
    if (integer && v != std::floor(v)) return false;
    return (min_open ? v > min : v >= min) && v <= max;
}

Text Bound::expected() const {
    const std::string lo = number_text(min), hi = number_text(max);
    const std::string ue = *unit_en ? std::string(" ") + unit_en : "";
    Text t;
    if (min_open) {
        t.en = "expected " + (integer ? std::string("a whole number") : std::string("a number")) + " > " + lo + " and ≤ " + hi + ue;
        t.zh = "应为大于 " + lo + " 且不大于 " + hi + " 的" + (integer ? "整数" : "数值") + (*unit_zh ? std::string("（") + unit_zh + "）" : "");
    } else {
        t.en = "expected " + (integer ? std::string("a whole number") : std::string("a number")) + " from " + lo + " to " + hi + ue;
        t.zh = "应为 " + lo + " 到 " + hi + " 之间的" + (integer ? "整数" : "数值") + (*unit_zh ? std::string("（") + unit_zh + "）" : "");
    }
    t.en += std::string(" (") + why_en + ")";
    t.zh += std::string("（") + why_zh + "）";
    return t;
}

Text Bound::problem(double found) const {
    Text t = expected();
    t.en += ", found " + number_text(found);
    t.zh += "，实际为 " + number_text(found);
    return t;
}

}  // namespace coverplan
