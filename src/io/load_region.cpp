#include "io/load_region.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/admin_code.hpp"
#include "core/bounds.hpp"
#include "core/calendar.hpp"
#include "core/flood.hpp"
#include "core/hierarchy.hpp"
#include "core/personal.hpp"
#include "core/validation.hpp"
#include "core/text.hpp"
#include "geo/geos_context.hpp"
#include "geo/overlaps.hpp"
#include "geo/proj_transform.hpp"
#include "io/gdal_source.hpp"
#include "io/layer_support.hpp"

namespace coverplan::io {

void count_layer(Region& region, const GdalSource& src, std::size_t read, std::size_t used) {
    region.counts.push_back({src.spec().role, read, used});
}

namespace {

using Kind = SourceGeometry::Kind;

class Loader {
public:
    Loader(const ProjectConfig& cfg, Region& region) : m_cfg(cfg), m_region(region) {}

    void run() {
        load_townships();
        load_villages();
        load_sites();
        if (m_cfg.assignments.present) load_assignments();
        if (m_cfg.beneficiaries.present) load_beneficiaries();
        if (m_cfg.candidates.present) load_candidates();
        if (m_cfg.hazards.present) load_hazards();
        if (m_cfg.closures.present) load_closures();
        if (m_cfg.shelters.present) load_shelters();
        if (m_cfg.roads.present) load_roads_into(m_cfg.roads, m_region);
    }

private:
    void note(Severity s, const std::string& code, Text t) { m_region.notes.push_back({s, code, std::move(t)}); }

    MultiPolygon checked_polygon(const GdalSource& src, const OGRFeature& f, MultiPolygon mp, const std::string& label) {
        for (auto& poly : mp) {
            std::vector<Ring*> rings{&poly.outer};
            for (auto& h : poly.holes) rings.push_back(&h);
            for (Ring* r : rings) {
                if (!r->empty() && !(r->front() == r->back())) r->push_back(r->front());
                if (r->size() < 4)
                    throw InputError(src.where(f), {"expected polygon rings of at least 4 points (3 distinct, the first repeated at the end), found " +
                                                        std::to_string(r->size()),
                                                    "多边形环应至少有 4 个点（3 个不同点，首点在末尾重复），实际为 " + std::to_string(r->size()) + " 个"});
            }
        }
        std::string reason;
        MultiPolygon fixed = geo::repair_polygon(m_geos, mp, &reason);
        if (!reason.empty()) {
            note(Severity::warning, "geometry_repaired",
                 located(src.where(f), {"invalid polygon of " + label + " repaired with GEOS MakeValid (" + reason + ")",
                                        label + " 的多边形无效，已用 GEOS MakeValid 修复（" + reason + "）"}));
        }
        return fixed;
    }

    Point2 surface_point(const MultiPolygon& mp) {
        geo::GeomPtr g = m_geos.multipolygon(mp);
        return m_geos.point_on_surface(g.get());
    }

    void count(const GdalSource& src, std::size_t read, std::size_t used) { count_layer(m_region, src, read, used); }

    void load_townships() {
        GdalSource src(m_cfg.townships);
        const GdalNotes gdal_notes(src, m_region.notes);
        if (src.empty()) empty_layer(src, "township features", "镇（街）要素");
        LayerProjector proj(src, m_region.working_crs);
        const int code_i = src.field_index("code", true);
        const int name_i = src.field_index("name", false);
        std::map<std::string, long long> seen;
        std::size_t read = 0;
        for (auto& f : src.layer()) {
            ++read;
            const std::string raw = src.code(*f, code_i);
            const auto code = normalise_township_code(raw);
            if (!code)
                throw InputError(src.where(*f, src.spec().field("code")),
                                 {"expected a 9-digit township code (or 12 digits ending in 000), found \"" + raw + "\"" + odd_char(raw).en,
                                  "应为 9 位乡镇级区划代码（或以 000 结尾的 12 位代码），实际为“" + raw + "”" + odd_char(raw).zh});
            if (auto [it, fresh] = seen.emplace(*code, f->GetFID()); !fresh)
                throw InputError(src.where(*f, src.spec().field("code")),
                                 {"duplicate township code " + *code + " (also feature " + std::to_string(it->second) + ")",
                                  "乡镇代码 " + *code + " 重复（另见要素 " + std::to_string(it->second) + "）"});
            Township t;
            t.code = *code;
            t.name = src.text(*f, name_i);
            if (t.name.empty()) t.name = t.code;
            t.source_fid = f->GetFID();
            SourceGeometry g = src.geometry(*f);
            proj.apply(*f, g);
            if (g.kind == Kind::polygon) {
                t.polygon = checked_polygon(src, *f, std::move(g.polygons), t.name);
                t.anchor = surface_point(t.polygon);
            } else if (g.kind == Kind::point) {
                t.anchor = g.point;
            } else {
                wrong_geometry(src, *f, g, "polygon or point", "面或点");
            }
            m_region.townships.push_back(std::move(t));
        }
        count(src, read, m_region.townships.size());
    }

