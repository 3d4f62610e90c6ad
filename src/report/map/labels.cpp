#include "report/map/labels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace coverplan::report::map {

LabelPlacer::LabelPlacer(Pt frame_min, Pt frame_max) : m_min(frame_min), m_max(frame_max) {
    m_cols = std::max(1, static_cast<int>(std::ceil((m_max.x - m_min.x) / k_cell_pt)));
    m_rows = std::max(1, static_cast<int>(std::ceil((m_max.y - m_min.y) / k_cell_pt)));
    m_cells.resize(static_cast<std::size_t>(m_cols) * static_cast<std::size_t>(m_rows));
}

int LabelPlacer::cell_of(double v, double origin, int cells) {
    const double c = std::floor((v - origin) / k_cell_pt);
    if (!(c >= 0)) return 0;  // below the frame, or not a number
    return c >= cells ? cells - 1 : static_cast<int>(c);
}

void LabelPlacer::take(const Box& b) {
    const auto index = static_cast<std::uint32_t>(m_taken.size());
    m_taken.push_back(b);
    m_seen.push_back(0);
    for (int r = cell_of(b.y0, m_min.y, m_rows); r <= cell_of(b.y1, m_min.y, m_rows); ++r)
        for (int c = cell_of(b.x0, m_min.x, m_cols); c <= cell_of(b.x1, m_min.x, m_cols); ++c)
            m_cells[static_cast<std::size_t>(r) * static_cast<std::size_t>(m_cols) + static_cast<std::size_t>(c)].push_back(index);
}

const std::vector<std::uint32_t>& LabelPlacer::near(const Box& b) const {
    ++m_stamp;
    m_near.clear();
    for (int r = cell_of(b.y0, m_min.y, m_rows); r <= cell_of(b.y1, m_min.y, m_rows); ++r)
        for (int c = cell_of(b.x0, m_min.x, m_cols); c <= cell_of(b.x1, m_min.x, m_cols); ++c)
            for (std::uint32_t i : m_cells[static_cast<std::size_t>(r) * static_cast<std::size_t>(m_cols) + static_cast<std::size_t>(c)])
                if (m_seen[i] != m_stamp) {
                    m_seen[i] = m_stamp;
                    m_near.push_back(i);
                }
    std::sort(m_near.begin(), m_near.end());
    return m_near;
}

void LabelPlacer::occupy(Pt c, double size) { take({c.x - size / 2, c.y - size / 2, c.x + size / 2, c.y + size / 2}); }

void LabelPlacer::add(std::string text, Pt anchor, const TextStyle& style, int priority, bool always, double clearance) {
    if (text.empty()) return;
    m_labels.push_back({std::move(text), anchor, style, priority, always, clearance});
}

bool LabelPlacer::inside(const Box& b) const { return b.x0 >= m_min.x + 2 && b.y0 >= m_min.y + 2 && b.x1 <= m_max.x - 2 && b.y1 <= m_max.y - 2; }

bool LabelPlacer::free(const Box& b) const {
    if (!inside(b)) return false;
    const std::vector<std::uint32_t>& n = near(b);
    return std::none_of(n.begin(), n.end(), [&](std::uint32_t i) { return m_taken[i].overlaps(b); });
}

double LabelPlacer::overlap(const Box& b) const {
    double sum = 0;
    for (std::uint32_t i : near(b)) sum += m_taken[i].overlap(b);
    return sum;
}

LabelCount LabelPlacer::draw(Canvas& canvas) {
    std::stable_sort(m_labels.begin(), m_labels.end(), [](const Label& a, const Label& b) { return a.priority > b.priority; });
    LabelCount count;
    canvas.begin_group("labels");
    for (const Label& l : m_labels) {
        const TextBox tb = measure(l.text, l.style);
        const double w = tb.width, h = tb.height, gap = 3 + l.clearance, side = gap + 2;
        const Pt a = l.anchor;
        // Centred on the anchor (not for a label beside a symbol), then above, below, right and
        // left of it, then the diagonals; a label that must be drawn also tries farther out.
        std::vector<Pt> tops;
        if (l.clearance == 0) tops.push_back({a.x - w / 2, a.y - h / 2});
        const int rings = l.always ? 3 : 1;
        for (int k = 0; k < rings; ++k) {
            const double dv = gap + k * h, dh = side + k * h;
            tops.insert(tops.end(), {{a.x - w / 2, a.y - h - dv},
                                     {a.x - w / 2, a.y + dv},
                                     {a.x + dh, a.y - h / 2},
                                     {a.x - w - dh, a.y - h / 2},
                                     {a.x + dh, a.y - h - dv / 2},
                                     {a.x + dh, a.y + dv / 2},
                                     {a.x - w - dh, a.y - h - dv / 2},
                                     {a.x - w - dh, a.y + dv / 2}});
        }
        const Box* chosen = nullptr;
        Box best{};
        double best_overlap = std::numeric_limits<double>::infinity();
        for (const Pt& t : tops) {
            const Box b{t.x, t.y, t.x + w, t.y + h};
            if (free(b)) {
                best = b;
                chosen = &best;
                break;
            }
            if (l.always && inside(b)) {
                const double o = overlap(b);
                if (o < best_overlap) best_overlap = o, best = b;
            }
        }
        if (!chosen && l.always) {
            // Nothing free: the position that overlaps least (inside the frame if any is).
            if (!(best_overlap < std::numeric_limits<double>::infinity())) best = {tops.front().x, tops.front().y, tops.front().x + w, tops.front().y + h};
            chosen = &best;
            ++count.overlapping;
        }
        if (!chosen) {
            ++count.dropped;
            continue;
        }
        take(*chosen);
        canvas.text(l.text, {chosen->x0, chosen->y0}, Anchor::start, l.style);
        ++count.placed;
    }
    canvas.end_group();
    return count;
}

}  // namespace coverplan::report::map
