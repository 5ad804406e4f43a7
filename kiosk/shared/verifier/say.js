// How the verifier says a check or a failure to people: a key of the translation table
// (kiosk/shared/strings/verifier.js) and its parameters, beside the English sentence that
// `ballotbox verify --json` gives. A parameter is data (a name, a number, a hash), a list of
// them, or itself a translation: { key, params }, or { key, raw } for a name the record chose
// (an electorate, a style), which a page shows as it is when the table does not know it.

import { grouped } from './bytes.js';

/** What a check or failure says: the key under `verifier.` and its parameters. */
export function say(key, params = {}) {
  return { key: `verifier.${key}`, params };
}

/** `value` as the translation `prefix` + `value` (the prefix ending in a dot), or as it is written when the table lacks it. */
export function listed(prefix, value) {
  return { key: `${prefix}${value}`, raw: String(value) };
}

/** Items that are clauses in their own right, which a language lists with semicolons. */
export function clauses(items) {
  return { clauses: items };
}

/** A person named in a message: by name, with their delegate number, or as written in. */
export function person(name, id) {
  if (typeof id === 'string' && id !== '' && !id.startsWith('~')) return say('person', { name, id });
  return say('person.writtenIn', { name });
}

/** An electorate of the record (`all`, `female`, `plenary`…) as people call it. */
export function electorateSay(id) {
  return listed('electorate.', id);
}

/** A ballot-order method of the profile (`surname_strokes`, `name_strokes`). */
export function methodSay(method) {
  return listed('verifier.method.', method);
}

/** The words of a key problem (ed25519.js KEY_PROBLEMS). */
export function keyProblemSay(problem) {
  return { key: `verifier.keyProblem.${problem}` };
}

/** What is wrong with a name that cannot be read (../names.js `readName`). */
export function nameSay(read) {
  return { key: `verifier.name.${read.error}`, params: { character: read.character ?? '', max: read.max ?? 0 } };
}

/** A hash as people read it in a message: in groups of four. */
export function hashWords(hex) {
  return typeof hex === 'string' ? grouped(hex) : String(hex);
}
