# The QA console app (Emscripten only): Dear ImGui 1.86 (GLFW + WebGL2) over the same engine.
#
#   module/parley-console.js + .wasm   the Emscripten module (MODULARIZE: createParleyConsole)
#   parley-console.js                  what parley.js loads when the console opens: the module's
#                                      glue and the console's JS (js/*.js) in one closure that
#                                      defines no global; hands itself to parley.js's hook
#   parley-console.wasm                copied next to it (./dev build puts both in dist/)
#   parley-agent-call.js               the agent's call media (js/agent_call.js), for the HTML desk

# Dear ImGui from Debian's source package (./dev setup: apt-get source imgui), never copied in.
set(PARLEY_IMGUI_DIR "${PROJECT_SOURCE_DIR}/build/third_party/imgui" CACHE PATH "Dear ImGui 1.86 sources")
if(NOT EXISTS "${PARLEY_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${PARLEY_IMGUI_DIR}: run ./dev setup (apt-get source imgui)")
endif()
add_library(parley_imgui STATIC
  "${PARLEY_IMGUI_DIR}/imgui.cpp" "${PARLEY_IMGUI_DIR}/imgui_draw.cpp" "${PARLEY_IMGUI_DIR}/imgui_tables.cpp"
  "${PARLEY_IMGUI_DIR}/imgui_widgets.cpp" "${PARLEY_IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp"
  "${PARLEY_IMGUI_DIR}/backends/imgui_impl_glfw.cpp" "${PARLEY_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(parley_imgui SYSTEM PUBLIC "${PARLEY_IMGUI_DIR}" "${PARLEY_IMGUI_DIR}/backends")
# WebGL2 = OpenGL ES 3; no file functions (no filesystem in the module).
target_compile_definitions(parley_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_FILE_FUNCTIONS)
target_compile_options(parley_imgui PRIVATE -fno-exceptions -fno-rtti)

# The font, from Debian's fonts-dejavu-core, cut down to the glyphs the console draws (pyftsubset
# from Debian's python3-fonttools: 760 KB of TTF become about 17 KB), then embedded as a C++ array.
set(PARLEY_CONSOLE_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "The console's font (TTF)")
set(console_generated "${CMAKE_CURRENT_BINARY_DIR}/generated")
file(MAKE_DIRECTORY "${console_generated}")

# The glyphs: kConsoleGlyphRanges in app/console_font.hpp (what Dear ImGui loads) is the one list;
# its pairs of code points become pyftsubset's "U+0020-00FF,...".
set(console_font_header "${CMAKE_CURRENT_SOURCE_DIR}/app/console_font.hpp")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${console_font_header}")
file(READ "${console_font_header}" font_header)
if(NOT font_header MATCHES "kConsoleGlyphRanges\\[\\] = {([^}]*)}")
  message(FATAL_ERROR "kConsoleGlyphRanges not found in ${console_font_header}")
endif()
string(REGEX MATCHALL "0x[0-9A-Fa-f]+" glyph_codes "${CMAKE_MATCH_1}")  # the terminating 0 has no 0x
set(glyph_unicodes "")
list(LENGTH glyph_codes glyph_count)
math(EXPR last_pair "${glyph_count} - 2")
foreach(index RANGE 0 ${last_pair} 2)
  math(EXPR next "${index} + 1")
  list(GET glyph_codes ${index} first)
  list(GET glyph_codes ${next} last)
  string(REPLACE "0x" "" first "${first}")
  string(REPLACE "0x" "" last "${last}")
  list(APPEND glyph_unicodes "U+${first}-${last}")
endforeach()
list(JOIN glyph_unicodes "," glyph_unicodes)

# Debian's python3 (where python3-fonttools installs), not whatever python3 comes first on PATH.
find_program(PARLEY_SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
execute_process(COMMAND "${PARLEY_SYSTEM_PYTHON3}" -c "import fontTools.subset"
                RESULT_VARIABLE fonttools_missing OUTPUT_QUIET ERROR_QUIET)
if(NOT PARLEY_SYSTEM_PYTHON3 OR fonttools_missing)
  message(FATAL_ERROR "pyftsubset (fontTools) not found: run ./dev setup (apt-get install python3-fonttools)")
endif()

# No hinting and no layout tables: Dear ImGui's stb_truetype rasterizes outlines and reads neither.
set(console_font_subset "${console_generated}/DejaVuSans-console.ttf")
add_custom_command(
  OUTPUT "${console_font_subset}"
  COMMAND "${PARLEY_SYSTEM_PYTHON3}" -m fontTools.subset "${PARLEY_CONSOLE_FONT}" "--unicodes=${glyph_unicodes}"
          "--output-file=${console_font_subset}" --no-hinting --drop-tables+=FFTM,GDEF,GPOS,GSUB,MATH
  DEPENDS "${PARLEY_CONSOLE_FONT}" "${console_font_header}"
  COMMENT "Subsetting the console font (${glyph_unicodes})"
  VERBATIM)
add_custom_command(
  OUTPUT "${console_generated}/console_font_data.cpp"
  COMMAND "${CMAKE_COMMAND}" -DINPUT=${console_font_subset} -DOUTPUT=${console_generated}/console_font_data.cpp
          -DNAMESPACE=parley::console -DSYMBOL=kConsoleFont -P "${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake"
  DEPENDS "${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake" "${console_font_subset}"
  COMMENT "Embedding the console font"
  VERBATIM)

file(GLOB console_app_sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/app/*.cpp" "${CMAKE_CURRENT_SOURCE_DIR}/panels/*.cpp")
set(console_library "${CMAKE_CURRENT_SOURCE_DIR}/js/console_library.js")
add_executable(parley_console main.cpp ${console_app_sources} "${console_generated}/console_font_data.cpp")
set_target_properties(parley_console PROPERTIES OUTPUT_NAME parley-console SUFFIX ".js"
                                                RUNTIME_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/module")
target_include_directories(parley_console PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
target_link_libraries(parley_console PRIVATE parley_console_model parley_imgui)
target_compile_options(parley_console PRIVATE -fno-exceptions -fno-rtti -Wall -Wextra)
target_link_options(parley_console PRIVATE
  -Oz -flto
  -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sMODULARIZE=1 -sEXPORT_NAME=createParleyConsole
  -sENVIRONMENT=web -sDYNAMIC_EXECUTION=0 -sFILESYSTEM=0
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -sASSERTIONS=0 -sSUPPORT_LONGJMP=0
  --js-library "${console_library}")
set_property(TARGET parley_console APPEND PROPERTY LINK_DEPENDS "${console_library}")

# Wrapped like parley.fallback.js (cmake/bundle_js.cmake), minified like parley.js.
set(console_js_parts
  "${CMAKE_CURRENT_BINARY_DIR}/module/parley-console.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/js/desk_channel.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/js/desk_socket.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/js/agent_call.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/js/desk_video.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/js/console_overlay.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/js/console_alerts.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/js/console_page.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/js/console_mount.js")
get_directory_property(minify DIRECTORY "${PROJECT_SOURCE_DIR}/wasm-glue" DEFINITION minify)
add_custom_command(
  OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/parley-console.js" "${CMAKE_CURRENT_BINARY_DIR}/parley-console.wasm"
  COMMAND "${CMAKE_COMMAND}" -DOUTPUT=${CMAKE_CURRENT_BINARY_DIR}/parley-console.js "-DPARTS=${console_js_parts}"
          -DHEADER=${CMAKE_CURRENT_SOURCE_DIR}/js/console_header.js -DFOOTER=${CMAKE_CURRENT_SOURCE_DIR}/js/console_footer.js
          -P "${PROJECT_SOURCE_DIR}/cmake/bundle_js.cmake"
  COMMAND ${minify} "${CMAKE_CURRENT_BINARY_DIR}/parley-console.js" -o "${CMAKE_CURRENT_BINARY_DIR}/parley-console.js"
  COMMAND "${CMAKE_COMMAND}" -E copy "${CMAKE_CURRENT_BINARY_DIR}/module/parley-console.wasm"
          "${CMAKE_CURRENT_BINARY_DIR}/parley-console.wasm"
  DEPENDS parley_console ${console_js_parts} js/console_header.js js/console_footer.js
          "${PROJECT_SOURCE_DIR}/cmake/bundle_js.cmake"
  COMMENT "Bundling parley-console.js (console glue + overlay + desk alerts + desk channel and socket + agent call)"
  VERBATIM)
add_custom_target(parley_console_bundle ALL DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/parley-console.js"
                                                    "${CMAKE_CURRENT_BINARY_DIR}/parley-console.wasm")

# The agent's side of a video call, one source for both desks: bundled above for the console, and
# shipped alone as parley-agent-call.js for the HTML agent desk (demo-site/agent.html).
add_custom_command(
  OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/parley-agent-call.js"
  COMMAND ${minify} "${CMAKE_CURRENT_SOURCE_DIR}/js/agent_call.js" -o "${CMAKE_CURRENT_BINARY_DIR}/parley-agent-call.js"
  DEPENDS js/agent_call.js
  COMMENT "Minifying parley-agent-call.js"
  VERBATIM)
add_custom_target(parley_agent_call ALL DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/parley-agent-call.js")
