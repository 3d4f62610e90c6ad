#pragma once
// Target groups of the programme (对象类别, DESIGN §1). A beneficiary can belong to several.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coverplan {

enum class Category : std::uint8_t {
    dibao,                    // 低保 minimum living allowance
    tekun,                    // 特困 extreme poverty (incl. 分散供养)
    disabled,                 // 残疾人
    orphan,                   // 孤儿 / 事实无人抚养儿童
    left_behind_child,        // 留守儿童
    elderly_alone,            // 独居 / 空巢老人
    family_planning_special,  // 计生特殊家庭
};
inline constexpr int k_category_count = 7;

using CategorySet = std::uint8_t;  // bit i = Category i
constexpr CategorySet bit(Category c) { return static_cast<CategorySet>(1u << static_cast<unsigned>(c)); }

std::string_view category_key(Category c);   // "dibao", … (stable, used in files)
std::string_view category_zh(Category c);    // "低保", …
std::string_view category_en(Category c);    // "minimum living allowance", …
// The categories of a set in all_categories() order: "低保、残疾人" / "dibao;disabled".
std::string categories_text(CategorySet set, bool chinese);
const std::vector<Category>& all_categories();

// Parses one category name: the key, the Chinese name or a common variant (低保户, 五保, …),
// or an entry of the project's own aliases (value → key).
std::optional<Category> parse_category(std::string_view text,
                                       const std::map<std::string, std::string>& project_aliases = {});

}  // namespace coverplan
