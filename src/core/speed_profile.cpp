#include "core/speed_profile.hpp"

#include <charconv>
#include <cmath>

#include "core/text.hpp"

namespace coverplan {

namespace {
struct Row {
    const char* road_class;
    double walk, bicycle, ebike, car;
};
// km/h. E-bike figures are for 电动车/摩托车 on rural roads (the programme's reality), not
// legal limits; 0 = not usable in that mode (e-bikes are barred from expressways).
constexpr Row k_table[] = {
    {"motorway", 0, 0, 0, 100},        {"motorway_link", 0, 0, 0, 60},
    {"trunk", 5, 18, 40, 80},          {"trunk_link", 5, 18, 35, 50},
    {"primary", 5, 18, 40, 60},        {"primary_link", 5, 18, 35, 45},
    {"secondary", 5, 16, 35, 50},      {"secondary_link", 5, 16, 30, 40},
    {"tertiary", 5, 15, 30, 40},       {"tertiary_link", 5, 15, 25, 30},
    {"unclassified", 5, 14, 25, 30},   {"residential", 5, 14, 20, 25},
    {"living_street", 5, 10, 12, 10},  {"service", 5, 12, 15, 15},
    {"road", 5, 14, 20, 25},           {"track", 4.5, 10, 12, 10},
    {"busway", 5, 14, 20, 0},          {"cycleway", 5, 16, 20, 0},
    {"pedestrian", 5, 6, 6, 0},        {"footway", 5, 6, 6, 0},
    {"path", 4.5, 8, 8, 0},            {"bridleway", 4, 0, 0, 0},
    {"steps", 3, 0, 0, 0},             {"via_ferrata", 0, 0, 0, 0},
    {"ferry", 10, 10, 10, 10},
    // OSM highway values that are not (yet) roads.
    {"proposed", 0, 0, 0, 0},          {"construction", 0, 0, 0, 0},
    {"abandoned", 0, 0, 0, 0},         {"platform", 0, 0, 0, 0},
    {"raceway", 0, 0, 0, 0},           {"bus_stop", 0, 0, 0, 0},
    {"elevator", 0, 0, 0, 0},          {"corridor", 0, 0, 0, 0},
    {"rest_area", 0, 0, 0, 0},         {"services", 0, 0, 0, 0},
    // Chinese administrative road classes (公路行政等级).
    {"高速公路", 0, 0, 0, 100},        {"国道", 5, 18, 40, 70},
    {"省道", 5, 18, 40, 60},           {"县道", 5, 16, 35, 50},
    {"乡道", 5, 15, 30, 40},           {"村道", 5, 14, 25, 30},
    {"专用公路", 5, 14, 25, 40},
};
}  // namespace

std::optional<Mode> parse_mode(std::string_view text) {
    const std::string t = ascii_lower(text);
    if (t == "walk") return Mode::walk;
    if (t == "bicycle") return Mode::bicycle;
    if (t == "ebike") return Mode::ebike;
    if (t == "car") return Mode::car;
    return std::nullopt;
}

std::string_view mode_key(Mode m) {
    switch (m) {
        case Mode::walk: return "walk";
        case Mode::bicycle: return "bicycle";
        case Mode::ebike: return "ebike";
        case Mode::car: return "car";
    }
    return "ebike";
}

std::string_view mode_zh(Mode m) {
    switch (m) {
        case Mode::walk: return "步行";
        case Mode::bicycle: return "自行车";
        case Mode::ebike: return "电动车/摩托车";
        case Mode::car: return "汽车";
    }
    return "电动车/摩托车";
}

SpeedProfile::SpeedProfile(Mode mode) : m_mode(mode) {
    for (const Row& r : k_table) {
        const double v = mode == Mode::walk ? r.walk : mode == Mode::bicycle ? r.bicycle : mode == Mode::ebike ? r.ebike : r.car;
        m_speeds[r.road_class] = v;
    }
    switch (mode) {
        case Mode::walk: default_kmh = 4.5; max_kmh = 5; break;
        case Mode::bicycle: default_kmh = 12; max_kmh = 18; break;
        case Mode::ebike: default_kmh = 20; max_kmh = 40; break;
        case Mode::car: default_kmh = 25; max_kmh = 120; break;
    }
}

std::optional<double> SpeedProfile::class_speed_kmh(const std::string& road_class) const {
    auto it = m_speeds.find(road_class);
    if (it == m_speeds.end()) return std::nullopt;
    return it->second;
}

double SpeedProfile::road_speed_kmh(const std::string& road_class, double speed_field_kmh) const {
    const auto by_class = class_speed_kmh(road_class);
    if (by_class && *by_class <= 0) return 0;  // not usable, whatever the sign says
    const bool motorised = m_mode == Mode::ebike || m_mode == Mode::car;
    if (motorised && std::isfinite(speed_field_kmh) && speed_field_kmh > 0) return std::min(speed_field_kmh, max_kmh);
    return by_class ? *by_class : default_kmh;
}

std::optional<double> parse_speed_kmh(std::string_view text) {
    const std::string t = trim(text);
    double v = 0;
    const char* begin = t.data();
    const char* end = t.data() + t.size();
    auto res = std::from_chars(begin, end, v);
    if (res.ec != std::errc() || !(v > 0) || !std::isfinite(v)) return std::nullopt;
    const std::string unit = ascii_lower(trim(std::string_view(res.ptr, static_cast<std::size_t>(end - res.ptr))));
    if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph") return v;
    if (unit == "mph") return v * 1.609344;
    return std::nullopt;
}

}  // namespace coverplan
