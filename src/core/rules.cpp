#include "core/rules.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

#include "core/text.hpp"

namespace coverplan {

int required_points(int villages, int served_by_station, int villages_per_point) {
    const int rest = std::max(0, villages - served_by_station);
    return (rest + villages_per_point - 1) / villages_per_point;
}

std::size_t RuleReport::count(const std::string& rule, std::optional<Severity> severity) const {
    return static_cast<std::size_t>(std::count_if(violations.begin(), violations.end(), [&](const Violation& v) {
        return v.rule == rule && (!severity || v.severity == *severity);
    }));
}

bool RuleReport::has_findings() const {
    return std::any_of(violations.begin(), violations.end(),
                       [](const Violation& v) { return v.severity != Severity::info; });
}

namespace {

std::string kind_zh(SiteKind k) { return k == SiteKind::station ? "社工站" : "社工点"; }
std::string kind_en(SiteKind k) { return k == SiteKind::station ? "station" : "point"; }

std::string site_label_zh(const Site& s) { return kind_zh(s.kind) + "“" + s.name + "”（" + s.id + "）"; }
std::string site_label_en(const Site& s) { return kind_en(s.kind) + " \"" + s.name + "\" (" + s.id + ")"; }
std::string village_label(const Village& v) { return v.name + " (" + v.code + ")"; }
std::string village_label_zh(const Village& v) { return v.name + "（" + v.code + "）"; }
std::string township_label(const Township& t) { return t.name + " (" + t.code + ")"; }
std::string township_label_zh(const Township& t) { return t.name + "（" + t.code + "）"; }

class Checker {
public:
    Checker(const Region& region, const RuleConfig& config, const std::vector<std::vector<double>>* served_time_s)
        : m_region(region), m_config(config), m_served_time_s(served_time_s), m_served_by(region.villages.size()),
          m_villages_in(region.townships.size()), m_sites_in(region.townships.size()) {
        for (std::uint32_t v = 0; v < region.villages.size(); ++v)
            m_villages_in[region.villages[v].township.value].push_back(VillageId{v});
        for (std::uint32_t s = 0; s < region.sites.size(); ++s) {
            const Site& site = region.sites[s];
            m_sites_in[site.township.value].push_back(SiteId{s});
            for (VillageId v : site.served_villages) m_served_by[v.value].push_back(SiteId{s});
        }
    }

    RuleReport run() {
        m_report.villages_per_point = m_config.villages_per_point;
        for (std::uint32_t t = 0; t < m_region.townships.size(); ++t) check_township(TownshipId{t});
        for (std::uint32_t v = 0; v < m_region.villages.size(); ++v) check_village_served(VillageId{v});
        for (std::uint32_t s = 0; s < m_region.sites.size(); ++s) check_site(SiteId{s});
        if (m_config.max_travel_min > 0 && m_served_time_s) {
            for (std::uint32_t s = 0; s < m_region.sites.size(); ++s) check_travel(SiteId{s});
        } else if (m_config.max_travel_min > 0) {
            m_report.skipped.push_back({"R6", {"the project has no road layer, so travel times cannot be computed",
                                               "项目没有道路图层，无法计算通行时间"}});
        } else {
            m_report.skipped.push_back({"R6", {"max_travel_min is not set in the project file",
                                               "项目文件未设置站点到村（社区）的通行时间上限"}});
        }
        std::stable_sort(m_report.violations.begin(), m_report.violations.end(), [](const Violation& a, const Violation& b) {
            auto key = [](const Violation& v) {
                return std::make_tuple(v.rule, v.township ? v.township->value : ~0u, v.site ? v.site->value : ~0u,
                                       v.villages.empty() ? ~0u : v.villages.front().value);
            };
            return key(a) < key(b);
        });
        return std::move(m_report);
    }

private:
    void add(Violation v) { m_report.violations.push_back(std::move(v)); }

