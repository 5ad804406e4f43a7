// The group Ristretto255 (RFC 9496) and its scalars: decoding that refuses every non-canonical
// string, encoding, the group law, and the scalar multiplications the sealed ballots need fast
// (docs/sealed-ballots.md §1).
//
// A point is held as an Edwards point in extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z,
// x·y = T/Z, on the curve −x² + y² = 1 + d·x²·y² (Hisil–Wong–Carter–Dawson 2008; the formulas
// are those of curve25519-dalek). Ristretto's points are classes of four Edwards points; the
// encoding picks one, and equality is tested on the class (RFC 9496 §4.5).
//
// Speed comes from three kinds of multiplication:
//   - `FixedBase`, for a point used many times (the generator G, the joint key K): tables of
//     j·256^i·P in affine form, so that k·P is 32 mixed additions and no doubling;
//   - `Point.multiply`, for a point used once: width-5 non-adjacent form, 253 doublings and
//     about 42 additions;
//   - `multiScalar`, Σ k_i·P_i: Straus's interleaving for a few points, Pippenger's buckets for
//     many (the batched proofs of §4.3 weigh hundreds of ciphertexts).
//
// Not constant-time: BigInt arithmetic cannot be (field.js says why that is acceptable here).

import * as F from './field.js';
import { toHex, fromHex } from '../verifier/bytes.js';

// ---- Scalars ----

/** The group's order ℓ = 2^252 + 27742317777372353535851937790883648493. */
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;

/** k mod ℓ, in 0 … ℓ − 1. */
export function modL(k) {
  const r = k % L;
  return r < 0n ? r + L : r;
}

/** The integer of little-endian bytes (any length). */
export function littleEndian(bytes) {
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i -= 1) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** A scalar as 32 bytes, little-endian (§1). */
export function scalarToBytes(k) {
  const hex = modL(k).toString(16).padStart(64, '0');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i += 1) out[i] = parseInt(hex.slice(62 - 2 * i, 64 - 2 * i), 16);
  return out;
}

/** A scalar's 32 bytes read back; throws on a value ≥ ℓ (§1: the encoding must be canonical). */
export function scalarFromBytes(bytes) {
  if (bytes.length !== 32) throw new Error('a scalar is 32 bytes');
  const k = littleEndian(bytes);
  if (k >= L) throw new Error('a scalar must be below the group order');
  return k;
}

/** 64 bytes read as a little-endian integer and reduced modulo ℓ (§1, §2, §10). */
export function scalarFromWide(bytes) {
  if (bytes.length !== 64) throw new Error('a wide scalar is 64 bytes');
  return littleEndian(bytes) % L;
}

/** A scalar as 64 lowercase hex digits. */
export function scalarToHex(k) {
  return toHex(scalarToBytes(k));
}

/** A scalar from 64 lowercase hex digits; throws on anything else, or a value ≥ ℓ. */
export function scalarFromHex(hex) {
  if (!isLowerHex64(hex)) throw new Error('a scalar is 64 lowercase hex digits');
  return scalarFromBytes(fromHex(hex));
}

/** 1/k mod ℓ (k ≠ 0), by Fermat. */
export function invertScalar(k) {
  let result = 1n;
  let base = modL(k);
  let e = L - 2n;
  while (e > 0n) {
    if (e & 1n) result = (result * base) % L;
    base = (base * base) % L;
    e >>= 1n;
  }
  return result;
}

function isLowerHex64(text) {
  return typeof text === 'string' && /^[0-9a-f]{64}$/.test(text);
}

// ---- Points ----

/** A Ristretto255 point. Immutable; its encoding is computed once, when first asked for. */
export class Point {
  constructor(X, Y, Z, T) {
    this.X = X;
    this.Y = Y;
    this.Z = Z;
    this.T = T;
    this.encoded = null;
  }

  /**
   * Decodes 32 bytes (RFC 9496 §4.3.1); throws on any string that is not the canonical encoding
   * of a point.
   */
  static fromBytes(bytes) {
    if (!(bytes instanceof Uint8Array) || bytes.length !== 32) throw new Error('a point is 32 bytes');
    const s = F.fromBytes(bytes);
    if (s >= F.P || (s & 1n) === 1n) throw new Error('not a canonical ristretto255 encoding');
    const ss = F.sqr(s);
    const u1 = 1n - ss;
    const u2 = 1n + ss;
    const u2Squared = F.sqr(u2);
    const v = -F.mul(F.D, F.sqr(u1)) - u2Squared;
    const { wasSquare, root: invsqrt } = F.sqrtRatioM1(1n, F.mul(v, u2Squared));
    const denX = F.mul(invsqrt, u2);
    const denY = F.mul(F.mul(invsqrt, denX), v);
    const x = F.abs(F.mul(2n * s, denX));
    const y = F.canonical(F.mul(u1, denY));
    const t = F.canonical(F.mul(x, y));
    if (!wasSquare || (t & 1n) === 1n || y === 0n) throw new Error('not a ristretto255 point');
    const point = new Point(x, y, 1n, t);
    point.encoded = Uint8Array.from(bytes);
    return point;
  }

