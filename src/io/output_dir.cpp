#include "io/output_dir.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"
#include "io/geopackage.hpp"

namespace coverplan::io {

namespace fs = std::filesystem;

namespace {

bool is_within(const fs::path& inner, const fs::path& outer) {
    return std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end()).first == outer.end();
}

// A run killed (SIGKILL, power cut) leaves its staging folder, or between the two renames of a
// commit, the previous outputs moved aside. The next run for the same destination tidies up:
// staging folders of processes that no longer exist are removed, and previous outputs put back
// when the destination is missing (removed when the new outputs did land).
void tidy_after_killed_runs(const fs::path& dest) {
    std::error_code ec;
    const std::string tmp_prefix = "." + dest.filename().string() + ".coverplan-tmp-";
    const std::string old_prefix = "." + dest.filename().string() + ".coverplan-old-";
    std::vector<fs::path> stale_tmp, stale_old;
    for (fs::directory_iterator it(dest.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const bool tmp = name.rfind(tmp_prefix, 0) == 0, old = name.rfind(old_prefix, 0) == 0;
        if (!tmp && !old) continue;
        const std::string pid_text = name.substr((tmp ? tmp_prefix : old_prefix).size());
        if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
        const long pid = std::stol(pid_text);
        if (pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
        (tmp ? stale_tmp : stale_old).push_back(it->path());
    }
    for (const fs::path& p : stale_tmp) fs::remove_all(p, ec);
    for (const fs::path& p : stale_old) {
        if (!fs::exists(dest, ec)) fs::rename(p, dest, ec);
        else fs::remove_all(p, ec);
    }
}

constexpr const char* k_marker = ".coverplan-output";

// Whether `dir` is coverplan's own output, which --force may replace: it holds the marker every
// staged folder gets, or (folders written before the marker existed) nothing but the files
// coverplan writes. A user's documents are never taken for it.
bool is_own_output(const fs::path& dir, std::vector<std::string>& foreign) {
    static const std::vector<std::string> k_known = {
        "townships.geojson", "villages.geojson", "sites.geojson", "coverage_areas.geojson", "coverage.csv", "isochrones.geojson",
        "gaps.geojson", "violations.csv", "violations.geojson", "progress.csv", "plan.geojson", "assignments.geojson", "plan.csv", "plan_townships.csv",
        "plan_villages.csv", "report.md", "report.html", "report.xlsx", "report.pdf", "run.json", "maps", "pack.gpkg"};
    std::error_code ec;
    if (fs::exists(dir / k_marker, ec)) return true;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (std::find(k_known.begin(), k_known.end(), name) == k_known.end()) foreign.push_back(name);
    }
    std::sort(foreign.begin(), foreign.end());
    return foreign.empty();
}

}  // namespace

StagedOutput::StagedOutput(fs::path destination, bool force, const std::vector<fs::path>& inputs)
    : m_dest(fs::absolute(std::move(destination)).lexically_normal()) {
    if (m_dest.filename().empty()) m_dest = m_dest.parent_path();
    std::error_code ec;
    const std::string shown = m_dest.string();
    // Replacing the folder would delete an input inside it: refused, --force or not.
    const fs::path dest_real = fs::weakly_canonical(m_dest, ec);
    for (const fs::path& in : inputs) {
        const fs::path real = fs::weakly_canonical(fs::absolute(in), ec);
        if (!dest_real.empty() && is_within(real, dest_real))
            throw OutputError({"output folder " + shown + " holds an input, " + in.string() +
                                   "; writing there would replace the project's data: choose another folder with -o",
                               "输出文件夹 " + shown + " 中有输入文件 " + in.string() + "，写入会覆盖项目数据：请用 -o 另选文件夹"});
    }
    tidy_after_killed_runs(m_dest);
    if (fs::exists(m_dest, ec)) {
        if (!fs::is_directory(m_dest, ec))
            throw OutputError({"output " + shown + " exists and is not a folder", "输出路径 " + shown + " 已存在且不是文件夹"});
        if (!fs::is_empty(m_dest, ec) && !force)
            throw OutputError({"output folder " + shown + " already exists; add --force to replace it",
                               "输出文件夹 " + shown + " 已存在；如需替换请加 --force"});
        std::vector<std::string> foreign;
        if (!fs::is_empty(m_dest, ec) && !is_own_output(m_dest, foreign))
            throw OutputError({"output folder " + shown + " was not written by coverplan (it holds " + list_some(foreign, 5) +
                                   "); --force replaces only coverplan's own output folders: choose another folder with -o",
                               "输出文件夹 " + shown + " 不是 coverplan 的输出（其中有 " + list_some(foreign, 5) +
                                   "）；--force 只替换 coverplan 自己的输出文件夹：请用 -o 另选文件夹"});
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
    // The marker by which a later --force knows this folder for coverplan's own.
    write(k_marker, [](std::ostream& o) {
        o << "This folder was written by coverplan; `coverplan … -o THIS --force` may replace it whole.\n"
             "本文件夹由 coverplan 生成；coverplan … -o 本文件夹 --force 可整体替换它。\n";
    });
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

FeatureMirror* StagedOutput::mirror(const std::string& name) const { return m_pack ? m_pack->mirror(name) : nullptr; }

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
