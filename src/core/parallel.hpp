#pragma once
// Runs work over indices on a few threads, the outcome independent of the thread count.
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace coverplan {

// Runs fn(state, i) for i in [0, n) on `threads` threads; each worker makes its own state once
// with make_state() (search buffers, a drawing context). Each index is handled by exactly one
// worker and must write only its own results, so the outcome does not depend on the thread
// count. An exception in any worker (bad_alloc, an error of ours) stops the others and is
// rethrown here once every thread has joined: a thread left joinable, or an exception escaping
// one, would end the process in std::terminate.
template <class MakeState, class Fn>
void for_each_index(std::size_t n, int threads, MakeState make_state, Fn fn) {
    std::atomic<std::size_t> next{0};
    std::mutex failed_mutex;
    std::exception_ptr failed;
    auto work = [&] {
        try {
            auto state = make_state();
            for (std::size_t i = next++; i < n; i = next++) fn(state, i);
        } catch (...) {
            next = n;  // the others stop at their next index
            const std::lock_guard<std::mutex> lock(failed_mutex);
            if (!failed) failed = std::current_exception();
        }
    };
    const int t = std::max(1, std::min<int>(threads, static_cast<int>(std::min<std::size_t>(n, 1024))));
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(t));
    try {
        for (int k = 1; k < t; ++k) pool.emplace_back(work);
    } catch (...) {  // a thread could not be started: the ones running finish the work
    }
    work();
    for (auto& th : pool) th.join();
    if (failed) std::rethrow_exception(failed);
}

}  // namespace coverplan
