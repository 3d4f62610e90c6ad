#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/chinese_coords.hpp"
#include "geo/geos_context.hpp"
#include "geo/network_analysis.hpp"
#include "geo/proj_transform.hpp"
#include "region_builder.hpp"

using namespace coverplan;

TEST_CASE("transforms take and give lon/lat order whatever the CRS's axis order", "[crs]") {
    const geo::Transformer tf("EPSG:4326", "EPSG:32649");  // UTM 49N, central meridian 111E
    const Point2 p = tf.forward({111.0, 23.0});
    CHECK(p.x == Approx(500000.0).margin(1e-6));
    CHECK(p.y > 2.54e6);
    CHECK(p.y < 2.55e6);
    const Point2 back = tf.inverse(p);
    CHECK(back.x == Approx(111.0).margin(1e-9));
    CHECK(back.y == Approx(23.0).margin(1e-9));
}

TEST_CASE("CGCS2000 Gauss-Kruger zone and UTM agree to within a metre near the central meridian", "[crs]") {
    const geo::Transformer gk("EPSG:4326", "EPSG:4546");  // CGCS2000 / 3-degree GK CM 111E
    const geo::Transformer utm("EPSG:4326", "EPSG:32649");
    const Point2 a = gk.forward({111.0, 23.0});
    const Point2 b = utm.forward({111.0, 23.0});
    CHECK(a.x == Approx(500000.0).margin(1e-6));
    // Gauss-Kruger has scale 1 on the central meridian, UTM 0.9996: northings differ by 0.04 %.
    CHECK(a.y / b.y == Approx(1.0 / 0.9996).epsilon(1e-6));
}

TEST_CASE("round trip through the working CRS keeps coordinates to 1e-9 degrees", "[crs]") {
    const geo::Transformer tf("EPSG:4326", geo::utm_crs_for(112.1, 22.9));
    std::vector<Point2> pts{{111.73, 22.57}, {112.33, 23.13}, {111.95, 22.80}};
    const std::vector<Point2> orig = pts;
    tf.forward(pts);
    tf.inverse(pts);
    for (std::size_t i = 0; i < pts.size(); ++i) {
        CHECK(pts[i].x == Approx(orig[i].x).margin(1e-9));
        CHECK(pts[i].y == Approx(orig[i].y).margin(1e-9));
    }
}

TEST_CASE("a second transformer of the same pair gives the same coordinates, single operation or alternatives", "[crs]") {
    // WGS 84 → CGCS2000 GK zone: one (ballpark) operation, reused from the first; WGS 84 →
    // British National Grid: alternatives by area, searched each time.
    for (const char* to : {"EPSG:4546", "EPSG:27700"}) {
        INFO(to);
        const geo::Transformer first("EPSG:4326", to), second("EPSG:4326", to);
        const Point2 p = std::string(to) == "EPSG:4546" ? Point2{112.1, 22.9} : Point2{-0.12, 51.5};
        const Point2 a = first.forward(p), b = second.forward(p);
        CHECK(std::isfinite(a.x));
        CHECK(a.x == b.x);
        CHECK(a.y == b.y);
        const Point2 back = second.inverse(b);
        CHECK(back.x == Approx(p.x).margin(1e-7));
        CHECK(back.y == Approx(p.y).margin(1e-7));
    }
    // Scale 1 on the central meridian, false easting 500 km: 111°E, 23°N.
    const Point2 cm = geo::Transformer("EPSG:4326", "EPSG:4546").forward({111.0, 23.0});
    CHECK(cm.x == Approx(500000).margin(0.001));
}

