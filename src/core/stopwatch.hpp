#pragma once
// Elapsed time on the steady clock, for the time limits of the solvers and the times a run
// reports. One type for every timer (DESIGN §15.5).
#include <chrono>

namespace coverplan {

class Stopwatch {
public:
    using Clock = std::chrono::steady_clock;

    Stopwatch() : m_start(Clock::now()) {}

    double seconds() const { return std::chrono::duration<double>(Clock::now() - m_start).count(); }
    // Whether more than `limit_s` seconds have passed since the start.
    bool over(double limit_s) const { return seconds() > limit_s; }

private:
    Clock::time_point m_start;
};

}  // namespace coverplan