    void check_township(TownshipId tid) {
        const Township& t = m_region.township(tid);
        ProgressRow row;
        row.township = tid;
        row.villages = static_cast<int>(m_villages_in[tid.value].size());
        std::vector<SiteId> stations;
        for (SiteId sid : m_sites_in[tid.value]) {
            const Site& s = m_region.site(sid);
            const bool built = s.status == SiteStatus::existing;
            if (s.kind == SiteKind::station) {
                (built ? row.stations_built : row.stations_planned)++;
                stations.push_back(sid);
                // Only villages of this township count: a station serving elsewhere is R4's business.
                for (VillageId v : s.served_villages)
                    if (m_region.village(v).township == tid) row.served_by_station++;
            } else {
                (built ? row.points_built : row.points_planned)++;
            }
        }
        for (VillageId v : m_villages_in[tid.value])
            if (!m_served_by[v.value].empty()) row.villages_served++;
        const bool exempt = row.villages == 0 && m_config.exempt_townships_without_villages;
        row.stations_required = exempt ? 0 : 1;
        // Without a station yet, the future station will serve its own village.
        const int station_share = stations.empty() ? std::min(1, row.villages) : row.served_by_station;
        row.points_required = required_points(row.villages, station_share, m_config.villages_per_point);
        m_report.progress.push_back(row);

        if (exempt) return;
        if (stations.empty()) {
            add({"R1", Severity::error, "no_station", tid, std::nullopt, {},
                 {"township " + township_label(t) + " has no social-work station",
                  "镇（街）" + township_label_zh(t) + "没有社工站"},
                 t.anchor});
        } else if (stations.size() > 1) {
            std::vector<std::string> ids;
            for (SiteId s : stations) ids.push_back(m_region.site(s).id);
            for (std::size_t i = 1; i < stations.size(); ++i) {
                const Site& s = m_region.site(stations[i]);
                add({"R1", Severity::error, "extra_station", tid, stations[i], {},
                     {"township " + township_label(t) + " has " + std::to_string(stations.size()) +
                          " stations (" + join(ids, ", ") + "); one is expected",
                      "镇（街）" + township_label_zh(t) + "有 " + std::to_string(stations.size()) + " 个社工站（" +
                          join(ids, "、") + "），应为 1 个"},
                     s.location});
            }
        }
    }

    void check_village_served(VillageId vid) {
        const Village& v = m_region.village(vid);
        const auto& by = m_served_by[vid.value];
        if (by.empty()) {
            add({"R2", Severity::warning, "not_served", v.township, std::nullopt, {vid},
                 {"village " + village_label(v) + " is served by no site",
                  "村（社区）" + village_label_zh(v) + "未纳入任何站点服务"},
                 v.anchor});
        } else if (by.size() > 1) {
            std::vector<std::string> en, zh;
            for (SiteId s : by) {
                en.push_back(site_label_en(m_region.site(s)));
                zh.push_back(site_label_zh(m_region.site(s)));
            }
            add({"R2", Severity::error, "served_twice", v.township, by[1], {vid},
                 {"village " + village_label(v) + " is served by " + std::to_string(by.size()) + " sites: " + join(en, ", "),
                  "村（社区）" + village_label_zh(v) + "同时由 " + std::to_string(by.size()) + " 个站点服务：" + join(zh, "、")},
                 v.anchor});
        }
    }

    void check_site(SiteId sid) {
        const Site& s = m_region.site(sid);
        const Township& t = m_region.township(s.township);
        const int n = static_cast<int>(s.served_villages.size());
        const int cap = m_config.villages_per_point;
        if (s.kind == SiteKind::point && n > cap) {
            add({"R3", Severity::error, "too_many_villages", s.township, sid, s.served_villages,
                 {site_label_en(s) + " serves " + std::to_string(n) + " villages; at most " + std::to_string(cap) + " allowed",
                  site_label_zh(s) + "服务 " + std::to_string(n) + " 个村（社区），每个社工点最多 " + std::to_string(cap) + " 个"},
                 s.location});
        } else if (s.kind == SiteKind::point && n < cap) {
            add({"R3", Severity::info, "few_villages", s.township, sid, s.served_villages,
                 {site_label_en(s) + " serves " + std::to_string(n) + " of up to " + std::to_string(cap) + " villages",
                  site_label_zh(s) + "服务 " + std::to_string(n) + " 个村（社区），少于 " + std::to_string(cap) + " 个"},
                 s.location});
        }
        for (VillageId vid : s.served_villages) {
            const Village& v = m_region.village(vid);
            if (v.township == s.township) continue;
            const Township& other = m_region.township(v.township);
            add({"R4", Severity::error, "other_township", s.township, sid, {vid},
                 {site_label_en(s) + " in " + township_label(t) + " serves village " + village_label(v) + " of " +
                      township_label(other),
                  township_label_zh(t) + "的" + site_label_zh(s) + "服务了" + township_label_zh(other) + "的村（社区）" +
                      village_label_zh(v)},
                 s.location});
        }
        check_site_location(sid);
    }

