#include "io/postgis.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <vector>

#include "core/error.hpp"

namespace coverplan::io {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_comment = "coverplan results";  // COMMENT ON SCHEMA: the schemas coverplan may replace

std::string gdal_message() {
    const char* m = CPLGetLastErrorMsg();
    return m && *m ? m : "GDAL reported no reason";
}

// A string literal for SQL (standard_conforming_strings: a quote is doubled, nothing else).
std::string literal(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

// key = value pairs of a libpq connection string (values may be single-quoted, \ escaping).
std::vector<std::pair<std::string, std::string>> conninfo_pairs(const std::string& s) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t i = 0;
    auto skip = [&] {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    };
    while (true) {
        skip();
        if (i >= s.size()) break;
        std::string key;
        while (i < s.size() && s[i] != '=' && !std::isspace(static_cast<unsigned char>(s[i]))) key += s[i++];
        skip();
        if (i >= s.size() || s[i] != '=') break;  // not a connection string we understand: shown without values
        ++i;
        skip();
        std::string value;
        if (i < s.size() && s[i] == '\'') {
            ++i;
            while (i < s.size() && s[i] != '\'') {
                if (s[i] == '\\' && i + 1 < s.size()) ++i;
                value += s[i++];
            }
            ++i;
        } else {
            while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) value += s[i++];
        }
        out.emplace_back(key, value);
    }
    return out;
}

class Transaction {
public:
    explicit Transaction(GDALDataset& ds) : m_ds(ds) {}
    ~Transaction() {
        if (m_open) m_ds.RollbackTransaction();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    bool start() { return m_open = m_ds.StartTransaction(TRUE) == OGRERR_NONE; }
    bool commit() {
        m_open = false;
        return m_ds.CommitTransaction() == OGRERR_NONE;
    }

private:
    GDALDataset& m_ds;
    bool m_open = false;
};

class Publisher {
public:
    Publisher(const fs::path& gpkg, const PostgisTarget& target)
        : m_gpkg(gpkg), m_target(target), m_shown(shown_connection(target.connection)), m_staging(target.schema + "__coverplan_new") {}

    void run() {
        check_schema_name(m_target.schema);
        GDALAllRegister();
        const char* const gpkg_driver[] = {"GPKG", nullptr};
        GDALDatasetUniquePtr src(GDALDataset::Open(m_gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, gpkg_driver));
        if (!src) fail("(all)", "cannot read " + m_gpkg.string() + ": " + gdal_message());
        const char* const pg_driver[] = {"PostgreSQL", nullptr};
        const std::string conn = m_target.connection.rfind("PG:", 0) == 0 ? m_target.connection : "PG:" + m_target.connection;
        m_pg.reset(GDALDataset::Open(conn.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, pg_driver));
        if (!m_pg)
            throw OutputError({"cannot connect to the database " + m_shown + ": " + gdal_message(),
                               "无法连接数据库 " + m_shown + "：" + gdal_message()});
        refuse_foreign_schema();
        Transaction tx(*m_pg);
        if (!tx.start()) fail("(all)", gdal_message());
        sql("DROP SCHEMA IF EXISTS " + m_staging + " CASCADE");
        sql("CREATE SCHEMA " + m_staging);
        OGRLayer* styles = nullptr;
        for (int i = 0; i < src->GetLayerCount(); ++i) {
            OGRLayer* layer = src->GetLayer(i);
            if (std::string(layer->GetName()) == "layer_styles") styles = layer;
            else copy(*layer);
        }
        sql("COMMENT ON SCHEMA " + m_staging + " IS " + literal(std::string(k_comment) + " (coverplan run --to-postgis; replaced whole by the next run)"));
        sql("DROP SCHEMA IF EXISTS " + m_target.schema + " CASCADE");
        sql("ALTER SCHEMA " + m_staging + " RENAME TO " + m_target.schema);
        if (styles) write_styles(*styles);
        // For the tests of a failure inside the transaction (DESIGN §12); unset, it does nothing.
        if (const char* at = std::getenv("COVERPLAN_TEST_FAIL_AT"); at && std::string(at) == "postgis_commit")
            fail("(all)", "stopped before the commit as COVERPLAN_TEST_FAIL_AT asks (a test of failed runs)");
        if (!tx.commit()) fail("(all)", gdal_message());
    }

private:
    [[noreturn]] void fail(const std::string& table, const std::string& why) const {
        throw OutputError({"cannot write " + table + " to schema " + m_target.schema + " of " + m_shown + ": " + why,
                           "无法将 " + table + " 写入数据库 " + m_shown + " 的模式 " + m_target.schema + "：" + why});
    }

    void sql(const std::string& statement) {
        CPLErrorReset();
        OGRLayer* rs = m_pg->ExecuteSQL(statement.c_str(), nullptr, nullptr);
        if (rs) m_pg->ReleaseResultSet(rs);
        if (CPLGetLastErrorType() >= CE_Failure) fail("(all)", gdal_message());
    }

