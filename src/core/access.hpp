#pragma once
// Access to a social worker (DESIGN §9): the two-step floating catchment area method (2SFCA, after
// Luo and Wang, 2003) and its enhanced form with distance-decay zones (E2SFCA, after Luo and Qi,
// 2009). Supply is the social workers of each site, demand the category-weighted beneficiaries of
// each village (at its centre), distance the travel time by road.
//
//   Step 1, per site j:    R_j = S_j / Σ_k D_k W(t_kj)     over villages k with t_kj ≤ T
//   Step 2, per village i: A_i = 1000 × Σ_j R_j W(t_ij)    over sites j with t_ij ≤ T
//
// A_i is social workers per 1,000 weighted beneficiaries. 2SFCA has W = 1 within the catchment T;
// E2SFCA splits T into equal zones with falling weights (default 1, 0.68, 0.22 for 0–10, 10–20
// and 20–30 minutes). A site with no demand in its catchment gives no access (R_j undefined).
#include <vector>

namespace coverplan {

struct CatchmentConfig {
    double catchment_min = 30;
    std::vector<double> zone_weights{1.0, 0.68, 0.22};  // E2SFCA: equal zones of the catchment, nearest first

    // E2SFCA's weight at `minutes` (0 beyond the catchment).
    double weight(double minutes) const;
};

struct FloatingCatchment {
    std::vector<double> fca2, e2sfca;              // per village, per 1,000 weighted beneficiaries
    std::vector<double> site_ratio, site_ratio_e;  // R_j per site (NaN: no demand in its catchment)
    std::vector<int> sites_within;                 // per village, sites within the catchment
};

// `supply` per site, `demand` per village, `time_s` sites × villages row-major (seconds; beyond
// the catchment or unreached: anything above it, infinity included).
FloatingCatchment floating_catchment(const std::vector<double>& supply, const std::vector<double>& demand, const std::vector<float>& time_s,
                                     const CatchmentConfig& config);

}  // namespace coverplan
