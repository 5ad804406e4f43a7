// Ed25519 (RFC 8032) verified strictly, as docs/record-format.md §4 requires:
//   1. the public key decodes to a curve point, is its canonical encoding (y < p, no sign bit
//      when x = 0), and is not of small order;
//   2. S < L;
//   3. R decodes to a point that is not of small order;
//   4. the encoding of [S]B − [k]A equals R byte for byte (cofactorless).
// Checks 1–3 are done here with BigInt; check 4 by WebCrypto's Ed25519 where the browser has it
// (its verification is the cofactorless one and compares encodings), otherwise by the BigInt
// arithmetic below, which is also what signs when WebCrypto cannot.

import { concat, equalBytes, fromHex, toHex } from './bytes.js';
import { sha512 } from './sha.js';

const P = 2n ** 255n - 19n;
/** The order of the base point. */
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const mod = (a, m = P) => {
  const r = a % m;
  return r >= 0n ? r : r + m;
};
function pow(base, exponent, m = P) {
  let result = 1n;
  let b = mod(base, m);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}
const inverse = (a) => pow(a, P - 2n);
const D = mod(-121665n * inverse(121666n));
const D2 = mod(2n * D);
const SQRT_M1 = pow(2n, (P - 1n) / 4n);

/** A point in extended coordinates (X, Y, Z, T), x = X/Z, y = Y/Z, xy = T/Z. */
const IDENTITY = { X: 0n, Y: 1n, Z: 1n, T: 0n };

function add(p, q) {
  const a = mod((p.Y - p.X) * (q.Y - q.X));
  const b = mod((p.Y + p.X) * (q.Y + q.X));
  const c = mod(p.T * D2 * q.T);
  const d = mod(p.Z * 2n * q.Z);
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return { X: mod(e * f), Y: mod(g * h), Z: mod(f * g), T: mod(e * h) };
}

function negate(p) {
  return { X: mod(-p.X), Y: p.Y, Z: p.Z, T: mod(-p.T) };
}

function multiply(point, scalar) {
  let result = IDENTITY;
  let addend = point;
  let k = scalar;
  while (k > 0n) {
    if (k & 1n) result = add(result, addend);
    addend = add(addend, addend);
    k >>= 1n;
  }
  return result;
}

function isIdentity(p) {
  return mod(p.X) === 0n && mod(p.Y - p.Z) === 0n;
}

function littleEndian(bytes) {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}

