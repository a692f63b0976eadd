# Configure and build the fuzzers (tests/fuzz) with clang in BUILD: run by CTest's fuzz_build.
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SRC}/tests/fuzz -B ${BUILD} -DCMAKE_C_COMPILER=${CLANG}
                RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "configuring the fuzzers failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} -j2 RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "building the fuzzers failed")
endif()
