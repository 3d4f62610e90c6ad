#include "geo/geos_context.hpp"

#include <cstdarg>
#include <cstdio>
#include <stdexcept>

#include "core/error.hpp"

namespace coverplan::geo {

void GeosContext::on_error(const char* message, void* self) {
    static_cast<GeosContext*>(self)->m_last_error = message ? message : "";
}

GeosContext::GeosContext() : m_handle(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(m_handle, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(m_handle); }

GeomPtr Geos::own(GEOSGeometry* g, const char* what) const {
    if (!g) {
        throw Error(ExitCode::internal, {std::string("GEOS ") + what + " failed: " + m_ctx.last_error(),
                                         std::string("GEOS ") + what + " 计算失败：" + m_ctx.last_error()});
    }
    return GeomPtr(g, GeomDeleter{ctx()});
}

PreparedGeometry::PreparedGeometry(const Geos& geos, GeomPtr geometry)
    : m_geos(geos), m_geometry(std::move(geometry)), m_prepared(GEOSPrepare_r(geos.ctx(), m_geometry.get()), PreparedDeleter{geos.ctx()}) {
    if (!m_prepared)
        throw Error(ExitCode::internal, {"GEOS prepare failed: " + geos.last_error(), "GEOS 几何预处理失败：" + geos.last_error()});
}

bool PreparedGeometry::intersects(const GEOSGeometry* other) const {
    const char r = GEOSPreparedIntersects_r(m_geos.ctx(), m_prepared.get(), other);
    if (r == 2)
        throw Error(ExitCode::internal, {"GEOS intersects failed: " + m_geos.last_error(), "GEOS 相交判断失败：" + m_geos.last_error()});
    return r == 1;
}

bool PreparedGeometry::touches(const GEOSGeometry* other) const {
    const char r = GEOSPreparedTouches_r(m_geos.ctx(), m_prepared.get(), other);
    if (r == 2) throw Error(ExitCode::internal, {"GEOS touches failed: " + m_geos.last_error(), "GEOS 相接判断失败：" + m_geos.last_error()});
    return r == 1;
}

GEOSGeometry* Geos::make_ring(const Ring& r) const {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx(), static_cast<unsigned>(r.size()), 2);
    for (unsigned i = 0; i < r.size(); ++i) GEOSCoordSeq_setXY_r(ctx(), seq, i, r[i].x, r[i].y);
    return GEOSGeom_createLinearRing_r(ctx(), seq);
}

GeomPtr Geos::polygon(const Polygon& p) const {
    GEOSGeometry* shell = make_ring(p.outer);
    if (!shell) return own(nullptr, "ring");
    std::vector<GEOSGeometry*> holes;
    for (const auto& h : p.holes) holes.push_back(make_ring(h));
    return own(GEOSGeom_createPolygon_r(ctx(), shell, holes.data(), static_cast<unsigned>(holes.size())), "polygon");
}

GeomPtr Geos::multipolygon(const MultiPolygon& mp) const {
    std::vector<GEOSGeometry*> parts;
    for (const auto& p : mp) parts.push_back(polygon(p).release());
    return own(GEOSGeom_createCollection_r(ctx(), GEOS_MULTIPOLYGON, parts.data(), static_cast<unsigned>(parts.size())),
               "multipolygon");
}

GeomPtr Geos::point(const Point2& p) const { return own(GEOSGeom_createPointFromXY_r(ctx(), p.x, p.y), "point"); }

GeomPtr Geos::line(const LineString& l) const {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx(), static_cast<unsigned>(l.size()), 2);
    for (unsigned i = 0; i < l.size(); ++i) GEOSCoordSeq_setXY_r(ctx(), seq, i, l[i].x, l[i].y);
    return own(GEOSGeom_createLineString_r(ctx(), seq), "line");
}

GeomPtr Geos::multipoint(const std::vector<Point2>& pts) const {
    std::vector<GEOSGeometry*> parts;
    for (const auto& p : pts) parts.push_back(point(p).release());
    return own(GEOSGeom_createCollection_r(ctx(), GEOS_MULTIPOINT, parts.data(), static_cast<unsigned>(parts.size())),
               "multipoint");
}

Ring Geos::ring_from(const GEOSGeometry* ring) const {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx(), ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(ctx(), seq, &n);
    Ring r(n);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(ctx(), seq, i, &r[i].x, &r[i].y);
    return r;
}

