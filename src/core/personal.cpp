#include "core/personal.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace coverplan {

namespace {

bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// Common Chinese surnames (the single-character ones that cover most of the population, plus
// the common two-character ones): a fact list, used only to recognise a name-like value.
constexpr std::string_view k_surnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓冯韩曹曾彭萧肖蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟姜崔谭廖范汪陆金"
    "石戴贾韦夏邱方侯邹熊孟秦白江阎严薛尹段雷黎史龙陶贺顾毛郝龚邵万钱覃武戚莫孔汤向常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳"
    "翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
    "时穆农司卓古吉缪简车项连芦麦褚娄窦邝冼区劳黎植谌巫利湛赖邬揭";
constexpr std::string_view k_compound_surnames[] = {"欧阳", "司马", "上官", "诸葛", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙"};

// Last characters of place and organisation names, which take surnames as their first
// character in Guangdong (林屋, 陈围, 黄坑村, 李家社区 …).
constexpr std::string_view k_place_endings =
    "村社区居镇乡街道站点县市省组屯场委会屋围寨坑岭塘坪洞冲坳田山水湾头尾角墩庄营堡圩埔垌坝桥口岗园湖江河岛洲沙岩坡林里边";

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t n = utf8_decode(s, i, cp);
        if (n == 0) return {};
        out.push_back(cp);
        i += n;
    }
    return out;
}

// The lists above as sets of code points, decoded once.
std::set<char32_t> code_point_set(std::string_view list) {
    const std::vector<char32_t> v = code_points(list);
    return {v.begin(), v.end()};
}
bool is_surname(char32_t cp) {
    static const std::set<char32_t> set = code_point_set(k_surnames);
    return set.count(cp) > 0;
}
bool is_place_ending(char32_t cp) {
    static const std::set<char32_t> set = code_point_set(k_place_endings);
    return set.count(cp) > 0;
}

bool is_han(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

// The parts of an ID number that are not arbitrary: a province (GB/T 2260's first two digits)
// and a birth date. They keep an organisation's 18-character credit code, or any other 18-digit
// number that happens to pass the check character (1 in 11 do), from being taken for an ID.
bool plausible_resident_id(std::string_view v) {
    static constexpr int k_provinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                                          44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 91};
    const int province = (v[0] - '0') * 10 + (v[1] - '0');
    if (std::find(std::begin(k_provinces), std::end(k_provinces), province) == std::end(k_provinces)) return false;
    auto num = [&](std::size_t at, std::size_t n) {
        int x = 0;
        for (std::size_t i = at; i < at + n; ++i) x = x * 10 + (v[i] - '0');
        return x;
    };
    const int y = num(6, 4), m = num(10, 2), d = num(12, 2);
    if (y < 1880 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
    static constexpr int k_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return d <= k_days[m - 1];
}

}  // namespace

char resident_id_check(std::string_view first17) {
    if (first17.size() != 17 || !digits(first17)) return 0;
    static constexpr int k_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * k_weights[i];
    return "10X98765432"[sum % 11];
}

std::optional<PersonalKind> identifier_kind(std::string_view raw) {
    // Every value of every layer passes here: most are far too short or long to be either kind.
    if (raw.size() < 11 || raw.size() > 40) return std::nullopt;
    const std::string v = trim(raw);
    if (v.size() == 18) {
        const char last = v[17] == 'x' ? 'X' : v[17];
        if (resident_id_check(std::string_view(v).substr(0, 17)) == last && plausible_resident_id(v)) return PersonalKind::resident_id;
    }
    // A mobile number, possibly written +86 138 0013 8000 or 138-0013-8000.
    std::string d;
    for (char c : v) {
        if (c == ' ' || c == '-') continue;
        d += c;
    }
    if (d.rfind("+86", 0) == 0) d = d.substr(3);
    else if (d.size() == 13 && d.rfind("86", 0) == 0) d = d.substr(2);
    if (d.size() == 11 && digits(d) && d[0] == '1' && d[1] >= '3' && d[1] <= '9') return PersonalKind::mobile;
    return std::nullopt;
}

bool looks_like_person_name(std::string_view raw) {
    if (raw.size() < 6) return false;  // two Han characters take six bytes
    const std::vector<char32_t> cps = code_points(trim(raw));
    if (cps.size() < 2 || cps.size() > 4) return false;
    for (char32_t cp : cps)
        if (!is_han(cp)) return false;
    const std::string s = trim(raw);
    bool surname = is_surname(cps[0]);
    for (std::string_view c : k_compound_surnames)
        if (s.rfind(c, 0) == 0 && cps.size() >= 3) surname = true;
    return surname && !is_place_ending(cps.back());
}

Text personal_kind_text(PersonalKind kind) {
    switch (kind) {
        case PersonalKind::resident_id: return {"a resident ID number", "身份证号"};
        case PersonalKind::mobile: return {"a mobile phone number", "手机号码"};
        case PersonalKind::name: return {"a person's name", "人名"};
    }
    return {"personal data", "个人信息"};
}

Text withheld_value(std::string_view value) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < value.size();) {
        char32_t cp = 0;
        const std::size_t len = utf8_decode(value, i, cp);
        i += len ? len : 1;
        ++n;
    }
    const std::string count = std::to_string(n);
    return {"a value of " + count + " characters (not quoted: it comes from a beneficiary's record)",
            "一个 " + count + " 个字符的值（来自服务对象记录，不予显示）"};
}

}  // namespace coverplan
