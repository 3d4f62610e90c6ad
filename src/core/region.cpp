#include "core/region.hpp"

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

}  // namespace coverplan
