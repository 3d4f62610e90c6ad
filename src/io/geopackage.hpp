#pragma once
// pack.gpkg: the GeoJSON layers of run's output folder, written feature by feature into one
// GeoPackage (OGC 12-128) as the GeoJSON files are written — the same features, attributes and
// coordinates — each table with its spatial index and, in the `layer_styles` table QGIS reads,
// its default style. Dragging the file into QGIS shows the layers styled as the printed maps.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/geojson_writer.hpp"

namespace coverplan::io {

struct PackLayer {
    std::string file;         // the GeoJSON file it mirrors ("gaps.geojson")
    std::string table;        // its table in the GeoPackage (ASCII: scripts and SQL name it)
    std::string title;        // gpkg_contents.identifier, what a GIS shows as the layer's title
    std::string description;  // gpkg_contents.description
    std::string qml;          // the QGIS style (a QML document); "" writes no style row
};

class GeoPackageWriter {
public:
    // Creates `path` (replacing a file there). `date` (YYYY-MM-DD) stamps the file's timestamps so
    // that the same inputs give the same bytes.
    GeoPackageWriter(std::filesystem::path path, std::vector<PackLayer> layers, const std::string& date);
    ~GeoPackageWriter();
    GeoPackageWriter(const GeoPackageWriter&) = delete;
    GeoPackageWriter& operator=(const GeoPackageWriter&) = delete;

    // The mirror for the GeoJSON file `file`, or nullptr when the pack has no such layer. Layers
    // are written one after the other (each mirror finished before the next starts).
    FeatureMirror* mirror(const std::string& file);

    // Writes the styles of the layers written and closes the file. Throws OutputError naming the
    // layer when GDAL could not write a feature, a layer or the file.
    void close();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace coverplan::io