MultiPolygon Geos::to_multipolygon(const GEOSGeometry* g) const {
    MultiPolygon out;
    const int type = GEOSGeomTypeId_r(ctx(), g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(ctx(), g)) return out;
        Polygon p;
        p.outer = ring_from(GEOSGetExteriorRing_r(ctx(), g));
        const int holes = GEOSGetNumInteriorRings_r(ctx(), g);
        for (int i = 0; i < holes; ++i) p.holes.push_back(ring_from(GEOSGetInteriorRingN_r(ctx(), g, i)));
        out.push_back(std::move(p));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx(), g);
        for (int i = 0; i < n; ++i) {
            MultiPolygon part = to_multipolygon(GEOSGetGeometryN_r(ctx(), g, i));
            for (auto& p : part) out.push_back(std::move(p));
        }
    }
    return out;
}

std::vector<LineString> Geos::to_lines(const GEOSGeometry* g) const {
    std::vector<LineString> out;
    const int type = GEOSGeomTypeId_r(ctx(), g);
    if (type == GEOS_LINESTRING) {
        if (GEOSisEmpty_r(ctx(), g)) return out;
        LineString l = ring_from(g);
        if (l.size() >= 2) out.push_back(std::move(l));
    } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx(), g);
        for (int i = 0; i < n; ++i)
            for (LineString& l : to_lines(GEOSGetGeometryN_r(ctx(), g, i))) out.push_back(std::move(l));
    }
    return out;
}

bool Geos::is_valid(const GEOSGeometry* g) const { return GEOSisValid_r(ctx(), g) == 1; }

std::string Geos::invalid_reason(const GEOSGeometry* g) const {
    char* r = GEOSisValidReason_r(ctx(), g);
    std::string s = r ? r : "";
    GEOSFree_r(ctx(), r);
    return s;
}

GeomPtr Geos::make_valid(const GEOSGeometry* g) const { return own(GEOSMakeValid_r(ctx(), g), "MakeValid"); }

Point2 Geos::point_on_surface(const GEOSGeometry* g) const {
    GeomPtr p = own(GEOSPointOnSurface_r(ctx(), g), "PointOnSurface");
    Point2 out;
    GEOSGeomGetX_r(ctx(), p.get(), &out.x);
    GEOSGeomGetY_r(ctx(), p.get(), &out.y);
    return out;
}

MultiPolygon Geos::snap_to_grid(const MultiPolygon& mp, double grid) const {
    GeomPtr g = multipolygon(mp);
    if (!is_valid(g.get())) g = make_valid(g.get());  // setPrecision needs valid input
    GeomPtr snapped = own(GEOSGeom_setPrecision_r(ctx(), g.get(), grid, 0), "setPrecision");
    return to_multipolygon(snapped.get());
}

GeomPtr Geos::intersection(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return own(GEOSIntersection_r(ctx(), a, b), "intersection");
}

GeomPtr Geos::difference(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return own(GEOSDifference_r(ctx(), a, b), "difference");
}

GeomPtr Geos::buffer(const GEOSGeometry* g, double width) const { return own(GEOSBuffer_r(ctx(), g, width, 8), "buffer"); }

GeomPtr Geos::unite(const GEOSGeometry* a, const GEOSGeometry* b) const { return own(GEOSUnion_r(ctx(), a, b), "union"); }

GeomPtr Geos::simplify_keeping_topology(const GEOSGeometry* g, double tolerance) const {
    return own(GEOSTopologyPreserveSimplify_r(ctx(), g, tolerance), "TopologyPreserveSimplify");
}

std::vector<MultiPolygon> Geos::voronoi_cells(const std::vector<Point2>& sites, const GEOSGeometry* clip) const {
    GeomPtr pts = multipoint(sites);
    GeomPtr cells = own(GEOSVoronoiDiagram_r(ctx(), pts.get(), clip, 0.0, 0), "Voronoi");
    // GEOS returns cells in no documented order: match each cell to the site it contains.
    std::vector<MultiPolygon> out(sites.size());
    const int n = GEOSGetNumGeometries_r(ctx(), cells.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx(), cells.get(), i);
        for (std::size_t s = 0; s < sites.size(); ++s) {
            if (!out[s].empty()) continue;
            GeomPtr p = point(sites[s]);
            if (GEOSIntersects_r(ctx(), cell, p.get()) == 1) {
                GeomPtr clipped = intersection(cell, clip);
                out[s] = to_multipolygon(clipped.get());
                break;
            }
        }
    }
    return out;
}

MultiPolygon repair_polygon(const Geos& geos, const MultiPolygon& mp, std::string* reason) {
    GeomPtr g = geos.multipolygon(mp);
    if (geos.is_valid(g.get())) return mp;
    if (reason) *reason = geos.invalid_reason(g.get());
    GeomPtr fixed = geos.make_valid(g.get());
    return geos.to_multipolygon(fixed.get());
}

}  // namespace coverplan::geo
