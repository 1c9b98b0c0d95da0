// Parley's config schema (config_model.mjs) as TypeScript declarations: one exported type per
// $defs entry and `ParleyConfig` for the root. Understands the subset the model uses: $ref,
// const, enum, type, properties/required/additionalProperties, items, anyOf (a union when it is
// the whole value), allOf (an intersection, likewise), if/then/else on a value's type (the union
// of both branches) and x-ts.
// Constraints TypeScript cannot say (patterns, ranges, "one operator per test") stay in the schema.

const identifier = /^[A-Za-z_$][\w$]*$/;

const literal = (value) => (typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value));

function doc(node, pad) {
  let text = node.description ?? '';
  if (node.default !== undefined) text += `${text && !/[.!?]$/.test(text) ? '.' : ''} Default: ${JSON.stringify(node.default)}.`;
  text = text.trim();
  return text ? `${pad}/** ${text.replace(/\*\//g, '*\\/')} */\n` : '';
}

const isObjectType = (node) => node.type === 'object' || node.properties !== undefined;

const union = (members) => [...new Set(members)].join(' | ');

// The branches of a value that is a choice as a whole, or null.
function branchesOf(node) {
  if (!node || typeof node !== 'object' || node.type || node.properties) return null;
  if (node.anyOf) return node.anyOf;
  if (node.if && (node.then || node.else)) return [node.then, node.else].filter(Boolean);
  return null;
}

function objectType(node, pad) {
  const inner = `${pad}  `;
  const required = new Set(node.required ?? []);
  const lines = Object.entries(node.properties ?? {}).map(([key, value]) => {
    const name = identifier.test(key) ? key : literal(key);
    return `${doc(value, inner)}${inner}${name}${required.has(key) ? '' : '?'}: ${typeOf(value, inner)};`;
  });
  if (node.additionalProperties && node.additionalProperties !== true)
    lines.push(`${inner}[name: string]: ${typeOf(node.additionalProperties, inner)};`);
  return lines.length ? `{\n${lines.join('\n')}\n${pad}}` : '{}';
}

export function typeOf(node, pad = '') {
  if (node === false) return 'never';
  if (node === true || node === undefined) return 'unknown';
  const custom = node['x-ts'];
  if (typeof custom === 'string') return custom;
  if (custom) return typeOf(custom, pad);
  if (node.$ref) return node.$ref.split('/').pop();
  if (node.const !== undefined) return literal(node.const);
  if (node.enum) return node.enum.map(literal).join(' | ');
  const branches = branchesOf(node);
  if (branches) return union(branches.map((branch) => typeOf(branch, pad)));
  if (node.allOf && !node.type && !node.properties) return node.allOf.map((part) => typeOf(part, pad)).join(' & ');
  if (Array.isArray(node.type)) return union(node.type.map((type) => typeOf({ type }, pad)));
  if (isObjectType(node)) return objectType(node, pad);
  if (node.type === 'array') {
    const item = typeOf(node.items, pad);
    return identifier.test(item) ? `${item}[]` : `Array<${item}>`;
  }
  return node.type ?? 'unknown';
}

function declaration(name, node) {
  const resolved = typeof node['x-ts'] === 'object' ? node['x-ts'] : node;
  const branches = typeof node['x-ts'] === 'string' ? null : branchesOf(resolved);
  if (branches && branches.length > 1) {
    const members = [...new Set(branches.map((branch) => typeOf(branch, '  ')))];
    return `${doc(node, '')}export type ${name} =\n${members.map((m) => `  | ${m}`).join('\n')};`;
  }
  const body = typeOf(node, '');
  if (body.startsWith('{') && resolved === node && isObjectType(node)) return `${doc(node, '')}export interface ${name} ${body}`;
  return `${doc(node, '')}export type ${name} = ${body};`;
}

// The declarations of every $defs entry, then ParleyConfig for the root.
export function toTypeScript(schema) {
  const { $defs, ...root } = schema;
  const parts = Object.entries($defs).map(([name, node]) => declaration(name, node));
  parts.push(declaration('ParleyConfig', root));
  return `${parts.join('\n\n')}\n`;
}
