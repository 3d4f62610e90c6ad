// libFuzzer target: the project file (TOML syntax, keys, types, ranges, did-you-mean, CRS text).
#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "io/project_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = coverplan::fuzz::write_file("project.toml", data, size);
    try {
        (void)coverplan::io::read_project(file);
    } catch (const coverplan::Error&) {
        // A refused project file with its message: the expected outcome for most inputs.
    }
    return 0;
}
