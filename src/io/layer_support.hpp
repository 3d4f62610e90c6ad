#pragma once
// What the layer loaders share (load_region.cpp for the administrative layers, sites and
// beneficiaries; load_roads.cpp for roads): reprojection that fails loudly, and the messages for
// an empty layer and a wrong geometry type.
#include <cmath>
#include <string>
#include <vector>

#include "core/region.hpp"
#include "geo/proj_transform.hpp"
#include "io/gdal_source.hpp"

namespace coverplan::io {

// Reprojects geometries of one layer into the working CRS and fails loudly when PROJ cannot.
class LayerProjector {
public:
    LayerProjector(const GdalSource& src, const std::string& working)
        : m_src(src), m_from(src.crs_definition()), m_tf(make(m_from, working, src)) {}

    void apply(const OGRFeature& f, std::vector<Point2>& pts) const {
        m_tf.forward(pts);
        for (const Point2& p : pts) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
                throw InputError(m_src.where(f),
                                 {"coordinates could not be transformed from " + m_from +
                                      " to the working CRS; check the layer's CRS (are longitude and latitude swapped?)",
                                  "坐标无法从 " + m_from + " 转换到工作坐标系；请检查图层坐标系（经纬度是否颠倒？）"});
            }
        }
    }
    Point2 apply(const OGRFeature& f, Point2 p) const {
        std::vector<Point2> v{p};
        apply(f, v);
        return v[0];
    }
    void apply(const OGRFeature& f, SourceGeometry& g) const {
        if (g.kind == SourceGeometry::Kind::point) g.point = apply(f, g.point);
        for (auto& poly : g.polygons) {
            apply(f, poly.outer);
            for (auto& h : poly.holes) apply(f, h);
        }
        for (auto& l : g.lines) apply(f, l);
    }

private:
    static geo::Transformer make(const std::string& from, const std::string& to, const GdalSource& src) {
        try {
            return geo::Transformer(from, to);
        } catch (const Error& e) {
            throw InputError(Where{src.file_label(), src.layer_name()}, e.text());
        }
    }
    const GdalSource& m_src;
    std::string m_from;
    geo::Transformer m_tf;
};

[[noreturn]] inline void empty_layer(const GdalSource& src, const std::string& what_en, const std::string& what_zh) {
    throw InputError(Where{src.file_label(), src.layer_name()},
                     {"expected " + what_en + ", found no features" + (src.spec().where.empty() ? "" : " (after where = \"" + src.spec().where + "\")"),
                      "应有" + what_zh + "，实际没有要素" + (src.spec().where.empty() ? "" : "（where 条件过滤之后）")});
}

[[noreturn]] inline void wrong_geometry(const GdalSource& src, const OGRFeature& f, const SourceGeometry& g,
                                 const std::string& expected_en, const std::string& expected_zh) {
    const std::string found = g.found.empty() ? "no geometry" : g.found;
    throw InputError(src.where(f), {"expected " + expected_en + " geometry, found " + found,
                                    "几何应为" + expected_zh + "，实际为 " + (g.found.empty() ? "空" : g.found)});
}

void count_layer(Region& region, const GdalSource& src, std::size_t read, std::size_t used);

// Reads a road layer into region.roads (working CRS already set), with its notes and counts.
void load_roads_into(const LayerSpec& spec, Region& region);

}  // namespace coverplan::io
