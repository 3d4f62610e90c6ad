#pragma once
// Outputs are written into a temporary folder beside the destination and moved into place
// only when everything succeeded (DESIGN §12): a failed run leaves earlier outputs intact.
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace coverplan::io {

class FeatureMirror;
class GeoPackageWriter;

class StagedOutput {
public:
    // Refuses an existing non-empty destination unless `force`, and always a destination that
    // holds one of `inputs` (replacing it would delete them). Tidies what killed runs left.
    StagedOutput(std::filesystem::path destination, bool force, const std::vector<std::filesystem::path>& inputs = {});
    ~StagedOutput();
    StagedOutput(const StagedOutput&) = delete;
    StagedOutput& operator=(const StagedOutput&) = delete;

    const std::filesystem::path& dir() const { return m_tmp; }
    const std::filesystem::path& destination() const { return m_dest; }

    // Writes one file in the staging folder; `fill` streams its content.
    void write(const std::string& name, const std::function<void(std::ostream&)>& fill) const;

    // While a pack is attached, GeoJSON files written here are mirrored into it (pack.gpkg).
    void attach_pack(GeoPackageWriter* pack) { m_pack = pack; }
    // The mirror for the GeoJSON file `name` in the attached pack, or nullptr.
    FeatureMirror* mirror(const std::string& name) const;

    void commit();

private:
    std::filesystem::path m_dest;
    std::filesystem::path m_tmp;
    bool m_committed = false;
    GeoPackageWriter* m_pack = nullptr;
};

}  // namespace coverplan::io
