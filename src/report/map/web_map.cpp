#include "report/map/web_map.hpp"

#include <cmath>
#include <sstream>

#include "core/text.hpp"
#include "geo/proj_transform.hpp"
#include "io/geojson_writer.hpp"
#include "report/briefing.hpp"
#include "report/map/style.hpp"

namespace coverplan::report::assets {
extern const char k_leaflet_js[];
extern const char k_leaflet_css[];
}  // namespace coverplan::report::assets

namespace coverplan::report::map {

namespace {

// Inside a <script>, "</" must not appear literally.
std::string script_safe(std::string s) {
    for (std::size_t i = s.find("</"); i != std::string::npos; i = s.find("</", i + 3)) s.replace(i, 2, "<\\/");
    return s;
}

std::string hex(const Rgb& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(c.r * 255)), static_cast<int>(std::lround(c.g * 255)),
                  static_cast<int>(std::lround(c.b * 255)));
    return buf;
}

// The report's suppression rule (people_cell), as a JSON number or the "<K" text.
void add_people(io::JsonProps& p, std::string_view key, int n, int suppress_below) {
    const Cell c = people_cell(n, suppress_below);
    if (const auto* hidden = std::get_if<std::string>(&c)) p.add(key, *hidden);
    else p.add(key, n);
}

struct Layers {
    std::string townships, villages, sites, assignments, isochrones, gaps;
};

Layers layers_json(const MapContent& m, int suppress_below) {
    const Region& r = *m.region;
    const geo::Transformer to_ll(r.working_crs, "EPSG:4326");
    Layers out;
    auto collect = [&](std::string& dest, const auto& fill) {
        std::ostringstream s;
        {
            io::GeoJsonWriter gj(s, 5);
            fill(gj);
        }
        dest = script_safe(s.str());
    };
    collect(out.townships, [&](io::GeoJsonWriter& gj) {
        for (const Township& t : r.townships) {
            io::JsonProps p;
            p.add("name", t.name).add("code", t.code);
            MultiPolygon mp = t.polygon;
            to_ll.forward(mp);
            if (mp.empty()) gj.point(p, to_ll.forward(t.anchor));
            else gj.multipolygon(p, mp);
        }
    });
    collect(out.villages, [&](io::GeoJsonWriter& gj) {
        for (std::size_t v = 0; v < r.villages.size(); ++v) {
            const Village& vil = r.villages[v];
            io::JsonProps p;
            p.add("name", vil.name).add("code", vil.code).add("township", r.township(vil.township).name);
            const int s = m.village_site[v];
            p.add("site", s < 0 ? std::string() : m.sites[static_cast<std::size_t>(s)].name);
            p.add("nearest_min", m.village_nearest_min[v], 1).add("band", m.village_band[v]);
            add_people(p, "beneficiaries", m.village_people[v], suppress_below);
            if (vil.polygon.empty()) gj.point(p, to_ll.forward(vil.anchor));
            else {
                MultiPolygon mp = vil.polygon;
                to_ll.forward(mp);
                gj.multipolygon(p, mp);
            }
        }
    });
    collect(out.sites, [&](io::GeoJsonWriter& gj) {
        for (const SiteMark& s : m.sites) {
            io::JsonProps p;
            std::vector<std::string> names;
            int people = 0;
            for (VillageId v : s.served) {
                names.push_back(r.village(v).name);
                people += m.village_people[v.value];
            }
            p.add("name", s.name).add("kind", s.kind == SiteKind::station ? "station" : "point").add("planned", s.planned);
            p.add("township", r.township(s.township).name).add("villages", names);
            add_people(p, "beneficiaries", people, suppress_below);
            gj.point(p, to_ll.forward(s.at));
        }
    });
    collect(out.assignments, [&](io::GeoJsonWriter& gj) {
        for (std::size_t v = 0; v < r.villages.size(); ++v) {
            const int s = m.village_site[v];
            if (s < 0) continue;
            io::JsonProps p;
            p.add("site", m.sites[static_cast<std::size_t>(s)].name).add("village", r.villages[v].name);
            gj.line(p, {to_ll.forward(m.sites[static_cast<std::size_t>(s)].at), to_ll.forward(r.villages[v].anchor)});
        }
    });
    collect(out.isochrones, [&](io::GeoJsonWriter& gj) {
        for (const MultiPolygon* iso : m.isochrones) {
            MultiPolygon mp = *iso;
            to_ll.forward(mp);
            gj.multipolygon(io::JsonProps{}, mp);
        }
    });
    collect(out.gaps, [&](io::GeoJsonWriter& gj) {
        for (const GapMark& g : m.gaps) {
            MultiPolygon mp{*g.polygon};
            to_ll.forward(mp);
            io::JsonProps p;
            p.add("township", r.township(g.township).name);
            gj.multipolygon(p, mp);
        }
    });
    return out;
}

