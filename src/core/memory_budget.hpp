#pragma once
// The memory one run may plan to use (DESIGN §13): before a large allocation — a raster of
// arrival times, a travel-time matrix — its size is estimated and a run that would exceed the
// budget stops with a message naming the setting that drives it, instead of growing until the
// machine swaps or std::bad_alloc ends it. The budget is [limits] memory_mb, by default half of
// this machine's physical memory.
#include <cstdint>

#include "core/error.hpp"

namespace coverplan {

struct MemoryBudget {
    std::uint64_t bytes = 0;  // 0 = the default
    const char* setting = "[limits] memory_mb";  // where the user sets it, for the message

    std::uint64_t limit() const;  // bytes, the default resolved
    // Throws a UsageError when `need` bytes exceed the budget: "<what> would need 12.3 GB, over
    // the memory budget of 11.7 GB (<setting>); <remedy>".
    void require(double need, const Text& what, const Text& remedy) const;
};

std::uint64_t default_memory_budget_bytes();  // half of the physical memory (1 GB when unknown)

}  // namespace coverplan
