// The engine's C ABI (abi/parley_abi.h) seen from JS: values in, values out, as tagged buffers
// (PROTOCOL.md, "The binary boundary"). JS already has the JSON parser; the engine gets the parsed
// value without a text parser of its own. Strings go through TextEncoder, which turns a lone
// surrogate (an emoji cut in half) into U+FFFD: no text can make the engine refuse an event.

// Taken when parley.js starts, as builtins.js does: a page that replaces them later does not
// change how Parley encodes.
var parleyTextEncoder = window.TextEncoder;
var parleyTextDecoder = window.TextDecoder;
var parleyKeys = Object.keys;
var parleyDefine = Object.defineProperty;
var parleyIsSafeInteger = Number.isSafeInteger;

function createParleyEngineBridge(module) {
  var encoder = new parleyTextEncoder();
  var decoder = new parleyTextDecoder();
  var MAX_DEPTH = 256;  // as the engine's decoder (tagged_value.hpp): deeper is a cycle or abuse

  // ---- Encoding (JS value -> bytes), with JSON.stringify's rules ----------------------------
  var bytes = new Uint8Array(1024);
  var data = new DataView(bytes.buffer);
  var length = 0;

  function room(n) {
    if (length + n <= bytes.length) return;
    var grown = new Uint8Array(Math.max(bytes.length * 2, length + n));
    grown.set(bytes.subarray(0, length));
    bytes = grown;
    data = new DataView(bytes.buffer);
  }
  function tag(t) { room(1); bytes[length++] = t; }
  function size(n) { room(4); data.setUint32(length, n, true); length += 4; }
  function text(s) {
    room(4 + s.length * 3);  // a UTF-16 unit is at most 3 UTF-8 bytes (a pair: 4 for 2 units)
    var written = encoder.encodeInto(s, bytes.subarray(length + 4)).written;
    data.setUint32(length, written, true);
    length += 4 + written;
  }
  // What JSON.stringify leaves out of an object (and writes as null in an array).
  function skipped(v) { return v === undefined || typeof v === 'function' || typeof v === 'symbol'; }

  function put(v, depth) {
    if (depth > MAX_DEPTH) throw new TypeError('a value nested too deeply (or a cycle) for the Parley engine');
    if (v !== null && typeof v === 'object' && typeof v.toJSON === 'function') v = v.toJSON();
    if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
    if (v === null || skipped(v)) return tag(0);
    if (v === false) return tag(1);
    if (v === true) return tag(2);
    if (typeof v === 'number') {
      if (!isFinite(v)) return tag(0);
      if ((v | 0) === v) { tag(3); room(4); data.setInt32(length, v, true); length += 4; return; }
      tag(parleyIsSafeInteger(v) ? 4 : 5);
      room(8); data.setFloat64(length, v, true); length += 8;
      return;
    }
    if (typeof v === 'string') { tag(6); return text(v); }
    if (typeof v === 'bigint') throw new TypeError('a BigInt has no JSON form');
    if (parleyIsArray(v)) {
      tag(7); size(v.length);
      for (var i = 0; i < v.length; ++i) put(skipped(v[i]) ? null : v[i], depth + 1);
      return;
    }
    var keys = parleyKeys(v).filter(function (key) { return !skipped(v[key]); });
    tag(8); size(keys.length);
    for (var k = 0; k < keys.length; ++k) { text(keys[k]); put(v[keys[k]], depth + 1); }
  }

  // Calls fn(pointer, byteLength) with the value's bytes in the module's heap.
  function withValue(value, fn) {
    length = 0;
    put(value, 0);
    var pointer = module._malloc(length || 1);
    if (!pointer) throw new Error('out of memory');
    try {
      module.HEAPU8.set(bytes.subarray(0, length), pointer);  // HEAPU8 re-read: memory may have grown
      return fn(pointer, length);
    } finally {
      module._free(pointer);
    }
  }

  // ---- Decoding (bytes -> JS value): the engine's results, read at once (the ABI reuses its buffer)
  function read(pointer) {
    var heap = module.HEAPU8;
    var view = new DataView(heap.buffer, heap.byteOffset, heap.byteLength);
    var at = pointer + 4;
    function string() {
      var n = view.getUint32(at, true);
      at += 4 + n;
      return decoder.decode(heap.subarray(at - n, at));
    }
    function value() {
      var t = heap[at++], n, out, i;
      switch (t) {
        case 0: return null;
        case 1: return false;
        case 2: return true;
        case 3: at += 4; return view.getInt32(at - 4, true);
        case 4: case 5: at += 8; return view.getFloat64(at - 8, true);
        case 6: return string();
        case 7:
          n = view.getUint32(at, true); at += 4;
          out = new Array(n);
          for (i = 0; i < n; ++i) out[i] = value();
          return out;
        case 8:
          n = view.getUint32(at, true); at += 4;
          out = {};
          for (i = 0; i < n; ++i) {
            var key = string();
            // As JSON.parse: "__proto__" is an own key, never the prototype.
            if (key === '__proto__') parleyDefine(out, key, { value: value(), writable: true, enumerable: true, configurable: true });
            else out[key] = value();
          }
          return out;
      }
      throw new Error('the Parley engine returned an unknown tag ' + t);
    }
    return value();
  }

  return {
    // -> {errors: [{code, message, path}], zones: [IANA names the rules need offsets for],
    //     readsCountry: a rule reads the country (pageLoad then looks the time zone up)}
    // The text is parsed here; the engine is told its size (it refuses over 1 MiB) and, with a
    // null pointer, that it was not JSON: either way it keeps the previous config.
    configure: function (configText) {
      var textBytes = encoder.encode(configText).length;
      var config;
      try { config = JSON.parse(configText); } catch (notJson) {
        return read(module._parley_configure_value(0, 0, textBytes));
      }
      return withValue(config, function (p, n) { return read(module._parley_configure_value(p, n, textBytes)); });
    },
    // -> {errors, actions, nextDeadline (epoch ms, or -1: nothing pending)}
    handle: function (event, nowMs) {
      return withValue(event, function (p, n) { return read(module._parley_handle_value(p, n, nowMs)); });
    },
    view: function () { return read(module._parley_view_value()); },
    inspect: function (nowMs) { return read(module._parley_inspect_value(nowMs)); },
    // -> {chat, video}: true, false or null (unknown); cheap, unlike inspect()
    availability: function () { return read(module._parley_availability_value()); },
    version: function () { return module.UTF8ToString(module._parley_version()); },
    // For the tests and the benchmarks: the encoder and the decoder on their own.
    encode: function (value) { length = 0; put(value, 0); return bytes.slice(0, length); },
    decode: read
  };
}