// The page's script: builds the layers from DATA and records what it drew in #coverplan-status
// (features per layer, errors) for the browser test.
constexpr std::string_view k_script = R"JS(
(function () {
  var status = document.getElementById('coverplan-status');
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); status.setAttribute('data-errors', errors.join(' | ')); });
  var T = DATA.text, S = DATA.style;
  var map = L.map('map', {preferCanvas: false, zoomSnap: 0.25});
  // Leaflet inserts attributions as HTML: the project's strings are escaped to stay text.
  if (DATA.tiles.url) L.tileLayer(DATA.tiles.url, {attribution: esc(DATA.tiles.attribution), maxZoom: 18}).addTo(map);
  map.attributionControl.setPrefix('Leaflet');
  function esc(s) { return String(s === null || s === undefined ? '' : s).replace(/[&<>"]/g, function (c) { return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]; }); }
  if (DATA.attribution) map.attributionControl.addAttribution(esc(DATA.attribution));
  function table(rows) {
    return '<table class="cp-pop">' + rows.map(function (r) { return '<tr><th>' + esc(r[0]) + '</th><td>' + esc(r[1]) + '</td></tr>'; }).join('') + '</table>';
  }
  var counts = {};
  function count(name, layer) { var n = 0; layer.eachLayer(function () { n++; }); counts[name] = n; }
  var townships = L.geoJSON(DATA.townships, {style: {color: '#222', weight: 2, fill: false}, interactive: false});
  var villages = L.geoJSON(DATA.villages, {
    style: function (f) { var b = f.properties.band; return {color: '#888', weight: 0.6, fillColor: b < 0 ? S.band[S.band.length - 1] : S.band[Math.min(b, S.band.length - 2)], fillOpacity: 0.75}; },
    pointToLayer: function (f, ll) { return L.circleMarker(ll, {radius: 4}); },
    onEachFeature: function (f, l) {
      var p = f.properties;
      l.bindPopup('<b>' + esc(p.name) + '</b>' + table([[T.code, p.code], [T.township, p.township], [T.site, p.site || T.none],
        [T.nearest, p.nearest_min === null ? T.unreached : p.nearest_min + ' ' + T.min], [T.people, p.beneficiaries]]));
    }
  });
  var gaps = L.geoJSON(DATA.gaps, {style: {color: S.gap, weight: 0.8, dashArray: '2 3', fillColor: S.gap, fillOpacity: 0.18}, interactive: false});
  var isochrones = L.geoJSON(DATA.isochrones, {style: {color: '#222', weight: 1, dashArray: '4 3', fill: false}, interactive: false});
  var assignments = L.geoJSON(DATA.assignments, {style: {color: '#444', weight: 1}, interactive: false});
  var sites = L.geoJSON(DATA.sites, {
    pointToLayer: function (f, ll) {
      var p = f.properties, c = p.kind === 'station' ? S.station : S.point;
      return L.circleMarker(ll, {radius: p.kind === 'station' ? 7 : 5, color: p.planned ? c : '#111', weight: p.planned ? 3 : 1,
                                 fillColor: p.planned ? '#fff' : c, fillOpacity: 1});
    },
    onEachFeature: function (f, l) {
      var p = f.properties;
      l.bindPopup('<b>' + esc(p.name) + '</b>' + table([[T.kind, p.kind === 'station' ? T.station : T.point],
        [T.status, p.planned ? T.planned : T.existing], [T.township, p.township], [T.villages, p.villages.join(T.sep)], [T.people, p.beneficiaries]]));
    }
  });
  var overlays = {};
  [[T.layer_villages, villages], [T.layer_gaps, gaps], [T.layer_isochrones, isochrones], [T.layer_assignments, assignments],
   [T.layer_townships, townships], [T.layer_sites, sites]].forEach(function (e) { if (e[1] !== gaps) e[1].addTo(map); overlays[e[0]] = e[1]; });
  L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  L.control.scale({imperial: false}).addTo(map);
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function () {
    var d = L.DomUtil.create('div', 'cp-legend'), h = '<b>' + esc(T.legend) + '</b><br>';
    S.band_labels.forEach(function (lab, i) { h += '<i style="background:' + S.band[i] + '"></i>' + esc(lab) + '<br>'; });
    d.innerHTML = h; return d;
  };
  legend.addTo(map);
  var bounds = townships.getBounds().isValid() ? townships.getBounds() : villages.getBounds();
  map.fitBounds(bounds, {padding: [10, 10]});
  count('townships', townships); count('villages', villages); count('sites', sites); count('assignments', assignments);
  count('isochrones', isochrones); count('gaps', gaps);
  status.setAttribute('data-features', JSON.stringify(counts));
  status.setAttribute('data-ready', '1');
})();
)JS";

