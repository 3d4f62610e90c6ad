#pragma once
// Streaming RFC 7946 GeoJSON: lon/lat WGS84, no "crs" member, properties in the order given,
// fixed decimals so that outputs are byte-identical from run to run.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/geometry.hpp"

namespace coverplan::io {

// An ordered list of JSON properties, serialised as they are added.
class JsonProps {
public:
    JsonProps& add(std::string_view key, std::string_view value);
    JsonProps& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
    JsonProps& add(std::string_view key, const std::string& value) { return add(key, std::string_view(value)); }
    JsonProps& add(std::string_view key, long long value);
    JsonProps& add(std::string_view key, int value) { return add(key, static_cast<long long>(value)); }
    JsonProps& add(std::string_view key, std::size_t value) { return add(key, static_cast<long long>(value)); }
    JsonProps& add(std::string_view key, double value, int decimals);  // NaN → null; ±inf throws std::logic_error
    JsonProps& add(std::string_view key, bool value);
    JsonProps& add(std::string_view key, const std::vector<std::string>& values);
    JsonProps& add_null(std::string_view key);
    const std::string& json() const { return m_json; }

private:
    void key(std::string_view k);
    std::string m_json;
};

std::string json_string(std::string_view s);  // quoted and escaped, UTF-8 kept as is

class GeoJsonWriter {
public:
    explicit GeoJsonWriter(std::ostream& out, int decimals = 7);
    ~GeoJsonWriter();
    GeoJsonWriter(const GeoJsonWriter&) = delete;
    GeoJsonWriter& operator=(const GeoJsonWriter&) = delete;

    // Coordinates must already be lon/lat (EPSG:4326). Polygons are written with RFC 7946's ring
    // orientation; a line of zero length once rounded is written without geometry (null).
    void point(const JsonProps& props, const Point2& p);
    void line(const JsonProps& props, const LineString& l);
    void multipolygon(const JsonProps& props, const MultiPolygon& mp);
    void no_geometry(const JsonProps& props);
    void finish();

private:
    void begin(const JsonProps& props);
    void coord(const Point2& p);
    void ring(const Ring& r);
    std::ostream& m_out;
    int m_decimals;
    bool m_first = true;
    bool m_finished = false;
};

}  // namespace coverplan::io
