#pragma once
// Labels without collisions: each label tries a few positions around its anchor, by priority,
// and is left out when none is free (symbols are occupied first, so no label covers a site).
#include <string>
#include <vector>

#include "report/map/canvas.hpp"

namespace coverplan::report::map {

class LabelPlacer {
public:
    LabelPlacer(Pt frame_min, Pt frame_max) : m_min(frame_min), m_max(frame_max) {}
    // A square of side `size` around `centre` that no label may cover.
    void occupy(Pt centre, double size);
    // Higher priority is placed first; equal priorities keep the order they were added in.
    void add(std::string text, Pt anchor, const TextStyle& style, int priority);
    // Places and draws; returns how many labels were placed.
    std::size_t draw(Canvas& canvas);

private:
    struct Box {
        double x0, y0, x1, y1;
        bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    };
    struct Label {
        std::string text;
        Pt anchor;
        TextStyle style;
        int priority;
    };
    bool free(const Box& b) const;
    Pt m_min, m_max;
    std::vector<Box> m_taken;
    std::vector<Label> m_labels;
};

}  // namespace coverplan::report::map
