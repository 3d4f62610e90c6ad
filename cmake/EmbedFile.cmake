# cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -P EmbedFile.cmake
# Writes a C++ source defining `const char SYMBOL[]` (NUL-terminated) with the input's bytes:
# the Leaflet script and style sheet are compiled in, so map.html needs nothing at run time.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/EmbedFile.cmake; do not edit.\n#include <cstddef>\nnamespace coverplan::report::assets {\nextern const char ${SYMBOL}[] = {${body}'\\0'};\nextern const std::size_t ${SYMBOL}_size = ${size};\n}\n")
