#pragma once
// Reading back what `coverplan run` wrote: spreadsheet sheets through GDAL's XLSX driver, PNG
// images through Cairo.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace coverplan::test {

// One worksheet as rows of header → cell text; `types` gets header → OGR field type name.
std::vector<std::map<std::string, std::string>> read_sheet(const std::filesystem::path& xlsx, const std::string& sheet,
                                                           std::map<std::string, std::string>* types = nullptr);

// A vector layer read through GDAL (a GeoJSON file's one layer, a GeoPackage table).
struct VectorLayer {
    long long features = 0;
    long long invalid = 0;       // features whose geometry GEOS finds invalid
    long long no_geometry = 0;
    std::string geometry_type;   // OGR's name
    std::vector<std::map<std::string, std::string>> rows;  // field → text ("" for null)
    std::vector<std::string> wkt;                          // each feature's geometry ("" for none)
};
// The layers of a vector file by name; throws when GDAL cannot open it.
std::map<std::string, VectorLayer> read_vector(const std::filesystem::path& file);
// The gpkg_contents row of a GeoPackage table: identifier and description (through SQLite SQL).
std::map<std::string, std::string> gpkg_contents(const std::filesystem::path& gpkg, const std::string& table);

// One member of a ZIP file (an .xlsx is one), through GDAL's /vsizip/; "" when absent.
std::string read_zip_member(const std::filesystem::path& zip, const std::string& member);

struct PngInfo {
    int width = 0, height = 0;
    double non_white = 0;  // share of pixels that are not (near) white
};
PngInfo read_png(const std::filesystem::path& png);

// Share of pixels differing by more than `threshold` (0–255) in any channel; 1 when the sizes differ.
double png_difference(const std::filesystem::path& a, const std::filesystem::path& b, int threshold);

}  // namespace coverplan::test
