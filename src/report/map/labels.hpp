#pragma once
// Labels without collisions: each label tries positions around its anchor, by priority, and is
// left out when none is free (symbols are occupied first, so no label covers a site). A label
// marked `always` (township names, the villages hosting a site) tries more positions and, when
// none is free, is still drawn where it overlaps least: it is never dropped.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "report/map/canvas.hpp"

namespace coverplan::report::map {

struct LabelCount {
    std::size_t placed = 0;
    std::size_t dropped = 0;     // labels left out for want of room
    std::size_t overlapping = 0; // `always` labels drawn over another label
};

class LabelPlacer {
public:
    LabelPlacer(Pt frame_min, Pt frame_max);
    // A square of side `size` around `centre` that no label may cover.
    void occupy(Pt centre, double size);
    // Higher priority is placed first; equal priorities keep the order they were added in.
    // `clearance` keeps the text that far from the anchor (half a symbol's size).
    void add(std::string text, Pt anchor, const TextStyle& style, int priority, bool always = false, double clearance = 0);
    // Places and draws.
    LabelCount draw(Canvas& canvas);

private:
    struct Box {
        double x0, y0, x1, y1;
        bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
        double overlap(const Box& o) const {
            return std::max(0.0, std::min(x1, o.x1) - std::max(x0, o.x0)) * std::max(0.0, std::min(y1, o.y1) - std::max(y0, o.y0));
        }
    };
    struct Label {
        std::string text;
        Pt anchor;
        TextStyle style;
        int priority;
        bool always;
        double clearance;
    };
    bool inside(const Box& b) const;
    bool free(const Box& b) const;
    double overlap(const Box& b) const;
    void take(const Box& b);
    // The taken boxes in the grid cells `b` touches, each once, in the order they were taken.
    const std::vector<std::uint32_t>& near(const Box& b) const;
    Pt m_min, m_max;
    std::vector<Box> m_taken;
    std::vector<Label> m_labels;
    // A grid over the frame (boxes beyond it in its edge cells), so that a province's thousands of
    // labels are not each tested against all the others.
    static constexpr double k_cell_pt = 24;
    static int cell_of(double v, double origin, int cells);  // clamped to the grid
    int m_cols = 1, m_rows = 1;
    std::vector<std::vector<std::uint32_t>> m_cells;
    mutable std::vector<std::uint32_t> m_seen, m_near;
    mutable std::uint32_t m_stamp = 0;
};

}  // namespace coverplan::report::map