    void load_villages() {
        GdalSource src(m_cfg.villages);
        const GdalNotes gdal_notes(src, m_region.notes);
        if (src.empty()) empty_layer(src, "village features", "村（社区）要素");
        LayerProjector proj(src, m_region.working_crs);
        const int code_i = src.field_index("code", true);
        const int name_i = src.field_index("name", false);
        const int town_i = src.field_index("township", false);
        const int pop_i = src.field_index("population", false);
        const int ax_i = src.field_index("anchor_x", m_cfg.villages.mapped("anchor_y"));
        const int ay_i = src.field_index("anchor_y", m_cfg.villages.mapped("anchor_x"));
        TownshipIndex towns(m_region.townships);
        std::size_t read = 0, by_containment = 0;
        for (auto& f : src.layer()) {
            ++read;
            Village v;
            v.code = src.code(*f, code_i);
            v.name = src.text(*f, name_i);
            v.source_fid = f->GetFID();
            // Codes identify villages; a code that is not a 12-digit statistical code is still an
            // identifier, but then the township comes from a field or from where the village lies.
            if (v.code.empty())
                throw InputError(src.where(*f, src.spec().field("code")),
                                 {"expected a village code (12-digit statistical code or a local id), found an empty value",
                                  "应有村级代码（12 位统计用区划代码或本地编号），实际为空"});
            if (v.name.empty()) v.name = v.code;
            if (auto p = src.number(*f, pop_i, "population")) {
                if (!setting::max_population.contains(*p))
                    throw InputError(src.where(*f, src.spec().field("population")), setting::max_population.problem(*p));
                v.population = *p;
            }
            SourceGeometry g = src.geometry(*f);
            proj.apply(*f, g);
            if (g.kind == Kind::polygon) {
                v.polygon = checked_polygon(src, *f, std::move(g.polygons), v.name);
            } else if (g.kind != Kind::point) {
                wrong_geometry(src, *f, g, "polygon or point", "面或点");
            }
            const auto ax = src.number(*f, ax_i, "anchor_x");
            const auto ay = src.number(*f, ay_i, "anchor_y");
            if (ax && ay) {
                Point2 a{*ax, *ay};
                src.normalise(*f, a);
                v.anchor = proj.apply(*f, a);
            } else if (g.kind == Kind::point) {
                v.anchor = g.point;
            } else {
                v.anchor = surface_point(v.polygon);
            }
            const ParentResult parent = towns.parent_of({v.code, src.code(*f, town_i), v.anchor});
            if (!parent.township)
                throw InputError(src.where(*f, src.spec().field("code")),
                                 {"village " + v.name + " (" + v.code + ") belongs to no township: its code matches no township code and its location lies in no township",
                                  "村（社区）" + v.name + "（" + v.code + "）找不到所属镇（街）：代码与镇街代码不符，位置也不在任何镇街内"});
            if (parent.by_containment) ++by_containment;
            v.township = *parent.township;
            if (auto [it, fresh] = m_village_by_code.emplace(v.code, VillageId{static_cast<std::uint32_t>(m_region.villages.size())}); !fresh)
                throw InputError(src.where(*f, src.spec().field("code")),
                                 {"duplicate village code " + v.code + " (also feature " +
                                      std::to_string(m_region.village(it->second).source_fid) + ")",
                                  "村级代码 " + v.code + " 重复（另见要素 " + std::to_string(m_region.village(it->second).source_fid) + "）"});
            m_region.villages.push_back(std::move(v));
        }
        if (by_containment > 0) {
            note(Severity::info, "township_by_location",
                 {std::to_string(by_containment) + " villages were placed in their township by location, not by code",
                  std::to_string(by_containment) + " 个村（社区）按位置而非代码确定所属镇（街）"});
        }
        count(src, read, m_region.villages.size());
    }

