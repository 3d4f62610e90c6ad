#include "core/error.hpp"

namespace coverplan {

Text Where::describe() const {
    Text t;
    auto add = [&t](const std::string& en, const std::string& zh) {
        if (!t.en.empty()) {
            t.en += ", ";
            t.zh += "，";
        }
        t.en += en;
        t.zh += zh;
    };
    if (!file.empty()) add(file, file);
    if (!layer.empty()) add("layer \"" + layer + "\"", "图层“" + layer + "”");
    if (feature >= 0) {
        const std::string f = std::to_string(feature);
        if (line >= 0) add("feature " + f + " (line " + std::to_string(line) + ")", "要素 " + f + "（第 " + std::to_string(line) + " 行）");
        else add("feature " + f, "要素 " + f);
    } else if (line >= 0) {
        add("line " + std::to_string(line), "第 " + std::to_string(line) + " 行");
    }
    if (!field.empty()) add("field \"" + field + "\"", "字段“" + field + "”");
    return t;
}

Text located(const Where& where, const Text& problem) {
    Text w = where.describe();
    if (w.en.empty()) return problem;
    return {w.en + ": " + problem.en, w.zh + "：" + problem.zh};
}

}  // namespace coverplan
