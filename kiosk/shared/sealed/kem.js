// Encrypting bytes to a public point (docs/sealed-ballots.md §5.1): an ElGamal KEM on
// Ristretto255, HKDF-SHA256 and AES-256-GCM, all by WebCrypto. A trustee's share travels this
// way to the trustee's transport key, and a write-in name to the joint key.

import { concat, fromHex, toHex, utf8 } from '../verifier/bytes.js';
import { Point, baseMultiply } from './ristretto.js';
import { DOMAIN, encodeItems } from './transcript.js';

const subtle = globalThis.crypto?.subtle;
const NONCE = new Uint8Array(12); // every key is used once (§5.1)

/**
 * HKDF-SHA256(salt = DOMAIN, IKM = enc(S) || enc(U), info = purpose): the 32 bytes of a box's
 * key. A secret: the caller clears it (the test vectors show one, of a write-in already read).
 */
export async function boxKeyBytes(shared, header, purpose) {
  if (!subtle) throw new Error('sealed ballots need WebCrypto (a secure context)');
  const ikm = concat(shared.toBytes(), header.toBytes());
  const material = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  ikm.fill(0);
  const bits = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: utf8(DOMAIN), info: utf8(purpose) }, material, 256);
  return new Uint8Array(bits);
}

/** The AES-256-GCM key of a shared point S and header U for `purpose`. */
async function boxKey(shared, header, purpose) {
  const raw = await boxKeyBytes(shared, header, purpose);
  const key = await subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
  return key;
}

/**
 * `plaintext` encrypted to the point `recipient` for `purpose` (ASCII) under `ctx` (items, the
 * associated data): `{ header: U, box }`, box being the ciphertext and its 16-byte tag.
 */
export async function seal(plaintext, recipient, purpose, ctx, rng) {
  return sealWith(await rng.scalar(), plaintext, recipient, purpose, ctx);
}

/**
 * As `seal`, with the KEM's secret `u` given: for a write-in, whose kiosk proves knowledge of u
 * for the header U = u·G (§7 `name_proof`).
 */
export async function sealWith(u, plaintext, recipient, purpose, ctx) {
  const header = baseMultiply(u);
  const key = await boxKey(recipient.multiply(u), header, purpose);
  const box = await subtle.encrypt({ name: 'AES-GCM', iv: NONCE, additionalData: encodeItems(ctx), tagLength: 128 }, key, plaintext);
  return { header, box: new Uint8Array(box) };
}

/**
 * The plaintext of `sealed` given the shared point S (= u·E = e·U): a write-in is read with S
 * from the combined partial decryptions of U (§9). Throws when the tag does not check.
 */
export async function openWithShared(sealed, shared, purpose, ctx) {
  const key = await boxKey(shared, sealed.header, purpose);
  try {
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: NONCE, additionalData: encodeItems(ctx), tagLength: 128 }, key, sealed.box));
  } catch {
    throw new Error('the box does not open: wrong key, context or purpose, or altered');
  }
}

/** The plaintext of `sealed` opened with the recipient's secret `e` (S = e·U). */
export async function open(sealed, secret, purpose, ctx) {
  return openWithShared(sealed, sealed.header.multiply(secret), purpose, ctx);
}

/** {"header", "box"} as hex. */
export function sealedToJSON(sealed) {
  return { header: sealed.header.toHex(), box: toHex(sealed.box) };
}

/** A sealed box read from JSON; throws unless the header is a point and the box lowercase hex. */
export function sealedFromJSON(json) {
  if (json === null || typeof json !== 'object') throw new Error('a sealed box is an object');
  if (typeof json.box !== 'string' || !/^[0-9a-f]*$/.test(json.box) || json.box.length < 32) {
    throw new Error('a box is lowercase hex, its tag at least');
  }
  return { header: Point.fromHex(json.header), box: fromHex(json.box) };
}
