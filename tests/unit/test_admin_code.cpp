#include <catch2/catch.hpp>

#include "core/admin_code.hpp"
#include "core/hierarchy.hpp"
#include "region_builder.hpp"

using namespace coverplan;

TEST_CASE("statistical division codes", "[codes]") {
    CHECK(normalise_township_code("445303100") == std::optional<std::string>("445303100"));
    CHECK(normalise_township_code("445303100000") == std::optional<std::string>("445303100"));
    CHECK_FALSE(normalise_township_code("445303100201"));
    CHECK_FALSE(normalise_township_code("44530310"));
    CHECK_FALSE(normalise_township_code("44530310A"));
    CHECK(is_village_code("445303100201"));
    CHECK(is_village_code("445303100001"));
    CHECK_FALSE(is_village_code("445303100000"));
    CHECK_FALSE(is_village_code("44530310020"));
    CHECK_FALSE(is_village_code("4453031002010"));
    CHECK(township_of("445303100201") == "445303100");
    CHECK(county_of("445303100201") == "445303");
    CHECK(county_of("445303100") == "445303");
}

TEST_CASE("a village's township: stated code, then its own code, then its location", "[codes][hierarchy]") {
    test::RegionBuilder b;
    b.township("445303100", 0, 5000);
    b.township("445303101", 5000, 5000);
    const TownshipIndex idx(b.region.townships);

    SECTION("by the first 9 digits of the village code") {
        const auto r = idx.parent_of({"445303101205", "", {100, 100}});
        REQUIRE(r.township);
        CHECK(r.township->value == 1);
        CHECK_FALSE(r.by_containment);
    }
    SECTION("an explicit township code wins over the village code") {
        const auto r = idx.parent_of({"445303101205", "445303100", {100, 100}});
        CHECK(r.township->value == 0);
    }
    SECTION("a 12-digit township code ending in 000 is accepted") {
        const auto r = idx.parent_of({"V-17", "445303101000", {100, 100}});
        CHECK(r.township->value == 1);
    }
    SECTION("local ids fall back to where the anchor lies") {
        const auto r = idx.parent_of({"V-17", "", {7000, 2500}});
        REQUIRE(r.township);
        CHECK(r.township->value == 1);
        CHECK(r.by_containment);
    }
    SECTION("a code of an unknown township also falls back to location") {
        const auto r = idx.parent_of({"445303199201", "", {2500, 2500}});
        CHECK(r.township->value == 0);
        CHECK(r.by_containment);
    }
    SECTION("an anchor on the shared border within tolerance still finds a township") {
        const auto r = idx.parent_of({"V-1", "", {5000.5, -0.5}}, 1.0);
        CHECK(r.township.has_value());
    }
    SECTION("outside every township: none") {
        const auto r = idx.parent_of({"V-1", "", {50000, 50000}});
        CHECK_FALSE(r.township);
    }
}
