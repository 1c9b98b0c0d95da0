// The visitor UI's stylesheet, constructable: a CSP without 'unsafe-inline' blocks <style> and
// style attributes. The theme enters only as custom property values that pass a tight pattern and
// CSS.supports: no way out of the declaration, no invalid (clear) colour.
var parleyStyles = (function () {
  var kSafeValue = /^[#(),.%\w\s-]{1,100}$/;
  var kDarkText = '#1f2328';

  function checked(property, value) {
    return typeof value === 'string' && kSafeValue.test(value) &&
      (typeof CSS === 'undefined' || CSS.supports(property, value)) ? value : null;
  }

  // WCAG relative luminance (gamma 2.2) of #rrggbb; other notations are taken as dark.
  function luminance(color) {
    return /^#[0-9a-f]{6}$/i.test(color) ? [0.2126, 0.7152, 0.0722].reduce(function (sum, weight, i) {
      return sum + weight * Math.pow(parseInt(color.substr(1 + 2 * i, 2), 16) / 255, 2.2);
    }, 0) : 0;
  }

  // px: the page may set any root font size. :host is !important: the page's rules on the host
  // beat normal shadow rules, not !important ones. Motion only under reduced-motion: no-preference.
  var kCss = [
    ':host{all:initial!important;display:block!important;position:fixed!important;right:20px!important;bottom:20px!important;z-index:2147483000!important}',
    '*,::before,::after{box-sizing:border-box}',
    '[hidden]{display:none!important}',
    '.vh{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    // Not on :host, where `all: initial !important` would beat them.
    '.root{display:flex;flex-direction:column;align-items:flex-end;gap:12px;font:14px/1.45 var(--parley-font),system-ui,sans-serif;color:#1f2328}',
    'button,input,select,textarea{font:inherit;color:inherit;margin:0}',
    'button{cursor:pointer;border:0;background:none;padding:0}',
    'button:disabled{cursor:default;opacity:.5}',
    ':focus-visible{outline:2px solid var(--parley-ink);outline-offset:2px}',
    'svg{width:20px;height:20px;fill:currentColor;flex:none}',
    '.s{fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}',
    '.launcher,.primary,.send,.visitor,.head,.video-button{background:var(--parley-color);color:var(--parley-on-color)}',
    '.launcher:hover,.primary:hover,.send:hover,.video-button:hover{filter:brightness(1.1)}',
    '.video-button{display:flex;align-items:center;gap:8px;min-height:44px;padding:10px 18px;border-radius:22px;font-weight:600;box-shadow:0 4px 14px rgba(0,0,0,.25)}',
    '.launcher{position:relative;width:56px;height:56px;border-radius:50%;display:grid;place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.25)}',
    '.launcher svg{width:28px;height:28px}',
    '.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#c62828;color:#fff;font-size:12px;font-weight:700;line-height:20px;box-shadow:0 0 0 2px #fff}',
    '.panel{width:368px;max-width:calc(100vw - 40px);max-height:calc(100vh - 40px);display:flex;flex-direction:column;background:#fff;border-radius:16px;overflow:hidden;box-shadow:0 8px 32px rgba(0,0,0,.2)}',
    '.chat{height:min(580px,calc(100vh - 40px))}',
    '.head{display:flex;align-items:center;gap:6px;padding:14px 12px 14px 18px}',
    '.head :focus-visible{outline-color:currentColor}',
    '.titles{flex:1;min-width:0}',
    'h2{margin:0;font-size:16px;font-weight:600}',
    '.sub{margin:2px 0 0;font-size:13px}',
    '.sub:empty{display:none}',
    '.icon{width:32px;height:32px;border-radius:8px;display:grid;place-items:center}',
    '.end{padding:5px 10px;border-radius:8px;font-size:13px;font-weight:600;box-shadow:inset 0 0 0 1px}',
    '.body,.fields,.actions,.field{display:flex;flex-direction:column;gap:14px}',
    '.body{padding:18px;overflow:auto}',
    '.actions{gap:8px}',
    '.primary,.secondary{display:flex;align-items:center;justify-content:center;gap:8px;min-height:40px;padding:8px 16px;border-radius:10px;font-weight:600}',
    '.secondary{color:var(--parley-ink);box-shadow:inset 0 0 0 1.5px}',
    '.link{align-self:center;padding:6px 10px;border-radius:8px;color:#59636e;font-size:13px;text-decoration:underline}',
    '.card{position:relative;padding:20px 20px 12px}',
    '.card>.icon{position:absolute;top:8px;right:8px;color:#59636e}',
    '.message{margin:0 28px 16px 0;font-size:15px}',
    '.message,.msg{white-space:pre-wrap;overflow-wrap:anywhere}',
    '.field{gap:6px}',
    '.field>label{font-weight:600;font-size:13px}',
    '.req{color:#c62828;margin-left:2px}',
    '.field input:not([type=checkbox]),select{width:100%;min-height:40px;padding:8px 10px;border:1px solid #8c959f;border-radius:8px;background:#fff}',
    '.check{flex-flow:row wrap;gap:10px}',
    '.check>label{flex:1;font-weight:400;font-size:14px}',
    '.check input{order:-1;width:18px;height:18px;margin-top:2px;accent-color:var(--parley-color)}',
    '[aria-invalid=true]{border-color:#c62828;box-shadow:0 0 0 1px #c62828}',
    '.error{flex-basis:100%;margin:0;color:#b3261e;font-size:13px}',
    '.conn{margin:0;padding:6px 16px;font-size:13px;text-align:center;background:#fff4ce;color:#4d3800}',
    '.conn:empty{padding:0}',
    '.log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:6px;background:#f6f8fa}',
    '.msg{max-width:82%;padding:8px 12px;border-radius:16px}',
    '.agent{align-self:flex-start;background:#fff;border-bottom-left-radius:4px;box-shadow:0 1px 2px rgba(0,0,0,.12)}',
    '.visitor{align-self:flex-end;border-bottom-right-radius:4px}',
    '.system{align-self:center;text-align:center;color:#59636e;font-size:12px}',
    // The call: the agent's video fills the stage, the visitor's own preview sits in a corner
    // (mirrored, as people expect to see themselves).
    '.stage{display:flex;flex-direction:column;gap:8px;padding:10px 12px;border-bottom:1px solid #d8dee4;background:#f6f8fa}',
    '.screens{position:relative;min-height:96px;border-radius:10px;overflow:hidden;background:#1f2328}',
    '.remote{display:block;width:100%;aspect-ratio:4/3;max-height:220px;object-fit:cover}',
    '.self{position:absolute;right:8px;bottom:8px;width:30%;border-radius:6px;box-shadow:0 0 0 2px #fff;transform:scaleX(-1)}',
    '.remote[hidden]+.self{position:static;display:block;margin:8px auto;width:50%}',
    '.stage .status{margin:0;font-size:13px}',
    '.controls{display:flex;flex-wrap:wrap;gap:8px}',
    '.controls>button{min-height:36px;padding:6px 12px;font-size:13px}',
    '.hangup{display:flex;align-items:center;border-radius:10px;font-weight:600;background:#b3261e;color:#fff}',
    '.composer{display:flex;align-items:flex-end;gap:8px;padding:10px 10px 10px 14px;border-top:1px solid #d8dee4}',
    'textarea{flex:1;min-height:40px;max-height:120px;field-sizing:content;resize:none;padding:9px 14px;border:1px solid #8c959f;border-radius:20px;background:#fff}',
    'textarea:focus-visible{outline-offset:0;border-color:var(--parley-ink)}',
    'textarea:read-only{background:#f6f8fa;border-color:#d8dee4}',
    '.send{width:40px;height:40px;border-radius:50%;display:grid;place-items:center}',
    'fieldset{margin:0 0 8px;padding:0;border:0;min-width:0}',
    'legend{padding:0;margin:0 28px 10px 0;font-size:15px;font-weight:600}',
    '.stars{display:flex;gap:2px}',
    '.stars label{position:relative;cursor:pointer}',
    '.stars input{position:absolute;inset:0;opacity:0;margin:0;cursor:pointer}',
    '.star{display:block;padding:0 4px;border-radius:8px;font-size:34px;line-height:1.2;color:#8c959f}',
    '.on .star{color:var(--parley-ink)}',
    '.stars input:focus-visible+.star{outline:2px solid var(--parley-ink)}',
    '@media (max-width:480px){:host{right:12px!important;bottom:12px!important}.panel{max-width:calc(100vw - 24px);max-height:calc(100vh - 24px)}}',
    '@media (prefers-reduced-motion:no-preference){',
    '.launcher,.primary,.send,.star,.video-button{transition:.15s}',
    '.launcher:active{transform:scale(.94)}',
    '.panel{animation:parley-in .2s ease-out}',
    '@keyframes parley-in{from{opacity:0;transform:translateY(12px)}}}'
  ].join('\n');

  function build(theme) {
    var color = checked('color', theme && theme.color) || '#0b6e4f';
    var font = checked('font-family', theme && theme.font) || 'system-ui';
    var light = 1.05 / (luminance(color) + 0.05) < 4.5; // white text on it would fail AA
    var sheet = new CSSStyleSheet();
    // --parley-ink: the theme colour where it is text or a focus ring on white.
    sheet.replaceSync(':host{--parley-color:' + color + '!important;--parley-font:' + font +
      '!important;--parley-on-color:' + (light ? kDarkText : '#fff') +
      '!important;--parley-ink:' + (light ? kDarkText : color) + '!important}\n' + kCss);
    return sheet;
  }

  return {
    build: build,
    color: function (value) { return checked('color', value); },
    font: function (value) { return checked('font-family', value); }
  };
})();
