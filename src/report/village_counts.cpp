#include "report/village_counts.hpp"

#include <cmath>

#include "core/text.hpp"
#include "core/travel_time.hpp"

namespace coverplan::report {

std::vector<std::array<int, k_category_count>> counts_by_village(const Region& region) {
    std::vector<std::array<int, k_category_count>> out(region.villages.size());
    for (auto& a : out) a.fill(0);
    for (const Beneficiary& b : region.beneficiaries) {
        if (!b.village) continue;
        for (int c = 0; c < k_category_count; ++c)
            if (b.categories & bit(static_cast<Category>(c))) ++out[b.village->value][static_cast<std::size_t>(c)];
    }
    return out;
}

std::vector<int> beneficiaries_by_village(const Region& region) {
    std::vector<int> out(region.villages.size(), 0);
    for (const Beneficiary& b : region.beneficiaries)
        if (b.village) ++out[b.village->value];
    return out;
}

std::string within_key(double minutes) { return "within_" + format_decimal(minutes, 1) + "min"; }

void add_time(io::JsonProps& p, std::string_view key, double s) {
    if (s == k_unreached) p.add_null(key, io::PropValue::Kind::real);
    else p.add(key, s / 60, 2);
}

}  // namespace coverplan::report