    VillageId village_by_code(const GdalSource& src, const OGRFeature& f, const std::string& field, const std::string& code) const {
        auto it = m_village_by_code.find(code);
        if (it == m_village_by_code.end()) {
            throw InputError(src.where(f, field), {"unknown village code \"" + code + "\": no village in " +
                                                       m_cfg.villages.display_name() + " has it",
                                                   "未知的村级代码“" + code + "”：村（社区）图层 " + m_cfg.villages.display_name() + " 中没有"});
        }
        return it->second;
    }

    static std::optional<SiteKind> parse_kind(const std::string& s) {
        const std::string k = ascii_lower(s);
        if (k == "station" || s == "社工站" || s == "站" || s == "镇（街）社工站" || s == "镇街社工站") return SiteKind::station;
        if (k == "point" || s == "社工点" || s == "点" || s == "村（居）社工点" || s == "村居社工点") return SiteKind::point;
        return std::nullopt;
    }

    static std::optional<SiteStatus> parse_status(const std::string& s) {
        const std::string k = ascii_lower(s);
        if (k.empty() || k == "existing" || s == "已建" || s == "建成" || s == "已建成" || s == "运营") return SiteStatus::existing;
        if (k == "planned" || s == "规划" || s == "拟建" || s == "在建" || s == "计划") return SiteStatus::planned;
        return std::nullopt;
    }

    void load_sites() {
        GdalSource src(m_cfg.sites);
        const GdalNotes gdal_notes(src, m_region.notes);
        if (src.empty()) {
            note(Severity::warning, "no_sites", {"the sites layer has no features: no station or point is built yet",
                                                 "站点图层为空：尚无已建社工站或社工点"});
            count(src, 0, 0);
            return;
        }
        LayerProjector proj(src, m_region.working_crs);
        const int id_i = src.field_index("id", true);
        const int name_i = src.field_index("name", false);
        const int kind_i = src.field_index("kind", true);
        const int status_i = src.field_index("status", false);
        const int served_i = src.field_index("served_villages", false);
        const int town_i = src.field_index("township", false);
        const int staff_i = src.field_index("staff", false);
        TownshipIndex towns(m_region.townships);
        std::size_t read = 0;
        for (auto& f : src.layer()) {
            ++read;
            Site s;
            s.id = src.code(*f, id_i);
            s.source_fid = f->GetFID();
            if (s.id.empty())
                throw InputError(src.where(*f, src.spec().field("id")), {"expected a site id, found an empty value", "站点编号不能为空"});
            if (auto [it, fresh] = m_site_by_id.emplace(s.id, SiteId{static_cast<std::uint32_t>(m_region.sites.size())}); !fresh)
                throw InputError(src.where(*f, src.spec().field("id")), {"duplicate site id \"" + s.id + "\"", "站点编号“" + s.id + "”重复"});
            s.name = src.text(*f, name_i);
            if (s.name.empty()) s.name = s.id;
            const std::string kind = src.text(*f, kind_i);
            const auto k = parse_kind(kind);
            if (!k)
                throw InputError(src.where(*f, src.spec().field("kind")),
                                 {"expected station/社工站 or point/社工点, found \"" + kind + "\"", "应为 station/社工站 或 point/社工点，实际为“" + kind + "”"});
            s.kind = *k;
            const std::string status = src.text(*f, status_i);
            const auto st = parse_status(status);
            if (!st)
                throw InputError(src.where(*f, src.spec().field("status")),
                                 {"expected existing/已建 or planned/规划, found \"" + status + "\"", "应为 existing/已建 或 planned/规划，实际为“" + status + "”"});
            s.status = *st;
            if (auto staff = src.number(*f, staff_i, "staff")) {
                if (!(*staff >= 0 && *staff <= 1000 && *staff == std::floor(*staff)))
                    throw InputError(src.where(*f, src.spec().field("staff")),
                                     {"expected a whole number of social workers from 0 to 1000, found " + number_text(*staff),
                                      "社工人数应为 0 到 1000 之间的整数，实际为 " + number_text(*staff)});
                s.staff = static_cast<int>(*staff);
            }
            SourceGeometry g = src.geometry(*f);
            if (g.kind != Kind::point) wrong_geometry(src, *f, g, "point", "点");
            proj.apply(*f, g);
            s.location = g.point;
            for (const std::string& code : src.codes(*f, served_i))
                add_served(s, village_by_code(src, *f, src.spec().field("served_villages"), code));
            // The township a site belongs to: stated, else where it stands, else its first village's.
            const std::string stated = src.code(*f, town_i);
            if (!stated.empty()) {
                const auto code = normalise_township_code(stated);
                const auto t = code ? towns.by_code(*code) : std::nullopt;
                if (!t)
                    throw InputError(src.where(*f, src.spec().field("township")),
                                     {"unknown township code \"" + stated + "\"", "未知的镇（街）代码“" + stated + "”"});
                s.township = *t;
            } else if (auto t = towns.containing(s.location)) {
                s.township = *t;
            } else if (!s.served_villages.empty()) {
                s.township = m_region.village(s.served_villages.front()).township;
            } else {
                throw InputError(src.where(*f), {"site \"" + s.id + "\" stands in no township and serves no village, so its township is unknown; add a township field",
                                                 "站点“" + s.id + "”不在任何镇（街）内且无服务村，无法确定所属镇（街）；请补充 township 字段"});
            }
            m_region.sites.push_back(std::move(s));
        }
        count(src, read, m_region.sites.size());
    }

