// The visitor UI's stylesheets (wasm-glue/runtime/styles/*.css) pass stylelint with their own
// config: logical properties only (stylelint-use-logical), no vh (dvh follows the mobile browser's
// bars), no rem or em (the page owns the root font size), and no colour literal outside
// tokens.css. The same config must still catch what it is there for (the twin tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import stylelint from 'stylelint';
import { root } from './engine_module.mjs';
import { minifyCss, parleyCss, parleyChatCss } from '../../wasm-glue/runtime/styles/inline_css.mjs';

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

// inline_css.mjs splits tokens.css between the two sheets: parley.js's keeps every token its own
// rules read, parley-chat.js's gets those only the survey's and the chat's rules read. Nothing is
// lost or declared twice, and each value stays under its scheme's selector.
test('the tokens are split between the sheets: each declared once, with its value, where its rules read it', () => {
  const TOKENS = minifyCss(fs.readFileSync(path.join(STYLES, 'tokens.css'), 'utf8'));
  const declarations = (css) => [...css.matchAll(/(--parley-[\w-]+):([^;}]+)/g)].map((m) => `${m[1]}:${m[2]}`);
  const names = (css) => new Set(declarations(css).map((d) => d.slice(0, d.indexOf(':'))));
  const reads = (css) => new Set([...css.matchAll(/var\((--parley-[\w-]+)[,)]/g)].map((m) => m[1]));
  const main = parleyCss(), chat = parleyChatCss();
  assert.deepEqual([...declarations(main), ...declarations(chat)].sort(), declarations(TOKENS).sort(),
    'every declaration of tokens.css once, in one sheet or the other');
  const inTokens = names(TOKENS);
  for (const token of reads(main)) if (inTokens.has(token)) assert.ok(names(main).has(token), `${token}: parley.js's rules read it`);
  for (const token of names(chat)) {
    assert.ok(reads(chat).has(token), `${token} is in parley-chat.js's sheet, whose rules read it`);
    assert.ok(!reads(main).has(token), `${token} is in parley-chat.js's sheet, but parley.js's rules read it too`);
  }
  assert.ok(names(chat).has('--parley-divider') && !names(main).has('--parley-divider'), 'the split happened');
  for (const css of [main, chat])
    assert.match(css, /^:host\{[^{}]+\}:host\(\[data-mode="dark"\]\)\{[^{}]+\}@media \(prefers-color-scheme:dark\)\{:host\(\[data-mode="auto"\]\)\{[^{}]+\}\}/,
      'both schemes under their selectors');
});
