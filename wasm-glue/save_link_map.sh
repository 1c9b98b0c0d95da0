#!/bin/sh
# The link launcher of parley_module (wasm_module.cmake): runs the link it is given and keeps its
# standard output, wasm-ld's map (-Wl,--print-map), in $1 for split_data.mjs. Emscripten drops a
# linker's --Map=file flag, not --print-map.
map=$1
shift
exec "$@" > "$map"