  /** Decodes 64 lowercase hex digits; throws on anything else or a string that does not decode. */
  static fromHex(hex) {
    if (!isLowerHex64(hex)) throw new Error('a point is 64 lowercase hex digits');
    return Point.fromBytes(fromHex(hex));
  }

  /** The 32-byte canonical encoding (RFC 9496 §4.3.2). Do not modify the array. */
  toBytes() {
    if (this.encoded === null) this.encoded = encode(this);
    return this.encoded;
  }

  /** The encoding as 64 lowercase hex digits. */
  toHex() {
    return toHex(this.toBytes());
  }

  toJSON() {
    return this.toHex();
  }

  /** Whether two points are equal in the group (RFC 9496 §4.5). */
  equals(other) {
    return (
      F.equal(F.mul(this.X, other.Y), F.mul(this.Y, other.X)) ||
      F.equal(F.mul(this.Y, other.Y), F.mul(this.X, other.X))
    );
  }

  /** Whether this is the identity O (whose encoding is 32 zero bytes). */
  isIdentity() {
    return F.isZero(this.X) || F.isZero(this.Y);
  }

  /** this + other. */
  add(other) {
    return addCached(this, cached(other), 1);
  }

  /** this − other. */
  subtract(other) {
    return addCached(this, cached(other), -1);
  }

  /** −this. */
  negate() {
    return new Point(-this.X, this.Y, this.Z, -this.T);
  }

  /** 2·this. */
  double() {
    return double(this);
  }

  /**
   * k·this for a scalar k (any integer; reduced modulo ℓ): by this point's tables when it has
   * them (`fixedBase`), otherwise by width-5 NAF.
   */
  multiply(k) {
    const table = fixedBases.get(this);
    return table ? table.multiply(k) : multiplyNaf(this, modL(k));
  }
}

/** The identity O. */
export const IDENTITY = new Point(0n, 1n, 1n, 0n);

/** The generator G (RFC 9496 §4.4): the Ed25519 base point's class. */
export const G = Point.fromHex('e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76');

function encode(p) {
  const { X, Y, Z, T } = p;
  const u1 = F.mul(Z + Y, Z - Y);
  const u2 = F.mul(X, Y);
  const { root: invsqrt } = F.sqrtRatioM1(1n, F.mul(u1, F.sqr(u2)));
  const den1 = F.mul(invsqrt, u1);
  const den2 = F.mul(invsqrt, u2);
  const zInv = F.mul(F.mul(den1, den2), T);
  const rotate = F.isNegative(F.mul(T, zInv));
  const x = rotate ? F.mul(Y, F.SQRT_M1) : X;
  let y = rotate ? F.mul(X, F.SQRT_M1) : Y;
  const denInv = rotate ? F.mul(den1, F.INVSQRT_A_MINUS_D) : den2;
  if (F.isNegative(F.mul(x, zInv))) y = -y;
  return F.toBytes(F.abs(F.mul(denInv, Z - y)));
}

// ---- The group law ----

/**
 * A point prepared to be added: (Y + X, Y − X, Z, 2d·T), dalek's "projective Niels" form, or
 * with Z = 1 the affine form of the tables (then `z` is 1n and the multiplication by it is
 * skipped).
 */
class Cached {
  constructor(yPlusX, yMinusX, z, t2d) {
    this.yPlusX = yPlusX;
    this.yMinusX = yMinusX;
    this.z = z;
    this.t2d = t2d;
  }
}

function cached(p) {
  return new Cached(p.Y + p.X, p.Y - p.X, p.Z, F.mul(p.T, F.D2));
}

