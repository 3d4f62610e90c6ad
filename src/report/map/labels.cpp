#include "report/map/labels.hpp"

#include <algorithm>

namespace coverplan::report::map {

void LabelPlacer::occupy(Pt c, double size) { m_taken.push_back({c.x - size / 2, c.y - size / 2, c.x + size / 2, c.y + size / 2}); }

void LabelPlacer::add(std::string text, Pt anchor, const TextStyle& style, int priority) {
    if (text.empty()) return;
    m_labels.push_back({std::move(text), anchor, style, priority});
}

bool LabelPlacer::free(const Box& b) const {
    if (b.x0 < m_min.x + 2 || b.y0 < m_min.y + 2 || b.x1 > m_max.x - 2 || b.y1 > m_max.y - 2) return false;
    return std::none_of(m_taken.begin(), m_taken.end(), [&](const Box& t) { return t.overlaps(b); });
}

std::size_t LabelPlacer::draw(Canvas& canvas) {
    std::stable_sort(m_labels.begin(), m_labels.end(), [](const Label& a, const Label& b) { return a.priority > b.priority; });
    std::size_t placed = 0;
    canvas.begin_group("labels");
    for (const Label& l : m_labels) {
        const TextBox tb = measure(l.text, l.style);
        const double w = tb.width, h = tb.height, gap = 3;
        // Centred on the anchor, then above, below, right and left of it.
        const Pt tops[] = {{l.anchor.x - w / 2, l.anchor.y - h / 2},
                           {l.anchor.x - w / 2, l.anchor.y - h - gap},
                           {l.anchor.x - w / 2, l.anchor.y + gap},
                           {l.anchor.x + gap + 2, l.anchor.y - h / 2},
                           {l.anchor.x - w - gap - 2, l.anchor.y - h / 2}};
        for (const Pt& t : tops) {
            const Box b{t.x, t.y, t.x + w, t.y + h};
            if (!free(b)) continue;
            m_taken.push_back(b);
            canvas.text(l.text, t, Anchor::start, l.style);
            ++placed;
            break;
        }
    }
    canvas.end_group();
    return placed;
}

}  // namespace coverplan::report::map
