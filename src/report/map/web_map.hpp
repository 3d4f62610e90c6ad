#pragma once
// maps/map.html: one self-contained page (Leaflet and the data inlined) that works offline.
// No basemap unless the project gives a tile URL. The printed maps' symbols (stations squares,
// points circles, existing filled, planned hollow); a 现状 / 规划 switch (today's sites,
// assignments, times and isochrones, or the plan's sites and assignments with each village's
// time to its serving site); a legend of what is drawn; township labels, and village labels from
// zoom 12; search by village name or code; credits. #mode=plan and #search=<code> in the URL
// open that view (the browser test uses them too).
#include <string>

#include "report/map/map_content.hpp"

namespace coverplan::report::map {

struct WebMapOptions {
    std::string title;
    std::string tile_url;          // "" = no basemap
    std::string tile_attribution;
    int suppress_below = 0;
};

std::string web_map_html(const MapContent& content, const WebMapOptions& options);

}  // namespace coverplan::report::map
