// libFuzzer target: a CSV layer through GDAL and our attribute handling — codes, kinds, statuses,
// served-village lists, categories, weights, coordinates, encodings — then validation and the
// rule check. The first byte chooses the layer the CSV stands for; the mini region gives the rest.
#include <string>

#include "core/error.hpp"
#include "core/rules.hpp"
#include "fuzz_support.hpp"
#include "io/load_region.hpp"
#include "io/project_file.hpp"

namespace {

const char* const k_roles[] = {"sites", "beneficiaries", "candidates", "sites_gbk"};

std::string project_text() {
    const std::string mini = COVERPLAN_TEST_DATA_DIR "/mini/";
    return "name = \"fuzz\"\n"
           "[layers.townships]\nsource = \"" + mini + "townships.geojson\"\n"
           "[layers.villages]\nsource = \"" + mini + "villages.geojson\"\n"
           "[layers.sites]\nsource = \"sites.csv\"\nx = \"lon\"\ny = \"lat\"\ncrs = \"EPSG:4326\"\n"
           "[layers.sites.fields]\nserved_villages = \"served\"\ntownship = \"township\"\n"
           "[layers.beneficiaries]\nsource = \"beneficiaries.csv\"\nx = \"lon\"\ny = \"lat\"\ncrs = \"EPSG:4326\"\n"
           "[layers.beneficiaries.fields]\nvillage = \"village_code\"\n"
           "[layers.candidates]\nsource = \"candidates.csv\"\nx = \"lon\"\ny = \"lat\"\ncrs = \"EPSG:4326\"\n";
}

void reset_files() {
    using coverplan::fuzz::write_file;
    write_file("sites.csv", "id,name,kind,status,served,lon,lat,township\n"
                            "ST-100,六都镇社工站,社工站,已建,445303100201,112.005,23.01,\n"
                            "ST-101,高村镇社工站,station,existing,445303101201,112.025,23.01,\n");
    write_file("beneficiaries.csv", "village_code,categories,weight,lon,lat\n445303100201,低保;残疾人,1,112.004,23.011\n");
    write_file("candidates.csv", "id,name,type,lon,lat\nC1,六都村委会,村委会,112.004,23.012\n");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace coverplan;
    static const std::filesystem::path project = fuzz::write_file("project.toml", project_text());
    static const std::filesystem::path project_gbk = [] {
        std::string t = project_text();
        t.insert(t.find("x = \"lon\""), "encoding = \"GBK\"\n");  // the sites layer read as GBK
        return fuzz::write_file("project_gbk.toml", t);
    }();
    if (size == 0) return 0;
    const unsigned role = data[0] % 4;
    reset_files();
    const std::string file = role == 3 ? "sites.csv" : std::string(k_roles[role]) + ".csv";
    fuzz::write_file(file, data + 1, size - 1);
    try {
        const io::ProjectConfig cfg = io::read_project(role == 3 ? project_gbk : project);
        const Region region = io::load_region(cfg);
        (void)check_rules(region, cfg.rules, nullptr);
    } catch (const Error&) {
        // Refused with a message naming file, feature and field.
    }
    return 0;
}
