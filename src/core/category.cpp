#include "core/category.hpp"

#include "core/text.hpp"

namespace coverplan {

namespace {
struct Names {
    Category category;
    std::string_view key, zh, en;
};
constexpr Names k_names[] = {
    {Category::dibao, "dibao", "低保", "minimum living allowance"},
    {Category::tekun, "tekun", "特困", "extreme poverty support"},
    {Category::disabled, "disabled", "残疾人", "people with disabilities"},
    {Category::orphan, "orphan", "孤儿及事实无人抚养儿童", "orphans and de-facto unsupported children"},
    {Category::left_behind_child, "left_behind_child", "留守儿童", "left-behind children"},
    {Category::elderly_alone, "elderly_alone", "独居空巢老人", "elderly living alone"},
    {Category::family_planning_special, "family_planning_special", "计生特殊家庭",
     "families with special family-planning difficulties"},
};

// Spellings seen in bureau spreadsheets, mapped to their category.
const std::map<std::string, Category>& variants() {
    static const std::map<std::string, Category> v = {
        {"低保", Category::dibao}, {"低保户", Category::dibao}, {"低保对象", Category::dibao},
        {"最低生活保障", Category::dibao}, {"低保边缘", Category::dibao},
        {"特困", Category::tekun}, {"特困人员", Category::tekun}, {"特困供养", Category::tekun},
        {"分散供养", Category::tekun}, {"分散供养特困", Category::tekun}, {"五保", Category::tekun},
        {"五保户", Category::tekun},
        {"残疾", Category::disabled}, {"残疾人", Category::disabled}, {"重度残疾", Category::disabled},
        {"孤儿", Category::orphan}, {"事实无人抚养儿童", Category::orphan},
        {"孤儿及事实无人抚养儿童", Category::orphan}, {"困境儿童", Category::orphan},
        {"留守儿童", Category::left_behind_child}, {"农村留守儿童", Category::left_behind_child},
        {"独居老人", Category::elderly_alone}, {"空巢老人", Category::elderly_alone},
        {"独居空巢老人", Category::elderly_alone}, {"留守老人", Category::elderly_alone},
        {"计生特殊家庭", Category::family_planning_special}, {"失独家庭", Category::family_planning_special},
        {"计划生育特殊家庭", Category::family_planning_special},
    };
    return v;
}
}  // namespace

std::string_view category_key(Category c) { return k_names[static_cast<int>(c)].key; }
std::string_view category_zh(Category c) { return k_names[static_cast<int>(c)].zh; }

std::string categories_text(CategorySet set, bool chinese) {
    std::vector<std::string> names;
    for (Category c : all_categories())
        if (set & bit(c)) names.emplace_back(chinese ? category_zh(c) : category_key(c));
    return join(names, chinese ? "、" : ";");
}
std::string_view category_en(Category c) { return k_names[static_cast<int>(c)].en; }

const std::vector<Category>& all_categories() {
    static const std::vector<Category> all = [] {
        std::vector<Category> v;
        for (const auto& n : k_names) v.push_back(n.category);
        return v;
    }();
    return all;
}

std::optional<Category> parse_category(std::string_view text, const std::map<std::string, std::string>& project_aliases) {
    const std::string t = trim(text);
    auto by_key = [](std::string_view key) -> std::optional<Category> {
        for (const auto& n : k_names)
            if (n.key == key) return n.category;
        return std::nullopt;
    };
    if (auto it = project_aliases.find(t); it != project_aliases.end()) return by_key(it->second);
    if (auto c = by_key(ascii_lower(t))) return c;
    if (auto it = variants().find(t); it != variants().end()) return it->second;
    return std::nullopt;
}

}  // namespace coverplan