TEST_CASE("UTM zone choice and CRS facts", "[crs]") {
    CHECK(geo::utm_crs_for(112.0, 23.0) == "EPSG:32649");
    CHECK(geo::utm_crs_for(1.5, 42.5) == "EPSG:32631");
    CHECK(geo::utm_crs_for(-70.0, -33.0) == "EPSG:32719");
    // In China the CGCS2000 3-degree Gauss-Kruger zone of the centre: 云安区 (112.0E) is in the
    // zone of 111E (109.5-112.5), Shenzhen (114.1E) in that of 114E (112.5-115.5).
    CHECK(geo::default_crs_for(112.0, 23.0) == "EPSG:4546");
    CHECK(geo::default_crs_for(114.1, 22.5) == "EPSG:4547");
    CHECK(geo::default_crs_for(112.4, 23.1) == "EPSG:4546");
    CHECK(geo::default_crs_for(112.6, 23.1) == "EPSG:4547");
    CHECK(geo::default_crs_for(74.0, 39.0) == "EPSG:4534");
    CHECK(geo::default_crs_for(134.5, 48.0) == "EPSG:4554");
    CHECK(geo::default_crs_for(1.5, 42.5) == "EPSG:32631");  // outside the box around China: UTM
    CHECK(geo::default_crs_for(137.0, 35.0) == "EPSG:32653");
    // Inside the box but outside China (Seoul): the Gauss-Kruger zone of 126E, still a local
    // transverse Mercator with scale 1 on its meridian.
    CHECK(geo::default_crs_for(127.0, 37.5) == "EPSG:4551");
    for (const char* c : {"EPSG:4534", "EPSG:4546", "EPSG:4554"}) CHECK(geo::describe_crs(c).metric);
    const auto utm = geo::describe_crs("EPSG:4547");
    CHECK(utm.valid);
    CHECK(utm.metric);
    CHECK_FALSE(utm.geographic);
    const auto ll = geo::describe_crs("EPSG:4490");
    CHECK(ll.valid);
    CHECK(ll.geographic);
    CHECK_FALSE(ll.metric);
    CHECK_FALSE(geo::describe_crs("EPSG:999999").valid);
    CHECK_THROWS_AS(geo::Transformer("EPSG:4326", "EPSG:999999"), UsageError);
}

TEST_CASE("GCJ-02 and BD-09 round trips stay under a centimetre", "[crs][gcj02]") {
    for (const LonLat p : {LonLat{112.03, 22.95}, LonLat{116.397, 39.909}, LonLat{121.47, 31.23}, LonLat{87.6, 43.8}}) {
        const LonLat g = wgs84_to_gcj02(p);
        // The offset is a few hundred metres inside China.
        const double offset_m = std::hypot((g.lon - p.lon) * 111320 * std::cos(p.lat * M_PI / 180), (g.lat - p.lat) * 110540);
        CHECK(offset_m > 50);
        CHECK(offset_m < 1000);
        const LonLat back = gcj02_to_wgs84(g);
        CHECK(std::abs(back.lon - p.lon) * 111320 < 0.01);
        CHECK(std::abs(back.lat - p.lat) * 110540 < 0.01);
        const LonLat bd = gcj02_to_bd09(g);
        const LonLat w = bd09_to_wgs84(bd);
        CHECK(std::abs(w.lon - p.lon) * 111320 < 0.01);
        CHECK(std::abs(w.lat - p.lat) * 110540 < 0.01);
    }
    const LonLat paris{2.35, 48.85};  // outside China: no offset
    CHECK(wgs84_to_gcj02(paris).lon == paris.lon);
}

TEST_CASE("GEOS: repair, point on surface, Voronoi cells in site order", "[geos]") {
    const geo::Geos geos;
    const MultiPolygon bowtie{Polygon{{{0, 0}, {10, 10}, {10, 0}, {0, 10}, {0, 0}}, {}}};
    std::string reason;
    const MultiPolygon fixed = geo::repair_polygon(geos, bowtie, &reason);
    CHECK(reason.find("Self-intersection") != std::string::npos);
    CHECK(area(fixed) == Approx(50.0));
    reason.clear();
    const MultiPolygon sq = test::square(0, 0, 10);
    CHECK(geo::repair_polygon(geos, sq, &reason).size() == 1);
    CHECK(reason.empty());

    const MultiPolygon ring{Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, {{{2, 2}, {8, 2}, {8, 8}, {2, 8}, {2, 2}}}}};
    geo::GeomPtr g = geos.multipolygon(ring);
    const Point2 p = geos.point_on_surface(g.get());
    CHECK(contains(ring, p));

    geo::GeomPtr clip = geos.multipolygon(test::square(0, 0, 10));
    const std::vector<Point2> sites{{8, 5}, {2, 5}};
    const auto cells = geos.voronoi_cells(sites, clip.get());
    REQUIRE(cells.size() == 2);
    CHECK(contains(cells[0], {9, 5}));
    CHECK(contains(cells[1], {1, 5}));
    CHECK(area(cells[0]) + area(cells[1]) == Approx(100.0));
}