    // A schema that exists and was not written by coverplan (no coverplan comment) is never replaced.
    void refuse_foreign_schema() {
        const std::string q = "SELECT coalesce(obj_description(oid, 'pg_namespace'), '') AS note FROM pg_namespace WHERE nspname = " +
                              literal(m_target.schema);
        CPLErrorReset();
        OGRLayer* rs = m_pg->ExecuteSQL(q.c_str(), nullptr, nullptr);
        if (!rs) fail("(all)", gdal_message());
        std::unique_ptr<OGRFeature> f(rs->GetNextFeature());
        const std::string note = f ? f->GetFieldAsString(0) : "";
        const bool exists = f != nullptr;
        m_pg->ReleaseResultSet(rs);
        if (exists && note.rfind(k_comment, 0) != 0)
            throw OutputError({"schema " + m_target.schema + " of " + m_shown +
                                   " exists and was not written by coverplan; --to-postgis replaces only its own schemas: choose another --schema",
                               "数据库 " + m_shown + " 中已有模式 " + m_target.schema +
                                   "，且不是 coverplan 写入的；--to-postgis 只替换自己写入的模式：请用 --schema 另选名称"});
    }

    void copy(OGRLayer& in) {
        const std::string table = in.GetName();
        OGRFeatureDefn& defn = *in.GetLayerDefn();
        CPLStringList options;
        options.SetNameValue("SCHEMA", m_staging.c_str());
        options.SetNameValue("GEOMETRY_NAME", "geom");
        options.SetNameValue("FID", "fid");
        options.SetNameValue("SPATIAL_INDEX", "GIST");
        options.SetNameValue("LAUNDER", "NO");  // the field names of the GeoJSON files and the GeoPackage
        const char* title = in.GetMetadataItem("IDENTIFIER");
        const char* description = in.GetMetadataItem("DESCRIPTION");
        const std::string comment = std::string(title ? title : table) + (description && *description ? std::string("：") + description : "");
        options.SetNameValue("DESCRIPTION", comment.c_str());
        CPLErrorReset();
        OGRLayer* out = m_pg->CreateLayer(table.c_str(), in.GetSpatialRef(), defn.GetGeomType(), options.List());
        if (!out) fail(table, gdal_message());
        for (int i = 0; i < defn.GetFieldCount(); ++i)
            if (out->CreateField(defn.GetFieldDefn(i)) != OGRERR_NONE) fail(table, gdal_message());
        in.ResetReading();
        for (std::unique_ptr<OGRFeature> f(in.GetNextFeature()); f; f.reset(in.GetNextFeature())) {
            OGRFeature copy(out->GetLayerDefn());
            if (copy.SetFrom(f.get(), TRUE) != OGRERR_NONE || out->CreateFeature(&copy) != OGRERR_NONE)
                fail(table, "feature " + std::to_string(f->GetFID()) + ": " + gdal_message());
        }
        if (out->SyncToDisk() != OGRERR_NONE) fail(table, gdal_message());
    }

    // QGIS reads a PostgreSQL layer's default style from public.layer_styles, by database,
    // schema, table and geometry column; the schema's rows are replaced.
    void write_styles(OGRLayer& styles) {
        sql("CREATE TABLE IF NOT EXISTS public.layer_styles (id serial PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar, "
            "f_table_name varchar, f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, useasdefault boolean, "
            "description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)");
        sql("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = " + literal(m_target.schema));
        styles.ResetReading();
        for (std::unique_ptr<OGRFeature> f(styles.GetNextFeature()); f; f.reset(styles.GetNextFeature())) {
            auto text = [&](const char* field) { return literal(f->GetFieldAsString(field)); };
            sql("INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml, "
                "useasdefault, description, type) VALUES (current_database(), " + literal(m_target.schema) + ", " + text("f_table_name") +
                ", " + text("f_geometry_column") + ", " + text("styleName") + ", XMLPARSE(DOCUMENT " + text("styleQML") + "), true, " +
                text("description") + ", 'Vector')");
        }
    }

    fs::path m_gpkg;
    const PostgisTarget& m_target;
    std::string m_shown;
    std::string m_staging;
    GDALDatasetUniquePtr m_pg;
};

}  // namespace

std::string shown_connection(const std::string& connection) {
    std::string s = connection.rfind("PG:", 0) == 0 ? connection.substr(3) : connection;
    if (s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0) {
        // postgresql://user:password@host:port/db?options → postgresql://host:port/db
        const std::size_t scheme = s.find("://") + 3;
        std::string rest = s.substr(scheme);
        const std::size_t query = rest.find('?');
        if (query != std::string::npos) rest.resize(query);
        const std::size_t at = rest.rfind('@');
        if (at != std::string::npos) rest = rest.substr(at + 1);
        return "PG:" + s.substr(0, scheme) + rest;
    }
    std::string out = "PG:";
    for (const auto& [key, value] : conninfo_pairs(s)) {
        if (key != "dbname" && key != "host" && key != "hostaddr" && key != "port" && key != "service" && key != "schemas" &&
            key != "active_schema")
            continue;
        out += (out.size() > 3 ? " " : "") + key + "=" + value;
    }
    return out;
}

void check_schema_name(const std::string& schema) {
    bool ok = !schema.empty() && schema.size() <= 50 && !std::isdigit(static_cast<unsigned char>(schema[0]));
    for (char c : schema) ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
    if (!ok || schema.rfind("pg_", 0) == 0 || schema == "public" || schema == "information_schema")
        throw UsageError({"--schema: expected a new schema name of lower-case letters, digits and _ (not starting with a digit, at most 50, "
                          "not public or pg_…), found \"" + schema + "\"",
                          "--schema：应为新的模式名，由小写字母、数字和 _ 组成（不以数字开头，最多 50 个字符，不能是 public 或 pg_…），实际为“" +
                              schema + "”"});
}

void publish_to_postgis(const fs::path& gpkg, const PostgisTarget& target) { Publisher(gpkg, target).run(); }

}  // namespace coverplan::io
