#pragma once
// SHA-256 (FIPS 180-4), for the input fingerprints in run.json: the audit record says exactly
// which files a briefing was computed from.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace coverplan {

class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view s) { update(s.data(), s.size()); }
    // Lower-case hex digest; the object must not be updated afterwards.
    std::string hex_digest();

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length_bytes = 0;
};

}  // namespace coverplan
