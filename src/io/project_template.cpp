#include "io/project_file.hpp"

namespace coverplan::io {

namespace {
// Kept in step with read_project(): every key below is one it accepts.
constexpr const char* k_template = R"TOML(# coverplan project file (TOML). Paths are relative to this file.
# coverplan 项目文件。路径相对于本文件所在目录。
# Check the network against the programme's rules:  coverplan check project.toml -o out

name = "@NAME@"

# Working CRS for all measurements: a projected CRS in metres. Leave it out to use, in China,
# the CGCS2000 3-degree Gauss-Kruger zone of the data's centre (EPSG:4534-4554, e.g. EPSG:4546
# for central meridian 111E, EPSG:4547 for 114E), elsewhere its UTM zone.
# 工作坐标系（投影、单位为米）；省略时在中国境内自动使用数据中心所在的 CGCS2000 高斯-克吕格
# 3 度带（EPSG:4534–4554），其他地区使用 UTM 分带。
# crs = "EPSG:4547"

# Names of county-level units by 6-digit code, used in summaries.
[counties]
# "445303" = "云安区"

[rules]
villages_per_point = 3             # each 社工点 serves at most this many villages (村/社区)
max_site_distance_m = 0            # R5: 0 = a site must stand inside one of its villages;
                                   # > 0 also accepts a site this close to a served village's centre
max_travel_min = 0                 # R6: maximum travel time to each served village (0 = not checked)
exempt_townships_without_villages = true   # 林场/农场 without villages need no station

[validation]
max_beneficiary_distance_m = 2000  # warn when a beneficiary lives farther than this from their village

# Travel model: how social workers get about (DESIGN §8; README "Travel times").
[travel]
mode = "ebike"                     # walk, bicycle, ebike (e-bike or motorcycle) or car
thresholds_min = [15, 30, 45]      # coverage bands in minutes
access_kmh = 4                     # walking between a place and the nearest road
max_snap_m = 500                   # farther than this from every road: unreachable, and reported
max_search_min = 120               # longer trips are reported as not reached
polygon_cell_m = 100               # resolution of isochrone and gap polygons
node_crossings = false             # true: join roads where they cross without a shared vertex
                                   # (data digitised without junctions); never bridges or tunnels
[travel.speeds]                    # km/h by road class for the chosen mode, overriding the defaults
# "村道" = 20
# "track" = 10

# Other spellings of target groups used in your beneficiary list, mapped to the categories
# dibao 低保, tekun 特困, disabled 残疾人, orphan 孤儿及事实无人抚养儿童, left_behind_child 留守儿童,
# elderly_alone 独居空巢老人, family_planning_special 计生特殊家庭.
[categories.aliases]
# "低保户（重点）" = "dibao"

# Each layer: source (any file GDAL opens: GeoPackage, Shapefile, GeoJSON, CSV, XLSX, OSM PBF),
# optional layer (inside the source), where (attribute filter), crs (when the source has none),
# coordinates ("wgs84", or "gcj02"/"bd09" for points taken from Amap/Tencent or Baidu),
# encoding (e.g. "GBK" for old shapefiles or CSVs), x/y or wkt (geometry columns of CSV/XLSX),
# and [layers.NAME.fields] mapping what coverplan needs to the names of your columns.

[layers.townships]                 # 镇/街道 boundaries (polygons) or centres (points)
source = "townships.gpkg"
[layers.townships.fields]
code = "code"                      # 9-digit code, e.g. 445303100
name = "name"

[layers.villages]                  # 村/社区 boundaries (polygons) or points
source = "villages.gpkg"
[layers.villages.fields]
code = "code"                      # 12-digit code, e.g. 445303100201; its first 9 digits give the township
name = "name"
# township = "town_code"           # when codes are local ids: the township code (else: by location)
# anchor_x = "lon"                 # village committee location, in the layer's CRS
# anchor_y = "lat"
# population = "pop"

[layers.sites]                     # existing and planned 社工站 / 社工点 (points)
source = "sites.csv"
x = "lon"
y = "lat"
crs = "EPSG:4326"
[layers.sites.fields]
id = "id"
name = "name"
kind = "kind"                      # station/社工站 or point/社工点
status = "status"                  # existing/已建 or planned/规划 (empty = existing)
served_villages = "served"         # village codes separated by ; or 、
# staff = "staff"                  # social workers at the site (else [staffing] below)

# Alternatively (or in addition), a table of which site serves which village:
# [layers.assignments]
# source = "assignments.csv"
# [layers.assignments.fields]
# site_id = "site_id"
# village = "village_code"

# [layers.beneficiaries]           # 服务对象: only village, categories, weight, record, household, last_visit, visit_window
# source = "beneficiaries.csv"     # are read; names, ID numbers, phones and addresses never are
# x = "lon"
# y = "lat"
# crs = "EPSG:4326"
# [layers.beneficiaries.fields]
# village = "village_code"
# categories = "categories"        # e.g. "低保;残疾人"
# weight = "weight"                # optional, default 1
# record = "档案编号"              # the bureau's own record id: visit lists name beneficiaries by it only
# last_visit = "上次走访日期"      # YYYY-MM-DD, for `coverplan visits` to know who is due
# visit_window = "约定走访时段"    # optional: when a visit may start, e.g. 16:00-18:00 or 16:00后
# household = "户号"               # optional: flood exposure counted in households too (within a village; never written)

# Home visits (coverplan visits, R8): example defaults; set your own.
# [staffing]
# station = 3                      # social workers where the sites layer gives none
# point = 2
# days_per_month = 22
# hours_per_day = 7                # the lunch break excluded
# day_start = "08:30"
# lunch_start = "12:00"
# lunch_minutes = 90
# visiting_share = 0.5             # share of working time for home visits
# [visits]
# minutes = 45
# [visits.frequency]               # months between visits, or monthly / bimonthly / quarterly …
# tekun = "monthly"                # 特困 (Chinese keys need quotes: "特困" = 1)
# dibao = "bimonthly"

# [layers.roads]
# source = "roads.gpkg"
# [layers.roads.fields]
# class = "class"                  # OSM highway value or 国道/省道/县道/乡道/村道
# speed = "speed_kmh"
# oneway = "oneway"

# [layers.candidates]              # premises where new sites could go (村委会, 党群服务中心 …)
# source = "candidates.gpkg"

# Flood season (coverplan flood): hazard zones, roads closed, shelters, outreach, critical links.
# [flood]
# priority = ["特困", "孤儿", "残疾人", "独居空巢老人", "留守儿童"]   # the transfer list's categories
# close_roads_from_level = 3       # zones of this level and above close their roads (none: only the closures layer)
# closure_buffer_m = 15            # a closure line closes the roads this near it
# outreach_days = 2                # every person in a zone checked at home within these working days
# outreach_minutes = 20            # per home
# detour_min = 10                  # a link is a detour link when its loss lengthens trips by more than this …
# detour_people = 10               # … for at least this many beneficiaries
# detour_candidates = 20           # the busiest links checked (0: none)
# [layers.hazards]                 # polygons: flood zones, low-lying areas, landslide risk
# source = "hazards.gpkg"
# [layers.hazards.fields]
# level = "level"                  # 1 (lowest) … 9, or 低 / 中 / 高 / 极高
# type = "type"                    # 洪涝, 山洪, 地质灾害 …
# name = "name"
# [layers.closures]                # lines or polygons of impassable roads (the 三防办's list)
# source = "closures.geojson"
# [layers.shelters]                # points with a capacity (people): 避难场所, schools, village offices
# source = "shelters.csv"
# x = "lon"
# y = "lat"
# crs = "EPSG:4326"
)TOML";
}  // namespace

std::string project_template(const std::string& name) {
    std::string t = k_template;
    std::string escaped;
    for (char c : name) {
        if (c == '"' || c == '\\') escaped += '\\';
        if (c != '\n' && c != '\r') escaped += c;
    }
    const std::string key = "@NAME@";
    t.replace(t.find(key), key.size(), escaped);
    return t;
}

}  // namespace coverplan::io
