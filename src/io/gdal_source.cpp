#include "io/gdal_source.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/text.hpp"
#include "io/special_file.hpp"

namespace coverplan::io {

namespace fs = std::filesystem;

void register_gdal_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Strings stay as written in CSV sources: codes keep their leading zeros.
        CPLSetConfigOption("OGR_CSV_AUTODETECT_TYPE", "NO");
        // A bureau's workbook always has a header row, even when every cell is text (GDAL 3.6
        // has no open option for this, only these configuration options).
        CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");
        CPLSetConfigOption("OGR_ODS_HEADERS", "FORCE");
    });
}

namespace {
// GDAL's OSM driver reports only a few tags as fields and hides the rest in other_tags. Routing
// needs oneway, maxspeed, junction, route (ferries), bridge, tunnel and layer as fields: we
// give the driver a copy of its own configuration with those added to the lines layer.
std::string osm_config_file() {
    static const std::string path = [] {
        const char* found = CPLFindFile("gdal", "osmconf.ini");
        if (!found) return std::string();
        std::ifstream in(found);
        std::stringstream text;
        text << in.rdbuf();
        std::string conf = text.str();
        const std::string section = "[lines]";
        const std::string key = "attributes=";
        const auto s = conf.find(section);
        const auto k = s == std::string::npos ? std::string::npos : conf.find(key, s);
        if (k == std::string::npos) return std::string();
        const auto eol = conf.find('\n', k);
        conf.replace(k, eol - k,
                     "attributes=name,highway,ref,oneway,maxspeed,junction,route,bridge,tunnel,layer,access,motor_vehicle,"
                     "waterway,aerialway,barrier,man_made,railway");
        // In GDAL's memory file system: nothing is left in /tmp, whatever way the run ends.
        const std::string out = "/vsimem/coverplan/osmconf.ini";
        VSILFILE* f = VSIFOpenL(out.c_str(), "wb");
        if (!f) return std::string();
        const bool written = VSIFWriteL(conf.data(), 1, conf.size(), f) == conf.size();
        VSIFCloseL(f);
        return written ? out : std::string();
    }();
    return path;
}
std::vector<const char*> drivers_for_extension(const std::string& ext) {
    if (ext == ".csv") return {"CSV"};
    if (ext == ".geojson" || ext == ".json") return {"GeoJSON", "ESRIJSON", "TopoJSON"};
    if (ext == ".shp" || ext == ".dbf") return {"ESRI Shapefile"};
    if (ext == ".gpkg") return {"GPKG"};
    if (ext == ".xlsx") return {"XLSX"};
    if (ext == ".pbf" || ext == ".osm") return {"OSM"};
    return {};  // anything else: GDAL decides
}

}  // namespace

GdalMessageLog::GdalMessageLog() { CPLPushErrorHandlerEx(&GdalMessageLog::handler, this); }
GdalMessageLog::~GdalMessageLog() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalMessageLog::handler(CPLErr level, CPLErrorNum, const char* msg) {
    if (level < CE_Warning || !msg) return;
    auto* self = static_cast<GdalMessageLog*>(CPLGetErrorHandlerUserData());
    if (!self) return;
    for (auto& [text, count] : self->m_messages)
        if (text == msg) {
            ++count;
            return;
        }
    self->m_messages.emplace_back(msg, 1);
}

