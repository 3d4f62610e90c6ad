// coverplan init DIR: writes a commented project file to start from.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "io/project_file.hpp"

namespace coverplan::cli {

namespace {
struct InitOptions {
    std::filesystem::path dir;
    std::string name;
    bool force = false;
};

int run_init(const InitOptions& o, const GlobalOptions& g) {
    namespace fs = std::filesystem;
    const fs::path file = o.dir / "project.toml";
    std::error_code ec;
    if (fs::exists(file, ec) && !o.force)
        throw OutputError({file.string() + " already exists; add --force to overwrite it", file.string() + " 已存在；如需覆盖请加 --force"});
    fs::create_directories(o.dir, ec);
    if (ec) throw OutputError({"cannot create folder " + o.dir.string() + ": " + ec.message(), "无法创建文件夹 " + o.dir.string() + "：" + ec.message()});
    const std::string name = o.name.empty() ? fs::absolute(o.dir).lexically_normal().filename().string() : o.name;
    const fs::path tmp = o.dir / ".project.toml.tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        out << io::project_template(name);
        if (!out) throw OutputError({"cannot write " + file.string(), "无法写入 " + file.string()});
    }
    fs::rename(tmp, file, ec);
    if (ec) throw OutputError({"cannot write " + file.string() + ": " + ec.message(), "无法写入 " + file.string() + "：" + ec.message()});
    std::cout << (g.chinese() ? "已生成项目文件 " : "Wrote ") << file.string()
              << (g.chinese() ? "；请按注释填写图层路径和字段，然后运行 coverplan check " : "; fill in the layers and fields, then run coverplan check ")
              << file.string() << "\n";
    return 0;
}
}  // namespace

void add_init_command(CLI::App& app, const GlobalOptions& global, Runner& runner) {
    auto opts = std::make_shared<InitOptions>();
    CLI::App* cmd = app.add_subcommand("init", "write a commented project file template into DIR (生成项目文件模板)");
    cmd->add_option("dir", opts->dir, "folder for the new project")->required();
    cmd->add_option("--name", opts->name, "project name (default: the folder's name)");
    cmd->add_flag("--force", opts->force, "overwrite an existing project.toml");
    cmd->callback([opts, &global, &runner] { runner = [opts, &global] { return run_init(*opts, global); }; });
}

}  // namespace coverplan::cli