    static void add_served(Site& s, VillageId v) {
        if (std::find(s.served_villages.begin(), s.served_villages.end(), v) == s.served_villages.end())
            s.served_villages.push_back(v);
    }

    void load_assignments() {
        GdalSource src(m_cfg.assignments);
        const GdalNotes gdal_notes(src, m_region.notes);
        const int site_i = src.field_index("site_id", true);
        const int village_i = src.field_index("village", true);
        std::size_t read = 0;
        for (auto& f : src.layer()) {
            ++read;
            const std::string id = src.code(*f, site_i);
            auto it = m_site_by_id.find(id);
            if (it == m_site_by_id.end())
                throw InputError(src.where(*f, src.spec().field("site_id")),
                                 {"unknown site id \"" + id + "\": no site in " + m_cfg.sites.display_name() + " has it",
                                  "未知的站点编号“" + id + "”：站点图层 " + m_cfg.sites.display_name() + " 中没有"});
            const std::string code = src.code(*f, village_i);
            add_served(m_region.sites[it->second.value], village_by_code(src, *f, src.spec().field("village"), code));
        }
        count(src, read, read);
    }

    void load_beneficiaries() {
        GdalSource src(m_cfg.beneficiaries);
        const GdalNotes gdal_notes(src, m_region.notes);
        if (src.empty()) {
            note(Severity::warning, "no_beneficiaries", {"the beneficiaries layer has no features", "服务对象图层为空"});
            count(src, 0, 0);
            return;
        }
        LayerProjector proj(src, m_region.working_crs);
        // Only these fields are read: names, ID numbers, phones and addresses never are. The record
        // id is the bureau's own (档案编号), for the social workers' visit lists; one that looks
        // like an ID number or a phone number is refused as every value read is.
        const int village_i = src.field_index("village", false);
        const int cat_i = src.field_index("categories", true);
        const int weight_i = src.field_index("weight", false);
        const int record_i = src.field_index("record", false);
        const int household_i = src.field_index("household", false);
        const int last_visit_i = src.field_index("last_visit", false);
        const int window_i = src.field_index("visit_window", false);
        std::map<std::string, long long> records;
        const int today = today_days();
        std::size_t read = 0, with_village = 0, unknown_village = 0;
        Text first_unknown;
        const double max_weight = m_cfg.validation.max_weight;
        for (auto& f : src.layer()) {
            ++read;
            Beneficiary b;
            const std::string code = src.code(*f, village_i);
            if (!code.empty()) {
                ++with_village;
                if (auto it = m_village_by_code.find(code); it != m_village_by_code.end()) {
                    b.village = it->second;
                } else if (unknown_village++ == 0) {
                    // A value that passes as a code may be quoted; anything else stays unquoted.
                    const Text shown = looks_like_code(code) ? Text{"\"" + code + "\"", "“" + code + "”"} : src.shown(code);
                    first_unknown = located(src.where(*f, src.spec().field("village")), shown);
                }
            }
            const std::string cats = src.text(*f, cat_i);
            for (const std::string& c : split_list(cats)) {
                const auto cat = parse_category(c, m_cfg.category_aliases);
                if (!cat) unknown_category(src, *f, c);
                b.categories |= bit(*cat);
            }
            if (b.categories == 0)
                throw InputError(src.where(*f, src.spec().field("categories")),
                                 {"expected at least one category, found an empty value", "对象类别不能为空"});
            if (auto w = src.number(*f, weight_i, "weight")) {
                if (!(*w >= 0 && *w <= max_weight))
                    throw InputError(src.where(*f, src.spec().field("weight")),
                                     {"expected a weight from 0 to " + number_text(max_weight) +
                                          " ([validation] max_weight), found " + (*w < 0 ? std::string("a negative number") : "a larger number") +
                                          " (not quoted: it comes from a beneficiary's record); is weight mapped to the right column?",
                                      "权重应在 0 到 " + number_text(max_weight) + " 之间（[validation] max_weight），实际为" +
                                          (*w < 0 ? std::string("负数") : "更大的数") + "（来自服务对象记录，不予显示）；请检查 weight 是否对应正确的列"});
                b.weight = *w;
            }
            if (record_i >= 0) {
                b.record = src.code(*f, record_i);
                const Where w = src.where(*f, src.spec().field("record"));
                if (b.record.empty())
                    throw InputError(w, {"expected the record id (the bureau's own, e.g. 档案编号), found an empty value; every visit is listed by it",
                                         "应为档案编号（本单位编号），实际为空；走访清单按档案编号列出"});
                if (b.record.size() > 64)
                    throw InputError(w, {"expected a record id of at most 64 characters, found " + std::to_string(b.record.size()),
                                         "档案编号应不超过 64 个字符，实际为 " + std::to_string(b.record.size()) + " 个"});
                if (auto [it, fresh] = records.emplace(b.record, f->GetFID()); !fresh)
                    throw InputError(w, {"duplicate record id \"" + b.record + "\" (also feature " + std::to_string(it->second) + ")",
                                         "档案编号“" + b.record + "”重复（另见要素 " + std::to_string(it->second) + "）"});
            }
            // A household id only groups people for the counts (户数); it is never written.
            if (household_i >= 0) b.household = src.code(*f, household_i);
            if (const std::string lv = src.text(*f, last_visit_i); !lv.empty()) {
                const Where w = src.where(*f, src.spec().field("last_visit"));
                const auto day = parse_date(lv);
                if (!day)
                    throw InputError(w, {"expected the date of the last visit as YYYY-MM-DD, found a value that is not a date that exists "
                                         "(not quoted: it comes from a beneficiary's record); is last_visit mapped to the right column?",
                                         "上次走访日期应为 YYYY-MM-DD，实际不是有效日期（来自服务对象记录，不予显示）；请检查 last_visit 是否对应正确的列"});
                if (*day > today)
                    throw InputError(w, {"expected the date of the last visit, found a date after today (" + format_date(today) +
                                             "; not quoted: it comes from a beneficiary's record)",
                                         "上次走访日期晚于今天（" + format_date(today) + "；来自服务对象记录，不予显示）"});
                b.last_visit = *day;
            }
            if (const std::string tw = src.text(*f, window_i); !tw.empty()) {
                b.window = parse_time_window(tw);
                if (!b.window)
                    throw InputError(src.where(*f, src.spec().field("visit_window")),
                                     {"expected the hours a visit may start as HH:MM-HH:MM, HH:MM- (from), -HH:MM (until), HH:MM后 or "
                                      "HH:MM前, the first before the second, found a value that is not (not quoted: it comes from a "
                                      "beneficiary's record); is visit_window mapped to the right column?",
                                      "约定走访时段应为 HH:MM-HH:MM、HH:MM-（起）、-HH:MM（止）、HH:MM后 或 HH:MM前，且起始早于结束，"
                                      "实际不是（来自服务对象记录，不予显示）；请检查 visit_window 是否对应正确的列"});
            }
            SourceGeometry g = src.geometry(*f);
            if (g.kind != Kind::point) wrong_geometry(src, *f, g, "point", "点");
            proj.apply(*f, g);
            b.location = g.point;
            m_region.beneficiaries.push_back(std::move(b));
        }
        // Not one village value matches: the field is the wrong column (an address, a name), not
        // a few stale codes.
        if (with_village >= 3 && unknown_village == with_village)
            throw InputError(Where{src.file_label(), src.layer_name(), -1, src.spec().field("village")},
                             {"none of the " + std::to_string(with_village) + " village values is a code of the villages layer " +
                                  m_cfg.villages.display_name() + " (first: " + first_unknown.en +
                                  "); is [layers.beneficiaries.fields] village mapped to the column of village codes?",
                              std::to_string(with_village) + " 个村级代码无一与村（社区）图层 " + m_cfg.villages.display_name() +
                                  " 相符（首个：" + first_unknown.zh + "）；请检查 [layers.beneficiaries.fields] village 是否对应村级代码列"});
        if (unknown_village > 0) {
            note(Severity::warning, "beneficiary_unknown_village",
                 {std::to_string(unknown_village) + " beneficiaries name a village code that is not in the villages layer (first: " +
                      first_unknown.en + "); they are kept, without a village",
                  std::to_string(unknown_village) + " 名服务对象的村级代码不在村（社区）图层中（首个：" + first_unknown.zh + "）；已保留，但无所属村"});
        }
        count(src, read, m_region.beneficiaries.size());
    }

