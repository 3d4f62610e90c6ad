#pragma once
// One input layer opened read-only through GDAL, with the project's field mapping, CRS and
// coordinate options applied. Everything that can go wrong is reported with file, layer,
// feature and field.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/chinese_coords.hpp"
#include "core/error.hpp"
#include "core/geometry.hpp"
#include "core/personal.hpp"
#include "core/text.hpp"
#include "io/gdal_config.hpp"
#include "io/postgis.hpp"
#include "io/project_file.hpp"

namespace coverplan::io {

// The geometry of one feature in the layer's own coordinates, flattened to 2D.
struct SourceGeometry {
    enum class Kind { none, point, polygon, line } kind = Kind::none;
    Point2 point;
    MultiPolygon polygons;
    std::vector<LineString> lines;
    std::string found;  // OGR geometry type name, for messages
};

// The polygons of a Polygon or MultiPolygon (in its own coordinates, 2D), appended to `out`;
// other geometry types add nothing.
void append_polygons(const OGRGeometry& geom, MultiPolygon& out);

// Collects GDAL's warnings and errors (e.g. "Non closed ring detected") while alive, instead of
// GDAL printing them to stderr: the last one explains a source that cannot be opened, the others
// reach the planner as notes naming the layer.
class GdalMessageLog {
public:
    GdalMessageLog();
    ~GdalMessageLog();
    GdalMessageLog(const GdalMessageLog&) = delete;
    GdalMessageLog& operator=(const GdalMessageLog&) = delete;
    // Distinct messages in order of first appearance, with how often each came.
    const std::vector<std::pair<std::string, int>>& messages() const { return m_messages; }

private:
    static void CPL_STDCALL handler(CPLErr, CPLErrorNum, const char* msg);
    std::vector<std::pair<std::string, int>> m_messages;
};

class GdalSource {
public:
    explicit GdalSource(const LayerSpec& spec);
    const GdalMessageLog& gdal_messages() const { return m_log; }

    const LayerSpec& spec() const { return m_spec; }
    OGRLayer& layer() { return *m_layer; }
    const std::string& file_label() const { return m_file_label; }
    const std::string& layer_name() const { return m_layer_name; }

    // Field index for a role: required roles throw when the field is missing; optional
    // roles return -1 when unmapped and absent (but throw when mapped explicitly and absent).
    int field_index(const std::string& role, bool required) const;
    // The same, with another default name than the role's for an unmapped role.
    int field_index(const std::string& role, bool required, const std::string& default_name) const;
    bool is_osm() const { return m_osm; }
    std::vector<std::string> field_names() const;  // in UTF-8 (recoded when the layer has an encoding)
    std::string field_name(int index) const;
    bool empty() const { return m_layer->GetFeatureCount(TRUE) == 0; }

    // The layer's CRS as a definition PROJ understands, honouring `crs` and `coordinates`;
    // throws when the source has none and the project gives none.
    std::string crs_definition() const;

    Where where(const OGRFeature& f, const std::string& field = "") const;
    // "" for null/unset; codes as written. A value that looks like a resident ID or a mobile
    // number is refused (exit 3) in every field, without being quoted (core/personal.hpp).
    std::string text(const OGRFeature& f, int index) const;
    // A code or an id: text(), and a person's name is refused too.
    std::string code(const OGRFeature& f, int index) const;
    // A list of codes, each checked as code() is: a list field (a JSON array read by GDAL), or
    // text holding a JSON array, GDAL's "(n:a,b)" or items with separators (split_list).
    std::vector<std::string> codes(const OGRFeature& f, int index) const;
    // A value for a message: quoted, or in a beneficiaries layer only described (its length).
    Text shown(const std::string& value) const;
    // Beneficiaries' records: their values never reach a message.
    bool is_private() const { return m_private; }
    std::size_t controls_removed() const { return m_controls; }
    const CodeFolds& code_folds() const { return m_folds; }
    std::optional<double> number(const OGRFeature& f, int index, const std::string& role) const;

    // Reads the feature's geometry from the layer geometry or the x/y/wkt columns, converts
    // GCJ-02/BD-09 to WGS84 when configured. Throws on non-finite coordinates.
    SourceGeometry geometry(const OGRFeature& f) const;
    // Checks one coordinate read from attribute fields and converts it to WGS84 when the
    // layer is in GCJ-02/BD-09, exactly as geometry() does.
    void normalise(const OGRFeature& f, Point2& p) const;

    // The row read as the header when it is not the first (header_row, or found below title
    // rows); 0 when GDAL's own reading of the first row is used.
    int header_row() const { return m_header_row; }
    bool header_found() const { return m_header_found; }  // found below title rows, not given

private:
    std::string checked(const OGRFeature& f, int index, const char* raw) const;
    std::string checked_code(const OGRFeature& f, int index, const std::string& text) const;
    void select_layer();
    bool looks_like_title_row() const;
    int find_header_row() const;
    void read_header();
    std::string recoded(std::string s) const;  // from the layer's encoding to UTF-8 when we recode
    Text not_utf8(const std::string& found) const;

    GdalMessageLog m_log;  // first: active while the dataset is open and read
    // Spreadsheet headers off for this thread while the source is open (before the dataset: outlive it).
    std::unique_ptr<GdalThreadConfig> m_xlsx_headers_off, m_ods_headers_off;
    LayerSpec m_spec;
    GDALDatasetUniquePtr m_dataset;
    OGRLayer* m_layer = nullptr;
    std::string m_file_label;
    std::string m_layer_name;
    int m_x = -1, m_y = -1, m_wkt = -1;
    bool m_recode = false;  // recode strings from m_spec.encoding to UTF-8 ourselves
    bool m_csv = false;
    bool m_osm = false;     // CSV FIDs are data-row numbers: line = FID + 1 (the header)
    bool m_private = false; // the beneficiaries layer
    int m_header_row = 0;
    bool m_header_found = false;
    std::vector<std::string> m_header;  // column names from m_header_row
    mutable std::size_t m_controls = 0;  // control characters removed from the text read
    mutable CodeFolds m_folds;           // what normalising the codes changed
    mutable std::map<int, std::string> m_role_of;  // field index → the role it was mapped for
    [[noreturn]] void refuse_personal(const OGRFeature& f, int index, PersonalKind kind) const;
};

// Adds one warning note per distinct GDAL message of `src` when destroyed: declare it right
// after the source, so it runs when the layer has been read (or its reading failed).
class GdalNotes {
public:
    GdalNotes(const GdalSource& src, std::vector<DataNote>& notes) : m_src(src), m_notes(notes) {}
    ~GdalNotes();
    GdalNotes(const GdalNotes&) = delete;
    GdalNotes& operator=(const GdalNotes&) = delete;

private:
    const GdalSource& m_src;
    std::vector<DataNote>& m_notes;
};

void register_gdal_once();

}  // namespace coverplan::io
