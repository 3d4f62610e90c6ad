#include "io/postgis.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "io/gdal_config.hpp"

namespace coverplan::io {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_comment = "coverplan results";  // COMMENT ON SCHEMA: the schemas coverplan may replace

// A string literal for SQL, whatever standard_conforming_strings says: E'…' with quotes and
// backslashes doubled.
std::string literal(const std::string& s) {
    std::string out = "E'";
    for (char c : s) {
        if (c == '\'' || c == '\\') out += c;
        out += c;
    }
    return out + "'";
}

// An identifier for SQL, quoted (a schema called "user" or "order" is a plain name too).
std::string ident(const std::string& s) { return "\"" + s + "\""; }

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
            while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) {
                if (s[i] == '\\' && i + 1 < s.size()) ++i;  // libpq: a backslash escapes the next character
                value += s[i++];
            }
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
        Transaction tx(*m_pg);
        if (!tx.start()) fail("(all)", gdal_message());
        refuse_foreign_schema(m_target.schema);
        refuse_foreign_schema(m_staging);
        sql("DROP SCHEMA IF EXISTS " + ident(m_staging) + " CASCADE");
        sql("CREATE SCHEMA " + ident(m_staging));
        OGRLayer* styles = nullptr;
        for (int i = 0; i < src->GetLayerCount(); ++i) {
            OGRLayer* layer = src->GetLayer(i);
            if (std::string(layer->GetName()) == "layer_styles") styles = layer;
            else copy(*layer);
        }
        sql("COMMENT ON SCHEMA " + ident(m_staging) + " IS " + literal(std::string(k_comment) + " (coverplan run --to-postgis; replaced whole by the next run)"));
        refuse_dependents(m_target.schema);
        sql("DROP SCHEMA IF EXISTS " + ident(m_target.schema) + " CASCADE");
        sql("ALTER SCHEMA " + ident(m_staging) + " RENAME TO " + ident(m_target.schema));
        if (styles) m_note = write_styles(*styles);
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

    // The first column of the first row of a query ("" when no row).
    std::optional<std::string> scalar(const std::string& q) {
        CPLErrorReset();
        OGRLayer* rs = m_pg->ExecuteSQL(q.c_str(), nullptr, nullptr);
        if (!rs) fail("(all)", gdal_message());
        std::unique_ptr<OGRFeature> f(rs->GetNextFeature());
        std::optional<std::string> out;
        if (f) out = f->GetFieldAsString(0);
        m_pg->ReleaseResultSet(rs);
        return out;
    }

    // A schema that exists and was not written by coverplan (no coverplan comment) is never replaced.
    void refuse_foreign_schema(const std::string& schema) {
        const std::string q = "SELECT coalesce(obj_description(oid, 'pg_namespace'), '') AS note FROM pg_namespace WHERE nspname = " +
                              literal(schema);
        const std::optional<std::string> note = scalar(q);
        if (note && note->rfind(k_comment, 0) != 0)
            throw OutputError({"schema " + schema + " of " + m_shown +
                                   " exists and was not written by coverplan; --to-postgis replaces only its own schemas: choose another --schema",
                               "数据库 " + m_shown + " 中已有模式 " + schema +
                                   "，且不是 coverplan 写入的；--to-postgis 只替换自己写入的模式：请用 --schema 另选名称"});
    }

    // Views and foreign keys of other schemas that rest on the schema's tables would be dropped
    // with them (DROP SCHEMA … CASCADE): the run is refused instead, naming one.
    void refuse_dependents(const std::string& schema) {
        const std::string q =
            "SELECT v.relnamespace::regnamespace::text || '.' || v.relname FROM pg_depend d "
            "JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid "
            "JOIN pg_class v ON v.oid = r.ev_class JOIN pg_class t ON t.oid = d.refobjid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace "
            "WHERE n.nspname = " + literal(schema) + " AND v.relnamespace <> t.relnamespace "
            "UNION SELECT c.conrelid::regclass::text FROM pg_constraint c JOIN pg_class t ON t.oid = c.confrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_class o ON o.oid = c.conrelid "
            "WHERE c.contype = 'f' AND n.nspname = " + literal(schema) + " AND o.relnamespace <> t.relnamespace LIMIT 1";
        if (const std::optional<std::string> other = scalar(q))
            throw OutputError({"schema " + schema + " of " + m_shown + " cannot be replaced: " + *other +
                                   " (in another schema) depends on its tables and would be dropped with them; drop or change it first",
                               "数据库 " + m_shown + " 的模式 " + schema + " 无法替换：其他模式中的 " + *other +
                                   " 依赖其中的表，替换会将其一并删除；请先删除或修改它"});
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
    // schema, table and geometry column; the schema's rows are replaced. A role that may not
    // create or write that table still gets its results, without styles (a note says so): the
    // styles are written under a savepoint.
    std::optional<Text> write_styles(OGRLayer& styles) {
        const bool exists = scalar("SELECT to_regclass('public.layer_styles') IS NOT NULL") == std::optional<std::string>("1");
        const bool allowed = exists ? scalar("SELECT has_table_privilege('public.layer_styles', 'INSERT, DELETE')") == std::optional<std::string>("1")
                                    : scalar("SELECT has_schema_privilege('public', 'CREATE')") == std::optional<std::string>("1");
        if (!allowed)
            return Text{"the QGIS styles were not written: this role may not " + std::string(exists ? "write public.layer_styles" : "create public.layer_styles"),
                        std::string("未写入 QGIS 样式：当前角色无权") + (exists ? "写入" : "创建") + " public.layer_styles"};
        sql("SAVEPOINT coverplan_styles");
        try {
            if (!exists)
                sql("CREATE TABLE public.layer_styles (id serial PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar, "
                    "f_table_name varchar, f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, useasdefault boolean, "
                    "description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP)");
            sql("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = " + literal(m_target.schema));
            styles.ResetReading();
            for (std::unique_ptr<OGRFeature> f(styles.GetNextFeature()); f; f.reset(styles.GetNextFeature())) {
                auto text = [&](const char* field) { return literal(f->GetFieldAsString(field)); };
                sql("INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml, "
                    "useasdefault, description) VALUES (current_database(), " + literal(m_target.schema) + ", " + text("f_table_name") + ", " +
                    text("f_geometry_column") + ", " + text("styleName") + ", XMLPARSE(DOCUMENT " + text("styleQML") + "), true, " +
                    text("description") + ")");
            }
            sql("RELEASE SAVEPOINT coverplan_styles");
        } catch (const Error& e) {
            sql("ROLLBACK TO SAVEPOINT coverplan_styles");
            return Text{"the QGIS styles were not written: " + e.text().en, "未写入 QGIS 样式：" + e.text().zh};
        }
        return std::nullopt;
    }

public:
    const std::optional<Text>& note() const { return m_note; }

private:
    fs::path m_gpkg;
    const PostgisTarget& m_target;
    std::string m_shown;
    std::string m_staging;
    GDALDatasetUniquePtr m_pg;
    std::optional<Text> m_note;
};

}  // namespace

