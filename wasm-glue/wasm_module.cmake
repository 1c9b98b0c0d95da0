# The browser module, built twice from the same engine and ABI:
#   parley.js + parley.wasm   WebAssembly, for pages that allow it;
#   parley.fallback.js        wasm2js (pure JS), for pages whose CSP forbids WebAssembly.
# The exported C surface is the reviewed list in exported_functions.json.
set(parley_exports "${CMAKE_CURRENT_SOURCE_DIR}/exported_functions.json")
set(parley_module_flags
  -Oz -flto --no-entry
  -sMODULARIZE=1 -sEXPORT_NAME=createParleyEngine
  -sENVIRONMENT=web -sDYNAMIC_EXECUTION=0 -sFILESYSTEM=0
  -sEXPORTED_FUNCTIONS=@${parley_exports}
  -sEXPORTED_RUNTIME_METHODS=[UTF8ToString,stringToUTF8,lengthBytesUTF8]
  -sALLOW_MEMORY_GROWTH=1 -sTOTAL_STACK=262144 -sINITIAL_MEMORY=2097152
  -sMALLOC=emmalloc -sSUPPORT_LONGJMP=0 -sASSERTIONS=0 -sTEXTDECODER=2
  -sINCOMING_MODULE_JS_API=[wasmBinary,locateFile,instantiateWasm,onAbort,print,printErr])

foreach(flavour IN ITEMS wasm fallback)
  if(flavour STREQUAL "wasm")
    set(target parley_module)
    set(output_name parley)
    set(extra_flags -sWASM=1)
  else()
    set(target parley_fallback_module)
    set(output_name parley.fallback)
    set(extra_flags -sWASM=0 --memory-init-file 0)
  endif()
  add_executable(${target} abi/parley_abi.cpp)
  set_target_properties(${target} PROPERTIES OUTPUT_NAME ${output_name} SUFFIX ".js")
  target_link_libraries(${target} PRIVATE parley_engine)
  target_include_directories(${target} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/abi")
  target_compile_options(${target} PRIVATE -fno-exceptions -fno-rtti -Oz -flto)
  target_link_options(${target} PRIVATE ${parley_module_flags} ${extra_flags})
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${parley_exports}")
endforeach()
