#include "pack_reader.hpp"

#include <cairo.h>
#include <gdal.h>
#include <ogr_api.h>
#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace coverplan::test {

std::vector<std::map<std::string, std::string>> read_sheet(const std::filesystem::path& xlsx, const std::string& sheet,
                                                           std::map<std::string, std::string>* types) {
    GDALAllRegister();
    CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");
    GDALDatasetH ds = GDALOpenEx(xlsx.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!ds) throw std::runtime_error("cannot open " + xlsx.string());
    std::vector<std::map<std::string, std::string>> rows;
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, sheet.c_str());
    if (!layer) {
        GDALClose(ds);
        throw std::runtime_error("no sheet " + sheet + " in " + xlsx.string());
    }
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    if (types)
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
            OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
            (*types)[OGR_Fld_GetNameRef(fd)] = OGR_GetFieldTypeName(OGR_Fld_GetType(fd));
        }
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        std::map<std::string, std::string> row;
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
            row[OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))] = OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "";
        rows.push_back(std::move(row));
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return rows;
}

std::map<std::string, VectorLayer> read_vector(const std::filesystem::path& file) {
    GDALAllRegister();
    // GeoJSON's dates and times as the text written ("2026-12-01", "08:30"), not as GDAL guesses
    // a type from them: the pack keeps them as that text.
    const char* const geojson_options[] = {"DATE_AS_STRING=YES", nullptr};
    const bool geojson = file.extension() == ".geojson";
    GDALDatasetH ds = GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, geojson ? geojson_options : nullptr, nullptr);
    if (!ds) throw std::runtime_error("GDAL cannot open " + file.string());
    std::map<std::string, VectorLayer> out;
    for (int l = 0; l < GDALDatasetGetLayerCount(ds); ++l) {
        OGRLayerH layer = GDALDatasetGetLayer(ds, l);
        VectorLayer& v = out[OGR_L_GetName(layer)];
        v.geometry_type = OGRGeometryTypeToName(OGR_L_GetGeomType(layer));
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
        OGR_L_ResetReading(layer);
        while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
            ++v.features;
            OGRGeometryH g = OGR_F_GetGeometryRef(f);
            if (!g) ++v.no_geometry;
            else if (!OGR_G_IsValid(g)) ++v.invalid;
            char* wkt = nullptr;
            if (g && OGR_G_ExportToWkt(g, &wkt) == OGRERR_NONE) v.wkt.emplace_back(wkt);
            else v.wkt.emplace_back();
            CPLFree(wkt);
            std::map<std::string, std::string> row;
            for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
                row[OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))] = OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "";
            v.rows.push_back(std::move(row));
            OGR_F_Destroy(f);
        }
    }
    GDALClose(ds);
    return out;
}

std::map<std::string, std::string> gpkg_contents(const std::filesystem::path& gpkg, const std::string& table) {
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!ds) throw std::runtime_error("GDAL cannot open " + gpkg.string());
    std::map<std::string, std::string> out;
    const std::string sql = "SELECT identifier, description, data_type, srs_id FROM gpkg_contents WHERE table_name = '" + table + "'";
    if (OGRLayerH rs = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr)) {
        if (OGRFeatureH f = OGR_L_GetNextFeature(rs)) {
            OGRFeatureDefnH defn = OGR_L_GetLayerDefn(rs);
            for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
                out[OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))] = OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "";
            OGR_F_Destroy(f);
        }
        GDALDatasetReleaseResultSet(ds, rs);
    }
    GDALClose(ds);
    return out;
}

std::string read_zip_member(const std::filesystem::path& zip, const std::string& member) {
    const std::string path = "/vsizip/" + zip.string() + "/" + member;
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return "";
    std::string out;
    char buf[65536];
    for (std::size_t n; (n = VSIFReadL(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
    VSIFCloseL(f);
    return out;
}

namespace {
struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

Surface load(const std::filesystem::path& png) {
    Surface s(cairo_image_surface_create_from_png(png.c_str()));
    if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cannot read PNG " + png.string());
    cairo_surface_flush(s.get());
    return s;
}

// Pixel (x, y) as 0xRRGGBB (RGB24 and ARGB32 alike).
unsigned pixel(cairo_surface_t* s, int x, int y) {
    const unsigned char* row = cairo_image_surface_get_data(s) + static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(s);
    return *reinterpret_cast<const std::uint32_t*>(row + 4 * x) & 0xFFFFFFu;
}
}  // namespace

PngInfo read_png(const std::filesystem::path& png) {
    const Surface s = load(png);
    PngInfo info{cairo_image_surface_get_width(s.get()), cairo_image_surface_get_height(s.get()), 0};
    long long coloured = 0;
    for (int y = 0; y < info.height; ++y)
        for (int x = 0; x < info.width; ++x) {
            const unsigned p = pixel(s.get(), x, y);
            coloured += ((p >> 16) & 0xFF) < 240 || ((p >> 8) & 0xFF) < 240 || (p & 0xFF) < 240;
        }
    info.non_white = static_cast<double>(coloured) / (static_cast<double>(info.width) * info.height);
    return info;
}

double png_difference(const std::filesystem::path& a, const std::filesystem::path& b, int threshold) {
    const Surface sa = load(a), sb = load(b);
    const int w = cairo_image_surface_get_width(sa.get()), h = cairo_image_surface_get_height(sa.get());
    if (w != cairo_image_surface_get_width(sb.get()) || h != cairo_image_surface_get_height(sb.get())) return 1;
    long long differ = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const unsigned p = pixel(sa.get(), x, y), q = pixel(sb.get(), x, y);
            for (int shift : {0, 8, 16})
                if (std::abs(static_cast<int>((p >> shift) & 0xFF) - static_cast<int>((q >> shift) & 0xFF)) > threshold) {
                    ++differ;
                    break;
                }
        }
    return static_cast<double>(differ) / (static_cast<double>(w) * h);
}

}  // namespace coverplan::test
