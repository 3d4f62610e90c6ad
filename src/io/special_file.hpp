#pragma once
// Inputs that are neither a file nor a folder. Reading a named pipe blocks until something writes
// to it, and a device such as /dev/zero or /dev/urandom never ends, so a source or project file
// that names one (directly or through a symbolic link) is refused before it is opened.
#include <filesystem>
#include <optional>

#include "core/error.hpp"

namespace coverplan::io {

// What the path is, in both languages, when it exists and is neither a regular file nor a folder.
inline std::optional<Text> special_file_kind(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);  // follows symbolic links
    if (ec || !fs::exists(st) || fs::is_regular_file(st) || fs::is_directory(st)) return std::nullopt;
    if (fs::is_fifo(st)) return Text{"a named pipe", "命名管道"};
    if (fs::is_socket(st)) return Text{"a socket", "套接字"};
    if (fs::is_character_file(st) || fs::is_block_file(st)) return Text{"a device", "设备文件"};
    return Text{"a special file", "特殊文件"};
}

}  // namespace coverplan::io
