#pragma once
// The in-memory model of one planning region after loading and normalising (DESIGN §5).
// Coordinates are in the working CRS (metres). External ids (codes, site ids) live here
// only as attributes; everything refers to everything else by dense id.
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/category.hpp"
#include "core/error.hpp"
#include "core/geometry.hpp"
#include "core/strong_id.hpp"

namespace coverplan {

inline constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

struct Township {
    std::string code;          // 9 digits
    std::string name;
    MultiPolygon polygon;      // may be empty when the layer has no boundaries
    Point2 anchor;             // a point on the surface, for labels and point output
    long long source_fid = -1;
    std::string county_code() const { return code.substr(0, 6); }
};

struct Village {
    std::string code;          // 12 digits
    std::string name;
    TownshipId township;
    MultiPolygon polygon;      // empty when villages are given as points
    Point2 anchor;             // village committee location, else a point on the surface
    double population = k_nan;
    long long source_fid = -1;
};

// Only what planning needs: the loader never keeps names, ID numbers, phones or addresses.
struct Beneficiary {
    std::string record;              // the bureau's own record id (档案编号), "" when not mapped
    std::string household;           // the bureau's household id (户号), "" when not mapped: counted, never written
    std::optional<int> last_visit;   // day number (core/calendar.hpp) of the last home visit
    std::optional<TimeWindow> window;  // when the visit may start (约定走访时段), clock time
    std::optional<VillageId> village;
    CategorySet categories = 0;
    double weight = 1.0;
    Point2 location;
};

enum class SiteKind { station, point };
enum class SiteStatus { existing, planned };

struct Site {
    std::string id;
    std::string name;
    SiteKind kind = SiteKind::point;
    SiteStatus status = SiteStatus::existing;
    Point2 location;
    TownshipId township;
    std::vector<VillageId> served_villages;
    int staff = -1;  // -1: not given
    long long source_fid = -1;
};

struct Candidate {
    std::string id;
    std::string name;
    std::string type;  // 村委会, 党群服务中心, 居家养老服务中心 …
    Point2 location;
    long long source_fid = -1;
};

// A hazard zone (风险区): flood zone, low-lying area, landslide risk … Higher levels are more
// dangerous (1 the lowest; the words 低, 中, 高, 极高 read as 1–4).
struct Hazard {
    std::string type;   // 洪涝, 山洪, 地质灾害 … as the layer says ("" when it has no type field)
    std::string name;
    int level = 1;
    MultiPolygon polygon;
    Box box;            // the polygon's bounding box, for a quick test first
    long long source_fid = -1;
};

// A closed road (封闭道路) from the closures layer: its area (a polygon as given, or a line
// buffered by [flood] closure_buffer_m), inside which every road is impassable.
struct Closure {
    std::string name;
    MultiPolygon area;
    Box box;
    long long source_fid = -1;
};

// A shelter (避难场所 / 紧急避难点) with the number of people it can take.
struct Shelter {
    std::string id;
    std::string name;
    std::string type;   // 学校, 村委会, 避难场所 …
    int capacity = 0;   // people
    Point2 location;
    long long source_fid = -1;
};

struct Road {
    LineString line;
    std::string road_class;  // OSM highway value or Chinese class (县道, 乡道 …)
    std::string name;
    double speed_kmh = k_nan;
    int oneway = 0;          // 0 both ways, 1 along the line, -1 against it
    bool bridge = false;     // bridges and tunnels never get junctions with what they cross
    bool tunnel = false;
    int layer = 0;           // vertical level (OSM layer); crossings join only on the same level
};

enum class Severity { error, warning, info };
std::string_view severity_key(Severity s);  // "error", "warning", "info"

// Something worth telling about the data that did not stop the run.
struct DataNote {
    Severity severity = Severity::warning;
    std::string code;  // short stable key, e.g. "geometry_repaired"
    Text text;
};

struct LayerCount {
    std::string layer;
    std::size_t read = 0;   // features read from the source
    std::size_t used = 0;   // features that entered the model
};

struct Region {
    std::string name;
    std::string working_crs;  // e.g. "EPSG:32649"
    std::map<std::string, std::string> county_names;  // 6-digit code → name
    std::vector<Township> townships;
    std::vector<Village> villages;
    std::vector<Beneficiary> beneficiaries;
    std::vector<Site> sites;
    std::vector<Candidate> candidates;
    std::vector<Hazard> hazards;
    std::vector<Closure> closures;
    std::vector<Shelter> shelters;
    std::vector<Road> roads;
    std::vector<DataNote> notes;
    std::vector<LayerCount> counts;

    const Township& township(TownshipId id) const { return townships.at(id.value); }
    const Village& village(VillageId id) const { return villages.at(id.value); }
    const Site& site(SiteId id) const { return sites.at(id.value); }
    std::string county_name(const std::string& county_code) const;
    // The counties: the distinct 6-digit prefixes of the township codes.
    std::size_t county_count() const;
};

}  // namespace coverplan
