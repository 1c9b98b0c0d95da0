// The visitor UI's stylesheets (wasm-glue/runtime/styles/*.css) pass stylelint with their own
// config: logical properties only (stylelint-use-logical), no vh (dvh follows the mobile browser's
// bars), no rem or em (the page owns the root font size), and no colour literal outside
// tokens.css. The same config must still catch what it is there for (the twin tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import stylelint from 'stylelint';
import { root } from './engine_module.mjs';
import { minifyCss, parleyCss } from '../../wasm-glue/runtime/styles/inline_css.mjs';

const STYLES = path.join(root, 'wasm-glue/runtime/styles');
const configFile = path.join(STYLES, '.stylelintrc.json');

async function lint(options) {
  const result = await stylelint.lint({ configFile, ...options });
  return result.results.flatMap((r) => r.warnings.map((w) => `${path.basename(r.source || 'code')}:${w.line} ${w.text}`));
}

test('the widget\'s stylesheets pass stylelint', async () => {
  assert.deepEqual(await lint({ files: path.join(STYLES, '*.css') }), []);
});

test('the lint config rejects physical properties, vh, rem and colour literals in the rules', async () => {
  const problems = await lint({
    code: '.a{margin-left:1px;right:0;border-bottom-right-radius:4px;height:100vh;font-size:1rem;color:#fff}',
    codeFilename: path.join(STYLES, 'widget.css'),
  });
  for (const expected of ['margin-left', 'right', 'border-bottom-right-radius', 'height', '"vh"', '"rem"', '#fff'])
    assert.ok(problems.some((p) => p.includes(expected)), `nothing said about ${expected}: ${problems.join('; ')}`);
});

test('form controls are 16 px (iOS Safari zooms into smaller ones) and nothing uses 100vh', () => {
  const css = parleyCss();
  assert.match(css, /--parley-input-font-size:16px/);
  assert.match(css, /input,select,textarea\{font-size:var\(--parley-input-font-size\)\}/);
  assert.doesNotMatch(css, /\d+vh\b/);
});

test('minifying keeps descendant combinators, calc() spaces and custom property values', () => {
  assert.equal(minifyCss('/* x */ .head :focus-visible {\n  inset: calc(100dvh - 2 * var(--a)) ;\n}\n'),
    '.head :focus-visible{inset:calc(100dvh - 2 * var(--a))}');
});