GdalNotes::~GdalNotes() {
    if (m_src.header_found()) {
        const std::string row = std::to_string(m_src.header_row());
        m_notes.push_back({Severity::info, "header_row_found",
                           {m_src.file_label() + ", layer \"" + m_src.layer_name() + "\": the rows above row " + row +
                                " look like a title; the column names were read from row " + row + " (say header_row = " + row +
                                " in [layers." + m_src.spec().role + "] to make it explicit)",
                            m_src.file_label() + "，图层“" + m_src.layer_name() + "”：第 " + row + " 行以上为标题行，列名取自第 " + row +
                                " 行（可在 [layers." + m_src.spec().role + "] 中写明 header_row = " + row + "）"}});
    }
    if (const CodeFolds& folds = m_src.code_folds(); !folds.empty()) {
        std::vector<std::string> chars;
        for (const auto& [cp, n] : folds.removed) chars.push_back(describe_char(cp) + " ×" + std::to_string(n));
        std::string en, zh;
        if (!chars.empty()) {
            en = "invisible characters removed (" + join(chars, ", ") + ")";
            zh = "删除不可见字符（" + join(chars, "，") + "）";
        }
        if (folds.folded) {
            en += (en.empty() ? "" : "; ") + std::to_string(folds.folded) + " full-width characters made half-width (４ → 4)";
            zh += (zh.empty() ? "" : "；") + std::to_string(folds.folded) + " 个全角字符转为半角（４ → 4）";
        }
        m_notes.push_back({Severity::info, "codes_normalised",
                           {m_src.file_label() + ", layer \"" + m_src.layer_name() + "\": " + std::to_string(folds.codes) +
                                " codes or ids normalised before matching: " + en,
                            m_src.file_label() + "，图层“" + m_src.layer_name() + "”：" + std::to_string(folds.codes) + " 个代码或编号在匹配前已规范化：" + zh}});
    }
    if (const std::size_t n = m_src.controls_removed(); n > 0) {
        const std::string count = std::to_string(n);
        m_notes.push_back({Severity::warning, "control_characters",
                           {m_src.file_label() + ", layer \"" + m_src.layer_name() + "\": " + count +
                                " control characters (terminal escape sequences, line breaks, direction overrides) removed from the text read",
                            m_src.file_label() + "，图层“" + m_src.layer_name() + "”：已从读取的文字中删除 " + count + " 个控制字符（终端转义序列、换行、方向控制符）"}});
    }
    for (const auto& [msg, count] : m_src.gdal_messages().messages()) {
        const std::string where = m_src.file_label() + ", layer \"" + m_src.layer_name() + "\"";
        const std::string times = count > 1 ? " (" + std::to_string(count) + "×)" : "";
        m_notes.push_back({Severity::warning, "gdal_message",
                           {where + ": GDAL reported: " + msg + times, m_src.file_label() + "，图层“" + m_src.layer_name() + "”：GDAL 提示：" + msg + times}});
    }
}

