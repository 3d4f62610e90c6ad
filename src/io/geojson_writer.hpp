#pragma once
// Streaming RFC 7946 GeoJSON: lon/lat WGS84, no "crs" member, properties in the order given,
// fixed decimals so that outputs are byte-identical from run to run.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/geometry.hpp"

namespace coverplan::io {

// One property as added, typed, for a writer that stores it in another format (pack.gpkg): numbers
// as rounded in the JSON text, null with the type the property has when it is set.
struct PropValue {
    enum class Kind { text, integer, real, boolean, list };
    Kind kind = Kind::text;
    bool null = false;
    std::string text;
    long long integer = 0;  // also a boolean's 0/1
    double real = 0;
    std::vector<std::string> list;
};

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
    JsonProps& add_null(std::string_view key, PropValue::Kind kind);
    const std::string& json() const { return m_json; }
    const std::vector<std::pair<std::string, PropValue>>& values() const { return m_values; }

private:
    PropValue& key(std::string_view k, PropValue::Kind kind);
    std::string m_json;
    std::vector<std::pair<std::string, PropValue>> m_values;
};

// Receives each feature a GeoJsonWriter writes, with its coordinates exactly as written (rounded
// to the file's decimals, rings oriented, a degenerate line as no geometry): pack.gpkg holds the
// same features as the GeoJSON files, feature by feature.
class FeatureMirror {
public:
    virtual ~FeatureMirror() = default;
    virtual void point(const JsonProps& props, Point2 p) = 0;
    virtual void line(const JsonProps& props, LineString&& l) = 0;
    virtual void multipolygon(const JsonProps& props, MultiPolygon&& mp) = 0;
    virtual void no_geometry(const JsonProps& props) = 0;
    virtual void finish() = 0;  // the layer is complete
};

std::string json_string(std::string_view s);  // quoted and escaped, UTF-8 kept as is

class GeoJsonWriter {
public:
    explicit GeoJsonWriter(std::ostream& out, int decimals = 7, FeatureMirror* mirror = nullptr);
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
    Point2 coord(const Point2& p);  // the point as written (parsed back only when mirrored)
    Ring ring(const Ring& r);       // the same, for a ring (empty when not mirrored)
    std::ostream& m_out;
    int m_decimals;
    FeatureMirror* m_mirror;
    bool m_first = true;
    bool m_finished = false;
};

}  // namespace coverplan::io
