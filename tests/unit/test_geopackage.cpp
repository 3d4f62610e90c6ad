// io::GeoPackageWriter as run uses it: GeoJSON writers mirrored into one GeoPackage.
#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "core/error.hpp"
#include "io/geopackage.hpp"

namespace fs = std::filesystem;
using namespace coverplan;

namespace {
fs::path scratch_file(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("coverplan-unit-gpkg-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir / name;
}
}  // namespace

TEST_CASE("the GeoPackage holds what the GeoJSON writers wrote: types, nulls, lists, rounded coordinates, empty layers", "[io][gpkg]") {
    const fs::path path = scratch_file("pack.gpkg");
    std::ostringstream a, b, c;
    {
        io::GeoPackageWriter pack(path, {{"lines.geojson", "lines", "连线", "说明", "<qgis/>"},
                                         {"points.geojson", "points", "点", "", ""},
                                         {"empty.geojson", "empty", "空", "", "<qgis/>"}},
                                  "2026-01-15");
        CHECK(pack.mirror("other.geojson") == nullptr);
        {
            io::GeoJsonWriter gj(a, 7, pack.mirror("lines.geojson"));
            // The first feature has no geometry (a degenerate line): the layer takes the next one's type.
            gj.line(io::JsonProps{}.add("site", "S1").add_null("time_min", io::PropValue::Kind::real), {{112.1, 23.1}, {112.1, 23.1}});
            gj.line(io::JsonProps{}.add("site", "S2").add("time_min", 12.345, 1), {{112.123456789, 23.1}, {112.2, 23.2}});
        }
        {
            io::GeoJsonWriter gj(b, 7, pack.mirror("points.geojson"));
            gj.point(io::JsonProps{}.add("n", 3).add("ok", true).add("codes", std::vector<std::string>{"445303100201", "a\"b"}),
                     {112.5, 23.5});
        }
        { io::GeoJsonWriter gj(c, 7, pack.mirror("empty.geojson")); }
        CHECK_THROWS_AS(pack.mirror("points.geojson"), OutputError);  // one layer per file
        pack.close();
    }
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* lines = ds->GetLayerByName("lines");
    REQUIRE(lines);
    CHECK(wkbFlatten(lines->GetGeomType()) == wkbLineString);
    CHECK(lines->GetFeatureCount() == 2);
    CHECK(std::string(lines->GetMetadataItem("IDENTIFIER")) == "连线");
    std::unique_ptr<OGRFeature> f1(lines->GetNextFeature()), f2(lines->GetNextFeature());
    REQUIRE(f1);
    REQUIRE(f2);
    CHECK(f1->GetGeometryRef() == nullptr);
    CHECK(f1->IsFieldNull(f1->GetFieldIndex("time_min")));
    CHECK(f2->GetFieldAsDouble("time_min") == 12.3);  // as written in the JSON text
    const OGRLineString* l = f2->GetGeometryRef()->toLineString();
    CHECK(l->getX(0) == 112.1234568);  // 7 decimals, as in the file
    OGRLayer* points = ds->GetLayerByName("points");
    REQUIRE(points);
    std::unique_ptr<OGRFeature> p(points->GetNextFeature());
    REQUIRE(p);
    CHECK(p->GetFieldDefnRef(p->GetFieldIndex("n"))->GetType() == OFTInteger64);
    CHECK(p->GetFieldDefnRef(p->GetFieldIndex("ok"))->GetSubType() == OFSTBoolean);
    CHECK(p->GetFieldDefnRef(p->GetFieldIndex("codes"))->GetSubType() == OFSTJSON);
    CHECK(std::string(p->GetFieldAsString("codes")) == "[\"445303100201\",\"a\\\"b\"]");
    OGRLayer* empty = ds->GetLayerByName("empty");
    REQUIRE(empty);
    CHECK(empty->GetFeatureCount() == 0);
    // Styles for the layers that have one.
    OGRLayer* styles = ds->GetLayerByName("layer_styles");
    REQUIRE(styles);
    CHECK(styles->GetFeatureCount() == 2);
    ds.reset();
    fs::remove_all(path.parent_path());
}

TEST_CASE("a GeoPackage that cannot be written is an output error naming the file", "[io][gpkg]") {
    const fs::path path = fs::path("/nonexistent-coverplan-dir") / "pack.gpkg";
    io::GeoPackageWriter pack(path, {{"a.geojson", "a", "a", "", ""}}, "2026-01-15");
    std::ostringstream out;
    {
        io::GeoJsonWriter gj(out, 7, pack.mirror("a.geojson"));
        gj.point(io::JsonProps{}.add("x", 1), {1, 2});
    }
    try {
        pack.close();
        FAIL("close() did not throw");
    } catch (const OutputError& e) {
        CHECK(std::string(e.what()).find("/nonexistent-coverplan-dir/pack.gpkg") != std::string::npos);
    }
}