GdalSource::GdalSource(const LayerSpec& spec) : m_spec(spec) {
    register_gdal_once();
    const std::string name = spec.gdal_name.empty() ? (spec.path.empty() ? spec.source : spec.path.string()) : spec.gdal_name;
    // A database is named without its credentials, in every message and report.
    m_file_label = spec.source.rfind("PG:", 0) == 0 ? shown_connection(spec.source) : spec.source;
    std::error_code ec;
    if (!spec.path.empty()) {
        if (!fs::exists(spec.path, ec) && fs::is_symlink(spec.path, ec))
            throw InputError({"[layers." + spec.role + "] source " + m_file_label + " is a symbolic link that leads nowhere (broken, or a loop); point it at the data file",
                              "[layers." + spec.role + "] 的数据源 " + m_file_label + " 是无效的符号链接（目标不存在或循环链接），请指向数据文件"});
        if (!fs::exists(spec.path, ec))
            throw InputError({"[layers." + spec.role + "] source " + m_file_label + " does not exist (looked for " + name + ")",
                              "[layers." + spec.role + "] 的数据源 " + m_file_label + " 不存在（查找路径 " + name + "）"});
        if (const auto kind = special_file_kind(spec.path))
            throw InputError({"[layers." + spec.role + "] source " + m_file_label + " is " + kind->en + ", not a data file; reading it would never end",
                              "[layers." + spec.role + "] 的数据源 " + m_file_label + " 是" + kind->zh + "而非数据文件，读取将无法结束"});
        // A shapefile is several files; without its .shx or .dbf GDAL reads no attributes or nothing.
        if (ascii_lower(spec.path.extension().string()) == ".shp" && spec.gdal_name.rfind("/vsi", 0) != 0)
            for (const char* side : {".shx", ".dbf"}) {
                bool found = false;
                for (const char* e : {side, side == std::string(".shx") ? ".SHX" : ".DBF"}) {
                    fs::path p = spec.path;
                    found = found || fs::exists(p.replace_extension(e), ec);
                }
                if (!found) {
                    fs::path p = spec.path;
                    const std::string missing = p.replace_extension(side).filename().string();
                    throw InputError({"[layers." + spec.role + "] source " + m_file_label + ": the shapefile's " + missing + " is missing (" +
                                          (side == std::string(".dbf") ? "its attributes" : "its index") +
                                          "); a shapefile is several files (.shp, .shx, .dbf, .prj, .cpg): copy them all into the same folder",
                                      "[layers." + spec.role + "] 的数据源 " + m_file_label + "：缺少 shapefile 的 " + missing + "（" +
                                          (side == std::string(".dbf") ? "属性表" : "索引") + "）；shapefile 由多个文件（.shp、.shx、.dbf、.prj、.cpg）组成，请一并复制到同一文件夹"});
                }
            }
        if (fs::is_directory(spec.path, ec) && spec.path.extension() != ".gdb")
            throw InputError({"[layers." + spec.role + "] source " + m_file_label + " is a folder; expected a data file",
                              "[layers." + spec.role + "] 的数据源 " + m_file_label + " 是文件夹，应为数据文件"});
    }
    CPLStringList options;
    // The shapefile driver recodes DBF text itself (and honours a .cpg); for other sources we
    // recode fields, and other drivers would warn about an ENCODING option they do not know.
    const GDALDriverH identified = GDALIdentifyDriverEx(name.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
    const bool shapefile = identified && std::string(GDALGetDescription(identified)) == "ESRI Shapefile";
    if (!spec.encoding.empty() && shapefile) options.SetNameValue("ENCODING", spec.encoding.c_str());
    // The extension of the file read: inside an archive, the inner file's.
    const std::string ext = ascii_lower(fs::path(name).extension().string());
    if (ext == ".pbf" || ext == ".osm") {
        const std::string conf = osm_config_file();
        if (!conf.empty()) options.SetNameValue("CONFIG_FILE", conf.c_str());
    }
    // A file is read by the driver its extension names: GDAL otherwise picks a driver by content,
    // and a "CSV" holding VRT or JML XML would be opened as that (found by fuzz_layer_csv).
    CPLStringList allowed;
    for (const char* driver : drivers_for_extension(ext)) allowed.AddString(driver);
    auto open = [&](bool headers) {
        CPLStringList opts(options);
        if (!headers && ext == ".csv") opts.SetNameValue("HEADERS", "NO");
        // The spreadsheet drivers read this while the dataset is read: kept until the source closes.
        if (!headers && ext != ".csv") {
            m_xlsx_headers_off = std::make_unique<GdalThreadConfig>("OGR_XLSX_HEADERS", "DISABLE");
            m_ods_headers_off = std::make_unique<GdalThreadConfig>("OGR_ODS_HEADERS", "DISABLE");
        }
        m_dataset.reset(GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed.empty() ? nullptr : allowed.List(),
                                          opts.empty() ? nullptr : opts.List(), nullptr));
        if (!m_dataset) {
            const auto& said = m_log.messages();
            const std::string why = said.empty() ? "no GDAL driver recognises it" : said.back().first;
            throw InputError({m_file_label + ": cannot open as a vector data source: " + why,
                              m_file_label + "：无法作为矢量数据打开：" + why});
        }
        select_layer();
    };
    open(true);
    const std::string driver = m_dataset->GetDriver() ? m_dataset->GetDriver()->GetDescription() : "";
    m_recode = !spec.encoding.empty() && driver != "ESRI Shapefile";
    m_csv = driver == "CSV";
    m_osm = driver == "OSM";
    m_private = spec.role == "beneficiaries";
    // Bureau spreadsheets (台账) often have a title row, merged across the columns, above the header.
    if (m_csv || driver == "XLSX" || driver == "ODS") {
        const bool title_row = spec.header_row == 0 && looks_like_title_row();
        if (spec.header_row > 1 || title_row) {
            open(false);
            m_header_row = title_row ? find_header_row() : spec.header_row;
            read_header();
            m_header_found = title_row;
        }
    }
    if (!spec.where.empty() && m_header_row > 0)
        throw UsageError({"[layers." + spec.role + "] " + m_file_label + ": the header is in row " + std::to_string(m_header_row) +
                              ", below title rows, and where = … cannot be combined with that yet; filter the rows in the file",
                          "[layers." + spec.role + "] " + m_file_label + "：表头在第 " + std::to_string(m_header_row) +
                              " 行（其上为标题行），暂不能同时使用 where 条件；请在文件中筛选"});
    if (!spec.where.empty()) {
        if (m_layer->SetAttributeFilter(spec.where.c_str()) != OGRERR_NONE) {
            const std::string why = m_log.messages().empty() ? "" : m_log.messages().back().first;
            throw UsageError({"[layers." + spec.role + "] where = \"" + spec.where + "\" is not a valid filter for " + m_file_label + ": " + why,
                              "[layers." + spec.role + "] 的 where 条件“" + spec.where + "”无效：" + why});
        }
    }
    if (!spec.x.empty()) {
        m_x = field_index("x", true);
        m_y = field_index("y", true);
    }
    if (!spec.wkt.empty()) m_wkt = field_index("wkt", true);
}

