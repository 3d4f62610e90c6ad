#pragma once
// Shared by the libFuzzer targets: a private scratch folder and a file writer. Each target writes
// the fuzzer's bytes where a planner's file would be and runs the real loader on it, so what is
// fuzzed is what users run. Expected failures (coverplan::Error: a message naming the file) are
// fine; anything else — a crash, a sanitizer report, another exception, a hang — is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace coverplan::fuzz {

inline const std::filesystem::path& scratch_dir() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("coverplan-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

inline std::filesystem::path write_file(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const auto path = scratch_dir() / name;
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

inline std::filesystem::path write_file(const std::string& name, const std::string& text) {
    return write_file(name, reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

}  // namespace coverplan::fuzz
