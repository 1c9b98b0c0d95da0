// The engine's C ABI (abi/parley_abi.h) seen from JS: JSON in, JSON out. Strings are copied into
// the module's heap and freed after the call; returned strings are read at once (the ABI reuses
// its buffer on the next call).

function createParleyEngineBridge(module) {
  function withText(text, call) {
    var size = module.lengthBytesUTF8(text) + 1;
    var pointer = module._malloc(size);
    if (!pointer) throw new Error('out of memory');
    try {
      module.stringToUTF8(text, pointer, size);
      return call(pointer);
    } finally {
      module._free(pointer);
    }
  }
  function json(pointer) { return JSON.parse(module.UTF8ToString(pointer)); }

  return {
    // -> {errors: [{code, message, path}], zones: [IANA names the rules need offsets for]}
    configure: function (configText) {
      return withText(configText, function (p) { return json(module._parley_configure(p)); });
    },
    // -> {errors, actions, nextDeadline (epoch ms, or -1: nothing pending)}
    handle: function (event, nowMs) {
      return withText(JSON.stringify(event), function (p) { return json(module._parley_handle(p, nowMs)); });
    },
    view: function () { return json(module._parley_view()); },
    inspect: function (nowMs) { return json(module._parley_inspect(nowMs)); },
    version: function () { return module.UTF8ToString(module._parley_version()); }
  };
}