void GdalSource::select_layer() {
    const int layers = m_dataset->GetLayerCount();
    if (!m_spec.layer.empty()) {
        m_layer = m_dataset->GetLayerByName(m_spec.layer.c_str());
        if (!m_layer) {
            std::vector<std::string> names;
            for (int i = 0; i < layers; ++i) names.emplace_back(m_dataset->GetLayer(i)->GetName());
            throw InputError({m_file_label + ": no layer \"" + m_spec.layer + "\"; layers are: " + join(names, ", "),
                              m_file_label + "：没有图层“" + m_spec.layer + "”；现有图层：" + join(names, "、")});
        }
    } else if (layers == 1) {
        m_layer = m_dataset->GetLayer(0);
    } else {
        std::vector<std::string> names;
        for (int i = 0; i < layers; ++i) names.emplace_back(m_dataset->GetLayer(i)->GetName());
        throw UsageError({"[layers." + m_spec.role + "] " + m_file_label + " has " + std::to_string(layers) +
                              " layers (" + join(names, ", ") + "); say which with layer = \"…\"",
                          "[layers." + m_spec.role + "] " + m_file_label + " 有 " + std::to_string(layers) + " 个图层（" +
                              join(names, "、") + "）；请用 layer = \"…\" 指定"});
    }
    m_layer_name = m_layer->GetName();
}

namespace {
// Names GDAL gives columns without a header: field_1 (CSV), Field1 (spreadsheets).
bool generic_field_name(const std::string& n) {
    const std::string l = ascii_lower(n);
    const std::size_t i = l.rfind("field_", 0) == 0 ? 6 : l.rfind("field", 0) == 0 ? 5 : std::string::npos;
    return n.empty() || (i != std::string::npos && i < l.size() && l.find_first_not_of("0123456789", i) == std::string::npos);
}
}  // namespace

bool GdalSource::looks_like_title_row() const {
    const OGRFeatureDefn* defn = m_layer->GetLayerDefn();
    if (defn->GetFieldCount() < 3) return false;
    int named = 0;
    for (int i = 0; i < defn->GetFieldCount(); ++i) named += generic_field_name(defn->GetFieldDefn(i)->GetNameRef()) ? 0 : 1;
    return named == 1;  // one title cell, the rest of the row empty
}

int GdalSource::find_header_row() const {
    const int fields = m_layer->GetLayerDefn()->GetFieldCount();
    m_layer->ResetReading();
    for (int row = 0; row < 50; ++row) {
        std::unique_ptr<OGRFeature> f(m_layer->GetNextFeature());
        if (!f) break;
        int filled = 0;
        for (int i = 0; i < fields; ++i) filled += f->IsFieldSetAndNotNull(i) && !trim(f->GetFieldAsString(i)).empty() ? 1 : 0;
        if (filled >= 2 && 2 * filled >= fields) return static_cast<int>(f->GetFID());
    }
    return 1;
}

