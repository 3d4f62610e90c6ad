#pragma once
// maps/map.html: one self-contained page (Leaflet and the data inlined) that works offline.
// No basemap unless the project gives a tile URL; every layer can be switched; clicking a
// village or a site shows its figures.
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
