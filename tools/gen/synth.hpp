#pragma once
// Synthetic but plausible counties: real names and codes, made-up geometry, roads,
// beneficiaries and sites. Everything is drawn from one seed (see core/rng.hpp).
#include <optional>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "geo/geos_context.hpp"
#include "core/rng.hpp"

namespace coverplan::gen {
using coverplan::Rng;

struct AdminVillage {
    std::string code;
    std::string official_name;  // 六都村民委员会
    std::string name;           // 六都村
    std::string kind;           // village / community / other
};

struct AdminTownship {
    std::string code;
    std::string name;
    std::string kind;  // town / subdistrict / farm_or_forestry
    std::vector<AdminVillage> villages;
};

struct SynthVillage {
    AdminVillage admin;
    MultiPolygon polygon;
    Point2 anchor;
    std::vector<Point2> hamlets;
};

struct SynthTownship {
    AdminTownship admin;
    MultiPolygon polygon;
    Point2 seat;
    std::vector<SynthVillage> villages;
};

struct SynthRoad {
    LineString line;
    std::string road_class;  // 县道 / 乡道 / 村道
    std::string ref;         // X001, Y012, C0345
    std::string name;
};

struct SynthBeneficiary {
    std::string id, name, id_number, phone, address, village_code, categories;
    std::string last_visit;  // YYYY-MM-DD, "" for a record never visited
    Point2 location;
};

struct SynthSite {
    std::string id, name, kind, status, township_code;
    std::vector<std::string> served;
    Point2 location;
    int staff = 1;
};

// Flood-season layers of a sample county: hazard zones along a river, a few closed road
// stretches, shelters at schools and village committees (all synthetic).
struct SynthHazard {
    MultiPolygon polygon;
    int level = 1;
    std::string type, name;
};
struct SynthClosure {
    LineString line;
    std::string name;
};
struct SynthShelter {
    std::string id, name, type;
    int capacity = 0;
    Point2 location;
};
struct SynthFlood {
    LineString river;
    std::vector<SynthHazard> hazards;
    std::vector<SynthClosure> closures;
    std::vector<SynthShelter> shelters;
};

struct SynthCounty {
    std::string code;
    std::string name;
    MultiPolygon outline;
    std::vector<SynthTownship> townships;
    std::vector<SynthRoad> roads;
    std::vector<SynthBeneficiary> beneficiaries;
    std::vector<SynthSite> sites;
    std::optional<SynthFlood> flood;
};

struct SynthParams {
    double beneficiaries_per_village = 35.0;
    int detour_villages = 3;
};

// Partitions the outline (metric CRS) into townships and villages and builds roads and
// beneficiaries. Sites are added separately.
SynthCounty synthesise_county(const geo::Geos& geos, const std::string& code, const std::string& name,
                              const MultiPolygon& outline, std::vector<AdminTownship> townships, const SynthParams& params,
                              Rng rng);

// About `beneficiaries_per_village` synthetic beneficiaries per village, clustered around
// the village centre and its hamlets, with masked personal fields.
void add_beneficiaries(SynthCounty& county, const SynthParams& params, Rng rng);

// A station at every township seat and points for `share` of the required points, with no
// rule broken (used for large generated regions).
void add_standard_sites(SynthCounty& county, double share, Rng rng);

// 云安区 in 2021: 7 stations and 17 points, with the planted breaches listed in
// data/yunan/README.md.
void add_yunan_2021_sites(SynthCounty& county);

std::string short_village_name(const std::string& official);

// A line from a to b that meanders like the generator's roads (amplitude a share of its length).
LineString winding_line(Point2 a, Point2 b, double amplitude_frac, double step_m, Rng& rng);

// A river across the county from west to east, flood zones along it at three levels (buffers of
// 1,200, 500 and 200 m, clipped to the outline), two landslide spots, closures where county and
// township roads run through the middle band, and shelters at township seats and some villages.
void add_flood(const geo::Geos& geos, SynthCounty& county, Rng rng);

}  // namespace coverplan::gen
