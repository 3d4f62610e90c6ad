#include "synth.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <stdexcept>

#include "core/calendar.hpp"

namespace coverplan::gen {

namespace {

constexpr double pi = std::numbers::pi;

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Point2 sample_in(const MultiPolygon& mp, const Box& box, Rng& rng) {
    for (int i = 0; i < 100000; ++i) {
        const Point2 p{rng.uniform(box.min_x, box.max_x), rng.uniform(box.min_y, box.max_y)};
        if (contains(mp, p)) return p;
    }
    throw std::runtime_error("cannot sample a point inside a polygon");
}

// k well-spread centres: k-means on uniform samples, started from farthest points.
std::vector<Point2> kmeans_centres(const MultiPolygon& mp, std::size_t k, Rng& rng) {
    const Box box = bounds(mp);
    std::vector<Point2> samples;
    for (std::size_t i = 0; i < 150 * k + 300; ++i) samples.push_back(sample_in(mp, box, rng));
    std::vector<Point2> centres{samples[rng.below(samples.size())]};
    while (centres.size() < k) {
        std::size_t best = 0;
        double best_d = -1;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            double d = std::numeric_limits<double>::infinity();
            for (const Point2& c : centres) d = std::min(d, distance(samples[i], c));
            if (d > best_d) {
                best_d = d;
                best = i;
            }
        }
        centres.push_back(samples[best]);
    }
    for (int iter = 0; iter < 25; ++iter) {
        std::vector<Point2> sum(k, Point2{0, 0});
        std::vector<int> n(k, 0);
        for (const Point2& s : samples) {
            std::size_t best = 0;
            for (std::size_t c = 1; c < k; ++c)
                if (distance(s, centres[c]) < distance(s, centres[best])) best = c;
            sum[best].x += s.x;
            sum[best].y += s.y;
            ++n[best];
        }
        for (std::size_t c = 0; c < k; ++c) {
            if (n[c] == 0) continue;
            const Point2 m{sum[c].x / n[c], sum[c].y / n[c]};
            if (contains(mp, m)) centres[c] = m;  // keep centres inside concave outlines
        }
    }
    return centres;
}

// Mitchell's best-candidate sampling: n points spread over the polygon, the first given.
std::vector<Point2> spread_points(const MultiPolygon& mp, std::size_t n, Point2 first, Rng& rng) {
    const Box box = bounds(mp);
    std::vector<Point2> pts;
    if (n == 0) return pts;
    pts.push_back(first);
    while (pts.size() < n) {
        Point2 best{};
        double best_d = -1;
        for (int c = 0; c < 12; ++c) {
            const Point2 cand = sample_in(mp, box, rng);
            double d = std::numeric_limits<double>::infinity();
            for (const Point2& p : pts) d = std::min(d, distance(cand, p));
            // Stay off the boundary a little so that anchors are not on township borders.
            d = std::min(d, 2.0 * distance_to_boundary(mp, cand));
            if (d > best_d) {
                best_d = d;
                best = cand;
            }
        }
        pts.push_back(best);
    }
    return pts;
}

// A winding road from a to b: two sine waves with random phases, tapered at both ends.
LineString wind(Point2 a, Point2 b, double amplitude_frac, double step_m, Rng& rng) {
    const double len = distance(a, b);
    const int n = std::max(2, static_cast<int>(len / step_m));
    const double px = len > 0 ? -(b.y - a.y) / len : 0;
    const double py = len > 0 ? (b.x - a.x) / len : 0;
    const double ph1 = rng.uniform(0, 2 * pi), ph2 = rng.uniform(0, 2 * pi);
    const double f2 = rng.uniform(2.0, 4.0);
    const double amp = len * amplitude_frac;
    LineString out;
    for (int i = 0; i <= n; ++i) {
        const double t = static_cast<double>(i) / n;
        const double off = amp * std::sin(pi * t) * (0.7 * std::sin(2 * pi * t + ph1) + 0.3 * std::sin(2 * pi * f2 * t + ph2));
        out.push_back(i == 0 ? a : i == n ? b : Point2{a.x + t * (b.x - a.x) + px * off, a.y + t * (b.y - a.y) + py * off});
    }
    return out;
}

// Prim's minimum spanning tree on Euclidean distances; parent[root] = -1.
std::vector<int> mst_parents(const std::vector<Point2>& pts, std::size_t root) {
    const std::size_t n = pts.size();
    std::vector<int> parent(n, -1);
    std::vector<double> best(n, std::numeric_limits<double>::infinity());
    std::vector<bool> in(n, false);
    best[root] = 0;
    for (std::size_t iter = 0; iter < n; ++iter) {
        std::size_t u = n;
        for (std::size_t i = 0; i < n; ++i)
            if (!in[i] && (u == n || best[i] < best[u])) u = i;
        in[u] = true;
        for (std::size_t v = 0; v < n; ++v) {
            const double d = distance(pts[u], pts[v]);
            if (!in[v] && d < best[v]) {
                best[v] = d;
                parent[v] = static_cast<int>(u);
            }
        }
    }
    return parent;
}

std::string pad_number(long long n, int width) {
    std::string s = std::to_string(n);
    return std::string(s.size() < static_cast<std::size_t>(width) ? width - s.size() : 0, '0') + s;
}

// Clipping Voronoi cells to a quantised outline leaves slivers of a few square metres that
// collapse once coordinates are rounded for output: drop parts under 100 m².
MultiPolygon drop_slivers(MultiPolygon mp) {
    MultiPolygon out;
    for (auto& p : mp)
        if (area(MultiPolygon{p}) >= 100.0) out.push_back(std::move(p));
    return out.empty() ? mp : out;
}

Point2 near_inside(const MultiPolygon& mp, Point2 p, double radius, Rng& rng) {
    for (int i = 0; i < 20; ++i) {
        const double a = rng.uniform(0, 2 * pi);
        const double r = radius * rng.uniform(0.5, 1.0);
        const Point2 q{p.x + r * std::cos(a), p.y + r * std::sin(a)};
        if (mp.empty() || contains(mp, q)) return q;
    }
    return p;
}

class CountyBuilder {
public:
    CountyBuilder(const geo::Geos& geos, SynthCounty& county, const SynthParams& params, Rng rng)
        : m_geos(geos), m_c(county), m_params(params), m_rng(rng) {}

