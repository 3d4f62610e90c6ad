// Existing social-work sites for generated regions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "synth.hpp"

namespace coverplan::gen {

namespace {

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

class SiteBuilder {
public:
    explicit SiteBuilder(SynthCounty& c) : m_c(c) {}

    const SynthVillage& village(const std::string& code) const {
        for (const auto& t : m_c.townships)
            for (const auto& v : t.villages)
                if (v.admin.code == code) return v;
        throw std::runtime_error("no village " + code);
    }
    SynthTownship& township(const std::string& code) {
        for (auto& t : m_c.townships)
            if (t.admin.code == code) return t;
        throw std::runtime_error("no township " + code);
    }

    // A site a few tens of metres from the host village's centre, as premises usually are.
    static Point2 premises(const SynthVillage& host) {
        const Point2 p{host.anchor.x + 35.0, host.anchor.y - 20.0};
        return contains(host.polygon, p) ? p : host.anchor;
    }

    void station(SynthTownship& t, const std::string& host_code, int staff) {
        const SynthVillage& host = village(host_code);
        m_c.sites.push_back({"ST-" + t.admin.code, t.admin.name + "社工站", "社工站", "已建", t.admin.code, {host_code},
                             premises(host), staff});
        m_served.insert(host_code);
    }

    // Hosts a point at the unserved village farthest from the township's station and lets it
    // serve that village and its nearest unserved neighbours.
    SynthSite& point(SynthTownship& t, int villages_per_point) {
        const Point2 centre = t.seat;
        const SynthVillage* host = nullptr;
        for (const auto& v : t.villages)
            if (!m_served.count(v.admin.code) && (!host || distance(v.anchor, centre) > distance(host->anchor, centre))) host = &v;
        if (!host) throw std::runtime_error("no unserved village left in " + t.admin.name);
        std::vector<std::pair<double, std::string>> near;
        for (const auto& v : t.villages)
            if (!m_served.count(v.admin.code) && v.admin.code != host->admin.code)
                near.push_back({distance(v.anchor, host->anchor), v.admin.code});
        std::sort(near.begin(), near.end());
        std::vector<std::string> served{host->admin.code};
        for (std::size_t i = 0; i < near.size() && static_cast<int>(served.size()) < villages_per_point; ++i) served.push_back(near[i].second);
        for (const auto& s : served) m_served.insert(s);
        const int n = ++m_points[t.admin.code];
        std::string label = host->admin.name;
        m_c.sites.push_back({"PT-" + t.admin.code + "-" + two_digits(n), t.admin.name + label + "社工点", "社工点", "已建",
                             t.admin.code, served, premises(*host), 1 + (n % 2)});
        return m_c.sites.back();
    }

    // The nearest village to p among those matching `keep`.
    template <class Keep>
    const SynthVillage& nearest(Point2 p, Keep keep) const {
        const SynthVillage* best = nullptr;
        for (const auto& t : m_c.townships)
            for (const auto& v : t.villages)
                if (keep(t, v) && (!best || distance(v.anchor, p) < distance(best->anchor, p))) best = &v;
        if (!best) throw std::runtime_error("no village matches");
        return *best;
    }

    bool served(const std::string& code) const { return m_served.count(code) > 0; }
    void mark_served(const std::string& code) { m_served.insert(code); }
    void unmark(const std::string& code) { m_served.erase(code); }

private:
    SynthCounty& m_c;
    std::set<std::string> m_served;
    std::map<std::string, int> m_points;
};

}  // namespace

void add_standard_sites(SynthCounty& county, double share, Rng rng) {
    SiteBuilder b(county);
    for (auto& t : county.townships) {
        if (t.villages.empty()) continue;
        b.station(t, t.villages.front().admin.code, 3 + static_cast<int>(rng.below(4)));
        const int required = (static_cast<int>(t.villages.size()) - 1 + 2) / 3;
        const int build = static_cast<int>(std::floor(required * share + rng.uniform()));
        for (int i = 0; i < std::min(build, required); ++i) b.point(t, 3);
    }
}

void add_yunan_2021_sites(SynthCounty& county) {
    SiteBuilder b(county);
    // Stations: three at the premises the district reported, the others at the township seat.
    const std::map<std::string, std::string> hosts = {
        {"445303100", "445303100201"},  // 六都镇社工站 at 六都村
        {"445303105", "445303105001"},  // 石城镇社工站 at 托洞社区
        {"445303104", "445303104202"},  // 富林镇社工站 at 民主村
    };
    for (auto& t : county.townships) {
        auto it = hosts.find(t.admin.code);
        b.station(t, it != hosts.end() ? it->second : t.villages.front().admin.code, 4);
    }
    // 17 points in 2021.
    const std::vector<std::pair<std::string, int>> points = {
        {"445303100", 3}, {"445303101", 3}, {"445303102", 2}, {"445303103", 2},
        {"445303104", 2}, {"445303105", 3}, {"445303106", 2}};
    std::map<std::string, std::vector<std::size_t>> by_town;
    for (const auto& [code, n] : points)
        for (int i = 0; i < n; ++i) {
            b.point(b.township(code), 3);
            by_town[code].push_back(county.sites.size() - 1);
        }
    auto site = [&](const std::string& town, std::size_t i) -> SynthSite& { return county.sites[by_town[town][i]]; };

    // Breach 1 (R3): a point in 石城镇 serves four villages.
    {
        SynthSite& s = site("445303105", 0);
        const SynthVillage& extra = b.nearest(s.location, [&](const SynthTownship& t, const SynthVillage& v) {
            return t.admin.code == "445303105" && !b.served(v.admin.code);
        });
        s.served.push_back(extra.admin.code);
        b.mark_served(extra.admin.code);
    }
    // Breach 2 (R2): a village of 高村镇 served by two points: the second point takes one of
    // the first point's villages instead of its own last one.
    {
        SynthSite& first = site("445303101", 0);
        SynthSite& second = site("445303101", 1);
        b.unmark(second.served.back());
        second.served.back() = first.served.back();
    }
    // Breach 3 (R4): a point of 都杨镇 serves a village of another township.
    {
        SynthSite& s = site("445303106", 0);
        const SynthVillage& other = b.nearest(s.location, [&](const SynthTownship& t, const SynthVillage& v) {
            return t.admin.code != "445303106" && !b.served(v.admin.code);
        });
        b.unmark(s.served.back());
        s.served.back() = other.admin.code;
        b.mark_served(other.admin.code);
    }
    // Breach 4 (R5): a point of 白石镇 stands in a village it does not serve.
    {
        SynthSite& s = site("445303102", 0);
        const SynthVillage& elsewhere = b.nearest(s.location, [&](const SynthTownship& t, const SynthVillage& v) {
            return t.admin.code == "445303102" && std::find(s.served.begin(), s.served.end(), v.admin.code) == s.served.end();
        });
        s.location = SiteBuilder::premises(elsewhere);
    }
    // Breach 5 (R2): every village no site lists is unserved; the district had built only
    // 17 of the 38 points it needed.
}

}  // namespace coverplan::gen
