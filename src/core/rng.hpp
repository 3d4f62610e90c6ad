#pragma once
// A small deterministic random source. The standard library's distributions are not
// specified bit for bit across implementations, so the generator and the placement heuristics draw only from here:
// the same seed gives the same region or plan on every machine with the same libm.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace coverplan {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next() {  // SplitMix64
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    bool chance(double p) { return uniform() < p; }
    double normal() {  // Box–Muller, one value per call
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    // Derives an independent stream, so that adding draws in one part of a caller does
    // not shift every later part.
    Rng fork(std::uint64_t salt) const { return Rng(m_state * 0x2545F4914F6CDD1Dull ^ (salt + 0x632BE59BD9B4E019ull)); }

private:
    std::uint64_t m_state;
};

}  // namespace coverplan
