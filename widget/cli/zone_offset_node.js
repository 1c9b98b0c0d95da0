// --js-library for parley-config under node: a zone's offset through Intl, computed by the
// browser runtime's own parleyTimeZones (wasm-glue/runtime/time_zones.js, given as --pre-js).
mergeInto(LibraryManager.library, {
  parley_cli_zone_offset: function (zone, atMs) {
    var name = UTF8ToString(zone);
    var offsets = parleyTimeZones.offsets([name], new Date(atMs));
    return Object.prototype.hasOwnProperty.call(offsets, name) ? offsets[name] : 1e9;
  },
});
