#pragma once
// RAII over PROJ: one context per Transformer (so one per thread), coordinates always in
// traditional GIS order (lon/lat, easting/northing) whatever the CRS's official axis order.
#include <proj.h>

#include <memory>
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace coverplan::geo {

struct ProjContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct ProjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
};
using ProjContextPtr = std::unique_ptr<PJ_CONTEXT, ProjContextDeleter>;
using ProjPtr = std::unique_ptr<PJ, ProjDeleter>;

class Transformer {
public:
    // `from` and `to` are anything PROJ accepts: "EPSG:4326", WKT, PROJJSON, a PROJ string.
    // Throws UsageError naming the CRS when PROJ cannot use it.
    Transformer(const std::string& from, const std::string& to);

    Point2 forward(const Point2& p) const;
    Point2 inverse(const Point2& p) const;
    void forward(std::vector<Point2>& pts) const;
    void inverse(std::vector<Point2>& pts) const;
    void forward(MultiPolygon& mp) const;  // every ring, in place
    bool is_identity() const { return m_identity; }

private:
    void apply(std::vector<Point2>& pts, PJ_DIRECTION dir) const;
    ProjContextPtr m_ctx;
    ProjPtr m_pj;
    bool m_identity = false;
};

// "EPSG:326zz" (north) or "EPSG:327zz" (south) for the UTM zone holding lon/lat.
std::string utm_crs_for(double lon, double lat);

// The default working CRS for data centred at lon/lat: within the box around China (73–136°E,
// 3–54°N) the CGCS2000 3-degree Gauss–Krüger zone of the centre (EPSG:4534–4554, central
// meridians 75°E–135°E, the national mapping standard, scale 1 on the central meridian),
// elsewhere the UTM zone. The box also holds neighbouring countries; there the zone is still an
// accurate local transverse Mercator (CGCS2000 and WGS 84 agree to centimetres), only its name
// is Chinese.
std::string default_crs_for(double lon, double lat);

// Facts about a CRS definition, for validating the project's working CRS.
struct CrsInfo {
    bool valid = false;
    bool geographic = false;
    bool metric = false;     // projected with metre units
    std::string name;
    std::string error;
};
CrsInfo describe_crs(const std::string& definition);

}  // namespace coverplan::geo
