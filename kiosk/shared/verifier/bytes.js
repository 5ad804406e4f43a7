// Bytes, hex and text: the small conversions every other verifier module needs.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const encoder = new TextEncoder();

/** The UTF-8 bytes of a string. */
export function utf8(text) {
  return encoder.encode(text);
}

/** Lowercase hex of bytes. */
export function toHex(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) out += HEX[bytes[i]];
  return out;
}

/** The bytes of an even-length hex string (either case); throws on anything else. */
export function fromHex(hex) {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new Error('not hex');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Whether `text` is exactly `digits` lowercase hex digits. */
export function isLowerHex(text, digits) {
  return typeof text === 'string' && text.length === digits && /^[0-9a-f]*$/.test(text);
}

/** Hex in groups of four, as the minutes print a hash: "36e8 7c74 …". */
export function grouped(hex) {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Bytes joined: a || b || … */
export function concat(...parts) {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Whether two byte strings are equal. */
export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A receipt or hash as typed by a person: spaces, dashes and either case allowed between the
 * digits; resolves to 64 lowercase hex digits, or null when it is not that.
 */
export function readDigest(text) {
  if (typeof text !== 'string') return null;
  const digits = text.replace(/[\s\-\u3000]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(digits) ? digits : null;
}
