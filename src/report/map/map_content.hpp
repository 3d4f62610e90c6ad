#pragma once
// What the maps show, gathered once from the stages' results: villages with their travel-time
// band and serving site, sites existing and planned, assignment lines, first-band isochrones
// and gaps. One MapView per page picks the extent and the title.
#include <optional>
#include <string>
#include <vector>

#include "core/coverage.hpp"
#include "core/region.hpp"
#include "geo/isochrones.hpp"
#include "report/flood_report.hpp"
#include "report/map/canvas.hpp"
#include "report/map/context.hpp"
#include "report/map/style.hpp"
#include "solve/plan.hpp"

namespace coverplan::report::map {

struct SiteMark {
    Point2 at;
    SiteKind kind = SiteKind::point;
    bool planned = false;
    std::string name;
    TownshipId township;
    std::vector<VillageId> served;
    int colour = 0;  // index into the township map's palette: distinct within a township
    std::optional<VillageId> host;  // the village it stands in, labelled beside it
};

struct GapMark {
    const Polygon* polygon = nullptr;
    TownshipId township;
};

// The flood-season map's layers (DESIGN §10), from the flood analysis: hazard zones by level
// (the region's own), closed stretches, critical and detour links, shelters, and each village's
// state with the roads closed.
struct FloodMarks {
    enum Status { unaffected = 0, detour = 1, cut_from_site = 2, cut_from_all = 3 };
    std::vector<int> village_status;          // per village (all unaffected without a closing scenario)
    const std::vector<LineString>* closed = nullptr;  // the stretches cut out, working CRS
    struct Link {
        const LineString* line = nullptr;
        std::string id;        // "L7", as in the tables
        bool no_site = false;  // a critical link cutting off an area with no site of its own
    };
    static constexpr std::size_t k_mapped_links = 20;
    std::vector<Link> critical;  // the first k_mapped_links cutting off villages or people, most people first
    std::vector<Link> detours;
    struct ShelterMark {
        Point2 at;
        std::size_t people = 0;
        int capacity = 0;
        bool over() const { return static_cast<long long>(people) > capacity; }
    };
    std::vector<ShelterMark> shelters;
    std::vector<bool> township_affected;  // people in a zone, or a village cut off or on a detour
};

FloodMarks gather_flood_marks(const Region& region, const RoadGraph& graph, const FloodResult& flood);

struct MapContent {
    const Region* region = nullptr;
    std::vector<double> thresholds_min;
    std::vector<int> village_band;   // 0..k-1 within band k; k beyond the last band; -1 no travel time
    std::vector<int> village_site;   // index into sites; -1 none
    std::vector<double> village_nearest_min;  // NaN when not reached
    std::vector<int> village_people;          // beneficiaries per village
    std::vector<SiteMark> sites;              // after the plan (the layer's sites without one)
    // Today: the sites layer as loaded and the villages each serves (map.html's 现状 view).
    std::vector<SiteMark> sites_now;
    std::vector<int> village_site_now;
    // After the plan: each village's time to the site serving it, and its band (-1: none).
    bool has_plan = false;
    std::vector<double> village_plan_min;
    std::vector<int> village_band_plan;
    std::vector<ContextArea> context;             // the prefecture around the region (locator inset)
    std::vector<const MultiPolygon*> isochrones;  // first band, per site
    std::vector<GapMark> gaps;                    // first band
    bool has_travel = false;
    std::string attribution;   // data sources and the project's own attribution
    std::string organisation;  // 编制单位
    std::string date;
    bool chinese = true;
    std::optional<FloodMarks> flood;  // the flood maps are drawn when set
};

// `coverage` null without roads; `plan` null without a plan: the existing sites are shown.
MapContent gather_map_content(const Region& region, const CoverageResult* coverage, const std::vector<double>& thresholds_min,
                              const std::vector<geo::IsochroneBand>* isochrones, const std::vector<geo::Gap>* gaps,
                              const solve::Plan* plan);

// The sheet a map is drawn on, in points. `compact`: no title line (the page around it names
// the map) and a narrower legend column — report.pdf's township pages, where the map shares the
// page with its text.
struct Sheet {
    double width = style::k_page_w, height = style::k_page_h;
    bool compact = false;
};

struct MapView {
    std::string title;
    std::optional<TownshipId> focus;  // a township map; none = the county overview
    Sheet sheet;
    bool flood = false;               // the flood-season map (content.flood) rather than coverage
};

// The travel-time fill of a village band (-1: no travel time) and the legend of all bands:
// one entry per threshold, one beyond the last, one for "not reached". Used by the printed maps
// and map.html alike.
Rgb band_colour(int band, std::size_t bands);
std::vector<std::pair<Rgb, std::string>> band_legend(const std::vector<double>& thresholds_min, bool chinese);

// CIE L* (0 black … 100 white) of a colour, i.e. its grey once printed in greyscale.
double cie_lightness(const Rgb& c);

// The village a site stands in: the one whose boundary holds it (in its own township first),
// else the nearest of its served villages, else the nearest village of its township.
std::optional<VillageId> host_village(const Region& region, const Site& site);

class Canvas;
void draw_map(Canvas& canvas, const MapContent& content, const MapView& view);

}  // namespace coverplan::report::map
