#pragma once
// RAII over the GEOS C API (re-entrant _r functions): one context per thread, one owning
// pointer type per geometry. Conversions to and from the core geometry values live here.
#include <geos_c.h>

#include <memory>
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace coverplan::geo {

class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const { return m_handle; }
    const std::string& last_error() const { return m_last_error; }

private:
    static void on_error(const char* message, void* self);
    GEOSContextHandle_t m_handle;
    std::string m_last_error;
};

struct GeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(ctx, g); }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

class Geos {
public:
    Geos() = default;

    GeomPtr own(GEOSGeometry* g, const char* what) const;  // throws with GEOS's message on null
    GeomPtr polygon(const Polygon& p) const;
    GeomPtr multipolygon(const MultiPolygon& mp) const;
    GeomPtr point(const Point2& p) const;
    GeomPtr line(const LineString& l) const;
    GeomPtr multipoint(const std::vector<Point2>& pts) const;

    // Polygonal parts of any geometry (polygon, multipolygon, collection), in order.
    MultiPolygon to_multipolygon(const GEOSGeometry* g) const;
    // Linear parts of any geometry (line, multiline, collection), in order; empty parts left out.
    std::vector<LineString> to_lines(const GEOSGeometry* g) const;

    bool is_valid(const GEOSGeometry* g) const;
    std::string invalid_reason(const GEOSGeometry* g) const;
    GeomPtr make_valid(const GEOSGeometry* g) const;
    Point2 point_on_surface(const GEOSGeometry* g) const;
    // Snaps to a grid of `grid` units and returns valid geometry (GEOS precision model):
    // what to write when coordinates are rounded on output.
    MultiPolygon snap_to_grid(const MultiPolygon& mp, double grid) const;
    GeomPtr intersection(const GEOSGeometry* a, const GEOSGeometry* b) const;
    GeomPtr difference(const GEOSGeometry* a, const GEOSGeometry* b) const;
    GeomPtr buffer(const GEOSGeometry* g, double width) const;
    GeomPtr unite(const GEOSGeometry* a, const GEOSGeometry* b) const;  // the union, valid  // round ends and joins, 8 segments a quarter circle
    // Douglas–Peucker that keeps the topology (no ring crosses another or itself).
    GeomPtr simplify_keeping_topology(const GEOSGeometry* g, double tolerance) const;
    // Voronoi cells of `sites`, one per site in the order given, clipped to `clip`.
    std::vector<MultiPolygon> voronoi_cells(const std::vector<Point2>& sites, const GEOSGeometry* clip) const;

    GEOSContextHandle_t ctx() const { return m_ctx.handle(); }
    const std::string& last_error() const { return m_ctx.last_error(); }

private:
    Ring ring_from(const GEOSGeometry* ring) const;
    GEOSGeometry* make_ring(const Ring& r) const;
    GeosContext m_ctx;
};

struct PreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(ctx, g); }
};

// A geometry prepared for many predicate tests against it (GEOS indexes its edges once). It owns
// the geometry it was prepared from, which must outlive the prepared form.
class PreparedGeometry {
public:
    PreparedGeometry(const Geos& geos, GeomPtr geometry);
    bool intersects(const GEOSGeometry* other) const;  // throws with GEOS's message on failure
    bool touches(const GEOSGeometry* other) const;     // meet only on their boundaries

private:
    const Geos& m_geos;
    GeomPtr m_geometry;
    std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter> m_prepared;
};

// Repairs an invalid polygon with GEOS MakeValid. Returns the input unchanged when valid;
// `reason` receives GEOS's description of what was wrong.
MultiPolygon repair_polygon(const Geos& geos, const MultiPolygon& mp, std::string* reason);

}  // namespace coverplan::geo
