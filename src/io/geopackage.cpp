#include "io/geopackage.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "core/error.hpp"
#include "io/geojson_writer.hpp"

namespace coverplan::io {

namespace fs = std::filesystem;

namespace {

// One GDAL configuration option set for this thread while alive, the previous value restored.
class ThreadConfig {
public:
    ThreadConfig(const char* key, const std::string& value) : m_key(key) {
        if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) m_old = old;
        CPLSetThreadLocalConfigOption(key, value.c_str());
    }
    ~ThreadConfig() { CPLSetThreadLocalConfigOption(m_key, m_old ? m_old->c_str() : nullptr); }
    ThreadConfig(const ThreadConfig&) = delete;
    ThreadConfig& operator=(const ThreadConfig&) = delete;

private:
    const char* m_key;
    std::optional<std::string> m_old;
};

std::string gdal_message() {
    const char* m = CPLGetLastErrorMsg();
    return m && *m ? m : "GDAL reported no reason";
}

[[noreturn]] void fail(const fs::path& gpkg, const std::string& table, const std::string& why) {
    throw OutputError({"cannot write layer " + table + " of " + gpkg.string() + ": " + why,
                       "无法写入 " + gpkg.string() + " 的图层 " + table + "：" + why});
}

// Copies the one layer of a GeoJSON file into `dst` as `layer.table`, in one transaction.
void copy_layer(GDALDataset& dst, const fs::path& gpkg, const fs::path& file, const PackLayer& layer) {
    const char* const drivers[] = {"GeoJSON", nullptr};
    GDALDatasetUniquePtr src(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    if (!src || src->GetLayerCount() != 1) fail(gpkg, layer.table, "cannot read " + file.string() + ": " + gdal_message());
    OGRLayer& in = *src->GetLayer(0);
    OGRFeatureDefn& defn = *in.GetLayerDefn();
    CPLStringList options;
    options.SetNameValue("GEOMETRY_NAME", "geom");
    options.SetNameValue("FID", "fid");
    options.SetNameValue("SPATIAL_INDEX", "YES");
    options.SetNameValue("IDENTIFIER", layer.title.c_str());
    options.SetNameValue("DESCRIPTION", layer.description.c_str());
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    OGRLayer* out = dst.CreateLayer(layer.table.c_str(), &wgs84, defn.GetGeomType(), options.List());
    if (!out) fail(gpkg, layer.table, gdal_message());
    // GeoPackage has no list type: a list (the codes of served villages) is stored as a JSON
    // array, which QGIS shows as such and coverplan reads back as a list of codes.
    std::vector<int> lists;
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        OGRFieldDefn field(defn.GetFieldDefn(i));
        const OGRFieldType type = field.GetType();
        if (type == OFTStringList || type == OFTIntegerList || type == OFTInteger64List || type == OFTRealList) {
            lists.push_back(i);
            field.SetType(OFTString);
            field.SetSubType(OFSTJSON);
        }
        if (out->CreateField(&field) != OGRERR_NONE) fail(gpkg, layer.table, gdal_message());
    }
    if (dst.StartTransaction() != OGRERR_NONE) fail(gpkg, layer.table, gdal_message());
    in.ResetReading();
    for (std::unique_ptr<OGRFeature> f(in.GetNextFeature()); f; f.reset(in.GetNextFeature())) {
        OGRFeature copy(out->GetLayerDefn());
        const bool copied = copy.SetFrom(f.get(), TRUE) == OGRERR_NONE;
        for (const int i : lists) {
            if (!f->IsFieldSetAndNotNull(i)) continue;
            std::string json = "[";
            if (defn.GetFieldDefn(i)->GetType() == OFTStringList) {
                const char* const* items = f->GetFieldAsStringList(i);
                for (int k = 0; items && items[k]; ++k) json += (k ? "," : "") + json_string(items[k]);
            } else {
                const char* const* items = CSLTokenizeString2(f->GetFieldAsString(i), "(:,)", 0);
                for (int k = 1; items && items[k]; ++k) json += std::string(k > 1 ? "," : "") + items[k];  // numbers as written
                CSLDestroy(const_cast<char**>(items));
            }
            copy.SetField(i, (json + "]").c_str());
        }
        if (!copied || out->CreateFeature(&copy) != OGRERR_NONE)
            fail(gpkg, layer.table, "feature " + std::to_string(f->GetFID()) + ": " + gdal_message());
    }
    if (dst.CommitTransaction() != OGRERR_NONE) fail(gpkg, layer.table, gdal_message());
}

// The table QGIS reads a layer's default style from (its "GeoPackage styling extension"):
// QGIS selects the row by f_table_schema = '', f_table_name and f_geometry_column.
void write_styles(GDALDataset& dst, const fs::path& gpkg, const std::vector<std::pair<const PackLayer*, bool>>& written,
                  const std::string& date) {
    CPLStringList options;
    options.SetNameValue("FID", "id");
    options.SetNameValue("IDENTIFIER", "layer_styles");
    options.SetNameValue("DESCRIPTION", "QGIS default styles of the layers (styleQML)");
    OGRLayer* out = dst.CreateLayer("layer_styles", nullptr, wkbNone, options.List());
    if (!out) fail(gpkg, "layer_styles", gdal_message());
    auto text_field = [&](const char* name, int width) {
        OGRFieldDefn f(name, OFTString);
        f.SetWidth(width);
        if (out->CreateField(&f) != OGRERR_NONE) fail(gpkg, "layer_styles", gdal_message());
    };
    for (const char* name : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column"}) text_field(name, 256);
    text_field("styleName", 0);
    text_field("styleQML", 0);
    text_field("styleSLD", 0);
    OGRFieldDefn use("useAsDefault", OFTInteger);
    use.SetSubType(OFSTBoolean);
    OGRFieldDefn stamp("update_time", OFTDateTime);
    if (out->CreateField(&use) != OGRERR_NONE || out->CreateField(&stamp) != OGRERR_NONE) fail(gpkg, "layer_styles", gdal_message());
    for (const char* name : {"description", "owner", "ui"}) text_field(name, std::string(name) == "description" ? 0 : 30);
    int y = 1970, m = 1, d = 1;
    std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d);
    if (dst.StartTransaction() != OGRERR_NONE) fail(gpkg, "layer_styles", gdal_message());
    for (const auto& [layer, present] : written) {
        if (!present || layer->qml.empty()) continue;
        OGRFeature f(out->GetLayerDefn());
        f.SetField("f_table_catalog", "");
        f.SetField("f_table_schema", "");
        f.SetField("f_table_name", layer->table.c_str());
        f.SetField("f_geometry_column", "geom");
        f.SetField("styleName", layer->style_name.c_str());
        f.SetField("styleQML", layer->qml.c_str());
        f.SetField("useAsDefault", 1);
        f.SetField("update_time", y, m, d, 0, 0, 0, 100);
        f.SetField("description", layer->title.c_str());
        f.SetField("owner", "coverplan");
        if (out->CreateFeature(&f) != OGRERR_NONE) fail(gpkg, "layer_styles", gdal_message());
    }
    if (dst.CommitTransaction() != OGRERR_NONE) fail(gpkg, "layer_styles", gdal_message());
}

}  // namespace