void GdalSource::read_header() {
    m_layer->ResetReading();
    std::unique_ptr<OGRFeature> header;
    for (std::unique_ptr<OGRFeature> f(m_layer->GetNextFeature()); f; f.reset(m_layer->GetNextFeature())) {
        if (f->GetFID() == m_header_row) {
            header = std::move(f);
            break;
        }
        if (f->GetFID() > m_header_row) break;
    }
    if (!header)
        throw InputError(Where{m_file_label, m_layer_name},
                         {"header_row = " + std::to_string(m_header_row) + ", but the sheet has no row " + std::to_string(m_header_row),
                          "header_row = " + std::to_string(m_header_row) + "，但表中没有第 " + std::to_string(m_header_row) + " 行"});
    const OGRFeatureDefn* defn = m_layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        std::string n = header->IsFieldSetAndNotNull(i) ? trim(recoded(header->GetFieldAsString(i))) : "";
        m_header.push_back(n.empty() ? std::string(defn->GetFieldDefn(i)->GetNameRef()) : n);
    }
    // The rows below the header are the data.
    const std::string filter = "FID > " + std::to_string(m_header_row);
    m_layer->SetAttributeFilter(filter.c_str());
    m_layer->ResetReading();
}

std::string GdalSource::recoded(std::string s) const {
    if (!m_recode) return s;
    char* utf8 = CPLRecode(s.c_str(), m_spec.encoding.c_str(), CPL_ENC_UTF8);
    s = utf8;
    CPLFree(utf8);
    return s;
}

Text GdalSource::not_utf8(const std::string& found) const {
    // Bytes of a beneficiary's record stay unquoted: escaped GBK still spells a name.
    const std::string shown = m_private ? "a value of " + std::to_string(found.size()) + " bytes (not quoted)"
                                        : "\"" + escape_invalid_utf8(found.substr(0, 60)) + "\"";
    if (!m_spec.encoding.empty())
        return {"expected text in " + m_spec.encoding + " (encoding = \"" + m_spec.encoding + "\"), found bytes that are not: " + shown +
                    "; is the encoding right (GBK, GB18030, UTF-8)?",
                "应为 " + m_spec.encoding + " 编码的文字（encoding = \"" + m_spec.encoding + "\"），实际含有不符合该编码的字节：" + shown +
                    "；编码设置是否正确（GBK、GB18030、UTF-8）？"};
    return {"expected UTF-8 text, found " + shown + ": the file is probably in GBK/GB18030 (older Excel and ArcGIS exports); add encoding = \"GBK\" to [layers." +
                m_spec.role + "], or save the file as UTF-8",
            "应为 UTF-8 编码的文字，实际为 " + shown + "：文件可能是 GBK/GB18030 编码（旧版 Excel、ArcGIS 导出）；请在 [layers." + m_spec.role +
                "] 中加入 encoding = \"GBK\"，或将文件另存为 UTF-8"};
}

std::string GdalSource::field_name(int index) const {
    if (!m_header.empty()) return m_header[static_cast<std::size_t>(index)];
    return recoded(m_layer->GetLayerDefn()->GetFieldDefn(index)->GetNameRef());
}

std::vector<std::string> GdalSource::field_names() const {
    std::vector<std::string> names;
    for (int i = 0; i < m_layer->GetLayerDefn()->GetFieldCount(); ++i) names.push_back(field_name(i));
    return names;
}

int GdalSource::field_index(const std::string& role, bool required) const { return field_index(role, required, role); }

int GdalSource::field_index(const std::string& role, bool required, const std::string& default_name) const {
    std::string name;
    bool explicit_name = true;
    if (role == "x") name = m_spec.x;
    else if (role == "y") name = m_spec.y;
    else if (role == "wkt") name = m_spec.wkt;
    else {
        explicit_name = m_spec.mapped(role);
        name = explicit_name ? m_spec.field(role) : default_name;
    }
    // Matched against the recoded names: a GBK CSV's header "名称" must match the project's UTF-8.
    const auto names = field_names();
    int idx = -1;
    for (std::size_t i = 0; i < names.size() && idx < 0; ++i)
        if (ascii_lower(names[i]) == ascii_lower(name)) idx = static_cast<int>(i);
    if (idx >= 0) m_role_of[idx] = role;
    if (idx >= 0 || (!required && !explicit_name)) return idx;
    for (const std::string& n : names)
        if (!is_valid_utf8(n)) throw InputError(Where{m_file_label, m_layer_name, -1, escape_invalid_utf8(n)}, not_utf8(n));
    const std::string hint = closest_match(name, names);
    Text t{"expected a field \"" + name + "\" (" + role + "), found fields: " + join(names, ", "),
           "应有字段“" + name + "”（" + role + "），现有字段：" + join(names, "、")};
    if (!hint.empty()) {
        t.en += "; did you mean \"" + hint + "\"? Map it in [layers." + m_spec.role + ".fields]";
        t.zh += "；是否应为“" + hint + "”？可在 [layers." + m_spec.role + ".fields] 中指定";
    } else {
        t.en += "; map the right one in [layers." + m_spec.role + ".fields]";
        t.zh += "；请在 [layers." + m_spec.role + ".fields] 中指定";
    }
    throw InputError(Where{m_file_label, m_layer_name, -1, name}, t);
}