constexpr std::string_view k_css = R"CSS(
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
#title { position: absolute; z-index: 1000; left: 50px; top: 8px; background: rgba(255,255,255,0.9); padding: 4px 10px; font-size: 16px; font-weight: bold; }
#map { position: absolute; top: 0; bottom: 0; left: 0; right: 0; background: #f4f4f0; }
.cp-pop th { text-align: left; padding-right: 8px; color: #555; font-weight: normal; }
.cp-legend { background: rgba(255,255,255,0.9); padding: 6px 8px; line-height: 18px; font-size: 12px; }
.cp-legend i { width: 16px; height: 12px; float: left; margin: 3px 6px 0 0; border: 1px solid #999; }
)CSS";

// JSON inside a <script> block: "</script>" or "<!--" in a name would end or change the block,
// and U+2028/2029 end a JavaScript line. JSON has < > & only inside strings, where \u escapes
// mean the same text.
std::string script_safe_json(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' && (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
            out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string text_table(bool zh) {
    io::JsonProps t;
    auto add = [&](const char* key, const char* chinese, const char* english) { t.add(key, zh ? chinese : english); };
    add("code", "代码", "code");
    add("township", "镇（街）", "township");
    add("site", "服务站点", "serving site");
    add("none", "无", "none");
    add("nearest", "到最近站点", "to the nearest site");
    add("unreached", "无法到达", "not reached");
    add("min", "分钟", "min");
    add("people", "服务对象", "beneficiaries");
    add("kind", "类型", "kind");
    add("station", "社工站", "station");
    add("point", "社工点", "point");
    add("status", "状态", "status");
    add("planned", "规划", "planned");
    add("existing", "已建", "existing");
    add("villages", "服务村（社区）", "villages served");
    add("sep", "、", "; ");
    add("legend", "到最近站点的通行时间", "Travel time to the nearest site");
    add("layer_villages", "村（社区）", "villages");
    add("layer_gaps", "覆盖缺口", "gaps");
    add("layer_isochrones", "等时线", "isochrones");
    add("layer_assignments", "服务连线", "assignments");
    add("layer_townships", "镇（街）界", "township boundaries");
    add("layer_sites", "站点", "sites");
    return "{" + t.json() + "}";
}

std::string style_json(bool zh, const std::vector<double>& th) {
    std::vector<std::string> band, labels;
    for (const auto& [colour, label] : band_legend(th, zh)) {
        band.push_back(hex(colour));
        labels.push_back(label);
    }
    io::JsonProps s;
    s.add("band", band).add("band_labels", labels).add("station", hex(style::k_station)).add("point", hex(style::k_point)).add("gap", hex(style::k_gap));
    return "{" + s.json() + "}";
}

}  // namespace

std::string web_map_html(const MapContent& m, const WebMapOptions& o) {
    const Layers layers = layers_json(m, o.suppress_below);
    io::JsonProps tiles;
    tiles.add("url", o.tile_url).add("attribution", o.tile_attribution);
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"" + std::string(m.chinese ? "zh-CN" : "en") + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + xml_escape(o.title) + "</title>\n";
    out += "<style>\n" + std::string(assets::k_leaflet_css) + "\n" + std::string(k_css) + "</style>\n</head>\n<body>\n";
    out += "<div id=\"title\">" + xml_escape(o.title) + "</div>\n<div id=\"map\"></div>\n";
    out += "<div id=\"coverplan-status\" hidden data-ready=\"0\" data-errors=\"\"></div>\n";
    out += "<script>\n" + std::string(assets::k_leaflet_js) + "\n</script>\n<script>\nvar DATA = {\n";
    std::string data = "\"text\": " + text_table(m.chinese) + ",\n\"style\": " + style_json(m.chinese, m.thresholds_min) + ",\n";
    data += "\"tiles\": {" + tiles.json() + "},\n\"attribution\": " + io::json_string(m.attribution) + ",\n";
    data += "\"townships\": " + layers.townships + ",\n\"villages\": " + layers.villages + ",\n\"sites\": " + layers.sites + ",\n";
    data += "\"assignments\": " + layers.assignments + ",\n\"isochrones\": " + layers.isochrones + ",\n\"gaps\": " + layers.gaps + "\n";
    out += script_safe_json(data) + "};\n";
    out += std::string(k_script) + "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace coverplan::report::map
