#pragma once
// pack.gpkg: the GeoJSON layers of an output folder gathered into one GeoPackage (OGC 12-128),
// each with its spatial index and, in the `layer_styles` table QGIS reads, its default style.
// Dragging the file into QGIS shows the layers styled as the printed maps.
#include <filesystem>
#include <string>
#include <vector>

namespace coverplan::io {

struct PackLayer {
    std::string file;         // a GeoJSON file in the folder (RFC 7946, as GeoJsonWriter writes it)
    std::string table;        // its table in the GeoPackage (ASCII: scripts and SQL name it)
    std::string title;        // gpkg_contents.identifier, what a GIS shows as the layer's title
    std::string description;  // gpkg_contents.description
    std::string style_name;   // layer_styles.styleName
    std::string qml;          // the QGIS style (a QML document); "" writes no style row
};

// Writes `gpkg` from `folder`'s files, in the order given (layers whose file is missing are
// skipped: an output folder without a plan has no plan layer). `date` (YYYY-MM-DD) stamps the
// file's timestamps so that the same inputs give the same bytes. Throws OutputError naming the
// layer when GDAL cannot write it.
void write_geopackage(const std::filesystem::path& gpkg, const std::filesystem::path& folder,
                      const std::vector<PackLayer>& layers, const std::string& date);

}  // namespace coverplan::io