std::string GdalSource::crs_definition() const {
    if (m_spec.coordinates != Coordinates::wgs84) return "EPSG:4326";  // GCJ-02/BD-09 become WGS84 lon/lat
    if (!m_spec.crs.empty()) return m_spec.crs;
    const OGRSpatialReference* srs = m_layer->GetSpatialRef();
    if (!srs) {
        throw InputError(Where{m_file_label, m_layer_name},
                         {"the layer has no coordinate reference system; add crs = \"EPSG:4326\" (or the right one) to [layers." +
                              m_spec.role + "]",
                          "图层没有坐标参考系；请在 [layers." + m_spec.role + "] 中加入 crs = \"EPSG:4326\"（或正确的坐标系）"});
    }
    const char* auth = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    char* wkt = nullptr;
    const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
    srs->exportToWkt(&wkt, opts);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

Where GdalSource::where(const OGRFeature& f, const std::string& field) const {
    Where w{m_file_label, m_layer_name, static_cast<long long>(f.GetFID()), field};
    if (m_header_row > 0) w.line = w.feature;  // headers read by us: FIDs are the rows themselves
    else if (m_csv) w.line = w.feature + 1;
    return w;
}

std::string GdalSource::text(const OGRFeature& f, int index) const {
    if (index < 0 || !f.IsFieldSetAndNotNull(index)) return {};
    const OGRFieldType type = f.GetFieldDefnRef(index)->GetType();
    if (type == OFTReal) {
        // Spreadsheets store codes as numbers: 445303100201.0 must read back as "445303100201".
        const double v = f.GetFieldAsDouble(index);
        if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15) return format_decimal(v, 0);
    }
    return checked(f, index, f.GetFieldAsString(index));
}

std::string GdalSource::checked(const OGRFeature& f, int index, const char* raw) const {
    std::string s = recoded(raw ? raw : "");
    // Bytes that are not UTF-8 mean the wrong encoding: every text of the layer is garbled, and
    // would break the JSON and XML outputs; stop and say how to fix it.
    if (!is_valid_utf8(s)) throw InputError(where(f, field_name(index)), not_utf8(s));
    m_controls += strip_controls(s);
    s = trim(s);
    if (const auto kind = identifier_kind(s)) refuse_personal(f, index, *kind);
    return s;
}

std::string GdalSource::code(const OGRFeature& f, int index) const {
    return checked_code(f, index, text(f, index));
}

std::string GdalSource::checked_code(const OGRFeature& f, int index, const std::string& text) const {
    std::string s = normalise_code(text, &m_folds);
    if (looks_like_person_name(s)) refuse_personal(f, index, PersonalKind::name);
    return s;
}

