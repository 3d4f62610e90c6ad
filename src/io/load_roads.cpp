// The road layer: OSM extracts (tags as OSM writes them) or a bureau's own road lines.
#include <charconv>

#include "core/speed_profile.hpp"
#include "core/text.hpp"
#include "io/layer_support.hpp"
#include "io/load_region.hpp"

namespace coverplan::io {

namespace {

// OSM and bureau spellings of a true flag: yes, 1, true, T, 是, and OSM's kinds (viaduct, culvert …).
bool is_yes(const std::string& s) {
    const std::string k = ascii_lower(s);
    return !k.empty() && k != "no" && k != "0" && k != "false" && k != "f" && s != "否";
}

int parse_oneway(const std::string& s) {
    const std::string k = ascii_lower(s);
    if (k == "yes" || k == "1" || k == "true" || k == "t" || s == "是" || s == "单向") return 1;
    if (k == "-1" || k == "reverse") return -1;
    return 0;
}

}  // namespace

void load_roads_into(const LayerSpec& spec, Region& region) {
    GdalSource src(spec);
    const GdalNotes gdal_notes(src, region.notes);
    if (src.empty()) empty_layer(src, "road lines", "道路线");
    LayerProjector proj(src, region.working_crs);
    // OSM extracts have known tag names; other sources use the roles' own names by default.
    const bool osm = src.is_osm();
    const int class_i = src.field_index("class", false, osm ? "highway" : "class");
    const int name_i = src.field_index("name", false);
    const int speed_i = src.field_index("speed", false, osm ? "maxspeed" : "speed");
    const int oneway_i = src.field_index("oneway", false);
    const int route_i = osm ? src.field_index("route", false, "route") : -1;
    const int bridge_i = src.field_index("bridge", false);
    const int tunnel_i = src.field_index("tunnel", false);
    const int layer_i = src.field_index("layer", false);
    std::size_t not_roads = 0;
    std::size_t read = 0, used = 0, bad_speed = 0;
    std::string first_bad;
    for (auto& f : src.layer()) {
        ++read;
        SourceGeometry g = src.geometry(*f);
        if (g.kind != SourceGeometry::Kind::line) wrong_geometry(src, *f, g, "line", "线");
        proj.apply(*f, g);
        Road r;
        r.road_class = src.text(*f, class_i);
        if (osm && r.road_class.empty()) {
            // Lines of an OSM extract without a highway tag are rivers, power lines …; ferries count.
            if (src.text(*f, route_i) != "ferry") {
                ++not_roads;
                continue;
            }
            r.road_class = "ferry";
        }
        r.name = src.text(*f, name_i);
        // OSM writes speeds as "50", "30 mph" or "signals": use what parses, count the rest.
        const std::string speed = src.text(*f, speed_i);
        if (!speed.empty()) {
            if (auto kmh = parse_speed_kmh(speed)) {
                r.speed_kmh = *kmh;
            } else if (bad_speed++ == 0) {
                first_bad = located(src.where(*f, src.spec().field("speed")), {"\"" + speed + "\"", "“" + speed + "”"}).en;
            }
        }
        const std::string oneway = src.text(*f, oneway_i);
        r.oneway = oneway.empty() && r.road_class == "motorway" ? 1 : parse_oneway(oneway);  // OSM: motorways are one-way
        r.bridge = is_yes(src.text(*f, bridge_i));
        r.tunnel = is_yes(src.text(*f, tunnel_i));
        const std::string layer = src.text(*f, layer_i);
        std::from_chars(layer.data(), layer.data() + layer.size(), r.layer);  // "" or text: stays 0
        ++used;
        for (auto& line : g.lines) {
            if (line.size() < 2) continue;
            Road part = r;
            part.line = std::move(line);
            region.roads.push_back(std::move(part));
        }
    }
    if (not_roads > 0) {
        region.notes.push_back({Severity::info, "osm_not_roads",
             {std::to_string(not_roads) + " lines of the OSM layer are not roads (no highway tag, not a ferry) and were left out",
              "OSM 图层中有 " + std::to_string(not_roads) + " 条线不是道路（无 highway 标签且非轮渡），未纳入"}});
    }
    if (bad_speed > 0) {
        region.notes.push_back({Severity::info, "road_speed_not_numeric",
             {std::to_string(bad_speed) + " roads have a speed that is not a number (first: " + first_bad +
                  "); their class speed is used",
              std::to_string(bad_speed) + " 条道路的速度不是数值（首个：" + first_bad + "）；按道路等级速度计算"}});
    }
    count_layer(region, src, read, used);
}

Region load_roads(const LayerSpec& roads, const std::string& working_crs) {
    Region region;
    region.working_crs = working_crs;
    load_roads_into(roads, region);
    return region;
}

}  // namespace coverplan::io