std::string shown_connection(const std::string& connection) {
    std::string s = connection.rfind("PG:", 0) == 0 ? connection.substr(3) : connection;
    if (s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0) {
        // postgresql://user:password@host:port/db?options → postgresql://host:port/db
        // (user information first: a password may hold '?' or '/'; libpq ends it at the last '@')
        const std::size_t scheme = s.find("://") + 3;
        std::string rest = s.substr(scheme);
        const std::size_t at = rest.rfind('@');
        if (at != std::string::npos) rest = rest.substr(at + 1);
        const std::size_t query = rest.find('?');
        if (query != std::string::npos) rest.resize(query);
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
    // At most 48 characters: the staging schema adds 15 and PostgreSQL names end at 63.
    bool ok = !schema.empty() && schema.size() <= 48 && !std::isdigit(static_cast<unsigned char>(schema[0]));
    for (char c : schema) ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
    if (!ok || schema.rfind("pg_", 0) == 0 || schema == "public" || schema == "information_schema")
        throw UsageError({"--schema: expected a new schema name of lower-case letters, digits and _ (not starting with a digit, at most 48, "
                          "not public or pg_…), found \"" + schema + "\"",
                          "--schema：应为新的模式名，由小写字母、数字和 _ 组成（不以数字开头，最多 48 个字符，不能是 public 或 pg_…），实际为“" +
                              schema + "”"});
}

std::optional<Text> publish_to_postgis(const fs::path& gpkg, const PostgisTarget& target) {
    Publisher p(gpkg, target);
    p.run();
    return p.note();
}

}  // namespace coverplan::io
