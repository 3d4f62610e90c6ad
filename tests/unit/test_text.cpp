#include <catch2/catch.hpp>

#include "core/category.hpp"
#include "core/text.hpp"

using namespace coverplan;

TEST_CASE("lists typed into spreadsheet cells", "[text]") {
    CHECK(split_list("445303100201;445303100202") == std::vector<std::string>{"445303100201", "445303100202"});
    CHECK(split_list(" a, b ,c ") == std::vector<std::string>{"a", "b", "c"});
    CHECK(split_list("六都村、大河村，上六村；下四村") == std::vector<std::string>{"六都村", "大河村", "上六村", "下四村"});
    CHECK(split_list("").empty());
    CHECK(split_list(";;,").empty());
}

TEST_CASE("did-you-mean suggestions", "[text]") {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(closest_match("villages_per_piont", {"villages_per_point", "max_travel_min"}) == "villages_per_point");
    CHECK(closest_match("zzz", {"villages_per_point", "max_travel_min"}).empty());
}

TEST_CASE("decimal formatting is fixed and locale-free", "[text]") {
    CHECK(format_decimal(3.0, 2) == "3");
    CHECK(format_decimal(2.50, 2) == "2.5");
    CHECK(format_decimal(-0.0000001, 3) == "0");
    CHECK(format_decimal(112.2687861, 6) == "112.268786");
    CHECK(format_decimal(std::nan(""), 2).empty());
}

TEST_CASE("display width counts Chinese characters as two columns", "[text]") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("六都镇") == 6);
    CHECK(display_width("（R7）") == 2 + 2 + 2);
    CHECK(pad_right("镇", 4) == "镇  ");
}

TEST_CASE("categories: keys, Chinese names and common spellings", "[category]") {
    CHECK(parse_category("低保") == Category::dibao);
    CHECK(parse_category("低保户") == Category::dibao);
    CHECK(parse_category("dibao") == Category::dibao);
    CHECK(parse_category("五保户") == Category::tekun);
    CHECK(parse_category("事实无人抚养儿童") == Category::orphan);
    CHECK(parse_category(" 空巢老人 ") == Category::elderly_alone);
    CHECK_FALSE(parse_category("贫困学生"));
    CHECK(parse_category("贫困学生", {{"贫困学生", "left_behind_child"}}) == Category::left_behind_child);
    CHECK(all_categories().size() == k_category_count);
}

TEST_CASE("UTF-8 is checked strictly, and bytes that are not are shown as \\xNN", "[text][encoding]") {
    CHECK(is_valid_utf8("六都村 ABC"));
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));             // U+1F600, four bytes
    CHECK_FALSE(is_valid_utf8("\xC1\xF9\xB6\xBC\xB4\xE5"));  // 六都村 in GBK
    CHECK_FALSE(is_valid_utf8("\xE5\x85"));                 // truncated
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));                 // overlong "/"
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));             // a UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));         // past U+10FFFF
    CHECK(escape_invalid_utf8("村\xB4\xE5") == "村\\xB4\\xE5");
    CHECK(display_width("\xB4\xE5") == 2);  // one column per invalid byte
}

TEST_CASE("garbled names are recognised, Chinese and plain Latin names are not", "[text][encoding]") {
    CHECK_FALSE(looks_garbled("六都镇社工站"));
    CHECK_FALSE(looks_garbled("Liudu Station 1"));
    CHECK_FALSE(looks_garbled("石城镇（街道）·一村"));
    CHECK_FALSE(looks_garbled("Sant Julià de Lòria"));  // Andorra's parishes: one accent at a time
    CHECK(looks_garbled("高村\xEF\xBF\xBD"));                     // U+FFFD
    CHECK(looks_garbled("\xC3\x81\xC3\xB9\xC2\xB6\xC2\xBC\xC2\xB4\xC3\xA5"));  // "Áù¶¼´å": 六都村's GBK bytes read as Latin-1
    CHECK(looks_garbled("\xB4\xE5"));                             // not UTF-8 at all
}
