#include "io/geojson_writer.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
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

PropValue& JsonProps::key(std::string_view k, PropValue::Kind kind) {
    if (!m_json.empty()) m_json += ", ";
    m_json += json_string(k);
    m_json += ": ";
    m_values.emplace_back(std::string(k), PropValue{});
    m_values.back().second.kind = kind;
    return m_values.back().second;
}

JsonProps& JsonProps::add(std::string_view k, std::string_view value) {
    key(k, PropValue::Kind::text).text = value;
    m_json += json_string(value);
    return *this;
}

JsonProps& JsonProps::add(std::string_view k, long long value) {
    key(k, PropValue::Kind::integer).integer = value;
    m_json += std::to_string(value);
    return *this;
}

JsonProps& JsonProps::add(std::string_view k, double value, int decimals) {
    // NaN says "no value" (null); an infinity would be a number no JSON parser reads: a bug upstream.
    if (std::isinf(value)) throw std::logic_error("GeoJSON property \"" + std::string(k) + "\" is infinite");
    PropValue& v = key(k, PropValue::Kind::real);
    if (std::isnan(value)) {
        v.null = true;
        m_json += "null";
        return *this;
    }
    const std::string text = format_decimal(value, decimals);
    v.real = std::strtod(text.c_str(), nullptr);
    m_json += text;
    return *this;
}

JsonProps& JsonProps::add(std::string_view k, bool value) {
    key(k, PropValue::Kind::boolean).integer = value ? 1 : 0;
    m_json += value ? "true" : "false";
    return *this;
}

JsonProps& JsonProps::add(std::string_view k, const std::vector<std::string>& values) {
    key(k, PropValue::Kind::list).list = values;
    m_json += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) m_json += ", ";
        m_json += json_string(values[i]);
    }
    m_json += ']';
    return *this;
}

JsonProps& JsonProps::add_null(std::string_view k, PropValue::Kind kind) {
    key(k, kind).null = true;
    m_json += "null";
    return *this;
}

GeoJsonWriter::GeoJsonWriter(std::ostream& out, int decimals, FeatureMirror* mirror)
    : m_out(out), m_decimals(decimals), m_mirror(mirror) {
    m_out << "{\n\"type\": \"FeatureCollection\",\n\"features\": [\n";
}

GeoJsonWriter::~GeoJsonWriter() {
    if (!m_finished) finish();  // a mirror's finish() does not throw: it reports when its file closes
}

void GeoJsonWriter::finish() {
    if (m_finished) return;
    m_finished = true;
    m_out << (m_first ? "" : "\n") << "]\n}\n";
    if (m_mirror) m_mirror->finish();
}

void GeoJsonWriter::begin(const JsonProps& props) {
    m_out << (m_first ? "" : ",\n") << "{\"type\": \"Feature\", \"properties\": {" << props.json() << "}, \"geometry\": ";
    m_first = false;
}

Point2 GeoJsonWriter::coord(const Point2& p) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) throw std::logic_error("GeoJSON coordinate is not finite");
    const std::string x = format_decimal(p.x, m_decimals), y = format_decimal(p.y, m_decimals);
    m_out << '[' << x << ", " << y << ']';
    if (!m_mirror) return p;
    return {std::strtod(x.c_str(), nullptr), std::strtod(y.c_str(), nullptr)};
}

Ring GeoJsonWriter::ring(const Ring& r) {
    Ring written;
    if (m_mirror) written.reserve(r.size());
    m_out << '[';
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (i) m_out << ", ";
        const Point2 p = coord(r[i]);
        if (m_mirror) written.push_back(p);
    }
    m_out << ']';
    return written;
}

void GeoJsonWriter::point(const JsonProps& props, const Point2& p) {
    begin(props);
    m_out << "{\"type\": \"Point\", \"coordinates\": ";
    const Point2 written = coord(p);
    m_out << "}}";
    if (m_mirror) m_mirror->point(props, written);
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
    Ring written = ring(l);
    m_out << "}}";
    if (m_mirror) m_mirror->line(props, std::move(written));
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
    MultiPolygon written;
    m_out << "{\"type\": \"MultiPolygon\", \"coordinates\": [";
    for (std::size_t i = 0; i < mp.size(); ++i) {
        if (i) m_out << ", ";
        m_out << '[';
        Polygon w;
        w.outer = ring(mp[i].outer);
        for (const auto& h : mp[i].holes) {
            m_out << ", ";
            w.holes.push_back(ring(h));
        }
        if (m_mirror) written.push_back(std::move(w));
        m_out << ']';
    }
    m_out << "]}}";
    if (m_mirror) m_mirror->multipolygon(props, std::move(written));
}

void GeoJsonWriter::no_geometry(const JsonProps& props) {
    begin(props);
    m_out << "null}";
    if (m_mirror) m_mirror->no_geometry(props);
}

}  // namespace coverplan::io
