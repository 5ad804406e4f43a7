// RFC 8785 (JCS) canonical JSON, as docs/record-format.md §2 restricts it: integers within
// ±(2^53 − 1) only, strings as ECMAScript writes them, members sorted by UTF-16 code units.

import { OddNumber } from './json.js';
import { utf8 } from './bytes.js';

const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A value with no canonical form (a fraction, a huge number…). */
export class CanonicalError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CanonicalError';
  }
}

/** JCS(value) as a string. */
export function canonical(value) {
  switch (typeof value) {
    case 'string':
      // Most strings need no escape; those that do go through ECMAScript's own writer, which
      // is RFC 8785's (also for lone surrogates).
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new CanonicalError(`the number ${value} has no canonical form: only integers within ±(2^53 − 1)`);
      }
      return String(value === 0 ? 0 : value);
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof OddNumber) {
        throw new CanonicalError(`the number ${value.text} has no canonical form: only integers within ±(2^53 − 1), written without a fraction or exponent`);
      }
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          if (i > 0) out += ',';
          out += canonical(value[i]);
        }
        return `${out}]`;
      }
      // The default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
      const names = Object.keys(value).sort();
      let out = '{';
      for (let i = 0; i < names.length; i += 1) {
        if (i > 0) out += ',';
        out += `${JSON.stringify(names[i])}:${canonical(value[names[i]])}`;
      }
      return `${out}}`;
    }
    default:
      throw new CanonicalError(`a ${typeof value} has no JSON form`);
  }
}

/** JCS(value) as UTF-8 bytes. */
export function canonicalBytes(value) {
  return utf8(canonical(value));
}
