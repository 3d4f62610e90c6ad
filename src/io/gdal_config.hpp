#pragma once
// A GDAL configuration option set for the calling thread while alive, its previous value
// (thread-local or none) restored after. GDAL reads thread-local options before global ones.
#include <cpl_conv.h>

#include <optional>
#include <string>

namespace coverplan::io {

class GdalThreadConfig {
public:
    GdalThreadConfig(const char* key, const std::string& value) : m_key(key) {
        if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) m_old = old;
        CPLSetThreadLocalConfigOption(key, value.c_str());
    }
    ~GdalThreadConfig() { CPLSetThreadLocalConfigOption(m_key, m_old ? m_old->c_str() : nullptr); }
    GdalThreadConfig(const GdalThreadConfig&) = delete;
    GdalThreadConfig& operator=(const GdalThreadConfig&) = delete;

private:
    const char* m_key;
    std::optional<std::string> m_old;
};

}  // namespace coverplan::io
