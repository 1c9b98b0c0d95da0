// Turns the widget's stylesheets into JS statements, `var parleyCss = "...";` and its schemes'
// colours (`var parleyCssSchemes`), that the build puts before ui_styles.js in parley.js
// (wasm-glue/wasm_module.cmake), and the survey's and the chat's (prechat.css, chat.css) into
// `var parleyChatCss = "...";` for parley-chat.js; the UI tests call it too, so they style the
// widget exactly as the two files do. Minifying here is safe and small: comments out, whitespace
// runs collapsed, none around braces, semicolons and commas, none after a colon (a space before
// one is a descendant combinator: kept). Spaces inside calc() stay.
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

// tokens.css's blocks ("selector{declarations}", or "@media ...{selector{declarations}}"), each
// with only the declarations of the tokens `keep` says yes to; blocks left empty go.
function tokenBlocks(keep) {
  const tokens = minifyCss(fs.readFileSync(path.join(HERE, 'tokens.css'), 'utf8'));
  const only = (declarations) => declarations.split(';').filter((d) => keep(d.slice(0, d.indexOf(':')))).join(';');
  return tokens.replace(/([^{}]+)\{([^{}]*)\}/g, (block, selector, declarations) => {
    const kept = only(declarations);
    return kept ? `${selector}{${kept}}` : '';
  }).replace(/@media[^{}]*\{\}/g, '');
}

// The tokens the survey's and the chat's rules alone read (their colours, mostly) are declared
// with those rules, in parley-chat.js's sheet, under the same selectors: parley.js then carries only
// what its own panels read. A token none of the files reads stays in parley.js (a site may set it).
function chatOnlyTokens() {
  const reads = (css, token) => css.includes(`var(${token})`) || css.includes(`var(${token},`);
  const own = joined(STYLE_FILES), chat = joined(CHAT_STYLE_FILES);
  return (token) => reads(chat, token) && !reads(own, token);
}

export function parleyCss() {
  const chatOnly = chatOnlyTokens();
  return tokenBlocks((token) => !chatOnly(token)) + joined(STYLE_FILES.filter((file) => file !== 'tokens.css'));
}

export function parleyChatCss() {
  return tokenBlocks(chatOnlyTokens()) + joined(CHAT_STYLE_FILES);
}

const statement = (name, css) => `// Generated from wasm-glue/runtime/styles/*.css by inline_css.mjs: edit those.\nvar ${name} = ${JSON.stringify(css)};\n`;

// The surfaces and texts of both schemes (tokens.css: the light ones first, then the dark ones),
// for ui_styles.js's contrast checks: read here, once, rather than from the stylesheet's text on
// the visitor's main thread. A scheme that lost one fails the build.
export function parleyCssSchemes(css = parleyCss()) {
  const values = (name) => [...css.matchAll(new RegExp(`--parley-${name}:(#[0-9a-f]{3,6})`, 'gi'))].map((m) => m[1]);
  const surfaces = values('surface'), texts = values('text');
  if (surfaces.length < 2 || texts.length < 2)
    throw new Error('inline_css.mjs: tokens.css needs --parley-surface and --parley-text for both schemes');
  return { light: { surface: surfaces[0], text: texts[0] }, dark: { surface: surfaces[1], text: texts[1] } };
}

export function parleyCssScript() {
  return statement('parleyCss', parleyCss()) + `var parleyCssSchemes = ${JSON.stringify(parleyCssSchemes())};\n`;
}

export function parleyChatCssScript() {
  return statement('parleyChatCss', parleyChatCss());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(process.argv[2], process.argv[3] === 'chat' ? parleyChatCssScript() : parleyCssScript());
}