    void partition(std::vector<AdminTownship> townships) {
        Rng rng = m_rng.fork(1);
        const std::vector<Point2> centres = kmeans_centres(m_c.outline, townships.size(), rng);
        // Deterministic pairing of townships (by code) with centres (north to south, west to east).
        std::vector<std::size_t> order(centres.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const double ra = std::round(centres[a].y / 5000.0), rb = std::round(centres[b].y / 5000.0);
            return ra != rb ? ra > rb : centres[a].x < centres[b].x;
        });
        std::vector<Point2> seeds;
        for (std::size_t i : order) seeds.push_back(centres[i]);
        geo::GeomPtr clip = m_geos.multipolygon(m_c.outline);
        const std::vector<MultiPolygon> cells = m_geos.voronoi_cells(seeds, clip.get());
        for (std::size_t t = 0; t < townships.size(); ++t) {
            SynthTownship st;
            st.admin = std::move(townships[t]);
            st.polygon = drop_slivers(cells[t]);
            st.seat = seeds[t];
            m_c.townships.push_back(std::move(st));
        }
        for (std::size_t t = 0; t < m_c.townships.size(); ++t) partition_township(m_c.townships[t], m_rng.fork(100 + t));
    }

    void roads() {
        Rng rng = m_rng.fork(2);
        // County roads (县道) between township seats: a spanning tree plus the shortest extra links.
        std::vector<Point2> seats;
        for (const auto& t : m_c.townships) seats.push_back(t.seat);
        const std::vector<int> parent = mst_parents(seats, 0);
        int county_ref = 0;
        for (std::size_t i = 0; i < seats.size(); ++i) {
            if (parent[i] < 0) continue;
            add_county_road(static_cast<std::size_t>(parent[i]), i, ++county_ref, rng);
        }
        std::vector<std::pair<double, std::pair<std::size_t, std::size_t>>> extra;
        for (std::size_t i = 0; i < seats.size(); ++i)
            for (std::size_t j = i + 1; j < seats.size(); ++j)
                if (parent[i] != static_cast<int>(j) && parent[j] != static_cast<int>(i))
                    extra.push_back({distance(seats[i], seats[j]), {i, j}});
        std::sort(extra.begin(), extra.end());
        for (std::size_t e = 0; e < extra.size() && e < seats.size() / 3; ++e)
            add_county_road(extra[e].second.first, extra[e].second.second, ++county_ref, rng);

        // Township (乡道) and village (村道) roads: a tree from the seat to every village.
        std::vector<std::pair<std::size_t, std::size_t>> leaves;  // (township, village) with long leaf edges
        std::vector<std::vector<int>> parents(m_c.townships.size());
        for (std::size_t t = 0; t < m_c.townships.size(); ++t) {
            const SynthTownship& st = m_c.townships[t];
            if (st.villages.empty()) continue;
            std::vector<Point2> pts;
            for (const auto& v : st.villages) pts.push_back(v.anchor);
            parents[t] = mst_parents(pts, 0);
            std::vector<int> children(pts.size(), 0);
            for (int p : parents[t])
                if (p >= 0) ++children[static_cast<std::size_t>(p)];
            for (std::size_t v = 1; v < pts.size(); ++v)
                if (children[v] == 0 && distance(pts[v], pts[static_cast<std::size_t>(parents[t][v])]) > 1500) leaves.push_back({t, v});
        }
        // A few villages reachable only by a long detour round a hill or reservoir.
        std::vector<std::pair<std::size_t, std::size_t>> detours;
        for (int d = 0; d < m_params.detour_villages && !leaves.empty(); ++d) {
            const std::size_t pick = rng.below(leaves.size());
            detours.push_back(leaves[pick]);
            leaves.erase(leaves.begin() + static_cast<long>(pick));
        }
        for (std::size_t t = 0; t < m_c.townships.size(); ++t) {
            const SynthTownship& st = m_c.townships[t];
            for (std::size_t v = 1; v < st.villages.size(); ++v) {
                const auto p = static_cast<std::size_t>(parents[t][v]);
                const bool detour = std::find(detours.begin(), detours.end(), std::make_pair(t, v)) != detours.end();
                const bool from_seat = p == 0;
                const std::string cls = from_seat ? "乡道" : "村道";
                const std::string ref = from_seat ? "Y" + pad_number(++m_y_ref, 3) : "C" + pad_number(++m_c_ref, 4);
                const std::string name = st.villages[p].admin.name + "—" + st.villages[v].admin.name;
                if (detour) {
                    add_detour(st.villages[p].anchor, st.villages[v].anchor, cls, ref, name, rng);
                    m_detour_codes.push_back(st.villages[v].admin.code);
                } else {
                    m_c.roads.push_back({wind(st.villages[p].anchor, st.villages[v].anchor, 0.08, 120, rng), cls, ref, name});
                }
            }
            // Loops: some villages get a second link to another near neighbour.
            for (std::size_t v = 1; v < st.villages.size(); ++v) {
                if (!rng.chance(0.15)) continue;
                std::size_t best = v;
                double best_d = std::numeric_limits<double>::infinity();
                for (std::size_t w = 0; w < st.villages.size(); ++w) {
                    if (w == v || parents[t][v] == static_cast<int>(w) || parents[t][w] == static_cast<int>(v)) continue;
                    const double dd = distance(st.villages[v].anchor, st.villages[w].anchor);
                    if (dd < best_d) {
                        best_d = dd;
                        best = w;
                    }
                }
                if (best == v || std::find(m_detour_codes.begin(), m_detour_codes.end(), st.villages[v].admin.code) != m_detour_codes.end() ||
                    std::find(m_detour_codes.begin(), m_detour_codes.end(), st.villages[best].admin.code) != m_detour_codes.end())
                    continue;
                m_c.roads.push_back({wind(st.villages[v].anchor, st.villages[best].anchor, 0.1, 120, rng), "村道",
                                     "C" + pad_number(++m_c_ref, 4), st.villages[v].admin.name + "—" + st.villages[best].admin.name});
            }
            // Dead-end lanes from each village centre to its hamlets (自然村).
            for (const auto& v : st.villages)
                for (const Point2& h : v.hamlets)
                    m_c.roads.push_back({wind(v.anchor, h, 0.12, 60, rng), "村道", "C" + pad_number(++m_c_ref, 4), v.admin.name});
        }
    }