namespace {

// A list written as text: a JSON array (["a","b"], GeoPackage and CSV), GDAL's own form of a
// list field ("(2:a,b)", shapefiles), or items with separators (split_list).
std::vector<std::string> list_items(std::string_view s) {
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']') {
        s = s.substr(1, s.size() - 2);
    } else if (s.size() >= 3 && s.front() == '(' && s.back() == ')') {
        const auto colon = s.find(':');
        if (colon != std::string_view::npos && colon > 1 &&
            s.substr(1, colon - 1).find_first_not_of("0123456789") == std::string_view::npos)
            s = s.substr(colon + 1, s.size() - colon - 2);
    }
    std::vector<std::string> out;
    for (std::string item : split_list(s)) {
        if (item.size() >= 2 && item.front() == '"' && item.back() == '"') item = item.substr(1, item.size() - 2);
        if (!item.empty()) out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

std::vector<std::string> GdalSource::codes(const OGRFeature& f, int index) const {
    std::vector<std::string> out;
    if (index < 0 || !f.IsFieldSetAndNotNull(index)) return out;
    switch (f.GetFieldDefnRef(index)->GetType()) {
        case OFTStringList: {
            // GDAL's GeoJSON driver reads a JSON array of strings as a list field.
            char** items = f.GetFieldAsStringList(index);
            for (int i = 0; items && items[i]; ++i)
                for (const std::string& item : list_items(checked(f, index, items[i]))) out.push_back(checked_code(f, index, item));
            return out;
        }
        case OFTIntegerList: {
            int n = 0;
            const int* values = f.GetFieldAsIntegerList(index, &n);
            for (int i = 0; i < n; ++i) out.push_back(checked_code(f, index, std::to_string(values[i])));
            return out;
        }
        case OFTInteger64List: {
            int n = 0;
            const GIntBig* values = f.GetFieldAsInteger64List(index, &n);
            for (int i = 0; i < n; ++i) out.push_back(checked_code(f, index, std::to_string(values[i])));
            return out;
        }
        case OFTRealList: {
            int n = 0;
            const double* values = f.GetFieldAsDoubleList(index, &n);
            for (int i = 0; i < n; ++i) {
                if (!(std::isfinite(values[i]) && values[i] == std::floor(values[i]) && std::abs(values[i]) < 1e15))
                    throw InputError(where(f, field_name(index)),
                                     {"expected a list of codes, found a number that is not a whole number", "应为代码列表，实际含非整数"});
                out.push_back(checked_code(f, index, format_decimal(values[i], 0)));
            }
            return out;
        }
        default:
            for (const std::string& item : list_items(text(f, index))) out.push_back(checked_code(f, index, item));
            return out;
    }
}

Text GdalSource::shown(const std::string& value) const {
    if (m_private) return withheld_value(value);
    return {"\"" + value + "\"", "“" + value + "”"};
}

void GdalSource::refuse_personal(const OGRFeature& f, int index, PersonalKind kind) const {
    const auto role_it = m_role_of.find(index);
    const std::string role = role_it == m_role_of.end() ? "?" : role_it->second;
    const Text k = personal_kind_text(kind);
    const std::string key = "[layers." + m_spec.role + ".fields] " + role;
    throw InputError(where(f, field_name(index)),
                     {"expected a " + role + " value, found " + k.en +
                          " (not quoted: personal data are never read or shown); is " + key + " mapped to the right column?",
                      "应为 " + role + " 的值，实际为" + k.zh + "（个人信息不读取、不显示，故不引用原值）；请检查 " + key + " 是否对应正确的列"});
}

std::optional<double> GdalSource::number(const OGRFeature& f, int index, const std::string& role) const {
    const std::string s = text(f, index);
    if (s.empty()) return std::nullopt;
    const char* begin = s.c_str();
    char* end = nullptr;
    const double v = std::strtod(begin, &end);
    if (end == begin || *end != '\0' || !std::isfinite(v)) {
        if (looks_like_person_name(s)) refuse_personal(f, index, PersonalKind::name);
        const Text found = shown(s);
        throw InputError(where(f, field_name(index)), {"expected a number (" + role + "), found " + found.en,
                                                       "应为数值（" + role + "），实际为" + found.zh});
    }
    return v;
}

void GdalSource::normalise(const OGRFeature& f, Point2& p) const {
    if (!std::isfinite(p.x) || !std::isfinite(p.y))
        throw InputError(where(f), {"expected finite coordinates, found NaN or infinity", "坐标应为有限数值，实际为 NaN 或无穷"});
    if (m_spec.coordinates == Coordinates::wgs84) return;
    const LonLat in{p.x, p.y};
    const LonLat out = m_spec.coordinates == Coordinates::gcj02 ? gcj02_to_wgs84(in) : bd09_to_wgs84(in);
    p = {out.lon, out.lat};
}

namespace {

Ring ring_from(const OGRLinearRing& r) {
    Ring out;
    out.reserve(static_cast<std::size_t>(r.getNumPoints()));
    for (int i = 0; i < r.getNumPoints(); ++i) out.push_back({r.getX(i), r.getY(i)});
    return out;
}

void add_polygon(const OGRPolygon& poly, MultiPolygon& out) {
    if (poly.IsEmpty()) return;
    Polygon p;
    p.outer = ring_from(*poly.getExteriorRing());
    for (int i = 0; i < poly.getNumInteriorRings(); ++i) p.holes.push_back(ring_from(*poly.getInteriorRing(i)));
    out.push_back(std::move(p));
}

}  // namespace

void append_polygons(const OGRGeometry& geom, MultiPolygon& out) {
    switch (wkbFlatten(geom.getGeometryType())) {
        case wkbPolygon: add_polygon(*geom.toPolygon(), out); break;
        case wkbMultiPolygon:
            for (const OGRPolygon* p : *geom.toMultiPolygon()) add_polygon(*p, out);
            break;
        default: break;
    }
}

SourceGeometry GdalSource::geometry(const OGRFeature& f) const {
    SourceGeometry g;
    std::unique_ptr<OGRGeometry> parsed;
    const OGRGeometry* geom = f.GetGeometryRef();
    if (m_x >= 0) {
        const auto x = number(f, m_x, "x");
        const auto y = number(f, m_y, "y");
        if (!x || !y) {
            throw InputError(where(f, !x ? m_spec.x : m_spec.y),
                             {"expected a coordinate, found an empty cell", "应为坐标，实际为空"});
        }
        g.kind = SourceGeometry::Kind::point;
        g.point = {*x, *y};
        g.found = "Point";
    } else if (m_wkt >= 0) {
        const std::string wkt = text(f, m_wkt);
        OGRGeometry* raw = nullptr;
        if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &raw) != OGRERR_NONE || !raw) {
            const Text found = shown(wkt.substr(0, 60));
            throw InputError(where(f, m_spec.wkt), {"expected WKT geometry, found " + found.en, "应为 WKT 几何，实际为" + found.zh});
        }
        parsed.reset(raw);
        geom = raw;
    }
    if (g.kind == SourceGeometry::Kind::none && geom && !geom->IsEmpty()) {
        g.found = geom->getGeometryName();
        switch (wkbFlatten(geom->getGeometryType())) {
            case wkbPoint: {
                const auto* p = geom->toPoint();
                g.kind = SourceGeometry::Kind::point;
                g.point = {p->getX(), p->getY()};
                break;
            }
            case wkbMultiPoint: {
                const auto* mp = geom->toMultiPoint();
                if (mp->getNumGeometries() == 1) {
                    g.kind = SourceGeometry::Kind::point;
                    g.point = {mp->getGeometryRef(0)->getX(), mp->getGeometryRef(0)->getY()};
                }
                break;
            }
            case wkbPolygon:
            case wkbMultiPolygon:
                g.kind = SourceGeometry::Kind::polygon;
                append_polygons(*geom, g.polygons);
                break;
            case wkbLineString: {
                g.kind = SourceGeometry::Kind::line;
                const auto* l = geom->toLineString();
                LineString line;
                for (int i = 0; i < l->getNumPoints(); ++i) line.push_back({l->getX(i), l->getY(i)});
                g.lines.push_back(std::move(line));
                break;
            }
            case wkbMultiLineString:
                g.kind = SourceGeometry::Kind::line;
                for (const OGRLineString* l : *geom->toMultiLineString()) {
                    LineString line;
                    for (int i = 0; i < l->getNumPoints(); ++i) line.push_back({l->getX(i), l->getY(i)});
                    g.lines.push_back(std::move(line));
                }
                break;
            default:
                break;  // reported by the caller, which knows what it expected
        }
    }
    auto fix = [&](Point2& p) { normalise(f, p); };
    fix(g.point);
    for (auto& poly : g.polygons) {
        for (auto& p : poly.outer) fix(p);
        for (auto& h : poly.holes)
            for (auto& p : h) fix(p);
    }
    for (auto& l : g.lines)
        for (auto& p : l) fix(p);
    return g;
}

}  // namespace coverplan::io
