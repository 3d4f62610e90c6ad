// libFuzzer target: our own readers of placement instances (`coverplan solve`): RFC 4180 CSV in
// long and wide form, OR-Library p-median and capacitated files, point lists, and Solomon's
// routing instances (then solved briefly: whatever the reader accepts, the solver must take).
// The first byte chooses the format.
#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "io/instance_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace coverplan;
    if (size == 0) return 0;
    const io::InstanceFormat formats[] = {io::InstanceFormat::csv_long, io::InstanceFormat::csv_wide, io::InstanceFormat::orlib_pmed,
                                          io::InstanceFormat::orlib_pmedcap, io::InstanceFormat::points, io::InstanceFormat::solomon};
    io::InstanceInput in;
    in.format = formats[data[0] % 6];
    in.file = fuzz::write_file("instance.txt", data + 1, size - 1);
    in.memory.bytes = 256ull << 20;  // well inside the fuzzer's 2 GB: a larger matrix must be refused, not built
    try {
        if (in.format == io::InstanceFormat::solomon) {
            const routing::Problem p = io::read_routing_instance(in.file, in.memory);
            if (p.customers <= 50) {
                routing::Options o;
                o.iterations = 200;
                (void)routing::solve(p, o);
            }
        } else {
            (void)io::read_instance(in);
        }
    } catch (const Error&) {
        // Refused with the file and line named.
    }
    return 0;
}