    [[noreturn]] static void unknown_category(const GdalSource& src, const OGRFeature& f, const std::string& value) {
        std::vector<std::string> known;
        for (Category k : all_categories()) known.push_back(std::string(category_zh(k)) + "/" + std::string(category_key(k)));
        const Where w = src.where(f, src.spec().field("categories"));
        if (looks_like_person_name(value))
            throw InputError(w, {"expected a category, found a person's name (not quoted: personal data are never read or shown); is "
                                 "[layers.beneficiaries.fields] categories mapped to the right column?",
                                 "应为对象类别，实际为人名（个人信息不读取、不显示，故不引用原值）；请检查 [layers.beneficiaries.fields] categories 是否对应正确的列"});
        const Text found = src.shown(value);
        throw InputError(w, {"unknown category, " + found.en + "; expected one of " + join(known, ", ") +
                                 " (other spellings can be added under [categories.aliases])",
                             "未知的对象类别：" + found.zh + "；应为 " + join(known, "、") + " 之一（其他写法可在 [categories.aliases] 中添加）"});
    }

    // ", which holds U+00A0 no-break space": the character that makes a code malformed.
    static Text odd_char(const std::string& code) {
        const std::string c = first_non_digit(code);
        if (c.empty()) return {};
        return {" (it holds " + c + ")", "（其中含有 " + c + "）"};
    }

