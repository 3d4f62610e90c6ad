#include "io/geopackage.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error.hpp"
#include "io/gdal_config.hpp"

namespace coverplan::io {

namespace fs = std::filesystem;

namespace {

// GDAL's messages kept from stderr while alive (a failure is read back with CPLGetLastErrorMsg).
class QuietGdal {
public:
    QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdal() { CPLPopErrorHandler(); }
    QuietGdal(const QuietGdal&) = delete;
    QuietGdal& operator=(const QuietGdal&) = delete;
};

// GeoPackage has no list type: a list (the codes of served villages) is a JSON array, which
// QGIS shows as such and coverplan reads back as a list of codes.
std::pair<OGRFieldType, OGRFieldSubType> field_type(PropValue::Kind kind) {
    switch (kind) {
        case PropValue::Kind::integer: return {OFTInteger64, OFSTNone};
        case PropValue::Kind::real: return {OFTReal, OFSTNone};
        case PropValue::Kind::boolean: return {OFTInteger, OFSTBoolean};
        case PropValue::Kind::list: return {OFTString, OFSTJSON};
        case PropValue::Kind::text: break;
    }
    return {OFTString, OFSTNone};
}

void set_field(OGRFeature& f, int i, const PropValue& v) {
    if (v.null) return f.SetFieldNull(i);
    switch (v.kind) {
        case PropValue::Kind::text: return f.SetField(i, v.text.c_str());
        case PropValue::Kind::integer: return f.SetField(i, static_cast<GIntBig>(v.integer));
        case PropValue::Kind::boolean: return f.SetField(i, static_cast<int>(v.integer));
        case PropValue::Kind::real: return f.SetField(i, v.real);
        case PropValue::Kind::list: {
            std::string json = "[";
            for (std::size_t k = 0; k < v.list.size(); ++k) json += (k ? "," : "") + json_string(v.list[k]);
            return f.SetField(i, (json + "]").c_str());
        }
    }
}

OGRLinearRing ogr_ring(const Ring& r) {
    OGRLinearRing out;
    out.setNumPoints(static_cast<int>(r.size()), FALSE);
    for (std::size_t i = 0; i < r.size(); ++i) out.setPoint(static_cast<int>(i), r[i].x, r[i].y);
    return out;
}

}  // namespace

using Values = std::vector<std::pair<std::string, PropValue>>;

// GDAL runs on a worker thread of its own: the GeoJSON files are written on the caller's thread
// while the GeoPackage is filled on the other core, in the order the features come.
class GeoPackageWriter::Impl {
public:
    class Layer;

    Impl(fs::path path, std::vector<PackLayer> layers, std::string date)
        : m_path(std::move(path)), m_layers(std::move(layers)), m_date(std::move(date)), m_worker([this] { work(); }) {}

    ~Impl() {
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        if (m_worker.joinable()) m_worker.join();
    }

    [[noreturn]] void fail(const std::string& table, const std::string& why) const {
        throw OutputError({"cannot write layer " + table + " of " + m_path.string() + ": " + why,
                           "无法写入 " + m_path.string() + " 的图层 " + table + "：" + why});
    }

    // Queues a task for the worker; waits while the queue is full (memory stays bounded).
    void post(std::function<void()> task) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_room.wait(lock, [&] { return m_tasks.size() < k_queue || m_stop; });
        m_tasks.push_back(std::move(task));
        lock.unlock();
        m_wake.notify_one();
    }

    FeatureMirror* mirror(const std::string& file);
    void close();

    fs::path m_path;
    std::vector<PackLayer> m_layers;
    std::string m_date;
    // Touched by the worker only:
    GDALDatasetUniquePtr m_ds;
    OGRSpatialReference m_wgs84;

private:
    static constexpr std::size_t k_queue = 1024;

    void open();
    void write_styles_and_close();
    void work();

    std::vector<std::unique_ptr<Layer>> m_written;
    std::mutex m_mutex;
    std::condition_variable m_wake, m_room;
    std::deque<std::function<void()>> m_tasks;
    bool m_stop = false, m_closing = false;
    std::optional<Text> m_error;  // the first failure on the worker, reported by close()
    std::thread m_worker;         // last: started once everything above exists
};

// One table, created at its first feature with geometry (its geometry type is that feature's;
// features without geometry before it wait), its fields from the first feature's properties.
// The FeatureMirror calls come on the writer's thread and post the work to the worker.
class GeoPackageWriter::Impl::Layer : public FeatureMirror {
public:
    Layer(Impl& pack, const PackLayer& spec) : m_pack(pack), m_spec(spec) {}
    const PackLayer& spec() const { return m_spec; }

