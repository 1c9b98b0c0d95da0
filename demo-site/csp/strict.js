// Page script of csp/strict.html. The CSP forbids inline scripts, so it lives in this file.
//
// 1. Like scenario 1's page, it gives the agent the page URL through the context provider (the rule
//    in configs/csp-strict.json adds 'Proactive Chat' and 'Time On Page').
// 2. Demo helper: it lists what the CSP blocked on this page (a WebAssembly attempt is expected and
//    harmless: Parley then runs parley.fallback.js; anything else would be a bug to report).
(function () {
  'use strict';

  window.addEventListener('lcw:ready', function () {
    Microsoft.Omnichannel.LiveChatWidget.SDK.setContextProvider(function contextProvider() {
      return {
        'Page URL': { value: window.location.href, isDisplayable: true }
      };
    });
  });

  var violations = [];

  function render() {
    var list = document.getElementById('csp-violations');
    if (!list) return;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!violations.length) {
      var none = document.createElement('li');
      none.textContent = 'Nothing blocked so far.';
      list.appendChild(none);
      return;
    }
    for (var i = 0; i < violations.length; i++) {
      var item = document.createElement('li');
      item.textContent = violations[i];
      list.appendChild(item);
    }
  }

  document.addEventListener('securitypolicyviolation', function (event) {
    var what = event.blockedURI || '(inline)';
    var note = /wasm/.test(what) || /wasm/.test(event.sample || '') ? ' (expected: Parley switches to parley.fallback.js)' : '';
    violations.push(event.effectiveDirective + ' blocked ' + what + note);
    render();
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', render);
  else render();
})();