    // Codes may be quoted in messages: ASCII letters, digits and - _ . / only.
    static bool looks_like_code(const std::string& s) {
        if (s.empty() || s.size() > 40) return false;
        for (char c : s)
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_' || c == '.' || c == '/'))
                return false;
        return true;
    }

    void load_candidates() {
        GdalSource src(m_cfg.candidates);
        const GdalNotes gdal_notes(src, m_region.notes);
        LayerProjector proj(src, m_region.working_crs);
        const int id_i = src.field_index("id", true);
        const int name_i = src.field_index("name", false);
        const int type_i = src.field_index("type", false);
        std::set<std::string> seen;
        std::size_t read = 0;
        for (auto& f : src.layer()) {
            ++read;
            Candidate c;
            c.id = src.code(*f, id_i);
            if (c.id.empty() || !seen.insert(c.id).second)
                throw InputError(src.where(*f, src.spec().field("id")), {"expected a unique candidate id, found \"" + c.id + "\"",
                                                                         "候选场所编号应唯一且非空，实际为“" + c.id + "”"});
            c.name = src.text(*f, name_i);
            c.type = src.text(*f, type_i);
            c.source_fid = f->GetFID();
            SourceGeometry g = src.geometry(*f);
            if (g.kind != Kind::point) wrong_geometry(src, *f, g, "point", "点");
            proj.apply(*f, g);
            c.location = g.point;
            m_region.candidates.push_back(std::move(c));
        }
        count(src, read, m_region.candidates.size());
    }

