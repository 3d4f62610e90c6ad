#include "core/chinese_coords.hpp"

#include <cmath>
#include <numbers>

namespace coverplan {

namespace {
constexpr double pi = std::numbers::pi;
constexpr double k_axis = 6378245.0;              // Krasovsky 1940 semi-major axis used by GCJ-02
constexpr double k_ee = 0.00669342162296594323;  // its first eccentricity squared
constexpr double k_x_pi = pi * 3000.0 / 180.0;

double shift_lat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * pi) + 20.0 * std::sin(2.0 * x * pi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * pi) + 40.0 * std::sin(y / 3.0 * pi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * pi) + 320.0 * std::sin(y * pi / 30.0)) * 2.0 / 3.0;
    return r;
}

double shift_lon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * pi) + 20.0 * std::sin(2.0 * x * pi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * pi) + 40.0 * std::sin(x / 3.0 * pi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * pi) + 300.0 * std::sin(x / 30.0 * pi)) * 2.0 / 3.0;
    return r;
}

template <class Forward>
LonLat invert(LonLat target, Forward forward) {
    LonLat guess = target;
    for (int i = 0; i < 30; ++i) {
        const LonLat f = forward(guess);
        const double dlon = f.lon - target.lon;
        const double dlat = f.lat - target.lat;
        guess.lon -= dlon;
        guess.lat -= dlat;
        if (std::abs(dlon) < 1e-10 && std::abs(dlat) < 1e-10) break;
    }
    return guess;
}
}  // namespace

bool in_china_bbox(LonLat p) { return p.lon >= 72.004 && p.lon <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271; }

LonLat wgs84_to_gcj02(LonLat p) {
    if (!in_china_bbox(p)) return p;
    double dlat = shift_lat(p.lon - 105.0, p.lat - 35.0);
    double dlon = shift_lon(p.lon - 105.0, p.lat - 35.0);
    const double rad_lat = p.lat / 180.0 * pi;
    double magic = std::sin(rad_lat);
    magic = 1 - k_ee * magic * magic;
    const double sqrt_magic = std::sqrt(magic);
    dlat = (dlat * 180.0) / ((k_axis * (1 - k_ee)) / (magic * sqrt_magic) * pi);
    dlon = (dlon * 180.0) / (k_axis / sqrt_magic * std::cos(rad_lat) * pi);
    return {p.lon + dlon, p.lat + dlat};
}

LonLat gcj02_to_wgs84(LonLat p) { return in_china_bbox(p) ? invert(p, wgs84_to_gcj02) : p; }

LonLat gcj02_to_bd09(LonLat p) {
    const double z = std::sqrt(p.lon * p.lon + p.lat * p.lat) + 0.00002 * std::sin(p.lat * k_x_pi);
    const double theta = std::atan2(p.lat, p.lon) + 0.000003 * std::cos(p.lon * k_x_pi);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat bd09_to_gcj02(LonLat p) { return invert(p, gcj02_to_bd09); }

LonLat bd09_to_wgs84(LonLat p) { return gcj02_to_wgs84(bd09_to_gcj02(p)); }

}  // namespace coverplan
