#pragma once
// GDAL per thread: a configuration option set for the calling thread while alive (its previous
// value, thread-local or none, restored after; GDAL reads thread-local options before global
// ones), and the last error GDAL reported on this thread, for a message.
#include <cpl_conv.h>
#include <cpl_error.h>

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

// The last error GDAL reported on this thread, as text for a message.
inline std::string gdal_message() {
    const char* m = CPLGetLastErrorMsg();
    return m && *m ? m : "GDAL reported no reason";
}

}  // namespace coverplan::io