    // Hazard zones: polygons with a level (a whole number 1–9 or 低/中/高/极高), an optional type
    // and name. A zone without a level is an error: which roads it closes and who is moved first
    // depend on it.
    void load_hazards() {
        GdalSource src(m_cfg.hazards);
        const GdalNotes gdal_notes(src, m_region.notes);
        if (src.empty()) empty_layer(src, "hazard zones", "风险区");
        LayerProjector proj(src, m_region.working_crs);
        const int level_i = src.field_index("level", true);
        const int type_i = src.field_index("type", false);
        const int name_i = src.field_index("name", false);
        std::size_t read = 0;
        for (auto& f : src.layer()) {
            ++read;
            Hazard h;
            h.source_fid = f->GetFID();
            const std::string level = src.text(*f, level_i);
            const std::optional<int> lv = parse_hazard_level(level);
            if (!lv)
                throw InputError(src.where(*f, src.spec().field("level")),
                                 {"expected a hazard level: a whole number from 1 (lowest) to 9, or 低, 中, 高, 极高; found " +
                                      (level.empty() ? std::string("nothing") : "\"" + terminal_safe(level) + "\""),
                                  "风险等级应为 1（最低）到 9 的整数，或 低、中、高、极高；实际为" +
                                      (level.empty() ? std::string("空") : "“" + terminal_safe(level) + "”")});
            h.level = *lv;
            h.type = src.text(*f, type_i);
            h.name = src.text(*f, name_i);
            SourceGeometry g = src.geometry(*f);
            if (g.kind != Kind::polygon) wrong_geometry(src, *f, g, "polygon", "面");
            proj.apply(*f, g);
            const std::string label = h.name.empty() ? "hazard zone " + std::to_string(h.source_fid) : h.name;
            h.polygon = checked_polygon(src, *f, std::move(g.polygons), label);
            h.box = bounds(h.polygon);
            m_region.hazards.push_back(std::move(h));
        }
        count(src, read, m_region.hazards.size());
    }

    // Closed roads (封闭道路): polygons as given, lines buffered by [flood] closure_buffer_m. A point
    // says no stretch of road: an error, not a guess.
    void load_closures() {
        GdalSource src(m_cfg.closures);
        const GdalNotes gdal_notes(src, m_region.notes);
        LayerProjector proj(src, m_region.working_crs);
        const int name_i = src.field_index("name", false);
        std::size_t read = 0;
        for (auto& f : src.layer()) {
            ++read;
            Closure c;
            c.source_fid = f->GetFID();
            c.name = src.text(*f, name_i);
            SourceGeometry g = src.geometry(*f);
            if (g.kind != Kind::polygon && g.kind != Kind::line)
                wrong_geometry(src, *f, g, "line (a closed stretch of road) or polygon (a closed area)", "线（封闭路段）或面（封闭区域）");
            proj.apply(*f, g);
            const std::string label = c.name.empty() ? "closure " + std::to_string(c.source_fid) : c.name;
            if (g.kind == Kind::polygon) {
                c.area = checked_polygon(src, *f, std::move(g.polygons), label);
            } else {
                // The parts' buffers united: one valid area even where the parts meet or overlap.
                geo::GeomPtr area;
                for (const LineString& l : g.lines) {
                    geo::GeomPtr buffered = m_geos.buffer(m_geos.line(l).get(), m_cfg.flood.closure_buffer_m);
                    area = area ? m_geos.unite(area.get(), buffered.get()) : std::move(buffered);
                }
                if (area) c.area = m_geos.to_multipolygon(area.get());
            }
            c.box = bounds(c.area);
            m_region.closures.push_back(std::move(c));
        }
        count(src, read, m_region.closures.size());
    }

    // Shelters: points with a capacity in people (a whole number; a shelter without one cannot be
    // planned for, so it is an error), an id (else SH- and the feature number), a name and a type.
    void load_shelters() {
        GdalSource src(m_cfg.shelters);
        const GdalNotes gdal_notes(src, m_region.notes);
        if (src.empty()) empty_layer(src, "shelters", "避难场所");
        LayerProjector proj(src, m_region.working_crs);
        const int id_i = src.field_index("id", false);
        const int name_i = src.field_index("name", false);
        const int type_i = src.field_index("type", false);
        const int cap_i = src.field_index("capacity", true);
        std::set<std::string> seen;
        std::size_t read = 0;
        for (auto& f : src.layer()) {
            ++read;
            Shelter sh;
            sh.source_fid = f->GetFID();
            sh.id = id_i >= 0 ? src.code(*f, id_i) : "SH-" + std::to_string(read);
            if (sh.id.empty() || !seen.insert(sh.id).second)
                throw InputError(src.where(*f, src.spec().field("id")), {"expected a unique shelter id, found \"" + sh.id + "\"",
                                                                         "避难场所编号应唯一且非空，实际为“" + sh.id + "”"});
            sh.name = src.text(*f, name_i);
            if (sh.name.empty()) sh.name = sh.id;
            sh.type = src.text(*f, type_i);
            const std::optional<double> cap = src.number(*f, cap_i, "capacity");
            if (!cap || !(*cap >= 0 && *cap <= 1e6 && *cap == std::floor(*cap)))
                throw InputError(src.where(*f, src.spec().field("capacity")),
                                 {"expected the shelter's capacity as a whole number of people from 0 to 1,000,000, found " +
                                      (cap ? number_text(*cap) : std::string("nothing")),
                                  "避难场所容量应为 0 到 1000000 之间的整数（人），实际为" + (cap ? number_text(*cap) : std::string("空"))});
            sh.capacity = static_cast<int>(*cap);
            SourceGeometry g = src.geometry(*f);
            if (g.kind != Kind::point) wrong_geometry(src, *f, g, "point", "点");
            proj.apply(*f, g);
            sh.location = g.point;
            m_region.shelters.push_back(std::move(sh));
        }
        count(src, read, m_region.shelters.size());
    }

