# One INTERFACE target carries warnings and sanitizer flags; every project target links it.
add_library(coverplan_warnings INTERFACE)
target_compile_options(coverplan_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
  -Wno-sign-conversion)
if(COVERPLAN_WERROR)
  target_compile_options(coverplan_warnings INTERFACE -Werror)
endif()
if(COVERPLAN_SANITIZE)
  target_compile_options(coverplan_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(coverplan_warnings INTERFACE -fsanitize=address,undefined)
  # Lets a test skip what the sanitizers make impractically slow (stated where it is used).
  target_compile_definitions(coverplan_warnings INTERFACE COVERPLAN_SANITIZED=1)
endif()
if(COVERPLAN_FUZZ)
  # Coverage feedback for libFuzzer in every library, with the same sanitizers as the test suite.
  target_compile_options(coverplan_warnings INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(coverplan_warnings INTERFACE -fsanitize=address,undefined)
  target_compile_definitions(coverplan_warnings INTERFACE COVERPLAN_SANITIZED=1)
endif()
