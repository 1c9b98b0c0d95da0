// The npm package's ES module: `import { load, shutdown } from 'parley'`. It adds the classic
// parley.js to the page and hands its API over once lcw:ready has fired. Importing it touches
// nothing (no window, no document, no timer): safe in server rendering, where load() rejects.
//
// One widget per page, whatever the component tree does: load() and shutdown() say what the page
// wants now, and the last one wins. React's StrictMode (mount, unmount, mount before parley.js has
// even run) therefore gets one widget; a load() whose caller shut Parley down before it was ready
// never settles, so its `then` never runs for an unmounted component.

const DEFAULT_TIMEOUT_MS = 30000;
const BAD_ARGUMENT = 2;  // lcw:error codes (ParleyErrorCode in prelude.js)
const ENGINE_LOAD = 4;
const ENGINE_CRASH = 5;
const HOST_PAGE = 11;

let loading = null;   // the promise of the load in flight
let wanted = false;   // what the last load() or shutdown() asked for

/**
 * Resolves with window.Parley once it is ready. Options: baseUrl (the folder of parley.js,
 * parley.wasm and parley.fallback.js; default: this module's), script (the file name there, e.g. a
 * hashed one from manifest.json; default parley.js), integrity (its SRI hash: the tag gets
 * crossorigin="anonymous" too), attributes (data-* attributes of the tag, such as data-config),
 * timeout (ms, default 30000). Rejects with an Error carrying errorCode and errorDescription, as
 * lcw:error's detail does.
 */
export function load(options = {}) {
  if (typeof window === 'undefined' || typeof document === 'undefined')
    return Promise.reject(loadError(HOST_PAGE, 'load() runs in a browser: there is no document here (server rendering?)'));
  wanted = true;
  if (isLive(window.Parley) && window.Parley.getState().ready) return Promise.resolve(window.Parley);
  if (!loading) loading = start(options);
  return loading;
}

/** Takes the widget off the page now, or as soon as it is ready when it is still loading. */
export function shutdown() {
  if (typeof window === 'undefined') return;
  wanted = false;
  if (!loading && isLive(window.Parley)) window.Parley.shutdown();
}

function start(options) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => settle(loadError(ENGINE_LOAD, `Parley was not ready within ${timeoutMs} ms`)), timeoutMs);
    const onReady = () => settle(null);
    const onError = (event) => {
      const detail = event.detail || {};
      if (detail.errorCode === ENGINE_LOAD || detail.errorCode === ENGINE_CRASH)
        settle(loadError(detail.errorCode, detail.errorDescription));
    };
    window.addEventListener('lcw:ready', onReady);
    window.addEventListener('lcw:error', onError);

    // A Parley already booting (the page's own tag) is waited for; otherwise a tag is added.
    if (!isLive(window.Parley)) {
      let tag;
      try {
        tag = scriptTag(options);
      } catch (error) {
        return settle(loadError(BAD_ARGUMENT, error.message));
      }
      tag.onerror = () => settle(loadError(ENGINE_LOAD, `${tag.src} did not load (missing, or its integrity does not match)`));
      tag.onload = () => {
        tag.remove();  // it has run: the element is of no more use
        // It found a Parley already there (added by lcw:ready's listeners, say): that one.
        if (isLive(window.Parley) && window.Parley.getState().ready) settle(null);
      };
      document.head.appendChild(tag);
    }

    function settle(error) {
      if (settled) return;  // a late onload or event: the promise is long settled
      settled = true;
      clearTimeout(timer);
      window.removeEventListener('lcw:ready', onReady);
      window.removeEventListener('lcw:error', onError);
      loading = null;
      if (error) return reject(error);
      const api = window.Parley;
      if (!wanted) return api.shutdown();  // the caller went away meanwhile
      resolve(api);
    }
  });
}

function scriptTag({ baseUrl, script = 'parley.js', integrity, attributes = {} }) {
  const folder = baseUrl === undefined ? new URL('./', import.meta.url)
                                       : new URL(String(baseUrl).replace(/\/?$/, '/'), document.baseURI);
  const tag = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) {
    if (!/^data-[a-z0-9-]+$/.test(name)) throw new Error(`load(): attributes may only be data-*, not "${name}"`);
    tag.setAttribute(name, String(value));
  }
  if (integrity) {
    tag.integrity = integrity;
    tag.crossOrigin = 'anonymous';
  }
  tag.async = true;
  tag.src = new URL(script, folder).href;
  return tag;
}

// A Parley that runs or is starting: not the pre-load stub (no version), not a shut-down one
// (ready: false and 'Closed', which a running one says only to lcw:ready's own listeners).
function isLive(parley) {
  if (!parley || typeof parley.version !== 'string' || typeof parley.getState !== 'function') return false;
  const state = parley.getState();
  return !(state.ready === false && state.state === 'Closed');
}

function loadError(code, description) {
  const error = new Error(description);
  error.errorCode = code;
  error.errorDescription = description;
  return error;
}
