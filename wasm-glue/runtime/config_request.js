// The config's HTTP request (data-config): XMLHttpRequest, which needs no Promise, works on pages
// without fetch and resolves nothing a polluted Object.prototype.then could hold up (fetch only on
// a page without it). Each attempt has a time limit (a server that never answers must not hold the
// widget forever); a failed attempt is tried once more at once, then the failure is the caller's.

var parleyConfigRequest = (function () {
  var DEFAULT_TIMEOUT_MS = 10000;
  var MAX_TIMEOUT_MS = 120000;

  // The script tag's data-config-timeout (ms): the default when absent; null when it is not a
  // whole number of milliseconds from 1 to 120000 (the caller reports it and uses the default).
  function timeoutFrom(attribute) {
    if (attribute === null || attribute === undefined) return DEFAULT_TIMEOUT_MS;
    var ms = Number(attribute);
    return /^\s*\d+\s*$/.test(attribute) && ms >= 1 && ms <= MAX_TIMEOUT_MS ? ms : null;
  }

  // callback(error: string or null, text)
  function attempt(url, timeoutMs, callback) {
    var request;
    var timer = null;
    var settled = false;
    function settle(error, text) {
      if (settled) return;
      settled = true;
      if (timer !== null) clearTimeout(timer);
      callback(error, text);
    }
    try {
      if (typeof XMLHttpRequest !== 'function') return fetch ? viaFetch() : settle('this page has neither XMLHttpRequest nor fetch');
      request = new XMLHttpRequest();
      request.open('GET', url);
      request.onload = function () { answered(request.status, request.responseText); };
      request.onerror = function () { settle('the request failed'); };
      request.send();
    } catch (error) {
      return settle(parleyReason(error));
    }
    arm();

    function answered(status, text) {
      if (status >= 200 && status < 300) settle(null, text);
      else settle('HTTP ' + status);
    }
    function arm() {
      timer = setTimeout(function () {
        timer = null;
        settle('no answer within ' + timeoutMs + ' ms');
        try { if (request) request.abort(); } catch (e) { /* already done */ }
      }, timeoutMs);
    }
    function viaFetch() {
      arm();
      fetch(url, { credentials: 'same-origin' }).then(function (response) {
        return response.text().then(function (text) { answered(response.status, text); });
      }).catch(function (error) { settle(parleyReason(error)); });
    }
  }

  function get(url, timeoutMs, callback) {
    attempt(url, timeoutMs, function (error, text) {
      if (!error) return callback(null, text);
      attempt(url, timeoutMs, function (again, text) {
        callback(again ? again + ' (2 attempts)' : null, text);
      });
    });
  }

  return { DEFAULT_TIMEOUT_MS: DEFAULT_TIMEOUT_MS, timeoutFrom: timeoutFrom, get: get };
})();
