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
    std::string townships, villages, sites_now, sites_plan, assignments_now, assignments_plan, isochrones, gaps;
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
            const Point2 label = to_ll.forward(t.anchor);
            p.add("name", t.name).add("code", t.code).add("label_lat", label.y, 6).add("label_lon", label.x, 6);
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
            const int now = m.village_site_now[v], plan = m.village_site[v];
            p.add("site", now < 0 ? std::string() : m.sites_now[static_cast<std::size_t>(now)].name);
            p.add("site_plan", plan < 0 ? std::string() : m.sites[static_cast<std::size_t>(plan)].name);
            p.add("nearest_min", m.village_nearest_min[v], 1).add("band", m.village_band[v]);
            p.add("plan_min", m.village_plan_min[v], 1).add("band_plan", m.village_band_plan[v]);
            add_people(p, "beneficiaries", m.village_people[v], suppress_below);
            if (vil.polygon.empty()) gj.point(p, to_ll.forward(vil.anchor));
            else {
                MultiPolygon mp = vil.polygon;
                to_ll.forward(mp);
                gj.multipolygon(p, mp);
            }
        }
    });
    auto sites_json = [&](const std::vector<SiteMark>& sites) {
        return [&](io::GeoJsonWriter& gj) {
            for (const SiteMark& s : sites) {
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
        };
    };
    auto assignments_json = [&](const std::vector<SiteMark>& sites, const std::vector<int>& village_site) {
        return [&](io::GeoJsonWriter& gj) {
            for (std::size_t v = 0; v < r.villages.size(); ++v) {
                const int s = village_site[v];
                if (s < 0) continue;
                io::JsonProps p;
                p.add("site", sites[static_cast<std::size_t>(s)].name).add("village", r.villages[v].name);
                gj.line(p, {to_ll.forward(sites[static_cast<std::size_t>(s)].at), to_ll.forward(r.villages[v].anchor)});
            }
        };
    };
    collect(out.sites_now, sites_json(m.sites_now));
    collect(out.sites_plan, sites_json(m.sites));
    collect(out.assignments_now, assignments_json(m.sites_now, m.village_site_now));
    collect(out.assignments_plan, assignments_json(m.sites, m.village_site));
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
  // The view to open: #mode=plan (or now) and #search=<village name or code>, so a link can
  // show one village after the plan.
  var hash = {};
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var i = kv.indexOf('=');
    try { if (i > 0) hash[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); } catch (e) { /* a malformed pair is ignored */ }
  });
  var map = L.map('map', {zoomSnap: 0.25, zoomControl: false});
  L.control.zoom({zoomInTitle: T.zoom_in, zoomOutTitle: T.zoom_out}).addTo(map);
  function esc(s) { return String(s === null || s === undefined ? '' : s).replace(/[&<>"]/g, function (c) { return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]; }); }
  // Leaflet inserts attributions as HTML: the project's strings are escaped to stay text.
  if (DATA.tiles.url) L.tileLayer(DATA.tiles.url, {attribution: esc(DATA.tiles.attribution), maxZoom: 18}).addTo(map);
  map.attributionControl.setPrefix(false);
  DATA.credits.forEach(function (c) { map.attributionControl.addAttribution(esc(c)); });
  function table(rows) {
    return '<table class="cp-pop">' + rows.map(function (r) { return '<tr><th>' + esc(r[0]) + '</th><td>' + esc(r[1]) + '</td></tr>'; }).join('') + '</table>';
  }
  // A village's class: its band now (-1: no travel time), or after the plan its band to the
  // serving site, or "not served"; without roads there are no bands at all.
  function bandIndex(b) { return b < 0 ? S.band.length - 1 : Math.min(b, S.band.length - 2); }
  function villageFill(p) {
    if (!DATA.has_travel) return S.neutral;
    if (mode === 'plan') return p.site_plan ? S.band[bandIndex(p.band_plan)] : S.unserved;
    return S.band[bandIndex(p.band)];
  }
  function minutes(v) { return v === null ? T.unreached : v + ' ' + T.min; }
  var mode = hash.mode === 'plan' && DATA.has_plan ? 'plan' : 'now';

  var townships = L.geoJSON(DATA.townships, {style: {color: '#222', weight: 2, fill: false}, interactive: false});
  var townshipLabels = L.layerGroup();
  DATA.townships.features.forEach(function (f) {
    var p = f.properties;
    if (p.label_lat === null) return;
    L.marker([p.label_lat, p.label_lon], {interactive: false, keyboard: false,
      icon: L.divIcon({className: 'cp-label cp-label-township', html: '<span>' + esc(p.name) + '</span>', iconSize: null})}).addTo(townshipLabels);
  });
  var villageIndex = [];
  var villages = L.geoJSON(DATA.villages, {
    style: function (f) { return {color: '#777', weight: 0.6, fillColor: villageFill(f.properties), fillOpacity: 0.8}; },
    pointToLayer: function (f, ll) { return L.circleMarker(ll, {radius: 4}); },
    onEachFeature: function (f, l) {
      var p = f.properties;
      villageIndex.push({p: p, layer: l});
      l.bindPopup(function () {
        return '<b>' + esc(p.name) + '</b>' + table(mode === 'plan'
          ? [[T.code, p.code], [T.township, p.township], [T.site_plan, p.site_plan || T.none], [T.plan_time, minutes(p.plan_min)], [T.people, p.beneficiaries]]
          : [[T.code, p.code], [T.township, p.township], [T.site, p.site || T.none], [T.nearest, minutes(p.nearest_min)], [T.people, p.beneficiaries]]);
      });
    }
  });
  var villageLabels = L.layerGroup();
  villageIndex.forEach(function (v) {
    var c = v.layer.getBounds ? v.layer.getBounds().getCenter() : v.layer.getLatLng();
    L.marker(c, {interactive: false, keyboard: false, icon: L.divIcon({className: 'cp-label cp-label-village', html: '<span>' + esc(v.p.name) + '</span>', iconSize: null})}).addTo(villageLabels);
  });
  var gaps = L.geoJSON(DATA.gaps, {style: {color: S.gap, weight: 0.8, dashArray: '2 3', fillColor: S.gap, fillOpacity: 0.18}, interactive: false});
  var isochrones = L.geoJSON(DATA.isochrones, {style: {color: '#222', weight: 1, dashArray: '4 3', fill: false}, interactive: false});
  function assignmentLayer(data) { return L.geoJSON(data, {style: {color: '#444', weight: 1}, interactive: false}); }
  // Stations squares and points circles, existing filled and planned hollow, as on the printed maps.
  function siteLayer(data) {
    return L.geoJSON(data, {
      pointToLayer: function (f, ll) {
        var p = f.properties, size = p.kind === 'station' ? 14 : 11;
        return L.marker(ll, {title: p.name, icon: L.divIcon({className: 'cp-site cp-' + p.kind + (p.planned ? ' cp-planned' : ' cp-existing'), iconSize: [size, size]})});
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.bindPopup('<b>' + esc(p.name) + '</b>' + table([[T.kind, p.kind === 'station' ? T.station : T.point],
          [T.status, p.planned ? T.planned : T.existing], [T.township, p.township], [T.villages, p.villages.join(T.sep)], [T.people, p.beneficiaries]]));
      }
    });
  }
  var views = {
    now: {sites: siteLayer(DATA.sites_now), assignments: assignmentLayer(DATA.assignments_now)},
    plan: {sites: siteLayer(DATA.sites_plan), assignments: assignmentLayer(DATA.assignments_plan)}
  };
  var shown = {villages: true, townships: true, sites: true, assignments: true, isochrones: true, gaps: false};
  var counts = {};
  function count(layer) { var n = 0; if (layer.eachLayer) layer.eachLayer(function () { n++; }); return n; }
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function () { this._div = L.DomUtil.create('div', 'cp-legend'); return this._div; };
  function entry(layer, swatch, label) { return '<div class="cp-legend-entry" data-layer="' + layer + '">' + swatch + esc(label) + '</div>'; }
  function drawLegend() {
    var h = '', v = views[mode];
    var classes = {};
    v.sites.eachLayer(function (l) { var p = l.feature.properties; classes[p.kind + (p.planned ? '-planned' : '-existing')] = true; });
    if (shown.sites) {
      h += '<b>' + esc(T.layer_sites) + '</b>';
      [['station-existing', T.station + '（' + T.existing + '）'], ['station-planned', T.station + '（' + T.planned + '）'],
       ['point-existing', T.point + '（' + T.existing + '）'], ['point-planned', T.point + '（' + T.planned + '）']].forEach(function (c) {
        if (!classes[c[0]]) return;
        var k = c[0].split('-');
        h += entry('sites', '<span class="cp-site cp-' + k[0] + ' cp-' + k[1] + ' cp-swatch"></span>', DATA.chinese ? c[1] : c[1].replace('（', ' (').replace('）', ')'));
      });
    }
    if (shown.villages && DATA.has_travel) {
      var present = {}, unserved = false;
      DATA.villages.features.forEach(function (f) {
        var p = f.properties;
        if (mode === 'plan' && !p.site_plan) unserved = true;
        else present[bandIndex(mode === 'plan' ? p.band_plan : p.band)] = true;
      });
      h += '<b>' + esc(mode === 'plan' ? T.legend_plan : T.legend) + '</b>';
      S.band_labels.forEach(function (lab, i) { if (present[i]) h += entry('villages', '<i style="background:' + S.band[i] + '"></i>', lab); });
      if (unserved) h += entry('villages', '<i style="background:' + S.unserved + '"></i>', T.unserved_village);
    } else if (shown.villages) {
      h += entry('villages', '<i style="background:' + S.neutral + '"></i>', T.layer_villages);
    }
    if (shown.isochrones && mode === 'now' && count(isochrones)) h += entry('isochrones', '<i class="cp-line cp-dash"></i>', T.layer_isochrones);
    if (shown.gaps && mode === 'now' && count(gaps)) h += entry('gaps', '<i style="background:' + S.gap + ';opacity:0.4"></i>', T.layer_gaps);
    if (shown.assignments && count(v.assignments)) h += entry('assignments', '<i class="cp-line"></i>', T.layer_assignments);
    if (shown.townships) h += entry('townships', '<i class="cp-line cp-thick"></i>', T.layer_townships);
    legend._div.innerHTML = h;
  }
  function place(layer, on) { if (on && !map.hasLayer(layer)) layer.addTo(map); if (!on && map.hasLayer(layer)) map.removeLayer(layer); }
  function draw() {
    place(villages, shown.villages);
    villages.setStyle(function (f) { return {fillColor: villageFill(f.properties)}; });
    // Isochrones and gaps are today's: the plan view has its own times in the village shading.
    place(gaps, shown.gaps && mode === 'now');
    place(isochrones, shown.isochrones && mode === 'now');
    ['now', 'plan'].forEach(function (m) {
      place(views[m].assignments, shown.assignments && m === mode);
      place(views[m].sites, shown.sites && m === mode);
    });
    place(townships, shown.townships);
    place(townshipLabels, shown.townships);
    place(villageLabels, shown.villages && map.getZoom() >= DATA.village_label_zoom);
    drawLegend();
    counts = {townships: count(townships), villages: count(villages), sites: count(views[mode].sites), assignments: count(views[mode].assignments),
              isochrones: count(isochrones), gaps: count(gaps)};
    var drawn = {};
    drawn.sites = map.hasLayer(views[mode].sites) ? count(views[mode].sites) : 0;
    drawn.assignments = map.hasLayer(views[mode].assignments) ? count(views[mode].assignments) : 0;
    drawn.isochrones = map.hasLayer(isochrones) ? count(isochrones) : 0;
    drawn.village_labels = map.hasLayer(villageLabels) ? count(villageLabels) : 0;
    drawn.township_labels = map.hasLayer(townshipLabels) ? count(townshipLabels) : 0;
    status.setAttribute('data-mode', mode);
    status.setAttribute('data-features', JSON.stringify(counts));
    status.setAttribute('data-drawn', JSON.stringify(drawn));
  }
  // The 现状 / 规划 switch, the layer switches and the search box, in one panel.
  var panel = L.control({position: 'topright'});
  panel.onAdd = function () {
    var d = L.DomUtil.create('div', 'cp-panel');
    var h = '';
    if (DATA.has_plan)
      h += '<div class="cp-modes">' + ['now', 'plan'].map(function (m) {
        return '<label><input type="radio" name="cp-mode" value="' + m + '"' + (m === mode ? ' checked' : '') + '> ' + esc(m === 'plan' ? T.mode_plan : T.mode_now) + '</label>';
      }).join(' ') + '</div>';
    [['villages', T.layer_villages], ['sites', T.layer_sites], ['assignments', T.layer_assignments], ['isochrones', T.layer_isochrones],
     ['gaps', T.layer_gaps], ['townships', T.layer_townships]].forEach(function (e) {
      if ((e[0] === 'isochrones' || e[0] === 'gaps') && !DATA[e[0]].features.length) return;  // nothing to switch
      h += '<label class="cp-layer"><input type="checkbox" data-layer="' + e[0] + '"' + (shown[e[0]] ? ' checked' : '') + '> ' + esc(e[1]) + '</label>';
    });
    h += '<input type="search" id="cp-search" placeholder="' + esc(T.search) + '"><div id="cp-search-result"></div>';
    d.innerHTML = h;
    L.DomEvent.disableClickPropagation(d);
    L.DomEvent.disableScrollPropagation(d);
    d.addEventListener('change', function (e) {
      var t = e.target;
      if (t.name === 'cp-mode') { mode = t.value; draw(); }
      else if (t.getAttribute('data-layer')) { shown[t.getAttribute('data-layer')] = t.checked; draw(); }
      else if (t.id === 'cp-search') search(t.value);
    });
    return d;
  };
  // A village by its code (exact) or its name (exact first, then the first containing it).
  function search(q) {
    q = String(q || '').trim();
    var out = document.getElementById('cp-search-result');
    if (!q) { out.textContent = ''; status.setAttribute('data-search', ''); return; }
    var hit = null;
    villageIndex.forEach(function (v) { if (!hit && (v.p.code === q || v.p.name === q)) hit = v; });
    villageIndex.forEach(function (v) { if (!hit && v.p.name.indexOf(q) >= 0) hit = v; });
    if (!hit) { out.textContent = T.search_none; status.setAttribute('data-search', ''); return; }
    out.textContent = hit.p.township + ' ' + hit.p.name + '（' + hit.p.code + '）';
    if (hit.layer.getBounds) map.fitBounds(hit.layer.getBounds(), {maxZoom: 14, animate: false}); else map.setView(hit.layer.getLatLng(), 14, {animate: false});
    hit.layer.openPopup();
    status.setAttribute('data-search', hit.p.code);
  }
  panel.addTo(map);
  L.control.scale({imperial: false}).addTo(map);
  legend.addTo(map);
  var bounds = townships.getBounds().isValid() ? townships.getBounds() : villages.getBounds();
  map.fitBounds(bounds, {padding: [10, 10]});
  map.on('zoomend', draw);
  draw();
  if (hash.search) { document.getElementById('cp-search').value = hash.search; search(hash.search); draw(); }
  status.setAttribute('data-ready', '1');
})();
)JS";