    const std::vector<std::string>& detour_codes() const { return m_detour_codes; }

private:
    void partition_township(SynthTownship& t, Rng rng) {
        const std::size_t n = t.admin.villages.size();
        if (n == 0) return;
        if (!contains(t.polygon, t.seat)) {
            geo::GeomPtr g = m_geos.multipolygon(t.polygon);
            t.seat = m_geos.point_on_surface(g.get());
        }
        const std::vector<Point2> anchors = spread_points(t.polygon, n, t.seat, rng);
        geo::GeomPtr clip = m_geos.multipolygon(t.polygon);
        const std::vector<MultiPolygon> cells = m_geos.voronoi_cells(anchors, clip.get());
        for (std::size_t v = 0; v < n; ++v) {
            SynthVillage sv;
            sv.admin = t.admin.villages[v];
            sv.polygon = drop_slivers(cells[v]);
            sv.anchor = anchors[v];
            const double radius = std::sqrt(area(sv.polygon) / pi);
            const int hamlets = 1 + static_cast<int>(rng.below(3));
            for (int h = 0; h < hamlets; ++h) {
                const Point2 p = near_inside(sv.polygon, sv.anchor, radius * 0.8, rng);
                if (!(p == sv.anchor)) sv.hamlets.push_back(p);
            }
            t.villages.push_back(std::move(sv));
        }
    }

