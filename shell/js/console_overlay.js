// The console's place on the page: a panel fixed to the left edge (the widget sits bottom right,
// so both stay visible and the rest of the page stays usable), holding the canvas Dear ImGui draws
// on, a close button, and a line for what went wrong. Styles go through the CSSOM, which a
// Content-Security-Policy without 'unsafe-inline' allows (a style attribute it would not).

// An element with `styles` set through the CSSOM, each !important against the page's own rules.
function parleyConsoleStyled(tag, styles) {
  var element = document.createElement(tag);
  Object.keys(styles).forEach(function (name) { element.style.setProperty(name, styles[name], 'important'); });
  return element;
}

// `wide`: the whole page (the desk-only console on the agent desk page has no widget to leave room for).
function createParleyConsoleOverlay(title, wide) {
  var MIN_WIDTH = 320;
  var MAX_WIDTH = 760;
  var WIDGET_ROOM = 420;  // the visitor widget's panel (368 px) and its margins

  function panelWidth() {
    return wide ? window.innerWidth : Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, window.innerWidth - WIDGET_ROOM));
  }

  var container = parleyConsoleStyled('div', {
    position: 'fixed', left: '0', top: '0', height: '100vh', width: panelWidth() + 'px', 'z-index': '2147483600',
    background: '#1a1a1f', 'box-shadow': '4px 0 16px rgba(0,0,0,.35)', margin: '0', padding: '0', display: 'block'
  });
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', title);
  container.setAttribute('data-parley-console', '');

  var canvas = parleyConsoleStyled('canvas', { display: 'block', outline: 'none' });
  canvas.tabIndex = 0;
  canvas.setAttribute('aria-label', title + ' (Dear ImGui; keyboard: Alt+X exit intent, Alt+V visibility, ' +
                      'Alt+T advance the clock, Alt+A accept, Alt+R reply, Alt+I invite to video, Alt+J join, Alt+C cancel, ' +
                      'Alt+H hang up, Alt+1 to Alt+9 tabs, Alt+Q close)');
  canvas.addEventListener('contextmenu', function (event) { event.preventDefault(); });
  // Clicks and wheel turns on the console are the console's, not the page's (nor exit intent).
  canvas.addEventListener('mousedown', function () { canvas.focus(); });

  var close = parleyConsoleStyled('button', {
    position: 'absolute', top: '2px', right: '4px', width: '24px', height: '20px', padding: '0', margin: '0',
    border: '0', background: 'transparent', color: '#ddd', font: '16px/20px system-ui,sans-serif', cursor: 'pointer'
  });
  close.type = 'button';
  close.textContent = '\u00d7';
  close.setAttribute('aria-label', 'Close the Parley QA console');

  var message = parleyConsoleStyled('p', {
    display: 'none', margin: '32px 16px', color: '#f3b5ad', font: '14px/1.5 system-ui,sans-serif'
  });
  message.setAttribute('role', 'alert');
  message.setAttribute('data-parley-console-error', '');

  container.appendChild(canvas);
  container.appendChild(message);
  container.appendChild(close);
  (document.body || document.documentElement).appendChild(container);

  window.addEventListener('resize', function () { container.style.setProperty('width', panelWidth() + 'px', 'important'); });

  return {
    canvas: canvas,
    element: container,  // where the desk's floating video goes
    width: function () { return container.clientWidth; },
    height: function () { return container.clientHeight; },
    onClose: function (fn) { close.addEventListener('click', fn); },
    show: function () { container.style.setProperty('display', 'block', 'important'); },
    hide: function () { container.style.setProperty('display', 'none', 'important'); },
    focus: function () { canvas.focus(); },
    // The console cannot run: say why, in a panel that stays small.
    showError: function (text) {
      canvas.style.setProperty('display', 'none', 'important');
      container.style.setProperty('height', 'auto', 'important');
      message.textContent = text;
      message.style.setProperty('display', 'block', 'important');
    }
  };
}
