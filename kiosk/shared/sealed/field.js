// The field of integers modulo p = 2^255 − 19, on which Ristretto255 is built (RFC 9496 §4.1),
// as BigInt.
//
// Values are kept *loosely* reduced: the result of `mul` is congruent to the true product and
// lies in (−2^100, 2^255), and sums and differences of such values are used as they are, without
// reducing, because a BigInt multiplication does not care and every reduction costs time. Only
// `canonical` gives the representative in 0 … p − 1, and everything that compares, tests a sign
// or writes bytes goes through it. Reducing a product by folding twice (2^255 ≡ 19) is about a
// third faster in V8 than `%`.
//
// None of this is constant-time, and with BigInt it cannot be: the time of an operation depends
// on the values. The kiosk that uses it is a supervised device that one voter uses at a time,
// and no other code runs on it to measure it (docs/sealed-ballots.md does not ask for more).

/** The field's prime, 2^255 − 19. */
export const P = 2n ** 255n - 19n;

const LOW = (1n << 255n) - 1n;

/** a·b, loosely reduced (see the top of this file); inputs up to about 2^300 in magnitude. */
export function mul(a, b) {
  const x = a * b;
  const y = (x & LOW) + (x >> 255n) * 19n;
  return (y & LOW) + (y >> 255n) * 19n;
}

/** a², loosely reduced. */
export function sqr(a) {
  return mul(a, a);
}

/** a^(2^n): n squarings. */
export function sqrN(a, n) {
  let x = a;
  for (let i = 0; i < n; i += 1) x = mul(x, x);
  return x;
}

/** The representative of `a` in 0 … p − 1. */
export function canonical(a) {
  const r = a % P;
  return r < 0n ? r + P : r;
}

/** Whether a ≡ b (mod p). */
export function equal(a, b) {
  return canonical(a - b) === 0n;
}

/** Whether a ≡ 0 (mod p). */
export function isZero(a) {
  return canonical(a) === 0n;
}

/** RFC 9496 §4.1 IS_NEGATIVE: the canonical value is odd. */
export function isNegative(a) {
  return (canonical(a) & 1n) === 1n;
}

/** RFC 9496 §4.1 CT_ABS: a or −a, whichever is not negative (canonical). */
export function abs(a) {
  const r = canonical(a);
  return r & 1n ? P - r : r;
}

/**
 * (x^(2^250 − 1), x^11): the common prefix of inversion and of x^((p − 5)/8), by the addition
 * chain of curve25519-dalek (`pow22501`): 254 squarings and 11 multiplications.
 */
function pow22501(x) {
  const t0 = sqr(x); // 2
  const t1 = mul(x, sqrN(t0, 2)); // 9
  const t2 = mul(t0, t1); // 11
  const t3 = mul(t1, sqr(t2)); // 2^5 − 1
  const t4 = mul(sqrN(t3, 5), t3); // 2^10 − 1
  const t5 = mul(sqrN(t4, 10), t4); // 2^20 − 1
  const t6 = mul(sqrN(t5, 20), t5); // 2^40 − 1
  const t7 = mul(sqrN(t6, 10), t4); // 2^50 − 1
  const t8 = mul(sqrN(t7, 50), t7); // 2^100 − 1
  const t9 = mul(sqrN(t8, 100), t8); // 2^200 − 1
  const t10 = mul(sqrN(t9, 50), t7); // 2^250 − 1
  return [t10, t2];
}

/** 1/a (mod p), as a^(p − 2); 0 for 0. */
export function invert(a) {
  const [t, x11] = pow22501(a);
  return mul(sqrN(t, 5), x11); // 2^255 − 32 + 11 = p − 2
}

/** a^((p − 5)/8) = a^(2^252 − 3). */
function powP58(a) {
  const [t] = pow22501(a);
  return mul(sqrN(t, 2), a);
}

/** √−1 (mod p), the non-negative one. */
export const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;

/**
 * RFC 9496 §4.2 SQRT_RATIO_M1(u, v): `{ wasSquare, root }` with root = √(u/v) when u/v is a
 * square, √(i·u/v) otherwise; root is canonical and not negative.
 */
export function sqrtRatioM1(u, v) {
  const v3 = mul(sqr(v), v);
  const v7 = mul(sqr(v3), v);
  let r = mul(mul(u, v3), powP58(mul(u, v7)));
  const check = canonical(mul(v, sqr(r)));
  const uc = canonical(u);
  const correct = check === uc;
  const flipped = check === canonical(-uc);
  const flippedI = check === canonical(mul(-uc, SQRT_M1));
  if (flipped || flippedI) r = mul(r, SQRT_M1);
  return { wasSquare: correct || flipped, root: abs(r) };
}

/** The curve's d = −121665/121666. */
export const D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;
/** 2·d. */
export const D2 = canonical(2n * D);
/** RFC 9496 §4.1 INVSQRT_A_MINUS_D = 1/√(a − d) with a = −1. */
export const INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578n;

/** The 32-byte little-endian encoding of a field element (canonical). */
export function toBytes(a) {
  const out = new Uint8Array(32);
  let v = canonical(a);
  for (let i = 0; i < 32; i += 1) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** The integer of 32 little-endian bytes (not reduced: the caller checks it is below p). */
export function fromBytes(bytes) {
  let n = 0n;
  for (let i = 31; i >= 0; i -= 1) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}
