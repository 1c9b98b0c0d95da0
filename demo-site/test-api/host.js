// The host page's own script (test-only): a button that counts clicks, so tests can check the
// page keeps working whatever happens to Parley. Defines no global.
(function () {
  'use strict';
  var count = 0;
  document.getElementById('host-button').addEventListener('click', function () {
    count += 1;
    document.getElementById('host-count').textContent = String(count);
  });
})();