TEST_CASE("GCJ-02 and BD-09 against published test vectors", "[crs][gcj02]") {
    // Values printed by the widely used coordtransform library (github.com/wandergis/coordtransform,
    // test/app.js) and repeated in ports to other languages, for the point (116.404, 39.915).
    const LonLat g = wgs84_to_gcj02({116.404, 39.915});
    CHECK(g.lon == Approx(116.41024449916938).margin(1e-11));
    CHECK(g.lat == Approx(39.91640428150164).margin(1e-11));
    const LonLat b = gcj02_to_bd09({116.404, 39.915});
    CHECK(b.lon == Approx(116.41036949371029).margin(1e-11));
    CHECK(b.lat == Approx(39.92133699351021).margin(1e-11));
    // Its inverses are one-step approximations; ours iterate to convergence, so they agree to a
    // few centimetres (1e-6 degrees is about 10 cm).
    const LonLat w = gcj02_to_wgs84({116.404, 39.915});
    CHECK(w.lon == Approx(116.39775550083061).margin(1e-6));
    CHECK(w.lat == Approx(39.91359571849836).margin(1e-6));
    const LonLat g2 = bd09_to_gcj02({116.404, 39.915});
    CHECK(g2.lon == Approx(116.39762729119315).margin(1e-6));
    CHECK(g2.lat == Approx(39.90865673957631).margin(1e-6));
    // Other published pairs agree within a centimetre (1e-7 degrees).
    const LonLat g3 = wgs84_to_gcj02({116.0, 40.0});  // geoToolbox's test
    CHECK(g3.lon == Approx(116.006141221789).margin(1e-7));
    CHECK(g3.lat == Approx(40.001213650174).margin(1e-7));
    const LonLat g4 = wgs84_to_gcj02({121.0917077, 30.6107779});  // geotool's CLI test
    CHECK(g4.lon == Approx(121.09626935575027).margin(1e-7));
    CHECK(g4.lat == Approx(30.608604331756705).margin(1e-7));
    const LonLat b4 = gcj02_to_bd09(g4);
    CHECK(b4.lon == Approx(121.10271732371203).margin(1e-7));
    CHECK(b4.lat == Approx(30.61484572185035).margin(1e-7));
}

TEST_CASE("a township crossed by a road with no vertex inside it is not called roadless", "[network][validate]") {
    auto township = [](const std::string& code, double x0, double y0, double size) {
        Township t;
        t.code = code;
        t.name = "T" + code.substr(6);
        t.polygon = test::square(x0, y0, size);
        return t;
    };
    Region r;
    r.townships = {township("445303100", 0, 0, 10000),      // crossed from end to end
                   township("445303101", 10000, 0, 1000),   // small, crossed
                   township("445303102", 10000, 5000, 1000)};  // inside the roads' extent, no road
    Road through;
    through.line = {{-1000, 500}, {12000, 500}};  // both vertices outside every township
    through.road_class = "tertiary";
    Road spur;
    spur.line = {{-1000, 7000}, {-500, 7000}};
    spur.road_class = "tertiary";
    r.roads = {through, spur};
    const geo::NetworkAnalysis net = geo::join_network(r, TravelConfig{});
    const auto note = std::find_if(net.notes.begin(), net.notes.end(), [](const DataNote& n) { return n.code == "township_without_roads"; });
    REQUIRE(note != net.notes.end());
    CHECK(note->text.en == "1 townships have no usable road inside them (does the road layer cover them?): T102 (445303102)");
}