    void point(const JsonProps& props, Point2 p) override {
        m_pack.post([this, v = props.values(), p] { add(v, std::make_unique<OGRPoint>(p.x, p.y)); });
    }
    void line(const JsonProps& props, LineString&& l) override {
        m_pack.post([this, v = props.values(), l = std::move(l)] {
            auto g = std::make_unique<OGRLineString>();
            g->setNumPoints(static_cast<int>(l.size()), FALSE);
            for (std::size_t i = 0; i < l.size(); ++i) g->setPoint(static_cast<int>(i), l[i].x, l[i].y);
            add(v, std::move(g));
        });
    }
    void multipolygon(const JsonProps& props, MultiPolygon&& mp) override {
        m_pack.post([this, v = props.values(), mp = std::move(mp)] {
            auto g = std::make_unique<OGRMultiPolygon>();
            for (const Polygon& poly : mp) {
                OGRPolygon p;
                OGRLinearRing outer = ogr_ring(poly.outer);
                p.addRing(&outer);
                for (const Ring& h : poly.holes) {
                    OGRLinearRing hole = ogr_ring(h);
                    p.addRing(&hole);
                }
                g->addGeometry(&p);
            }
            add(v, std::move(g));
        });
    }
    void no_geometry(const JsonProps& props) override {
        m_pack.post([this, v = props.values()] {
            if (m_layer) insert(v, nullptr);
            else m_waiting.push_back(v);
        });
    }
    void finish() override {
        if (m_finish_posted) return;
        m_finish_posted = true;
        m_pack.post([this] {
            if (!m_layer) create(m_waiting.empty() ? nullptr : &m_waiting.front(), wkbUnknown);
            flush_waiting();
        });
    }

private:
    void add(const Values& values, std::unique_ptr<OGRGeometry> g) {
        if (!m_layer) {
            create(&values, wkbFlatten(g->getGeometryType()));
            flush_waiting();
        }
        insert(values, std::move(g));
    }

    void create(const Values* first, OGRwkbGeometryType type) {
        CPLStringList options;
        options.SetNameValue("GEOMETRY_NAME", "geom");
        options.SetNameValue("FID", "fid");
        options.SetNameValue("SPATIAL_INDEX", "YES");
        options.SetNameValue("IDENTIFIER", m_spec.title.c_str());
        options.SetNameValue("DESCRIPTION", m_spec.description.c_str());
        m_layer = m_pack.m_ds->CreateLayer(m_spec.table.c_str(), &m_pack.m_wgs84, type, options.List());
        if (!m_layer) m_pack.fail(m_spec.table, gdal_message());
        if (!first) return;
        for (const auto& [name, value] : *first) {
            const auto [field, sub] = field_type(value.kind);
            OGRFieldDefn f(name.c_str(), field);
            f.SetSubType(sub);
            if (m_layer->CreateField(&f) != OGRERR_NONE) m_pack.fail(m_spec.table, gdal_message());
            m_index[name] = static_cast<int>(m_index.size());
        }
    }

    void flush_waiting() {
        for (const Values& v : m_waiting) insert(v, nullptr);
        m_waiting.clear();
    }

    void insert(const Values& values, std::unique_ptr<OGRGeometry> g) {
        OGRFeature f(m_layer->GetLayerDefn());
        for (const auto& [name, value] : values) {
            const auto it = m_index.find(name);
            if (it == m_index.end()) m_pack.fail(m_spec.table, "property " + name + " is not in the layer's first feature");
            set_field(f, it->second, value);
        }
        if (g) f.SetGeometryDirectly(g.release());
        if (m_layer->CreateFeature(&f) != OGRERR_NONE)
            m_pack.fail(m_spec.table, "feature " + std::to_string(m_count + 1) + ": " + gdal_message());
        ++m_count;
    }

    Impl& m_pack;
    const PackLayer& m_spec;
    bool m_finish_posted = false;  // the writer's thread
    // The worker's:
    OGRLayer* m_layer = nullptr;
    std::map<std::string, int> m_index;
    std::vector<Values> m_waiting;
    long long m_count = 0;
};

void GeoPackageWriter::Impl::open() {
    GDALAllRegister();
    std::error_code ec;
    fs::remove(m_path, ec);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) fail("(all)", "GDAL has no GPKG driver");
    m_ds.reset(driver->Create(m_path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!m_ds) fail("(all)", gdal_message());
    m_wgs84.importFromEPSG(4326);
    m_wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    // One transaction for the whole file: it is written in the staging folder and lands whole
    // with the other outputs, or not at all.
    if (m_ds->StartTransaction() != OGRERR_NONE) fail("(all)", gdal_message());
}

