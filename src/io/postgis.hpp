#pragma once
// Results into PostGIS: the layers of pack.gpkg copied into one schema of a PostgreSQL database,
// replacing that schema whole in one transaction (a failed run leaves the previous results), with
// their QGIS default styles in public.layer_styles, where QGIS looks for them.
#include <filesystem>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace coverplan::io {

struct PostgisTarget {
    std::string connection;  // "PG:…" as GDAL and libpq take it (credentials from it, PGSERVICEFILE or .pgpass)
    std::string schema;      // lower-case letters, digits and _, not starting with a digit, at most 50 characters
};

// The connection as it may be shown or recorded: dbname, host, port, service and schemas only —
// never a password, user, key or anything else ("PG:dbname=cp host=/tmp/x").
std::string shown_connection(const std::string& connection);

// Throws UsageError when `schema` is not a plain name (it is put into SQL).
void check_schema_name(const std::string& schema);

// Copies every table of `gpkg` (but its layer_styles) into `target.schema`, replacing what the
// schema held, and replaces the schema's rows of public.layer_styles. One transaction: on any
// failure nothing changes and an OutputError names the layer and shows the connection. Refuses a
// schema coverplan did not write, and one whose tables views or foreign keys elsewhere rest on.
// Returns a note when the results were written but the styles could not be (no right to
// public.layer_styles).
std::optional<Text> publish_to_postgis(const std::filesystem::path& gpkg, const PostgisTarget& target);

}  // namespace coverplan::io
