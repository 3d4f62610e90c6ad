#pragma once
// Travel speeds by mode and road class (DESIGN §8). Social workers mostly ride e-bikes or
// motorcycles, so `ebike` is the default mode. Every figure can be overridden per project.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace coverplan {

enum class Mode { walk, bicycle, ebike, car };

std::optional<Mode> parse_mode(std::string_view text);
std::string_view mode_key(Mode m);
std::string_view mode_zh(Mode m);  // 步行, 自行车, 电动车/摩托车, 汽车

class SpeedProfile {
public:
    explicit SpeedProfile(Mode mode);

    Mode mode() const { return m_mode; }
    // km/h on a road of this class (OSM highway value or Chinese class); 0 = not usable in
    // this mode; nullopt = class unknown.
    std::optional<double> class_speed_kmh(const std::string& road_class) const;
    // The speed used on one road: its own speed field (capped at the mode's top speed) when it
    // has one and the mode is motorised, else the class speed, else `default_kmh`.
    double road_speed_kmh(const std::string& road_class, double speed_field_kmh) const;

    void set_class_speed(const std::string& road_class, double kmh) { m_speeds[road_class] = kmh; }
    double default_kmh = 0;       // for classes the table does not know (set per mode)
    double max_kmh = 0;           // top speed of the mode, caps speed fields
    double access_kmh = 4.0;      // walking to and from the road

private:
    Mode m_mode;
    std::map<std::string, double> m_speeds;
};

// OSM-style speed text: "50", "50 km/h", "30 mph"; nullopt for "none", "signals", "walk", "".
std::optional<double> parse_speed_kmh(std::string_view text);

}  // namespace coverplan
