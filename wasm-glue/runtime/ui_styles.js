// The visitor UI's stylesheet, constructable: a CSP without 'unsafe-inline' blocks <style> and
// style attributes. The rules are styles/*.css, inlined by the build as parleyCss
// (styles/inline_css.mjs). The theme enters only as custom property values that pass a tight
// pattern and CSS.supports: no way out of the declaration, no invalid (clear) colour.
var parleyStyles = (function () {
  var kSafeValue = /^[#(),.%\w\s-]{1,100}$/;
  // The surfaces and texts of both schemes, from tokens.css (one source; read by the build,
  // styles/inline_css.mjs): the theme colour is used as text only where it keeps 4.5:1 on the
  // surface, else the scheme's text colour is.
  var kLight = parleyCssSchemes.light, kDark = parleyCssSchemes.dark;

  function checked(property, text) {
    return typeof text === 'string' && kSafeValue.test(text) &&
      (typeof CSS === 'undefined' || CSS.supports(property, text)) ? text : null;
  }

  // WCAG relative luminance of #rgb or #rrggbb; other notations are taken as mid-grey (the
  // scheme's own text colours are then used wherever the theme colour would be text).
  function luminance(color) {
    if (/^#[0-9a-f]{3}$/i.test(color)) color = color.replace(/[0-9a-f]/gi, '$&$&');
    if (!/^#[0-9a-f]{6}$/i.test(color)) return -1;
    var sum = 0;
    for (var i = 0; i < 3; i++) {
      var c = parseInt(color.substr(1 + 2 * i, 2), 16) / 255;
      sum += [0.2126, 0.7152, 0.0722][i] * (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    }
    return sum;
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    if (la < 0 || lb < 0) return 0;
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  // moreCss: parley-chat.js's rules (prechat.css, chat.css), after parleyCss's, once they came.
  function build(theme, moreCss) {
    var color = checked('color', theme && theme.color) || '#0b6e4f';
    var font = checked('font-family', theme && theme.font) || 'system-ui';
    // On the theme colour (header, buttons, the visitor's bubbles): white or dark, the clearer.
    var onColor = contrast(color, '#ffffff') >= contrast(color, kLight.text) ? '#fff' : kLight.text;
    var offset = (theme && theme.offset) || {};
    var offsets = '';
    if (typeof offset.x === 'number' && offset.x >= 0 && offset.x <= 400) offsets += '--parley-offset-inline:' + offset.x + 'px!important;';
    if (typeof offset.y === 'number' && offset.y >= 0 && offset.y <= 400) offsets += '--parley-offset-block:' + offset.y + 'px!important;';
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(':host{' + offsets + '--parley-color:' + color + '!important;--parley-font:' + font +
      '!important;--parley-on-color:' + onColor +
      '!important;--parley-ink-on-light:' + (contrast(color, kLight.surface) >= 4.5 ? color : kLight.text) +
      '!important;--parley-ink-on-dark:' + (contrast(color, kDark.surface) >= 4.5 ? color : kDark.text) +
      '!important}\n' + parleyCss + (typeof moreCss === 'string' ? moreCss : ''));
    return sheet;
  }

  return {
    build: build,
    contrast: contrast,
    color: function (text) { return checked('color', text); },
    font: function (text) { return checked('font-family', text); }
  };
})();