    void add_county_road(std::size_t a, std::size_t b, int ref, Rng& rng) {
        const auto& ta = m_c.townships[a];
        const auto& tb = m_c.townships[b];
        m_c.roads.push_back({wind(ta.seat, tb.seat, 0.06, 150, rng), "县道", "X" + pad_number(ref, 3), ta.admin.name + "—" + tb.admin.name});
    }

    void add_detour(Point2 from, Point2 to, const std::string& cls, const std::string& ref, const std::string& name, Rng& rng) {
        const double len = distance(from, to);
        const double px = -(to.y - from.y) / len, py = (to.x - from.x) / len;
        const double side = rng.chance(0.5) ? 1.0 : -1.0;
        // Out past the village and back: about three times the straight distance.
        const Point2 w1{from.x + 0.5 * (to.x - from.x) + side * px * 1.2 * len, from.y + 0.5 * (to.y - from.y) + side * py * 1.2 * len};
        const Point2 w2{to.x + (to.x - from.x) * 0.6 + side * px * 0.5 * len, to.y + (to.y - from.y) * 0.6 + side * py * 0.5 * len};
        LineString a = wind(from, w1, 0.05, 120, rng);
        LineString b = wind(w1, w2, 0.05, 120, rng);
        LineString c = wind(w2, to, 0.05, 120, rng);
        a.insert(a.end(), b.begin() + 1, b.end());
        a.insert(a.end(), c.begin() + 1, c.end());
        m_c.roads.push_back({std::move(a), cls, ref, name});
    }

    const geo::Geos& m_geos;
    SynthCounty& m_c;
    const SynthParams& m_params;
    Rng m_rng;
    int m_y_ref = 0;
    int m_c_ref = 0;
    std::vector<std::string> m_detour_codes;
};

}  // namespace

std::string short_village_name(const std::string& official) {
    for (const char* suffix : {"村村民委员会", "村民委员会"}) {
        if (ends_with(official, suffix)) return official.substr(0, official.size() - std::string(suffix).size()) + "村";
    }
    for (const char* suffix : {"社区居民委员会", "居民委员会", "居委会"}) {
        if (ends_with(official, suffix)) return official.substr(0, official.size() - std::string(suffix).size()) + "社区";
    }
    return official;
}

