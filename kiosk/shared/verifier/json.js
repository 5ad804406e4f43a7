// A strict JSON reader for election records (docs/record-format.md §1): it refuses a member named
// twice and a byte-order mark, and it keeps apart the numbers that have no canonical form (a
// fraction, an exponent, `1.0`, anything beyond ±(2^53 − 1)), which JSON.parse would silently
// turn into ordinary numbers. A member named `__proto__` is kept as data.

/** A number of the file that has no canonical form (§2); kept as written. */
export class OddNumber {
  constructor(text) {
    this.text = text;
  }

  toString() {
    return this.text;
  }
}

/** Why a text is not JSON, or not JSON of one spelling; `path` says where, as `rounds[0].salt`. */
export class JsonError extends Error {
  constructor(path, message) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'JsonError';
    this.path = path;
    this.problem = message;
  }
}

/** A JSON path as people write it: `rounds[0].ballots[2].salt`; '' for the top. */
export function pathText(steps) {
  let text = '';
  for (const step of steps) {
    if (typeof step === 'number') text += `[${step}]`;
    else text += text ? `.${step}` : step;
  }
  return text;
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const CONTROL = /[\u0000-\u001f]/;

/** Reads `text` as JSON strictly; throws a JsonError naming the place. */
export function parseJson(text) {
  if (typeof text !== 'string') throw new JsonError('', 'the record is not text');
  if (text.charCodeAt(0) === 0xfeff) throw new JsonError('', 'the file starts with a byte-order mark');
  const path = [];
  let at = 0;

  const where = () => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return `line ${line} column ${column}`;
  };
  const fail = (message) => {
    throw new JsonError(pathText(path), `${message} at ${where()}`);
  };
  const space = () => {
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at += 1;
      else return;
    }
  };
  const string = () => {
    const start = at; // at the opening quote
    let end = text.indexOf('"', start + 1);
    if (end < 0) fail('a string that does not end');
    let slice = text.slice(start + 1, end);
    if (slice.indexOf('\\') < 0) {
      if (CONTROL.test(slice)) fail('a control character inside a string');
      at = end + 1;
      return slice;
    }
    // With escapes: find the closing quote that is not escaped, then let JSON.parse read it.
    let i = start + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) fail('a string that does not end');
      if (c === 0x5c) i += 2;
      else if (c === 0x22) break;
      else i += 1;
    }
    end = i;
    slice = text.slice(start, end + 1);
    try {
      at = end + 1;
      return JSON.parse(slice);
    } catch {
      at = start;
      return fail('a string with a bad escape or control character');
    }
  };
  const value = () => {
    space();
    const code = text.charCodeAt(at);
    if (code === 0x22) return string();
    if (code >= 0x30 && code <= 0x39) {
      // A plain non-negative integer, the commonest number: no regex needed.
      let end = at;
      while (end < text.length && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end += 1;
      const next = text.charCodeAt(end);
      if (next !== 0x2e && next !== 0x65 && next !== 0x45 && (code !== 0x30 || end === at + 1) && end - at < 16) {
        const n = Number(text.slice(at, end));
        at = end;
        return n;
      }
    }
    const c = text[at];
    if (c === '{') {
      at += 1;
      const object = {};
      space();
      if (text[at] === '}') {
        at += 1;
        return object;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail('expected a member name');
        const name = string();
        if (Object.prototype.hasOwnProperty.call(object, name)) {
          throw new JsonError(pathText(path), `the member "${name}" is given twice`);
        }
        space();
        if (text[at] !== ':') fail('expected ":"');
        at += 1;
        path.push(name);
        const member = value();
        // A member named __proto__ is data like any other, never the object's prototype.
        if (name === '__proto__') Object.defineProperty(object, name, { value: member, enumerable: true, writable: true, configurable: true });
        else object[name] = member;
        path.pop();
        space();
        if (text[at] === ',') {
          at += 1;
          continue;
        }
        if (text[at] === '}') {
          at += 1;
          return object;
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      at += 1;
      const array = [];
      space();
      if (text[at] === ']') {
        at += 1;
        return array;
      }
      for (;;) {
        path.push(array.length);
        array.push(value());
        path.pop();
        space();
        if (text[at] === ',') {
          at += 1;
          continue;
        }
        if (text[at] === ']') {
          at += 1;
          return array;
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', at)) {
      at += 4;
      return true;
    }
    if (text.startsWith('false', at)) {
      at += 5;
      return false;
    }
    if (text.startsWith('null', at)) {
      at += 4;
      return null;
    }
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (match && match[0].length > 0) {
      at += match[0].length;
      const written = match[0];
      if (INTEGER.test(written)) {
        const n = Number(written);
        if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
      }
      return new OddNumber(written);
    }
    return fail(at >= text.length ? 'the text ends too soon (EOF)' : 'expected a value');
  };

  const result = value();
  space();
  if (at < text.length) fail('more text after the JSON value');
  return result;
}
