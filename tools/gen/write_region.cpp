#include "write_region.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

#include "core/text.hpp"
#include "io/csv_writer.hpp"
#include "io/geojson_writer.hpp"

namespace coverplan::gen {

namespace fs = std::filesystem;

namespace {
constexpr int k_decimals = 6;  // ~0.1 m in lon/lat

std::ofstream open_out(const fs::path& p) {
    std::ofstream out(p, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + p.string());
    return out;
}

// To lon/lat on the output grid, still valid after rounding.
MultiPolygon to_ll(const geo::Transformer& tf, MultiPolygon mp) {
    tf.forward(mp);
    static const geo::Geos geos;
    return geos.snap_to_grid(mp, std::pow(10.0, -k_decimals));
}
}  // namespace

void write_text(const fs::path& file, const std::string& text) {
    std::ofstream out = open_out(file);
    out << text;
}

void write_region(const std::vector<SynthCounty>& counties, const geo::Transformer& tf, const fs::path& dir,
                  const WriteOptions& options) {
    fs::create_directories(dir);
    {
        std::ofstream out = open_out(dir / "townships.geojson");
        io::GeoJsonWriter gj(out, k_decimals);
        for (const auto& c : counties)
            for (const auto& t : c.townships) {
                io::JsonProps p;
                p.add("code", t.admin.code).add("name", t.admin.name).add("kind", t.admin.kind).add("county_code", c.code);
                gj.multipolygon(p, to_ll(tf, t.polygon));
            }
    }
    {
        std::ofstream out = open_out(dir / "villages.geojson");
        io::GeoJsonWriter gj(out, k_decimals);
        for (const auto& c : counties)
            for (const auto& t : c.townships)
                for (const auto& v : t.villages) {
                    const Point2 a = tf.forward(v.anchor);
                    io::JsonProps p;
                    p.add("code", v.admin.code).add("name", v.admin.name).add("official_name", v.admin.official_name);
                    p.add("kind", v.admin.kind).add("township_code", t.admin.code);
                    p.add("anchor_lon", a.x, k_decimals).add("anchor_lat", a.y, k_decimals);
                    if (v.polygon.empty()) gj.point(p, a);
                    else gj.multipolygon(p, to_ll(tf, v.polygon));
                }
    }
    if (options.roads) {
        std::ofstream out = open_out(dir / "roads.geojson");
        io::GeoJsonWriter gj(out, k_decimals);
        for (const auto& c : counties)
            for (const auto& r : c.roads) {
                LineString l = r.line;
                tf.forward(l);
                io::JsonProps p;
                p.add("ref", r.ref).add("class", r.road_class).add("name", r.name);
                gj.line(p, l);
            }
    }
    {
        std::ofstream out = open_out(dir / "beneficiaries.csv");
        io::CsvWriter csv(out);
        csv.row({"id", "name", "id_number", "phone", "address", "village_code", "categories", "last_visit", "lon", "lat"});
        for (const auto& c : counties)
            for (const auto& b : c.beneficiaries) {
                const Point2 ll = tf.forward(b.location);
                csv.row({b.id, b.name, b.id_number, b.phone, b.address, b.village_code, b.categories, b.last_visit,
                         format_decimal(ll.x, k_decimals), format_decimal(ll.y, k_decimals)});
            }
    }
    {
        std::ofstream out = open_out(dir / "sites.csv");
        io::CsvWriter csv(out);
        if (options.assignments_table) csv.row({"id", "name", "kind", "status", "township", "staff", "lon", "lat"});
        else csv.row({"id", "name", "kind", "status", "township", "served", "staff", "lon", "lat"});
        for (const auto& c : counties)
            for (const auto& s : c.sites) {
                const Point2 ll = tf.forward(s.location);
                std::vector<std::string> row{s.id, s.name, s.kind, s.status, s.township_code};
                if (!options.assignments_table) row.push_back(join(s.served, ";"));
                row.insert(row.end(), {std::to_string(s.staff), format_decimal(ll.x, k_decimals), format_decimal(ll.y, k_decimals)});
                csv.row(row);
            }
    }
    // Flood-season layers, where the counties have them (one set of files for all).
    if (std::any_of(counties.begin(), counties.end(), [](const SynthCounty& c) { return c.flood.has_value(); })) {
        {
            std::ofstream out = open_out(dir / "hazards.geojson");
            io::GeoJsonWriter gj(out, k_decimals);
            for (const auto& c : counties)
                if (c.flood)
                    for (const SynthHazard& z : c.flood->hazards) {
                        io::JsonProps p;
                        p.add("level", z.level).add("type", z.type).add("name", z.name);
                        gj.multipolygon(p, to_ll(tf, z.polygon));
                    }
        }
        {
            std::ofstream out = open_out(dir / "closures.geojson");
            io::GeoJsonWriter gj(out, k_decimals);
            for (const auto& c : counties)
                if (c.flood)
                    for (const SynthClosure& z : c.flood->closures) {
                        LineString l = z.line;
                        tf.forward(l);
                        io::JsonProps p;
                        p.add("name", z.name);
                        gj.line(p, l);
                    }
        }
        {
            std::ofstream out = open_out(dir / "shelters.csv");
            io::CsvWriter csv(out);
            csv.row({"id", "name", "type", "capacity", "lon", "lat"});
            for (const auto& c : counties)
                if (c.flood)
                    for (const SynthShelter& s : c.flood->shelters) {
                        const Point2 ll = tf.forward(s.location);
                        csv.row({s.id, s.name, s.type, std::to_string(s.capacity), format_decimal(ll.x, k_decimals), format_decimal(ll.y, k_decimals)});
                    }
        }
    }
    if (options.assignments_table) {
        std::ofstream out = open_out(dir / "assignments.csv");
        io::CsvWriter csv(out);
        csv.row({"site_id", "village_code"});
        for (const auto& c : counties)
            for (const auto& s : c.sites)
                for (const auto& v : s.served) csv.row({s.id, v});
    }
}

}  // namespace coverplan::gen
