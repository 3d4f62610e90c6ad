#include "core/region.hpp"

#include <set>

namespace coverplan {

std::string_view severity_key(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "info";
    }
    return "error";
}

std::string Region::county_name(const std::string& county_code) const {
    auto it = county_names.find(county_code);
    return it == county_names.end() ? county_code : it->second;
}

std::size_t Region::county_count() const {
    std::set<std::string> codes;
    for (const Township& t : townships) codes.insert(t.county_code());
    return codes.size();
}

}  // namespace coverplan
