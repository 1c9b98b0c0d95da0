// Contrast of the visitor UI's colours, computed from the custom properties in
// wasm-glue/runtime/styles/tokens.css (WCAG 2.2 relative luminance): every text/background pair the
// rules draw keeps 4.5:1 or more in the light and the dark scheme. And the theme colour from the
// config: ui_styles.js uses it as text only where it keeps 4.5:1, whatever colour a site picks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { root } from './engine_module.mjs';
import { parleyCssScript } from '../../wasm-glue/runtime/styles/inline_css.mjs';

const TOKENS = fs.readFileSync(path.join(root, 'wasm-glue/runtime/styles/tokens.css'), 'utf8');

// The custom properties of each block that sets --parley-surface: light first, then dark (twice:
// theme.mode "dark", and "auto" under prefers-color-scheme: dark).
const schemes = [...TOKENS.matchAll(/\{([^{}]*--parley-surface[^{}]*)\}/g)].map((m) =>
  Object.fromEntries([...m[1].matchAll(/(--parley-[\w-]+):\s*([^;]+);/g)].map((d) => [d[1], d[2].trim()])));

function luminance(hex) {
  if (/^#[0-9a-f]{3}$/i.test(hex)) hex = hex.replace(/[0-9a-f]/gi, '$&$&');
  assert.match(hex, /^#[0-9a-f]{6}$/i, `not a hex colour: ${hex}`);
  return [1, 3, 5].reduce((sum, at, i) => {
    const c = parseInt(hex.substr(at, 2), 16) / 255;
    return sum + [0.2126, 0.7152, 0.0722][i] * (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }, 0);
}
const contrast = (a, b) => {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};

// [text, background]: what the rules in widget.css put on what.
const PAIRS = [
  ['text', 'surface'], ['text', 'log'], ['muted', 'surface'], ['muted', 'log'], ['danger', 'surface'],
  ['danger', 'log'], ['required', 'surface'], ['on-hangup', 'hangup'], ['on-badge', 'badge'],
  ['on-notice', 'notice'],
];

test('tokens.css has a light and two identical dark schemes', () => {
  assert.equal(schemes.length, 3);
  assert.deepEqual(schemes[2], schemes[1], 'the "dark" and the "auto" dark blocks differ');
  assert.equal(schemes[0]['--parley-scheme'], 'light');
  assert.equal(schemes[1]['--parley-scheme'], 'dark');
});

for (const [index, name] of ['light', 'dark'].entries()) {
  test(`every text in the ${name} scheme keeps 4.5:1 on its background`, () => {
    const colours = schemes[index];
    const failing = PAIRS.map(([fg, bg]) => [fg, bg, contrast(colours[`--parley-${fg}`], colours[`--parley-${bg}`])])
      .filter(([, , ratio]) => ratio < 4.5).map(([fg, bg, ratio]) => `${fg} on ${bg}: ${ratio.toFixed(2)}`);
    assert.deepEqual(failing, []);
  });
}

// ui_styles.js as parley.js runs it, with a stand-in for the constructable stylesheet.
function loadStyles() {
  const context = { CSSStyleSheet: class { replaceSync(text) { this.text = text; } } };
  vm.runInNewContext(`${parleyCssScript()}\n${fs.readFileSync(path.join(root, 'wasm-glue/runtime/ui_styles.js'), 'utf8')}\nthis.parleyStyles = parleyStyles;`, context);
  return context.parleyStyles;
}
const declared = (text, name) => text.match(new RegExp(`${name}:([^!;]+)`))[1];

test('the default theme colour keeps 4.5:1 under its own text', () => {
  const text = loadStyles().build({}).text;
  assert.ok(contrast(declared(text, '--parley-on-color'), declared(text, '--parley-color')) >= 4.5);
});

test('the theme colour is text only where it keeps 4.5:1, in both schemes, for any site colour', () => {
  const styles = loadStyles();
  const [light, dark] = schemes;
  for (const color of ['#0b6e4f', '#ffd400', '#777777', '#1a73e8', '#000000', '#ffffff', '#c0392b', '#abc']) {
    const text = styles.build({ color }).text;
    const onColor = declared(text, '--parley-on-color');
    // White or the dark text, whichever is clearer (a mid grey may reach 4.5:1 with neither).
    const best = Math.max(contrast('#ffffff', color), contrast(light['--parley-text'], color));
    assert.equal(contrast(onColor, color), best, `${onColor} on ${color}`);
    assert.ok(contrast(declared(text, '--parley-ink-on-light'), light['--parley-surface']) >= 4.5, `light ink for ${color}`);
    assert.ok(contrast(declared(text, '--parley-ink-on-dark'), dark['--parley-surface']) >= 4.5, `dark ink for ${color}`);
  }
});