    void check_travel(SiteId sid) {
        const Site& s = m_region.site(sid);
        const auto& times = (*m_served_time_s)[sid.value];
        const double max_s = m_config.max_travel_min * 60;
        const std::string limit = format_decimal(m_config.max_travel_min, 1);
        for (std::size_t k = 0; k < s.served_villages.size() && k < times.size(); ++k) {
            if (times[k] <= max_s) continue;
            const Village& v = m_region.village(s.served_villages[k]);
            Text msg;
            if (times[k] == std::numeric_limits<double>::infinity()) {
                msg = {site_label_en(s) + " cannot reach village " + village_label(v) + " by road (no road nearby, cut off, or beyond the search limit)",
                       site_label_zh(s) + "无法经道路到达村（社区）" + village_label_zh(v) + "（附近无路、路网不连通或超出搜索时限）"};
            } else {
                const std::string minutes = format_decimal(times[k] / 60, 1);
                msg = {site_label_en(s) + " needs " + minutes + " min to reach village " + village_label(v) + "; at most " + limit + " min allowed",
                       site_label_zh(s) + "到村（社区）" + village_label_zh(v) + "需 " + minutes + " 分钟，超过上限 " + limit + " 分钟"};
            }
            add({"R6", Severity::error, "too_far", s.township, sid, {s.served_villages[k]}, msg, s.location});
        }
    }

    void check_site_location(SiteId sid) {
        const Site& s = m_region.site(sid);
        if (s.served_villages.empty()) return;
        bool judged = false;
        double nearest_m = std::numeric_limits<double>::infinity();
        for (VillageId vid : s.served_villages) {
            const Village& v = m_region.village(vid);
            if (!v.polygon.empty()) {
                judged = true;
                if (contains(v.polygon, s.location)) return;
            }
            nearest_m = std::min(nearest_m, distance(v.anchor, s.location));
            if (m_config.max_site_distance_m > 0) {
                judged = true;
                if (nearest_m <= m_config.max_site_distance_m) return;
            }
        }
        if (!judged) {
            if (m_r5_unjudged++ == 0)
                m_report.skipped.push_back({"R5", {"villages have no polygons and max_site_distance_m is 0; "
                                                   "set max_site_distance_m to check where sites stand",
                                                   "村（社区）无边界面且 max_site_distance_m 为 0，无法判断站点位置；请设置 max_site_distance_m"}});
            return;
        }
        const std::string metres = format_decimal(nearest_m, 0);
        add({"R5", Severity::error, "outside_served_villages", s.township, sid, s.served_villages,
             {site_label_en(s) + " stands in none of the villages it serves (nearest served village centre " + metres + " m away)",
              site_label_zh(s) + "不在其服务的任何村（社区）内（距最近的服务村中心 " + metres + " 米）"},
             s.location});
    }

    const Region& m_region;
    const RuleConfig& m_config;
    const std::vector<std::vector<double>>* m_served_time_s;
    std::vector<std::vector<SiteId>> m_served_by;
    std::vector<std::vector<VillageId>> m_villages_in;
    std::vector<std::vector<SiteId>> m_sites_in;
    RuleReport m_report;
    int m_r5_unjudged = 0;
};

}  // namespace

RuleReport check_rules(const Region& region, const RuleConfig& config, const std::vector<std::vector<double>>* served_time_s) {
    return Checker(region, config, served_time_s).run();
}

}  // namespace coverplan
