# coverplan_add_test(NAME name SOURCES ... LABELS ... LIBS ...)
# Builds one Catch2 executable, registers it with CTest, and injects data paths so that
# tests never depend on the working directory.
function(coverplan_add_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LABELS;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE coverplan_test_main ${T_LIBS} coverplan_warnings)
  target_compile_definitions(${T_NAME} PRIVATE
    COVERPLAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    COVERPLAN_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    COVERPLAN_DATA_DIR="${PROJECT_SOURCE_DIR}/data"
    COVERPLAN_BINARY="$<TARGET_FILE:coverplan>"
    COVERPLAN_GEN_BINARY="$<TARGET_FILE:coverplan-gen>"
    COVERPLAN_BUILD_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
endfunction()
