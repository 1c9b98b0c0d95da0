# The browser files, built from the same engine and ABI:
#   engine/parley.js + parley.wasm   the Emscripten module (WebAssembly), instrumented for the
#                                    split below (-sSPLIT_MODULE; the plain module is
#                                    engine/parley.wasm.orig)
#   parley.wasm + parley.deferred.wasm
#                                    that module split in two, the start path and the rest
#                                    (split_module.mjs)
#   engine/parley.fallback.js        the same through wasm2js, for pages whose CSP forbids wasm
#   parley.js                        what a page loads: the runtime (runtime/*.js), which
#                                    instantiates parley.wasm itself (engine_instance.js; the
#                                    glue serves the build's tools), in one closure (no global
#                                    but Parley)
#   parley.fallback.js               the wasm2js module in a closure that hands it to parley.js
# The exported C surface is the reviewed list in exported_functions.json.
set(parley_exports "${CMAKE_CURRENT_SOURCE_DIR}/exported_functions.json")
set(parley_engine_dir "${CMAKE_CURRENT_BINARY_DIR}/engine")
set(parley_module_flags
  -Oz -flto --no-entry
  -sMODULARIZE=1 -sEXPORT_NAME=createParleyEngine
  -sENVIRONMENT=web -sDYNAMIC_EXECUTION=0 -sFILESYSTEM=0
  -sEXPORTED_FUNCTIONS=@${parley_exports}
  -sEXPORTED_RUNTIME_METHODS=[UTF8ToString]
  -sALLOW_MEMORY_GROWTH=1 -sTOTAL_STACK=262144 -sINITIAL_MEMORY=2097152
  -sMALLOC=emmalloc -sSUPPORT_LONGJMP=0 -sASSERTIONS=0 -sTEXTDECODER=2
  # binaryen's -Oz inlines functions of up to 2 bytes everywhere; at 5 it also takes libc++'s
  # one-load accessors (optional's bool, an iterator's ++, a vector's size), whose calls cost as
  # much as their bodies: parley.wasm -1,739 B gzip, parley.deferred.wasm -656, the fallback -889.
  # 3: -942, 4: -1,217, 6: -1,508, 8: +2,034 (larger bodies copied into many callers).
  -sBINARYEN_EXTRA_PASSES=-aimfs=5
  -sINCOMING_MODULE_JS_API=[wasmBinary,locateFile,instantiateWasm,loadSplitModule,onAbort,print,printErr])