void write_geopackage(const fs::path& gpkg, const fs::path& folder, const std::vector<PackLayer>& layers, const std::string& date) {
    GDALAllRegister();
    // Timestamps from the run's date (byte-identical files); no fsync per transaction: the file is
    // written in the staging folder and lands, whole, with the rest of the outputs.
    const ThreadConfig stamp("OGR_CURRENT_DATE", date + "T00:00:00.000Z");
    const ThreadConfig sync("OGR_SQLITE_SYNCHRONOUS", "OFF");
    std::error_code ec;
    fs::remove(gpkg, ec);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) fail(gpkg, "(all)", "GDAL has no GPKG driver");
    GDALDatasetUniquePtr dst(driver->Create(gpkg.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dst) fail(gpkg, "(all)", gdal_message());
    std::vector<std::pair<const PackLayer*, bool>> written;
    for (const PackLayer& layer : layers) {
        const fs::path file = folder / layer.file;
        const bool present = fs::exists(file, ec);
        if (present) copy_layer(*dst, gpkg, file, layer);
        written.emplace_back(&layer, present);
    }
    write_styles(*dst, gpkg, written, date);
    CPLErrorReset();
    GDALClose(dst.release());  // writes the last pages; GDAL 3.6 reports a failure only as its last error
    if (CPLGetLastErrorType() == CE_Failure) fail(gpkg, "(all)", gdal_message());
}

}  // namespace coverplan::io
