#include "io/geojson_writer.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/text.hpp"

namespace coverplan::io {

std::string json_string(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

void JsonProps::key(std::string_view k) {
    if (!m_json.empty()) m_json += ", ";
    m_json += json_string(k);
    m_json += ": ";
}

JsonProps& JsonProps::add(std::string_view k, std::string_view value) {
    key(k);
    m_json += json_string(value);
    return *this;
}

JsonProps& JsonProps::add(std::string_view k, long long value) {
    key(k);
    m_json += std::to_string(value);
    return *this;
}

JsonProps& JsonProps::add(std::string_view k, double value, int decimals) {
    // NaN says "no value" (null); an infinity would be a number no JSON parser reads: a bug upstream.
    if (std::isinf(value)) throw std::logic_error("GeoJSON property \"" + std::string(k) + "\" is infinite");
    key(k);
    m_json += std::isnan(value) ? "null" : format_decimal(value, decimals);
    return *this;
}

JsonProps& JsonProps::add(std::string_view k, bool value) {
    key(k);
    m_json += value ? "true" : "false";
    return *this;
}

JsonProps& JsonProps::add(std::string_view k, const std::vector<std::string>& values) {
    key(k);
    m_json += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) m_json += ", ";
        m_json += json_string(values[i]);
    }
    m_json += ']';
    return *this;
}

JsonProps& JsonProps::add_null(std::string_view k) {
    key(k);
    m_json += "null";
    return *this;
}

GeoJsonWriter::GeoJsonWriter(std::ostream& out, int decimals) : m_out(out), m_decimals(decimals) {
    m_out << "{\n\"type\": \"FeatureCollection\",\n\"features\": [\n";
}

GeoJsonWriter::~GeoJsonWriter() {
    if (!m_finished) finish();
}

void GeoJsonWriter::finish() {
    if (m_finished) return;
    m_finished = true;
    m_out << (m_first ? "" : "\n") << "]\n}\n";
}

void GeoJsonWriter::begin(const JsonProps& props) {
    m_out << (m_first ? "" : ",\n") << "{\"type\": \"Feature\", \"properties\": {" << props.json() << "}, \"geometry\": ";
    m_first = false;
}

void GeoJsonWriter::coord(const Point2& p) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) throw std::logic_error("GeoJSON coordinate is not finite");
    m_out << '[' << format_decimal(p.x, m_decimals) << ", " << format_decimal(p.y, m_decimals) << ']';
}

void GeoJsonWriter::ring(const Ring& r) {
    m_out << '[';
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (i) m_out << ", ";
        coord(r[i]);
    }
    m_out << ']';
}

void GeoJsonWriter::point(const JsonProps& props, const Point2& p) {
    begin(props);
    m_out << "{\"type\": \"Point\", \"coordinates\": ";
    coord(p);
    m_out << "}}";
}

void GeoJsonWriter::line(const JsonProps& props, const LineString& l) {
    // A line whose points coincide once written (a site at its village's centre) would be an
    // invalid, zero-length LineString: the feature keeps its properties and has no geometry.
    bool distinct = false;
    for (std::size_t i = 1; i < l.size() && !distinct; ++i)
        distinct = format_decimal(l[i].x, m_decimals) != format_decimal(l[0].x, m_decimals) ||
                   format_decimal(l[i].y, m_decimals) != format_decimal(l[0].y, m_decimals);
    if (!distinct) return no_geometry(props);
    begin(props);
    m_out << "{\"type\": \"LineString\", \"coordinates\": ";
    ring(l);
    m_out << "}}";
}

namespace {
// Twice the signed area (shoelace): positive when counterclockwise in lon/lat.
double signed_area2(const Ring& r) {
    double a = 0;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) a += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
    return a;
}
Ring oriented(const Ring& r, bool counterclockwise) {
    if ((signed_area2(r) > 0) == counterclockwise) return r;
    return Ring(r.rbegin(), r.rend());
}
}  // namespace

void GeoJsonWriter::multipolygon(const JsonProps& props, const MultiPolygon& input) {
    // RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise, whatever the source had.
    MultiPolygon mp;
    mp.reserve(input.size());
    for (const Polygon& p : input) {
        Polygon o;
        o.outer = oriented(p.outer, true);
        for (const Ring& h : p.holes) o.holes.push_back(oriented(h, false));
        mp.push_back(std::move(o));
    }
    begin(props);
    m_out << "{\"type\": \"MultiPolygon\", \"coordinates\": [";
    for (std::size_t i = 0; i < mp.size(); ++i) {
        if (i) m_out << ", ";
        m_out << '[';
        ring(mp[i].outer);
        for (const auto& h : mp[i].holes) {
            m_out << ", ";
            ring(h);
        }
        m_out << ']';
    }
    m_out << "]}}";
}

void GeoJsonWriter::no_geometry(const JsonProps& props) {
    begin(props);
    m_out << "null}";
}

}  // namespace coverplan::io
