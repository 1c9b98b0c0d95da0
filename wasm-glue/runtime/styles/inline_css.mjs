// Turns the widget's stylesheets into one JS statement, `var parleyCss = "...";`, that the build
// puts before ui_styles.js in parley.js (wasm-glue/wasm_module.cmake), and the survey's and the
// chat's (prechat.css, chat.css) into `var parleyChatCss = "...";` for parley-chat.js; the UI
// tests call it too, so they style the widget exactly as the two files do. Minifying here is safe
// and small: comments out, whitespace runs collapsed, none around braces, semicolons and commas,
// none after a colon (a space before one is a descendant combinator: kept). Spaces inside calc()
// stay.
//
//   node inline_css.mjs OUTPUT.js [chat]    writes the statement (chat: parley-chat.js's)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// In cascade order: the tokens first, the rules that read them next. parley-chat.js's sheet (the
// survey's rules, then the chat's) is adopted after parley.js's.
export const STYLE_FILES = ['tokens.css', 'widget.css'];
export const CHAT_STYLE_FILES = ['prechat.css', 'chat.css'];

export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

const joined = (files) => files.map((file) => minifyCss(fs.readFileSync(path.join(HERE, file), 'utf8'))).join('');

export function parleyCss() {
  return joined(STYLE_FILES);
}

export function parleyChatCss() {
  return joined(CHAT_STYLE_FILES);
}

const statement = (name, css) => `// Generated from wasm-glue/runtime/styles/*.css by inline_css.mjs: edit those.\nvar ${name} = ${JSON.stringify(css)};\n`;

export function parleyCssScript() {
  return statement('parleyCss', parleyCss());
}

export function parleyChatCssScript() {
  return statement('parleyChatCss', parleyChatCss());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(process.argv[2], process.argv[3] === 'chat' ? parleyChatCssScript() : parleyCssScript());
}
