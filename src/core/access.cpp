#include "core/access.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace coverplan {

double CatchmentConfig::weight(double minutes) const {
    if (!(minutes >= 0) || minutes > catchment_min || zone_weights.empty()) return 0;
    const double zone = catchment_min / static_cast<double>(zone_weights.size());
    // Zones are closed at their far end: exactly 10 minutes is still in 0–10.
    const double z = zone > 0 ? std::ceil(minutes / zone) - 1 : 0;
    std::size_t k = z > 0 ? static_cast<std::size_t>(z) : 0;
    if (k >= zone_weights.size()) k = zone_weights.size() - 1;
    return zone_weights[k];
}

FloatingCatchment floating_catchment(const std::vector<double>& supply, const std::vector<double>& demand, const std::vector<float>& time_s,
                                     const CatchmentConfig& config) {
    const std::size_t ns = supply.size(), nv = demand.size();
    if (time_s.size() != ns * nv) throw std::invalid_argument("floating_catchment: the matrix is not sites × villages");
    const double limit = config.catchment_min * 60;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    FloatingCatchment out;
    out.fca2.assign(nv, 0);
    out.e2sfca.assign(nv, 0);
    out.sites_within.assign(nv, 0);
    out.site_ratio.assign(ns, nan);
    out.site_ratio_e.assign(ns, nan);
    for (std::size_t j = 0; j < ns; ++j) {
        double d = 0, de = 0;
        for (std::size_t k = 0; k < nv; ++k) {
            const double t = time_s[j * nv + k];
            if (!(t <= limit)) continue;
            d += demand[k];
            de += demand[k] * config.weight(t / 60);
        }
        if (d > 0) out.site_ratio[j] = supply[j] / d;
        if (de > 0) out.site_ratio_e[j] = supply[j] / de;
    }
    for (std::size_t i = 0; i < nv; ++i)
        for (std::size_t j = 0; j < ns; ++j) {
            const double t = time_s[j * nv + i];
            if (!(t <= limit)) continue;
            ++out.sites_within[i];
            if (!std::isnan(out.site_ratio[j])) out.fca2[i] += 1000 * out.site_ratio[j];
            if (!std::isnan(out.site_ratio_e[j])) out.e2sfca[i] += 1000 * out.site_ratio_e[j] * config.weight(t / 60);
        }
    return out;
}

}  // namespace coverplan