/** p + sign·q, q prepared (complete: no exceptional cases, identity included). */
function addCached(p, q, sign) {
  const pp = F.mul(p.Y + p.X, sign > 0 ? q.yPlusX : q.yMinusX);
  const mm = F.mul(p.Y - p.X, sign > 0 ? q.yMinusX : q.yPlusX);
  const tt = F.mul(p.T, q.t2d);
  const zz = q.z === 1n ? p.Z : F.mul(p.Z, q.z);
  const zz2 = zz + zz;
  // The completed point (x, y, z, t), then back to extended coordinates.
  const x = pp - mm;
  const y = pp + mm;
  const z = sign > 0 ? zz2 + tt : zz2 - tt;
  const t = sign > 0 ? zz2 - tt : zz2 + tt;
  return new Point(F.mul(x, t), F.mul(y, z), F.mul(z, t), F.mul(x, y));
}

function double(p) {
  const xx = F.sqr(p.X);
  const yy = F.sqr(p.Y);
  const zz2 = 2n * F.sqr(p.Z);
  const xPlusYSquared = F.sqr(p.X + p.Y);
  const yyPlusXX = yy + xx;
  const yyMinusXX = yy - xx;
  const x = xPlusYSquared - yyPlusXX;
  const t = zz2 - yyMinusXX;
  return new Point(F.mul(x, t), F.mul(yyPlusXX, yyMinusXX), F.mul(yyMinusXX, t), F.mul(x, yyPlusXX));
}

/** Points to affine prepared form, with one field inversion for all (Montgomery's trick). */
function toAffineCached(points) {
  const n = points.length;
  const prefix = new Array(n);
  let acc = 1n;
  for (let i = 0; i < n; i += 1) {
    prefix[i] = acc;
    acc = F.mul(acc, points[i].Z);
  }
  let inv = F.invert(acc);
  const out = new Array(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    const zInv = F.mul(inv, prefix[i]);
    inv = F.mul(inv, points[i].Z);
    const x = F.canonical(F.mul(points[i].X, zInv));
    const y = F.canonical(F.mul(points[i].Y, zInv));
    out[i] = new Cached(y + x, y - x, 1n, F.mul(F.mul(x, y), F.D2));
  }
  return out;
}

// ---- Scalar multiplication ----

/**
 * The signed digits of k in radix 2^w: k = Σ d_i·2^(w·i) with −2^(w−1) ≤ d_i < 2^(w−1), in
 * `count` digits (k < ℓ < 2^253 always fits in floor(253/w) + 1 of them).
 */
function signedDigits(k, w, count) {
  const digits = new Int16Array(count);
  const radix = 1 << w;
  const half = radix >> 1;
  const mask = BigInt(radix - 1);
  const width = BigInt(w);
  let rest = k;
  let carry = 0;
  for (let i = 0; i < count; i += 1) {
    const d = Number(rest & mask) + carry;
    rest >>= width;
    if (d >= half) {
      digits[i] = d - radix;
      carry = 1;
    } else {
      digits[i] = d;
      carry = 0;
    }
  }
  return digits;
}

/**
 * A point used for many multiplications, with its tables: for each window i and 1 ≤ j ≤ 2^(w−1),
 * j·2^(w·i)·P in affine form. With w = 8 that is 32 × 128 points (built in tens of
 * milliseconds), and each multiplication is 32 mixed additions.
 */
export class FixedBase {
  constructor(point, w = 8) {
    this.point = point;
    this.w = w;
    this.windows = Math.floor(253 / w) + 1;
    const half = 1 << (w - 1);
    const all = [];
    let base = point;
    for (let i = 0; i < this.windows; i += 1) {
      const step = cached(base);
      let multiple = base;
      all.push(multiple);
      for (let j = 2; j <= half; j += 1) {
        multiple = addCached(multiple, step, 1);
        all.push(multiple);
      }
      base = double(multiple); // 2·2^(w−1)·base = 2^w·base
    }
    this.table = toAffineCached(all);
    this.half = half;
  }

  /** k·P for a scalar k (reduced modulo ℓ first). */
  multiply(k) {
    const digits = signedDigits(modL(k), this.w, this.windows);
    let acc = IDENTITY;
    for (let i = 0; i < this.windows; i += 1) {
      const d = digits[i];
      if (d > 0) acc = addCached(acc, this.table[i * this.half + d - 1], 1);
      else if (d < 0) acc = addCached(acc, this.table[i * this.half - d - 1], -1);
    }
    return acc;
  }
}

const fixedBases = new WeakMap();

/**
 * The tables of `point`, made on first use and kept as long as the point is: for G and for a
 * congress's joint key K. Only worth it for a point multiplied many times.
 */
export function fixedBase(point) {
  let table = fixedBases.get(point);
  if (!table) {
    table = new FixedBase(point);
    fixedBases.set(point, table);
  }
  return table;
}