foreach(flavour IN ITEMS wasm fallback)
  if(flavour STREQUAL "wasm")
    set(target parley_module)
    set(output_name parley)
    set(extra_flags -sWASM=1 -sSPLIT_MODULE -Wno-experimental -Wl,--print-map)
  else()
    set(target parley_fallback_module)
    set(output_name parley.fallback)
    set(extra_flags -sWASM=0 --memory-init-file 0)
  endif()
  add_executable(${target} abi/parley_abi.cpp abi/tagged_value.cpp)
  set_target_properties(${target} PROPERTIES OUTPUT_NAME ${output_name} SUFFIX ".js"
                                             RUNTIME_OUTPUT_DIRECTORY "${parley_engine_dir}")
  target_link_libraries(${target} PRIVATE parley_engine_browser)
  target_include_directories(${target} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/abi")
  target_compile_options(${target} PRIVATE -fno-exceptions -fno-rtti -Oz -flto)
  target_link_options(${target} PRIVATE ${parley_module_flags} ${extra_flags})
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${parley_exports}")
endforeach()
set_property(TARGET parley_module APPEND PROPERTY ADDITIONAL_CLEAN_FILES "${parley_engine_dir}/parley.wasm.orig")
# The link's map (data objects and their addresses), for split_data.mjs.
set(parley_link_map "${parley_engine_dir}/parley.map")
set_property(TARGET parley_module PROPERTY RULE_LAUNCH_LINK
             "sh ${CMAKE_CURRENT_SOURCE_DIR}/save_link_map.sh ${parley_link_map}")
set_property(TARGET parley_module APPEND PROPERTY ADDITIONAL_CLEAN_FILES "${parley_link_map}")

# parley.wasm split at the start path (split_module.mjs, which says why and how): the profile runs
# the instrumented module through the warm-up and the scenario fixtures' starts.
find_program(NODE_EXECUTABLE node REQUIRED)
find_program(WASM_SPLIT wasm-split REQUIRED)  # binaryen, installed with emscripten
file(GLOB parley_scenario_fixtures CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/scenario/*.json")
add_custom_command(
  OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/parley.wasm" "${CMAKE_CURRENT_BINARY_DIR}/parley.deferred.wasm"
  BYPRODUCTS "${CMAKE_CURRENT_BINARY_DIR}/parley.split-profile"
  COMMAND ${NODE_EXECUTABLE} "${CMAKE_CURRENT_SOURCE_DIR}/split_module.mjs"
          "${parley_engine_dir}/parley.js" "${parley_engine_dir}/parley.wasm" "${parley_engine_dir}/parley.wasm.orig"
          "${CMAKE_CURRENT_SOURCE_DIR}/warm_up.json" "${PROJECT_SOURCE_DIR}/tests/scenario"
          "$<TARGET_FILE:parley_config_node>" "${WASM_SPLIT}" "${parley_link_map}" "${CMAKE_CURRENT_BINARY_DIR}"
  DEPENDS parley_module parley_config_node split_module.mjs split_data.mjs order_functions.mjs split_table.mjs wasm_binary.mjs
          node_bridge.mjs compile_configs.mjs warm_up.json
          runtime/engine_bridge.js
          "${PROJECT_SOURCE_DIR}/tests/js/scenario_player.mjs" ${parley_scenario_fixtures}
  COMMENT "Splitting parley.wasm at the start path (parley.wasm + parley.deferred.wasm)"
  VERBATIM)

# The runtime, in the order it is concatenated (later files use earlier ones).
set(parley_runtime_sources
  runtime/builtins.js
  @constants@
  runtime/prelude.js
  runtime/engine_bridge.js
  runtime/storage.js
  runtime/time_zones.js
  runtime/browser_facts.js
  runtime/tabs_stand_in.js
  @ui_css@
  runtime/ui_styles.js
  runtime/ui_words.js
  runtime/ui_kit.js
  runtime/ui_entry_panels.js
  runtime/ui_renderer.js
  runtime/part_loader.js
  runtime/console_hook.js
  runtime/element_keeper.js
  runtime/widget.js
  runtime/public_api.js
  runtime/config_request.js
  @engine_names@
  runtime/engine_instance.js
  runtime/engine_deferred.js
  runtime/engine_load.js
  runtime/loader.js)
list(TRANSFORM parley_runtime_sources PREPEND "${CMAKE_CURRENT_SOURCE_DIR}/")
# PARLEY_VERSION and ParleyErrorCode, generated (cmake/parley_constants.cmake).
list(TRANSFORM parley_runtime_sources REPLACE ".*@constants@$" "${PARLEY_CONSTANTS_JS}")

# The visitor UI's stylesheets (runtime/styles/*.css) as one JS statement, `var parleyCss`, put
# where the @ui_css@ placeholder is above (before ui_styles.js, which reads it).
file(GLOB parley_style_sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/runtime/styles/*.css")
set(parley_ui_css "${CMAKE_CURRENT_BINARY_DIR}/ui_css.js")
add_custom_command(
  OUTPUT "${parley_ui_css}"
  COMMAND ${NODE_EXECUTABLE} "${CMAKE_CURRENT_SOURCE_DIR}/runtime/styles/inline_css.mjs" "${parley_ui_css}"
  DEPENDS ${parley_style_sources} runtime/styles/inline_css.mjs
  COMMENT "Inlining the visitor UI's stylesheets"
  VERBATIM)
list(TRANSFORM parley_runtime_sources REPLACE ".*@ui_css@$" "${parley_ui_css}")

# parley-warm-up.bin, next to parley.js: the inputs the helper worker fetches and warms parley.wasm
# with (warm_up.mjs).
set(parley_warm_up "${CMAKE_CURRENT_BINARY_DIR}/parley-warm-up.bin")
add_custom_command(
  OUTPUT "${parley_warm_up}"
  COMMAND ${NODE_EXECUTABLE} "${CMAKE_CURRENT_SOURCE_DIR}/warm_up.mjs" "${CMAKE_CURRENT_SOURCE_DIR}/warm_up.json"
          "$<TARGET_FILE:parley_config_node>" "${parley_warm_up}"
  DEPENDS warm_up.mjs node_bridge.mjs compile_configs.mjs warm_up.json runtime/engine_bridge.js parley_config_node
  COMMENT "Writing the helper worker's warm-up inputs"
  VERBATIM)

# `var parleyEngineNames` (where @engine_names@ is, before engine_instance.js): the minified names
# of parley.wasm's imports and exports, read from the glue the link wrote (engine_names.mjs).
# parley.js instantiates the module itself (engine_instance.js) instead of bundling that glue.
set(parley_engine_names "${CMAKE_CURRENT_BINARY_DIR}/engine_names.js")
add_custom_command(
  OUTPUT "${parley_engine_names}"
  COMMAND ${NODE_EXECUTABLE} "${CMAKE_CURRENT_SOURCE_DIR}/engine_names.mjs" "${parley_engine_dir}/parley.js"
          "${parley_exports}" "${parley_engine_names}"
  DEPENDS parley_module engine_names.mjs "${parley_exports}"
  COMMENT "Reading the engine's import and export names"
  VERBATIM)
list(TRANSFORM parley_runtime_sources REPLACE ".*@engine_names@$" "${parley_engine_names}")

# The widget's string tables (runtime/locales/*.json) but English and French (the engine's own),
# one minified file each next to parley.js, fetched only by a page in that language.
file(GLOB parley_locale_sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/runtime/locales/*.json")
set(parley_locale_files)
foreach(source IN LISTS parley_locale_sources)
  get_filename_component(language "${source}" NAME_WE)
  if(NOT language MATCHES "^(en|fr)$")
    list(APPEND parley_locale_files "${CMAKE_CURRENT_BINARY_DIR}/parley-locale-${language}.json")
  endif()
endforeach()
add_custom_command(
  OUTPUT ${parley_locale_files}
  COMMAND ${NODE_EXECUTABLE} "${CMAKE_CURRENT_SOURCE_DIR}/runtime/locales/inline_locales.mjs" "${CMAKE_CURRENT_BINARY_DIR}"
  DEPENDS ${parley_locale_sources} runtime/locales/inline_locales.mjs
  COMMENT "Writing the visitor UI's string tables"
  VERBATIM)

set(bundle_script "${PROJECT_SOURCE_DIR}/cmake/bundle_js.cmake")
# Minified with terser (npm, installed by ./dev setup): parley.js is on every page's critical path.
set(terser "${PROJECT_SOURCE_DIR}/node_modules/terser/bin/terser")
if(NOT EXISTS "${terser}")
  message(FATAL_ERROR "terser is missing: run ./dev setup (npm ci) before building the wasm preset")
endif()
# unsafe_arrows and unsafe_methods write a function that never reads `this` or `arguments` as an
# arrow or a method (-160 B of parley.js): none of ours is called with `new` or has a prototype.
# wasm2js output constructs methods of its own WebAssembly polyfill (`new WebAssembly.Memory`):
# parley.fallback.js is minified without them.
set(minify_options --mangle --comments "/^!/" --ecma 2017)
set(minify ${NODE_EXECUTABLE} ${terser} --compress passes=2,unsafe_arrows=true,unsafe_methods=true ${minify_options})
set(minify_wasm2js ${NODE_EXECUTABLE} ${terser} --compress passes=2 ${minify_options})
add_custom_command(
  OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/parley.js"
  COMMAND "${CMAKE_COMMAND}" -DOUTPUT=${CMAKE_CURRENT_BINARY_DIR}/parley.js
          "-DPARTS=${parley_runtime_sources}"
          -DHEADER=${CMAKE_CURRENT_SOURCE_DIR}/runtime/bundle_header.js
          -DFOOTER=${CMAKE_CURRENT_SOURCE_DIR}/runtime/bundle_footer.js
          -P "${bundle_script}"
  COMMAND ${minify} "${CMAKE_CURRENT_BINARY_DIR}/parley.js" -o "${CMAKE_CURRENT_BINARY_DIR}/parley.js"
  # Chromium's explicit compile hint (first line): V8 compiles every function of parley.js while
  # it streams the script in, off the main thread, instead of one by one on the main thread when
  # first called (at 4x CPU throttle that was ~50 ms inside the start's task). Other browsers
  # ignore the comment.
  COMMAND ${NODE_EXECUTABLE} -e "const fs = require('fs'), f = process.argv[1]; fs.writeFileSync(f, '//# allFunctionsCalledOnLoad\\n' + fs.readFileSync(f, 'utf8'))" "${CMAKE_CURRENT_BINARY_DIR}/parley.js"
  DEPENDS parley_module ${parley_runtime_sources} "${bundle_script}"
          runtime/bundle_header.js runtime/bundle_footer.js
  COMMENT "Bundling parley.js (the runtime, with its own instantiation of parley.wasm)"
  VERBATIM)
add_custom_command(
  OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/parley.fallback.js"
  COMMAND "${CMAKE_COMMAND}" -DOUTPUT=${CMAKE_CURRENT_BINARY_DIR}/parley.fallback.js
          "-DPARTS=${parley_engine_dir}/parley.fallback.js"
          -DHEADER=${CMAKE_CURRENT_SOURCE_DIR}/runtime/fallback_header.js
          -DFOOTER=${CMAKE_CURRENT_SOURCE_DIR}/runtime/fallback_footer.js
          -P "${bundle_script}"
  COMMAND ${minify_wasm2js} "${CMAKE_CURRENT_BINARY_DIR}/parley.fallback.js" -o "${CMAKE_CURRENT_BINARY_DIR}/parley.fallback.js"
  DEPENDS parley_fallback_module "${bundle_script}" runtime/fallback_header.js runtime/fallback_footer.js
  COMMENT "Wrapping parley.fallback.js"
  VERBATIM)
# parley-worker.js, next to parley.js: the helper worker's script (runtime/helper_worker.js) after
# the engine's export names, minified; the worker imports it (engine_load.js).
set(parley_worker "${CMAKE_CURRENT_BINARY_DIR}/parley-worker.js")
add_custom_command(
  OUTPUT "${parley_worker}"
  COMMAND "${CMAKE_COMMAND}" -DOUTPUT=${parley_worker}
          "-DPARTS=${parley_engine_names};${CMAKE_CURRENT_SOURCE_DIR}/runtime/helper_worker.js"
          -P "${bundle_script}"
  COMMAND ${minify} "${parley_worker}" -o "${parley_worker}"
  DEPENDS "${parley_engine_names}" runtime/helper_worker.js "${bundle_script}"
  COMMENT "Bundling parley-worker.js (the helper worker's script)"
  VERBATIM)
add_custom_target(parley_bundle ALL DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/parley.js" ${parley_locale_files} "${parley_warm_up}" "${parley_worker}"
                                            "${CMAKE_CURRENT_BINARY_DIR}/parley.wasm" "${CMAKE_CURRENT_BINARY_DIR}/parley.deferred.wasm"
                                            "${CMAKE_CURRENT_BINARY_DIR}/parley.fallback.js")

# A part parley.js fetches next to itself (runtime/part_loader.js): parley-<name>.js, its sources
# between runtime/<name>_part_header.js and _footer.js, minified; target parley_<name>_bundle.
function(parley_part_bundle name what)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/parley-${name}.js")
  set(header "${CMAKE_CURRENT_SOURCE_DIR}/runtime/${name}_part_header.js")
  set(footer "${CMAKE_CURRENT_SOURCE_DIR}/runtime/${name}_part_footer.js")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" -DOUTPUT=${output} "-DPARTS=${ARGN}" -DHEADER=${header} -DFOOTER=${footer}
            -P "${bundle_script}"
    COMMAND ${minify} "${output}" -o "${output}"
    DEPENDS ${ARGN} "${bundle_script}" "${header}" "${footer}"
    COMMENT "Bundling parley-${name}.js (${what})"
    VERBATIM)
  add_custom_target(parley_${name}_bundle ALL DEPENDS "${output}")
endfunction()

# parley-chat.js: the survey, the chat pane, the video call and the rating, with their stylesheets
# (prechat.css and chat.css as `var parleyChatCss`), fetched by parley.js next to itself when a
# conversation may start (README, "What loads when"). Off the critical path.
set(parley_chat_css "${CMAKE_CURRENT_BINARY_DIR}/chat_css.js")
add_custom_command(
  OUTPUT "${parley_chat_css}"
  COMMAND ${NODE_EXECUTABLE} "${CMAKE_CURRENT_SOURCE_DIR}/runtime/styles/inline_css.mjs" "${parley_chat_css}" chat
  DEPENDS ${parley_style_sources} runtime/styles/inline_css.mjs
  COMMENT "Inlining the survey's and the chat pane's stylesheets"
  VERBATIM)
parley_part_bundle(chat "the survey, the chat pane and the video call"
  "${PARLEY_CONSTANTS_JS}"
  "${parley_chat_css}"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/ui_prechat.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/ui_chat_time.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/video_call.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/ui_call_stage.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/ui_chat_pane.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/ui_rating.js")

# parley-wire.js: the site's tabs, the transports' reliability layer and both wires (BroadcastChannel, WebSocket),
# fetched by parley.js next to itself as the widget is made (README, "What loads when"):
# lcw:ready does not wait for it, what is sent before it comes waits for it.
parley_part_bundle(wire "the transports"
  "${PARLEY_CONSTANTS_JS}"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/tab_sync.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/transport_reliable.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/transport_broadcast.js"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/transport_websocket.js")


# parley-geo.js: the country from the host's geo provider or reverse geocoder, fetched by parley.js
# next to itself when a page sets one (README, "What loads when"): most pages never do.
parley_part_bundle(geo "the geo hooks"
  "${PARLEY_CONSTANTS_JS}"
  "${CMAKE_CURRENT_SOURCE_DIR}/runtime/geo.js")
