# generate_zone_country_table.cmake: the IANA time zone -> ISO 3166 country table, from tzdata.
#
# The `country` fact falls back to the visitor's time zone (Intl's resolvedOptions().timeZone)
# when the host gives no country: "Europe/Paris" -> "FR". This script turns the machine's tzdata
# into a sorted table that widget/src/zone_country.cpp reads. It runs at build time so
# the table follows the installed tzdata instead of a copy checked into the repository.
#
#   cmake -DZONEINFO_DIR=/usr/share/zoneinfo -DOUTPUT=<dir>/zone_country_table.inc \
#         -P cmake/generate_zone_country_table.cmake
#
# Sources:
#   zone.tab    "CC<TAB>coordinates<TAB>Zone[<TAB>comments]": one country per zone, the truth.
#   tzdata.zi   "L TARGET ALIAS" link lines: an alias ("US/Eastern", "Asia/Calcutta") gets its
#               target's country when that target has one (chains of links are followed). A name
#               listed in zone.tab keeps its own country even if it is also a link ("Europe/Vaduz"
#               is LI, not CH). Zones in neither (UTC, Etc/*, and the pre-1970 zones Debian
#               builds from backzone, such as "America/Montreal") have no country.
#
# Output, kept compact because it ships in the size-budgeted wasm: one string of front-coded
# records sorted by zone name in byte order. A record is one byte, the length of the prefix its zone
# shares with the previous record's (an octal escape below '+', the smallest character of a zone
# name, so it also marks where a record starts), then the rest of the zone, then its country:
#   constexpr char kZoneCountryText[] = "\000Africa/AbidjanCI" "\010ccraGH" ...;
# (gzip -9 of the table: 5.2 KB as records with an array of their offsets, 3.6 KB front-coded.)

foreach(required ZONEINFO_DIR OUTPUT)
  if(NOT DEFINED ${required} OR "${${required}}" STREQUAL "")
    message(FATAL_ERROR "generate_zone_country_table: -D${required}=... is required "
                        "(usage: cmake -DZONEINFO_DIR=/usr/share/zoneinfo -DOUTPUT=out.inc -P ${CMAKE_CURRENT_LIST_FILE})")
  endif()
endforeach()
foreach(source zone.tab tzdata.zi)
  if(NOT EXISTS "${ZONEINFO_DIR}/${source}")
    message(FATAL_ERROR "generate_zone_country_table: ${ZONEINFO_DIR}/${source} not found. "
                        "Install tzdata (apt-get install tzdata) or set PARLEY_ZONEINFO_DIR to a folder "
                        "holding zone.tab and tzdata.zi.")
  endif()
endforeach()

# Reads a text file as a CMake list of lines. Characters that CMake lists treat specially
# (';' separates, '[' ']' group, '\' escapes) only occur in comments; they are blanked first.
function(read_lines path out_var)
  file(READ "${path}" content)
  string(REGEX REPLACE "[][;\\\r]" " " content "${content}")
  string(REPLACE "\n" ";" content "${content}")
  set(${out_var} "${content}" PARENT_SCOPE)
endfunction()

set(zone_name_regex "[A-Za-z0-9/_+-]+")

# zone.tab: country per zone. Variables named "country_<Zone>" act as the map.
read_lines("${ZONEINFO_DIR}/zone.tab" zone_tab_lines)
set(zones "")
foreach(line IN LISTS zone_tab_lines)
  if(line MATCHES "^([A-Z][A-Z])\t[^\t]+\t(${zone_name_regex})")
    set(zone "${CMAKE_MATCH_2}")
    if(NOT DEFINED "country_${zone}")
      set("country_${zone}" "${CMAKE_MATCH_1}")
      list(APPEND zones "${zone}")
    endif()
  endif()
endforeach()
list(LENGTH zones zone_count)
if(zone_count EQUAL 0)
  message(FATAL_ERROR "generate_zone_country_table: no zone found in ${ZONEINFO_DIR}/zone.tab")
endif()

# tzdata.zi: links. Repeat while a pass resolves something, so an alias of an alias resolves too.
read_lines("${ZONEINFO_DIR}/tzdata.zi" tzdata_lines)
set(link_targets "")
set(link_aliases "")
foreach(line IN LISTS tzdata_lines)
  if(line MATCHES "^L(ink)?[ \t]+(${zone_name_regex})[ \t]+(${zone_name_regex})[ \t]*$")
    list(APPEND link_targets "${CMAKE_MATCH_2}")
    list(APPEND link_aliases "${CMAKE_MATCH_3}")
  endif()
endforeach()
list(LENGTH link_aliases link_count)
set(resolved_something TRUE)
while(resolved_something AND link_count GREATER 0)
  set(resolved_something FALSE)
  math(EXPR last_link "${link_count} - 1")
  foreach(i RANGE ${last_link})
    list(GET link_targets ${i} target)
    list(GET link_aliases ${i} alias)
    if(NOT DEFINED "country_${alias}" AND DEFINED "country_${target}")
      set("country_${alias}" "${country_${target}}")
      list(APPEND zones "${alias}")
      set(resolved_something TRUE)
    endif()
  endforeach()
endwhile()

# Byte order, the order std::string_view compares in.
list(SORT zones COMPARE STRING CASE SENSITIVE)
list(LENGTH zones zone_count)

set(text "")
set(previous "")
foreach(zone IN LISTS zones)
  string(LENGTH "${zone}" length)
  string(LENGTH "${previous}" previous_length)
  set(shared 0)
  while(shared LESS length AND shared LESS previous_length)
    string(SUBSTRING "${zone}" ${shared} 1 a)
    string(SUBSTRING "${previous}" ${shared} 1 b)
    if(NOT a STREQUAL b)
      break()
    endif()
    math(EXPR shared "${shared} + 1")
  endwhile()
  if(shared GREATER 42 OR length GREATER 63)
    message(FATAL_ERROR "generate_zone_country_table: ${zone} is too long for the table's format")
  endif()
  string(SUBSTRING "${zone}" ${shared} -1 rest)
  math(EXPR shared_octal "${shared} / 8 * 10 + ${shared} % 8" OUTPUT_FORMAT DECIMAL)
  string(LENGTH "${shared_octal}" digits)
  if(digits EQUAL 1)
    set(shared_octal "0${shared_octal}")
  endif()
  string(APPEND text "\n    \"\\0${shared_octal}${rest}${country_${zone}}\"")
  set(previous "${zone}")
endforeach()

file(STRINGS "${ZONEINFO_DIR}/tzdata.zi" tzdata_version LIMIT_COUNT 1 REGEX "^# version ")
string(REPLACE "# version " "" tzdata_version "${tzdata_version}")

file(WRITE "${OUTPUT}"
"// Generated by cmake/generate_zone_country_table.cmake from ${ZONEINFO_DIR}/zone.tab and tzdata.zi
// (tzdata ${tzdata_version}). Do not edit: ${zone_count} zones, sorted by name in byte order, front-coded.
constexpr char kZoneCountryText[] =${text};
")
