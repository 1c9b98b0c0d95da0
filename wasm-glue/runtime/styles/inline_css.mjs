// Turns the widget's stylesheets into one JS statement, `var parleyCss = "...";`, that the build
// puts before ui_styles.js in parley.js (wasm-glue/wasm_module.cmake); the UI tests call it too, so
// they style the widget exactly as parley.js does. Minifying here is safe and small: comments
// out, whitespace runs collapsed, none around braces, semicolons and commas, none after a colon
// (a space before one is a descendant combinator: kept). Spaces inside calc() stay.
//
//   node inline_css.mjs OUTPUT.js    writes the statement
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// In cascade order: the tokens first, the rules that read them next.
export const STYLE_FILES = ['tokens.css', 'widget.css'];

export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

export function parleyCss() {
  return STYLE_FILES.map((file) => minifyCss(fs.readFileSync(path.join(HERE, file), 'utf8'))).join('');
}

export function parleyCssScript() {
  return `// Generated from wasm-glue/runtime/styles/*.css by inline_css.mjs: edit those.\nvar parleyCss = ${JSON.stringify(parleyCss())};\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(process.argv[2], parleyCssScript());
}