function toLittleEndian(n, length = 32) {
  const out = new Uint8Array(length);
  let v = n;
  for (let i = 0; i < length; i += 1) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** The 32-byte encoding of a point. */
function encode(p) {
  const zi = inverse(p.Z);
  const x = mod(p.X * zi);
  const y = mod(p.Y * zi);
  const out = toLittleEndian(y);
  if (x & 1n) out[31] |= 0x80;
  return out;
}

/**
 * Decodes 32 bytes to a point (RFC 8032 §5.1.3); `{ point }`, or `{ problem }` saying why not:
 * 'noncanonical' (y ≥ p, or a sign bit with x = 0) or 'not_a_point'.
 */
export function decodePoint(bytes) {
  if (bytes.length !== 32) return { problem: 'not_a_point' };
  const sign = bytes[31] >> 7;
  const copy = Uint8Array.from(bytes);
  copy[31] &= 0x7f;
  const y = littleEndian(copy);
  if (y >= P) return { problem: 'noncanonical' };
  const y2 = (y * y) % P;
  const u = mod(y2 - 1n);
  const v = mod(D * y2 + 1n);
  const v3 = (v * v % P) * v % P;
  let x = mod(u * v3 * pow(u * v3 * v3 * v, (P - 5n) / 8n));
  const vx2 = mod(v * x * x);
  if (vx2 === u) {
    // x is a root
  } else if (vx2 === mod(-u)) {
    x = mod(x * SQRT_M1);
  } else {
    return { problem: 'not_a_point' };
  }
  if (x === 0n && sign === 1) return { problem: 'noncanonical' };
  if (Number(x & 1n) !== sign) x = P - x;
  return { point: { X: x, Y: y, Z: 1n, T: mod(x * y) } };
}

/** Whether a point is of small order (8·P is the identity). */
export function isSmallOrder(point) {
  let p = point;
  for (let i = 0; i < 3; i += 1) p = add(p, p);
  return isIdentity(p);
}

const BASE = (() => {
  const y = mod(4n * inverse(5n));
  const bytes = toLittleEndian(y);
  return decodePoint(bytes).point;
})();

/**
 * Why a public key (hex or bytes) would be refused by strict verification, or null when it is
 * fine: 'length', 'noncanonical', 'not_a_point' or 'small_order'.
 */
export function keyProblem(key) {
  let bytes;
  try {
    bytes = typeof key === 'string' ? fromHex(key) : key;
  } catch {
    return 'length';
  }
  if (bytes.length !== 32) return 'length';
  const decoded = decodePoint(bytes);
  if (decoded.problem) return decoded.problem;
  if (isSmallOrder(decoded.point)) return 'small_order';
  return null;
}

const keyProblems = new Map();
function cachedKeyProblem(hex) {
  if (!keyProblems.has(hex)) keyProblems.set(hex, keyProblem(hex));
  return keyProblems.get(hex);
}

let webCryptoEd25519;
/** Whether WebCrypto here verifies and signs Ed25519 (resolves once, then remembered). */
export function hasWebCryptoEd25519() {
  if (webCryptoEd25519 === undefined) {
    const subtle = globalThis.crypto?.subtle;
    webCryptoEd25519 = !subtle
      ? Promise.resolve(false)
      : subtle
          .importKey('raw', encode(BASE), { name: 'Ed25519' }, false, ['verify'])
          .then(() => true, () => false);
  }
  return webCryptoEd25519;
}

/** Forces the plain-JS arithmetic (for tests that compare it with WebCrypto's). */
export function useWebCrypto(on) {
  webCryptoEd25519 = Promise.resolve(Boolean(on) && Boolean(globalThis.crypto?.subtle));
}

const importedKeys = new Map();

/**
 * Verifies `signature` (hex or 64 bytes) of `message` (bytes) by `publicKey` (hex or 32 bytes)
 * strictly; resolves to `{ ok: true }` or `{ ok: false, problem }` where problem is one of
 * 'length', 'noncanonical', 'not_a_point', 'small_order' (of the key), 's_not_reduced',
 * 'r_not_a_point', 'r_small_order', 'equation'.
 */
export async function verifyStrict(publicKey, message, signature) {
  const keyHex = typeof publicKey === 'string' ? publicKey : toHex(publicKey);
  const problem = cachedKeyProblem(keyHex);
  if (problem) return { ok: false, problem };
  let sig;
  try {
    sig = typeof signature === 'string' ? fromHex(signature) : signature;
  } catch {
    return { ok: false, problem: 'length' };
  }
  if (sig.length !== 64) return { ok: false, problem: 'length' };
  const rBytes = sig.subarray(0, 32);
  const s = littleEndian(sig.subarray(32));
  if (s >= L) return { ok: false, problem: 's_not_reduced' };
  const r = decodePoint(rBytes);
  if (r.problem) return { ok: false, problem: 'r_not_a_point' };
  if (isSmallOrder(r.point)) return { ok: false, problem: 'r_small_order' };
  const keyBytes = fromHex(keyHex);
  let holds;
  if (await hasWebCryptoEd25519()) {
    const subtle = globalThis.crypto.subtle;
    if (!importedKeys.has(keyHex)) {
      importedKeys.set(keyHex, subtle.importKey('raw', keyBytes, { name: 'Ed25519' }, false, ['verify']));
    }
    holds = await subtle.verify({ name: 'Ed25519' }, await importedKeys.get(keyHex), sig, message);
  } else {
    const a = decodePoint(keyBytes).point;
    const k = mod(littleEndian(await sha512(concat(rBytes, keyBytes, message))), L);
    const check = add(multiply(BASE, s), negate(multiply(a, k)));
    holds = equalBytes(encode(check), rBytes);
  }
  return holds ? { ok: true } : { ok: false, problem: 'equation' };
}

function clamp(bytes) {
  const a = Uint8Array.from(bytes.subarray(0, 32));
  a[0] &= 248;
  a[31] &= 127;
  a[31] |= 64;
  return littleEndian(a);
}

/** The public key (32 bytes) of a 32-byte secret seed (RFC 8032 §5.1.5), in plain JS. */
export async function publicKeyOfSeed(seed) {
  const h = await sha512(seed);
  return encode(multiply(BASE, clamp(h)));
}

/** An Ed25519 signature (64 bytes) of `message` with a 32-byte secret seed, in plain JS. */
export async function signWithSeed(seed, message) {
  const h = await sha512(seed);
  const a = clamp(h);
  const publicKey = encode(multiply(BASE, a));
  const r = mod(littleEndian(await sha512(concat(h.subarray(32), message))), L);
  const rBytes = encode(multiply(BASE, r));
  const k = mod(littleEndian(await sha512(concat(rBytes, publicKey, message))), L);
  const s = mod(r + k * a, L);
  return concat(rBytes, toLittleEndian(s));
}

/** SHA-256 fingerprint helper lives in verify.js; the key problems in words: */
export const KEY_PROBLEMS = {
  length: 'is not 32 bytes',
  noncanonical: 'is not the canonical encoding of its point',
  not_a_point: 'is not a point of the curve',
  small_order: 'is of small order: a signature by it proves nothing',
};
