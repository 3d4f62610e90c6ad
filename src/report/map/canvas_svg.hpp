#pragma once
// The SVG backend: written directly (not through Cairo) so that labels stay text, in the
// document's own language, and every site symbol is a <g class="site …"> an editor or a test
// can find.
#include <set>
#include <string>

#include "report/map/canvas.hpp"

namespace coverplan::report::map {

class SvgCanvas final : public Canvas {
public:
    SvgCanvas(double width_pt, double height_pt, const std::string& title);
    void path(const std::vector<std::vector<Pt>>& parts, bool closed, const PathStyle& style) override;
    void symbol(Shape shape, Pt centre, double size_pt, const PathStyle& style) override;
    void text(const std::string& text, Pt at, Anchor anchor, const TextStyle& style) override;
    void begin_group(const std::string& css_class) override;
    void end_group() override;
    void clip(Pt top_left, Pt bottom_right) override;
    void unclip() override;
    // The finished document.
    std::string str() const;

private:
    // Adds the hatch pattern of a hatched style's colour once, before its first use.
    void define_pattern(const PathStyle& s);
    static std::string pattern_id(const PathStyle& s);
    std::string style_attributes(const PathStyle& s) const;
    std::string m_out;
    std::set<std::string> m_patterns;
    int m_clips = 0;
};

}  // namespace coverplan::report::map