    const ProjectConfig& m_cfg;
    Region& m_region;
    geo::Geos m_geos;
    std::map<std::string, VillageId> m_village_by_code;
    std::map<std::string, SiteId> m_site_by_id;
};

}  // namespace

std::string choose_working_crs(const ProjectConfig& cfg) {
    if (!cfg.crs.empty()) {
        const geo::CrsInfo info = geo::describe_crs(cfg.crs);
        if (!info.valid)
            throw UsageError({cfg.file.string() + ": crs = \"" + cfg.crs + "\" is not a CRS PROJ knows (" + info.error + ")",
                              cfg.file.string() + "：crs = \"" + cfg.crs + "\" 不是有效的坐标参考系（" + info.error + "）"});
        if (!info.metric)
            throw UsageError({cfg.file.string() + ": crs = \"" + cfg.crs + "\" (" + info.name +
                                  ") is not a projected CRS in metres; use one such as EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E) or leave crs out for the automatic choice (the CGCS2000 Gauss-Kruger zone in China, else UTM)",
                              cfg.file.string() + "：crs = \"" + cfg.crs + "\"（" + info.name +
                                  "）不是以米为单位的投影坐标系；请使用如 EPSG:4547，或删去 crs 以自动选择（中国境内为 CGCS2000 高斯-克吕格 3 度带，其他地区为 UTM 分带）"});
        return cfg.crs;
    }
    GdalSource src(cfg.townships);
    OGREnvelope env;
    if (src.layer().GetExtent(&env, TRUE) != OGRERR_NONE || !std::isfinite(env.MinX))
        throw InputError(Where{src.file_label(), src.layer_name()},
                         {"cannot compute the layer's extent to choose a working CRS; set crs in the project file",
                          "无法计算图层范围以选择工作坐标系；请在项目文件中设置 crs"});
    Point2 centre{(env.MinX + env.MaxX) / 2, (env.MinY + env.MaxY) / 2};
    if (cfg.townships.coordinates != Coordinates::wgs84) return geo::default_crs_for(centre.x, centre.y);
    const geo::Transformer to_lonlat(src.crs_definition(), "EPSG:4326");
    const Point2 ll = to_lonlat.forward(centre);
    if (!std::isfinite(ll.x) || !std::isfinite(ll.y) || std::abs(ll.y) > 84)
        throw InputError(Where{src.file_label(), src.layer_name()},
                         {"the layer's centre does not map to a valid longitude/latitude; check its CRS",
                          "图层中心无法转换为有效经纬度；请检查其坐标系"});
    return geo::default_crs_for(ll.x, ll.y);
}

Region load_region(const ProjectConfig& cfg) {
    Region region;
    region.name = cfg.name;
    region.county_names = cfg.county_names;
    region.working_crs = choose_working_crs(cfg);
    Loader(cfg, region).run();
    // Checks across layers: warnings join the notes; an error stops here, before any rule or route.
    std::vector<DataNote> found = validate_region(region, cfg.validation);
    for (DataNote& n : geo::township_overlaps(region)) found.push_back(std::move(n));
    for (DataNote& n : found) {
        if (n.severity == Severity::error) throw InputError(n.text);
        region.notes.push_back(std::move(n));
    }
    return region;
}

}  // namespace coverplan::io
