#include "io/output_dir.hpp"

#include <unistd.h>

#include "core/error.hpp"

namespace coverplan::io {

namespace fs = std::filesystem;

StagedOutput::StagedOutput(fs::path destination, bool force) : m_dest(fs::absolute(std::move(destination)).lexically_normal()) {
    if (m_dest.filename().empty()) m_dest = m_dest.parent_path();
    std::error_code ec;
    const std::string shown = m_dest.string();
    if (fs::exists(m_dest, ec)) {
        if (!fs::is_directory(m_dest, ec))
            throw OutputError({"output " + shown + " exists and is not a folder", "输出路径 " + shown + " 已存在且不是文件夹"});
        if (!fs::is_empty(m_dest, ec) && !force)
            throw OutputError({"output folder " + shown + " already exists; add --force to replace it",
                               "输出文件夹 " + shown + " 已存在；如需替换请加 --force"});
    }
    const fs::path parent = m_dest.parent_path();
    fs::create_directories(parent, ec);
    if (ec)
        throw OutputError({"cannot create folder " + parent.string() + ": " + ec.message(),
                           "无法创建文件夹 " + parent.string() + "：" + ec.message()});
    m_tmp = parent / ("." + m_dest.filename().string() + ".coverplan-tmp-" + std::to_string(::getpid()));
    fs::remove_all(m_tmp, ec);
    fs::create_directory(m_tmp, ec);
    if (ec)
        throw OutputError({"cannot create folder " + m_tmp.string() + ": " + ec.message(),
                           "无法创建文件夹 " + m_tmp.string() + "：" + ec.message()});
}

StagedOutput::~StagedOutput() {
    if (m_committed) return;
    std::error_code ec;
    fs::remove_all(m_tmp, ec);
}

void StagedOutput::write(const std::string& name, const std::function<void(std::ostream&)>& fill) const {
    const fs::path p = m_tmp / name;
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary);
    if (out) fill(out);
    out.flush();
    if (!out)
        throw OutputError({"cannot write " + (m_dest / name).string(), "无法写入 " + (m_dest / name).string()});
}

void StagedOutput::commit() {
    std::error_code ec;
    fs::path backup;
    if (fs::exists(m_dest, ec)) {
        backup = m_dest.parent_path() / ("." + m_dest.filename().string() + ".coverplan-old-" + std::to_string(::getpid()));
        fs::rename(m_dest, backup, ec);
        if (ec)
            throw OutputError({"cannot move the old output folder " + m_dest.string() + " aside: " + ec.message(),
                               "无法移走旧的输出文件夹 " + m_dest.string() + "：" + ec.message()});
    }
    fs::rename(m_tmp, m_dest, ec);
    if (ec) {
        if (!backup.empty()) fs::rename(backup, m_dest);
        throw OutputError({"cannot move outputs into " + m_dest.string() + ": " + ec.message(),
                           "无法将输出移动到 " + m_dest.string() + "：" + ec.message()});
    }
    m_committed = true;
    if (!backup.empty()) fs::remove_all(backup, ec);
}

}  // namespace coverplan::io
