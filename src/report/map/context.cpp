#include "report/map/context.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <set>

#include "geo/proj_transform.hpp"
#include "io/gdal_source.hpp"

namespace coverplan::report::assets {
extern const char k_context_counties[];
extern const std::size_t k_context_counties_size;
}  // namespace coverplan::report::assets

namespace coverplan::report::map {

std::vector<ContextArea> prefecture_context(const Region& region) {
    std::set<std::string> counties, prefectures;
    for (const Township& t : region.townships)
        if (t.code.size() == 9) {
            counties.insert(t.county_code());
            prefectures.insert(t.code.substr(0, 4));
        }
    if (prefectures.empty()) return {};
    // Read from GDAL's memory file system: nothing on disk, nothing left behind.
    const std::string path = "/vsimem/coverplan/context_counties.geojson";
    VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(assets::k_context_counties)),
                                       static_cast<vsi_l_offset>(assets::k_context_counties_size), FALSE);
    if (!f) return {};
    VSIFCloseL(f);
    std::vector<ContextArea> out;
    {
        const char* drivers[] = {"GeoJSON", nullptr};
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
        OGRLayer* layer = ds ? ds->GetLayer(0) : nullptr;
        if (layer) {
            const geo::Transformer to_working("EPSG:4326", region.working_crs);
            for (const auto& feature : *layer) {
                const std::string code = feature->GetFieldAsString("adcode");
                if (code.size() != 6 || !prefectures.count(code.substr(0, 4)) || !feature->GetGeometryRef()) continue;
                ContextArea a;
                a.code = code;
                a.here = counties.count(code) > 0;
                io::append_polygons(*feature->GetGeometryRef(), a.polygon);
                to_working.forward(a.polygon);
                out.push_back(std::move(a));
            }
        }
    }
    VSIUnlink(path.c_str());
    const bool found = std::any_of(out.begin(), out.end(), [](const ContextArea& a) { return a.here; });
    return found ? out : std::vector<ContextArea>{};
}

}  // namespace coverplan::report::map