/** k·G, by G's tables. */
export function baseMultiply(k) {
  return fixedBase(G).multiply(k);
}

const NAF_WIDTH = 5;

/** The width-w non-adjacent form of k < 2^256: 257 digits, odd or 0, |d| < 2^(w−1). */
function nonAdjacentForm(k, w) {
  const bits = new Uint8Array(256 + w + 1);
  const binary = k.toString(2);
  for (let i = 0; i < binary.length; i += 1) bits[binary.length - 1 - i] = binary.charCodeAt(i) - 48;
  const naf = new Int8Array(257);
  const width = 1 << w;
  let carry = 0;
  let pos = 0;
  while (pos < 256) {
    let window = carry;
    for (let b = 0; b < w; b += 1) window += bits[pos + b] << b;
    if ((window & 1) === 0) {
      // An even window makes a zero digit. The carry stays: with a carry of 1 an even window
      // means this bit is 1, so 1 + 1 carries on to the next bit.
      pos += 1;
      continue;
    }
    if (window < width / 2) {
      carry = 0;
      naf[pos] = window;
    } else {
      carry = 1;
      naf[pos] = window - width;
    }
    pos += w;
  }
  return naf;
}

/** Odd multiples P, 3P, …, (2^(w−1) − 1)P, prepared. */
function oddMultiples(p, w) {
  const out = [cached(p)];
  const twice = cached(double(p));
  let last = p;
  for (let i = 1; i < 1 << (w - 2); i += 1) {
    last = addCached(last, twice, 1);
    out.push(cached(last));
  }
  return out;
}

function multiplyNaf(p, k) {
  return straus([k], [p]);
}

/**
 * Σ k_i·P_i by Straus's method: one chain of doublings, each point's width-5 NAF digits added
 * along it.
 */
function straus(scalars, points) {
  const nafs = scalars.map((k) => nonAdjacentForm(k, NAF_WIDTH));
  const tables = points.map((p) => oddMultiples(p, NAF_WIDTH));
  let top = 256;
  while (top >= 0 && nafs.every((naf) => naf[top] === 0)) top -= 1;
  let acc = IDENTITY;
  for (let i = top; i >= 0; i -= 1) {
    acc = double(acc);
    for (let j = 0; j < nafs.length; j += 1) {
      const d = nafs[j][i];
      if (d > 0) acc = addCached(acc, tables[j][d >> 1], 1);
      else if (d < 0) acc = addCached(acc, tables[j][-d >> 1], -1);
    }
  }
  return acc;
}

/**
 * Σ k_i·P_i by Pippenger's buckets, in signed radix 2^c: each window costs one addition per
 * point and 2^c to sum its buckets.
 */
function pippenger(scalars, points) {
  const n = points.length;
  const c = n < 200 ? 6 : n < 1200 ? 7 : 8;
  const windows = Math.floor(253 / c) + 1;
  const half = 1 << (c - 1);
  const digits = scalars.map((k) => signedDigits(k, c, windows));
  const prepared = points.map(cached);
  let acc = IDENTITY;
  for (let win = windows - 1; win >= 0; win -= 1) {
    for (let i = 0; i < c; i += 1) acc = double(acc);
    const buckets = new Array(half).fill(null);
    for (let i = 0; i < n; i += 1) {
      const d = digits[i][win];
      if (d === 0) continue;
      const at = Math.abs(d) - 1;
      buckets[at] = addCached(buckets[at] ?? IDENTITY, prepared[i], d > 0 ? 1 : -1);
    }
    // Σ j·bucket_j as a running sum from the top.
    let running = IDENTITY;
    let total = IDENTITY;
    for (let j = half - 1; j >= 0; j -= 1) {
      if (buckets[j] !== null) running = running.add(buckets[j]);
      total = total.add(running);
    }
    acc = acc.add(total);
  }
  return acc;
}

/** Σ k_i·P_i for scalars k_i (reduced modulo ℓ) and points P_i. */
export function multiScalar(scalars, points) {
  if (scalars.length !== points.length) throw new Error('as many scalars as points');
  const reduced = scalars.map(modL);
  return points.length < 24 ? straus(reduced, points) : pippenger(reduced, points);
}

/** a·G + b·P: G's part from its tables, P's by NAF (the verifier's z·G − c·X). */
export function doubleMultiply(a, b, p) {
  return baseMultiply(a).add(p.multiply(b));
}

/** m·G for a small integer m (exponential ElGamal's encoding of a count, §1). */
export function small(m) {
  return baseMultiply(BigInt(m));
}
