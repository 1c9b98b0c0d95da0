// Ajv's errors as the JSON paths where the engine reports the same problems, so the schema and
// the engine's reader can be compared on one fixture (config_schema.test.mjs).
//
// Ajv (allErrors) reports a problem at the object that holds it, where the engine names the key:
// "required" and "additionalProperties" at the object, the engine at the missing or unknown key;
// "uniqueItems" at the list, the engine at the repeated entry. A failing anyOf/oneOf/not is one
// problem at its own path (the engine reports the whole value), so the errors of its branches are
// dropped, as are those under a failed propertyNames (reported at the key it names); "if" only
// says that a then/else branch failed, whose errors are kept.
import Ajv2020 from 'ajv/dist/2020.js';

// strictRequired off: "required" in an if/then branch names keys defined next to it.
export function compileSchema(schema) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  return ajv.compile(schema);
}

const WHOLE = new Set(['anyOf', 'oneOf', 'not', 'propertyNames']);

function pathOf(error) {
  const { instancePath: at, keyword, params } = error;
  if (keyword === 'required') return `${at}/${params.missingProperty}`;
  if (keyword === 'additionalProperties') return `${at}/${params.additionalProperty}`;
  if (keyword === 'propertyNames') return `${at}/${params.propertyName}`;
  if (keyword === 'uniqueItems') return `${at}/${Math.max(params.i, params.j)}`;
  return at;
}

// The sorted, distinct paths of a failed validation.
export function schemaPaths(errors) {
  const wholes = errors.filter((e) => WHOLE.has(e.keyword)).map((e) => `${e.schemaPath}/`);
  const kept = errors.filter((e) => e.keyword !== 'if' && !wholes.some((whole) => e.schemaPath.startsWith(whole)));
  return [...new Set(kept.map(pathOf))].sort();
}