void add_beneficiaries(SynthCounty& county, const SynthParams& params, Rng rng) {
    static const char* surnames[] = {"陈", "李", "黄", "梁", "张", "罗", "林", "何", "刘", "吴", "邓", "谭",
                                     "冯", "钟", "苏", "叶", "莫", "潘", "杨", "周", "彭", "赖", "邱", "郑"};
    // Shares of the target groups among records (a rural Guangdong county's mix).
    static const std::pair<const char*, double> primary[] = {
        {"低保", 0.38}, {"特困", 0.10}, {"残疾人", 0.20}, {"孤儿", 0.01}, {"事实无人抚养儿童", 0.01},
        {"留守儿童", 0.12}, {"独居老人", 0.10}, {"空巢老人", 0.05}, {"计生特殊家庭", 0.03}};
    long long serial = 0;
    for (const auto& t : county.townships) {
        for (const auto& v : t.villages) {
            const double factor = std::exp(0.35 * rng.normal() - 0.06);
            const int n = std::max(1, static_cast<int>(std::lround(params.beneficiaries_per_village * factor)));
            for (int i = 0; i < n; ++i) {
                SynthBeneficiary b;
                b.id = "B" + county.code + pad_number(++serial, 6);
                {
                    // The last home visit: within the four months before 2026-11-30, none for one record
                    // in ten (new), from a stream of its own so that the other draws stay as they were.
                    Rng visit = rng.fork(static_cast<std::uint64_t>(serial) + 0x5157ull);
                    if (!visit.chance(0.1)) b.last_visit = format_date(days_from_civil({2026, 11, 30}) - static_cast<int>(visit.below(122)));
                }
                b.name = std::string(surnames[rng.below(std::size(surnames))]) + "某某";
                const std::uint64_t tail = rng.below(10000);
                b.id_number = county.code + "********" + pad_number(static_cast<long long>(tail / 10), 3) + (tail % 10 == 0 ? "X" : std::to_string(tail % 10));
                static const char* prefixes[] = {"135", "137", "138", "139", "150", "158", "180", "188"};
                b.phone = std::string(prefixes[rng.below(std::size(prefixes))]) + "****" + pad_number(static_cast<long long>(rng.below(10000)), 4);
                b.address = t.admin.name + v.admin.name + std::to_string(1 + rng.below(12)) + "组";
                b.village_code = v.admin.code;
                double u = rng.uniform();
                std::string cat = primary[0].first;
                for (const auto& [name, share] : primary) {
                    if (u < share) {
                        cat = name;
                        break;
                    }
                    u -= share;
                }
                if (rng.chance(0.15)) cat += std::string(";") + (cat == "低保" ? "残疾人" : "低保");
                b.categories = cat;
                // Most live near the village centre, the rest in the hamlets.
                const bool hamlet = !v.hamlets.empty() && rng.chance(0.4);
                const Point2 c = hamlet ? v.hamlets[rng.below(v.hamlets.size())] : v.anchor;
                const double sigma = hamlet ? 120.0 : 300.0;
                b.location = c;
                for (int k = 0; k < 10; ++k) {
                    const Point2 q{c.x + sigma * rng.normal(), c.y + sigma * rng.normal()};
                    if (v.polygon.empty() || contains(v.polygon, q)) {
                        b.location = q;
                        break;
                    }
                }
                county.beneficiaries.push_back(std::move(b));
            }
        }
    }
}

LineString winding_line(Point2 a, Point2 b, double amplitude_frac, double step_m, Rng& rng) { return wind(a, b, amplitude_frac, step_m, rng); }

SynthCounty synthesise_county(const geo::Geos& geos, const std::string& code, const std::string& name,
                              const MultiPolygon& outline, std::vector<AdminTownship> townships, const SynthParams& params,
                              Rng rng) {
    SynthCounty c;
    c.code = code;
    c.name = name;
    c.outline = outline;
    CountyBuilder b(geos, c, params, rng);
    b.partition(std::move(townships));
    b.roads();
    add_beneficiaries(c, params, rng.fork(3));
    return c;
}

}  // namespace coverplan::gen
