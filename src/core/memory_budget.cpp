#include "core/memory_budget.hpp"

#include <unistd.h>

#include <string>

#include "core/text.hpp"

namespace coverplan {

std::uint64_t default_memory_budget_bytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0) return 1ull << 30;
    return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page) / 2;
}

std::uint64_t MemoryBudget::limit() const { return bytes ? bytes : default_memory_budget_bytes(); }

void MemoryBudget::require(double need, const Text& what, const Text& remedy) const {
    const double have = static_cast<double>(limit());
    if (need <= have) return;  // NaN never passes the comparison above: refused too
    auto gb = [](double b) { return format_decimal(b / 1e9, b < 1e9 ? 3 : 1) + " GB"; };
    const std::string need_text = need == need ? gb(need) : "an unknown amount";
    throw UsageError({what.en + " would need " + need_text + " of memory, over this run's budget of " + gb(have) +
                          " (" + setting + "); " + remedy.en,
                      what.zh + "需要 " + need_text + " 内存，超过本次运行的内存上限 " + gb(have) + "（" + setting + "）；" + remedy.zh});
}

}  // namespace coverplan