constexpr std::string_view k_css = R"CSS(
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
#title { position: absolute; z-index: 1000; left: 50px; top: 8px; background: rgba(255,255,255,0.9); padding: 4px 10px; font-size: 16px; font-weight: bold; }
#map { position: absolute; top: 0; bottom: 0; left: 0; right: 0; background: #f4f4f0; }
.cp-pop th { text-align: left; padding-right: 8px; color: #555; font-weight: normal; }
.cp-legend, .cp-panel { background: rgba(255,255,255,0.92); padding: 6px 8px; line-height: 18px; font-size: 12px; }
.cp-legend b { display: block; margin-top: 4px; }
.cp-legend i { width: 16px; height: 12px; float: left; margin: 3px 6px 0 0; border: 1px solid #999; box-sizing: border-box; }
.cp-legend i.cp-line { height: 0; border: 0; border-top: 1.5px solid #444; margin-top: 9px; }
.cp-legend i.cp-dash { border-top: 1.5px dashed #222; }
.cp-legend i.cp-thick { border-top: 2.5px solid #222; }
.cp-panel label { display: block; cursor: pointer; }
.cp-modes { font-weight: bold; margin-bottom: 4px; }
#cp-search { margin-top: 6px; width: 150px; font: inherit; }
.cp-site { box-sizing: border-box; border: 1px solid #111; }
.cp-site.cp-station { background: @STATION@; }
.cp-site.cp-point { background: @POINT@; border-radius: 50%; }
.cp-site.cp-planned { background: #fff; border-width: 3px; }
.cp-site.cp-station.cp-planned { border-color: @STATION@; }
.cp-site.cp-point.cp-planned { border-color: @POINT@; }
.cp-swatch { display: inline-block; width: 12px; height: 12px; margin: 0 8px 0 2px; vertical-align: -2px; }
.cp-label { width: 0; height: 0; pointer-events: none; }
.cp-label span { position: absolute; white-space: nowrap; color: #111; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; transform: translate(-50%, -50%); }
.cp-label-township span { font-size: 14px; font-weight: bold; transform: translate(-50%, -140%); }  /* above the town seat's station */
.cp-label-village span { font-size: 11px; }
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
    add("legend", "到最近站点的通行时间（现状）", "Travel time to the nearest site (now)");
    add("legend_plan", "到服务站点的通行时间（规划后）", "Travel time to the serving site (after the plan)");
    add("site_plan", "规划后服务站点", "serving site after the plan");
    add("plan_time", "到服务站点", "to the serving site");
    add("mode_now", "现状", "Now");
    add("unserved_village", "无服务站点的村（社区）", "village not served");
    add("mode_plan", "规划", "Plan");
    add("search", "按村名或代码搜索", "Search a village by name or code");
    add("search_none", "未找到", "not found");
    add("zoom_in", "放大", "Zoom in");
    add("zoom_out", "缩小", "Zoom out");
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
    s.add("band", band).add("band_labels", labels).add("station", hex(style::k_station)).add("point", hex(style::k_point)).add("gap", hex(style::k_gap))
        .add("unserved", hex(style::k_unserved_fill)).add("neutral", "#f2f2ee");
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
    std::string css(k_css);
    for (const auto& [key, colour] : {std::pair{"@STATION@", hex(style::k_station)}, std::pair{"@POINT@", hex(style::k_point)}})
        for (auto at = css.find(key); at != std::string::npos; at = css.find(key)) css.replace(at, std::string_view(key).size(), colour);
    out += "<style>\n" + std::string(assets::k_leaflet_css) + "\n" + css + "</style>\n</head>\n<body>\n";
    out += "<div id=\"title\">" + xml_escape(o.title) + "</div>\n<div id=\"map\"></div>\n";
    out += "<div id=\"coverplan-status\" hidden data-ready=\"0\" data-errors=\"\"></div>\n";
    out += "<script>\n" + std::string(assets::k_leaflet_js) + "\n</script>\n<script>\nvar DATA = {\n";
    std::string data = "\"text\": " + text_table(m.chinese) + ",\n\"style\": " + style_json(m.chinese, m.thresholds_min) + ",\n";
    std::vector<std::string> credits;
    if (!m.organisation.empty()) credits.push_back((m.chinese ? "编制单位：" : "Prepared by ") + m.organisation);
    if (!m.attribution.empty()) credits.push_back(m.attribution);
    credits.emplace_back(m.chinese ? "coverplan 制图（Leaflet）" : "Map: coverplan (Leaflet)");
    io::JsonProps misc;
    misc.add("credits", credits).add("has_plan", m.has_plan).add("has_travel", m.has_travel).add("chinese", m.chinese).add("village_label_zoom", 12);
    data += "\"tiles\": {" + tiles.json() + "},\n" + misc.json() + ",\n";
    data += "\"townships\": " + layers.townships + ",\n\"villages\": " + layers.villages + ",\n";
    data += "\"sites_now\": " + layers.sites_now + ",\n\"sites_plan\": " + layers.sites_plan + ",\n";
    data += "\"assignments_now\": " + layers.assignments_now + ",\n\"assignments_plan\": " + layers.assignments_plan + ",\n";
    data += "\"isochrones\": " + layers.isochrones + ",\n\"gaps\": " + layers.gaps + "\n";
    out += script_safe_json(data) + "};\n";
    out += std::string(k_script) + "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace coverplan::report::map
