/* parley_abi.h: the C ABI between the JS runtime and the engine.
 *
 * Two forms of the same calls. The browser's (parley.wasm exports only these): values cross as
 * tagged buffers (PROTOCOL.md, "The binary boundary"; tagged_value.hpp), so the module needs no
 * JSON text parser or serializer for them; each returns a pointer to a u32 byte length followed
 * by one encoded value. The text form (JSON strings, UTF-8, NUL-terminated) is for native tools,
 * tests and fuzzers; it is not in the shipped module.
 *
 * Doubles in and out; no 64-bit integers, no structs.
 * Ownership: every `const char*` argument is borrowed for the duration of the call. Every
 * returned `const char*` points into a buffer owned by the ABI and stays valid until the next
 * parley_* call; copy it before calling again. Nothing here throws or aborts on bad input:
 * errors come back as values, `{"code", "message", "path"}`.
 *
 * One engine per module instance (one widget per page).
 */
#ifndef PARLEY_ABI_H
#define PARLEY_ABI_H

#ifdef __cplusplus
extern "C" {
#endif

/* Starts over with a fresh engine and the default config. */
void parley_reset(void);

/* Applies a config (JSON text). Returns {"errors": [...], "zones": [...]}: the errors (empty when
 * all is well; the valid rest of the config is in force) and the IANA zones the rules need
 * offsets for (the runtime sends them in pageLoad's zoneOffsets). */
const char* parley_configure(const char* config_json);

/* Handles one event (JSON text) at `now_ms` (epoch ms). Returns
 * {"errors": [...], "actions": [...], "nextDeadline": ms or -1 when nothing is pending}. */
const char* parley_handle(const char* event_json, double now_ms);

/* The next instant at which something can change without an event; -1 when none. */
double parley_next_deadline(void);

/* The current view model (JSON). */
const char* parley_view(void);

/* Everything the QA console shows (JSON): facts, rules and why, context, storage. */
const char* parley_inspect(double now_ms);

/* The binary form: `data` holds `size` bytes, one encoded value (an event, a config). Results are
 * the same values as the text form's, encoded. An undecodable buffer is an error value
 * (malformed_json), never a crash. The config's text was parsed by the runtime: `text_bytes` is
 * its UTF-8 size (over 1 MiB: too_large) and a null `data` says it was not JSON (malformed_json);
 * either keeps the previous config, as the text form does. */
const unsigned char* parley_configure_value(const unsigned char* data, unsigned size, double text_bytes);
const unsigned char* parley_handle_value(const unsigned char* data, unsigned size, double now_ms);
const unsigned char* parley_view_value(void);
const unsigned char* parley_inspect_value(double now_ms);
/* {"chat", "video"}: true, false, or null while unknown. Cheap: getAgentAvailability() calls it
 * instead of building the inspect snapshot. */
const unsigned char* parley_availability_value(void);

/* The engine's version, e.g. "0.1.0". */
const char* parley_version(void);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_ABI_H */
