// Receipts computed independently of the server: a receipt is SHA-256 of a zero byte and the
// ballot's RFC 8785 (JCS) form, as docs/record-format.md and src/record/ specify.

import { createHash, randomInt } from 'node:crypto';
import { CHECK_SYMBOLS, DATA_SYMBOLS, checkValue, groupCode } from '../../../kiosk/shared/cardcode.js';

/** RFC 8785 for the values ballots hold: objects, arrays, strings, integers. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    // JCS sorts keys by UTF-16 code units, which is what the default sort compares.
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The receipt (leaf hash, hex) of a logged ballot. */
export function receiptOf(ballot) {
  return createHash('sha256').update(Buffer.from([0])).update(canonical(ballot), 'utf8').digest('hex');
}

/** A well-formed card code that was never printed: its check symbol holds. */
export function unprintedCode() {
  const values = Array.from({ length: 20 }, () => randomInt(32));
  return groupCode(values.map((v) => DATA_SYMBOLS[v]).join('') + CHECK_SYMBOLS[checkValue(values)]);
}

/** The code with one data symbol changed to another: a typo the check symbol catches. */
export function withTypo(code, at = 6) {
  const symbols = [...code];
  const position = symbols.findIndex((c, i) => i >= at && c !== '-');
  const old = symbols[position];
  symbols[position] = DATA_SYMBOLS[(DATA_SYMBOLS.indexOf(old) + 1) % 32];
  return symbols.join('');
}
