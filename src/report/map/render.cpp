#include "report/map/render.hpp"

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "report/map/canvas_cairo.hpp"
#include "report/map/canvas_svg.hpp"
#include "report/map/style.hpp"

namespace coverplan::report::map {

namespace {
std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const std::filesystem::path& file, const std::string& content) {
    std::ofstream out(file, std::ios::binary);
    out << content;
    out.close();
    if (!out) throw OutputError({file.string() + ": cannot write the file", file.string() + "：无法写入文件"});
}
}  // namespace

std::vector<MapPage> map_pages(const MapContent& m, const std::string& county_title, bool townships) {
    std::vector<MapPage> pages{{"county", {county_title, std::nullopt, {}}}};
    const Region& r = *m.region;
    const bool zh = m.chinese;
    // The flood-season map of the whole area, then of each township with people in a hazard zone
    // or villages cut off or on a detour (maps/flood.*, maps/flood_<township code>.*).
    if (m.flood) {
        MapView v{zh ? "防汛形势图：风险区、封闭道路、关键路段与避难场所" : "Flood season: hazard zones, closed roads, critical links and shelters",
                  std::nullopt, {}, true};
        pages.push_back({"flood", v});
    }
    if (!townships) return pages;
    for (std::size_t t = 0; t < r.townships.size(); ++t) {
        const Township& tw = r.townships[t];
        bool has_villages = false;
        for (const Village& v : r.villages) has_villages |= v.township.value == t;
        if (!has_villages) continue;  // 林场/农场 without villages: nothing to plan there
        const std::string name = r.county_name(tw.county_code()) + " " + tw.name;
        pages.push_back({"township_" + tw.code, {name, TownshipId{static_cast<std::uint32_t>(t)}, {}}});
        if (m.flood && m.flood->township_affected[t])
            pages.push_back({"flood_" + tw.code, {name + (zh ? " 防汛形势图" : " flood season"), TownshipId{static_cast<std::uint32_t>(t)}, {}, true}});
    }
    return pages;
}

std::string map_svg(const MapContent& content, const MapView& view) {
    SvgCanvas svg(style::k_page_w, style::k_page_h, view.title);
    draw_map(svg, content, view);
    return svg.str();
}

std::vector<Image> write_maps(const std::filesystem::path& dir, const MapContent& content, const std::string& county_title,
                              const MapOptions& options) {
    std::filesystem::create_directories(dir);
    // The pages are drawn on `threads` threads (Cairo surfaces, Pango layouts and the label
    // measurer are per thread); each writes only its own files and image, so the files do not
    // depend on the thread count.
    std::vector<MapPage> pages = map_pages(content, county_title, options.townships);
    if (options.flood_only) std::erase_if(pages, [](const MapPage& p) { return !p.view.flood; });
    std::vector<Image> images(pages.size());
    for_each_index(pages.size(), options.threads, [] { return 0; }, [&](int, std::size_t i) {
        const MapPage& page = pages[i];
        const Draw draw = [&](Canvas& c) { draw_map(c, content, page.view); };
        const std::filesystem::path png = dir / (page.stem + ".png");
        write_png(png, options.screen_dpi, draw);
        if (options.print_dpi) write_png(dir / (page.stem + "_print.png"), *options.print_dpi, draw);
        write_pdf(dir / (page.stem + ".pdf"), page.view.title, content.date, draw);
        write_text(dir / (page.stem + ".svg"), map_svg(content, page.view));
        Vector vector{[&content, view = page.view](Canvas& c) { draw_map(c, content, view); }, style::k_page_w, style::k_page_h, style::k_margin,
                      style::k_min_sheet_text, nullptr};
        if (page.view.focus)
            vector.fit = [&content, view = page.view](Canvas& c, double width, double height) {
                MapView compact = view;
                compact.sheet = {width, height, true};
                draw_map(c, content, compact);
            };
        images[i] = {page.view.title, read_file(png), "maps/" + page.stem + ".png", std::move(vector)};
    });
    if (options.flood_only) return images;
    WebMapOptions web = options.web;
    if (web.title.empty()) web.title = county_title;
    write_text(dir / "map.html", web_map_html(content, web));
    return images;
}

}  // namespace coverplan::report::map
