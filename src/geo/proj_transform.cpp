#include "geo/proj_transform.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "core/error.hpp"

namespace coverplan::geo {

namespace {
std::string proj_error(PJ_CONTEXT* ctx) { return proj_context_errno_string(ctx, proj_context_errno(ctx)); }

// The single operations found so far, by (from, to), shared by every thread.
std::mutex g_pipelines_mutex;
std::map<std::pair<std::string, std::string>, std::string> g_pipelines;

std::optional<std::string> known_pipeline(const std::pair<std::string, std::string>& key) {
    const std::lock_guard<std::mutex> lock(g_pipelines_mutex);
    const auto it = g_pipelines.find(key);
    if (it == g_pipelines.end()) return std::nullopt;
    return it->second;
}

void remember_pipeline(const std::pair<std::string, std::string>& key, const std::string& pipeline) {
    const std::lock_guard<std::mutex> lock(g_pipelines_mutex);
    g_pipelines.emplace(key, pipeline);
}
}  // namespace

Transformer::Transformer(const std::string& from, const std::string& to) : m_ctx(proj_context_create()) {
    proj_log_level(m_ctx.get(), PJ_LOG_NONE);
    if (from == to) {
        m_identity = true;
        return;
    }
    // Finding the operation between two CRS searches PROJ's database: 55-110 ms from WGS 84 to a
    // CGCS2000 zone, against 2-20 ms to UTM, and a run makes a dozen Transformers. When the
    // search ends in one operation (not alternatives chosen by area), its pipeline is kept for
    // the process and later Transformers of the same pair are built from it in a fraction of
    // a millisecond: the same operation, so the same coordinates.
    const std::pair<std::string, std::string> key{from, to};
    if (const std::optional<std::string> pipeline = known_pipeline(key)) {
        m_pj.reset(proj_create(m_ctx.get(), pipeline->c_str()));
        if (m_pj) return;
    }
    PJ* raw = proj_create_crs_to_crs(m_ctx.get(), from.c_str(), to.c_str(), nullptr);
    if (!raw) {
        const std::string why = proj_error(m_ctx.get());
        throw UsageError({"cannot transform coordinates from CRS \"" + from + "\" to \"" + to + "\": " + why,
                          "无法将坐标从 \"" + from + "\" 转换到 \"" + to + "\"：" + why});
    }
    ProjPtr pj(raw);
    m_pj.reset(proj_normalize_for_visualization(m_ctx.get(), pj.get()));
    if (!m_pj) throw UsageError({"cannot normalise axis order for CRS \"" + from + "\"", "无法规范坐标轴顺序：" + from});
    // Null for a set of alternative operations: those are searched again each time.
    if (const char* pipeline = proj_as_proj_string(m_ctx.get(), m_pj.get(), PJ_PROJ_5, nullptr)) remember_pipeline(key, pipeline);
}

void Transformer::apply(std::vector<Point2>& pts, PJ_DIRECTION dir) const {
    if (m_identity || pts.empty()) return;
    proj_trans_generic(m_pj.get(), dir, &pts[0].x, sizeof(Point2), pts.size(), &pts[0].y, sizeof(Point2), pts.size(),
                       nullptr, 0, 0, nullptr, 0, 0);
}

Point2 Transformer::forward(const Point2& p) const {
    std::vector<Point2> v{p};
    apply(v, PJ_FWD);
    return v[0];
}

Point2 Transformer::inverse(const Point2& p) const {
    std::vector<Point2> v{p};
    apply(v, PJ_INV);
    return v[0];
}

void Transformer::forward(std::vector<Point2>& pts) const { apply(pts, PJ_FWD); }
void Transformer::inverse(std::vector<Point2>& pts) const { apply(pts, PJ_INV); }

void Transformer::forward(MultiPolygon& mp) const {
    for (auto& poly : mp) {
        apply(poly.outer, PJ_FWD);
        for (auto& h : poly.holes) apply(h, PJ_FWD);
    }
}

std::string utm_crs_for(double lon, double lat) {
    int zone = static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1;
    zone = std::max(1, std::min(60, zone));
    return "EPSG:" + std::to_string((lat >= 0 ? 32600 : 32700) + zone);
}

std::string default_crs_for(double lon, double lat) {
    if (lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54) {
        const int cm = std::max(75, std::min(135, static_cast<int>(std::lround(lon / 3.0)) * 3));
        return "EPSG:" + std::to_string(4534 + (cm - 75) / 3);
    }
    return utm_crs_for(lon, lat);
}

CrsInfo describe_crs(const std::string& definition) {
    CrsInfo info;
    ProjContextPtr ctx(proj_context_create());
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    ProjPtr crs(proj_create(ctx.get(), definition.c_str()));
    if (!crs) {
        info.error = proj_error(ctx.get());
        return info;
    }
    const PJ_TYPE type = proj_get_type(crs.get());
    info.valid = proj_is_crs(crs.get()) == 1;
    if (!info.valid) {
        info.error = "not a coordinate reference system";
        return info;
    }
    if (const char* n = proj_get_name(crs.get())) info.name = n;
    info.geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
    ProjPtr cs(proj_crs_get_coordinate_system(ctx.get(), crs.get()));
    if (cs && type == PJ_TYPE_PROJECTED_CRS) {
        double factor = 0;
        proj_cs_get_axis_info(ctx.get(), cs.get(), 0, nullptr, nullptr, nullptr, &factor, nullptr, nullptr, nullptr);
        info.metric = std::abs(factor - 1.0) < 1e-12;
    }
    return info;
}

}  // namespace coverplan::geo