void GeoPackageWriter::Impl::work() {
    // Thread-local GDAL settings: timestamps from the run's date (byte-identical files), no fsync,
    // and GDAL's messages kept from stderr (a failure is read back with CPLGetLastErrorMsg).
    const GdalThreadConfig stamp("OGR_CURRENT_DATE", m_date + "T00:00:00.000Z");
    const GdalThreadConfig sync("OGR_SQLITE_SYNCHRONOUS", "OFF");
    const QuietGdal quiet;
    bool failed = false;
    auto attempt = [&](const std::function<void()>& f) {
        if (failed) return;
        try {
            f();
        } catch (const Error& e) {
            failed = true;
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_error = e.text();
        } catch (const std::exception& e) {
            failed = true;
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_error = Text{std::string("pack.gpkg: ") + e.what(), std::string("pack.gpkg：") + e.what()};
        }
    };
    attempt([&] { open(); });
    for (;;) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_wake.wait(lock, [&] { return !m_tasks.empty() || m_stop || m_closing; });
        if (m_stop) break;  // abandoned (a failed run): nothing more to write
        if (m_tasks.empty()) {  // closing, everything written
            lock.unlock();
            attempt([&] { write_styles_and_close(); });
            break;
        }
        std::function<void()> task = std::move(m_tasks.front());
        m_tasks.pop_front();
        lock.unlock();
        m_room.notify_one();
        attempt(task);
    }
    if (m_ds) {  // not closed: a failed run; the file stays in the staging folder, which is removed
        m_ds->RollbackTransaction();
        m_ds.reset();
    }
}

FeatureMirror* GeoPackageWriter::Impl::mirror(const std::string& file) {
    for (const PackLayer& l : m_layers)
        if (l.file == file) {
            for (const auto& w : m_written)
                if (&w->spec() == &l) fail(l.table, "written twice");
            m_written.push_back(std::make_unique<Layer>(*this, l));
            return m_written.back().get();
        }
    return nullptr;
}

// The table QGIS reads a layer's default style from (its "GeoPackage styling extension"):
// QGIS selects the row by f_table_schema = '', f_table_name and f_geometry_column.
void GeoPackageWriter::Impl::write_styles_and_close() {
    if (!m_ds) return;
    CPLStringList options;
    options.SetNameValue("FID", "id");
    options.SetNameValue("IDENTIFIER", "layer_styles");
    options.SetNameValue("DESCRIPTION", "QGIS default styles of the layers (styleQML)");
    OGRLayer* out = m_ds->CreateLayer("layer_styles", nullptr, wkbNone, options.List());
    if (!out) fail("layer_styles", gdal_message());
    auto add_field = [&](const char* name, OGRFieldType type, OGRFieldSubType sub = OFSTNone) {
        OGRFieldDefn f(name, type);
        f.SetSubType(sub);
        if (out->CreateField(&f) != OGRERR_NONE) fail("layer_styles", gdal_message());
    };
    for (const char* name : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName", "styleQML", "styleSLD"})
        add_field(name, OFTString);
    add_field("useAsDefault", OFTInteger, OFSTBoolean);
    for (const char* name : {"description", "owner", "ui"}) add_field(name, OFTString);
    add_field("update_time", OFTDateTime);
    int y = 1970, mo = 1, d = 1;
    std::sscanf(m_date.c_str(), "%d-%d-%d", &y, &mo, &d);
    for (const auto& w : m_written) {
        const PackLayer& l = w->spec();
        if (l.qml.empty()) continue;
        OGRFeature f(out->GetLayerDefn());
        f.SetField("f_table_catalog", "");
        f.SetField("f_table_schema", "");
        f.SetField("f_table_name", l.table.c_str());
        f.SetField("f_geometry_column", "geom");
        f.SetField("styleName", l.title.c_str());
        f.SetField("styleQML", l.qml.c_str());
        f.SetField("useAsDefault", 1);
        f.SetField("description", l.description.c_str());
        f.SetField("owner", "coverplan");
        f.SetField("update_time", y, mo, d, 0, 0, 0, 100);
        if (out->CreateFeature(&f) != OGRERR_NONE) fail("layer_styles", gdal_message());
    }
    if (m_ds->CommitTransaction() != OGRERR_NONE) fail("(all)", gdal_message());
    CPLErrorReset();
    GDALClose(m_ds.release());  // builds the spatial indexes, writes the last pages
    if (CPLGetLastErrorType() == CE_Failure) fail("(all)", gdal_message());
}

void GeoPackageWriter::Impl::close() {
    for (const auto& w : m_written) w->finish();  // a layer left open is finished as it stands
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_closing = true;
    }
    m_wake.notify_all();
    if (m_worker.joinable()) m_worker.join();  // the worker ends once the queue is written and the file closed
    if (m_error) throw OutputError(*m_error);
}

GeoPackageWriter::GeoPackageWriter(fs::path path, std::vector<PackLayer> layers, const std::string& date)
    : m_impl(std::make_unique<Impl>(std::move(path), std::move(layers), date)) {}

GeoPackageWriter::~GeoPackageWriter() = default;

FeatureMirror* GeoPackageWriter::mirror(const std::string& file) { return m_impl->mirror(file); }

void GeoPackageWriter::close() { m_impl->close(); }

}  // namespace coverplan::io
