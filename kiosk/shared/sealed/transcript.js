// Transcripts and challenges (docs/sealed-ballots.md §2): every hash of the sealed ballots is
// SHA-512 of "ballotbox/sealed/1" || 0x00 || LABEL || 0x00 || item_1 || … || item_k, each item
// its length (four bytes, big-endian) and then its bytes.

import { concat, utf8 } from '../verifier/bytes.js';
import { sha512 } from '../verifier/sha.js';
import { scalarFromWide, scalarToBytes } from './ristretto.js';

/** The domain of every hash of the sealed ballots. */
export const DOMAIN = 'ballotbox/sealed/1';

const DOMAIN_BYTES = utf8(DOMAIN);

/**
 * The kinds of item (§2), each giving the item's bytes (its length is added by `transcript`).
 * A context (`ctx`) is an array of such items.
 */
export const item = {
  /** A point: its 32-byte encoding. */
  point: (p) => p.toBytes(),
  /** A scalar: its 32 bytes, little-endian. */
  scalar: (k) => scalarToBytes(k),
  /** A digest: its 32 bytes. */
  digest: (bytes) => exactly(bytes, 32, 'a digest'),
  /** A text: its UTF-8 bytes. */
  text: (text) => utf8(text),
  /** An integer: 8 bytes, big-endian unsigned. */
  integer: (n) => u64be(n),
  /** A salt: its 16 bytes. */
  salt: (bytes) => exactly(bytes, 16, 'a salt'),
  /** Bytes as they are (the 64-byte batch digest `d` of §4.3). */
  bytes: (bytes) => bytes,
};

function exactly(bytes, length, what) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) throw new Error(`${what} is ${length} bytes`);
  return bytes;
}

function u64be(n) {
  const value = BigInt(n);
  if (value < 0n || value >= 1n << 64n) throw new Error('an integer item is 0 … 2^64 − 1');
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value);
  return out;
}

/** Items encoded as §2 says, concatenated: u32be(len) || bytes for each. */
export function encodeItems(items) {
  const parts = [];
  for (const bytes of items) {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length);
    parts.push(length, bytes);
  }
  return concat(...parts);
}

/** The transcript of `label` over `items` (§2), as bytes. */
export function transcript(label, items) {
  return concat(DOMAIN_BYTES, [0], utf8(label), [0], encodeItems(items));
}

/** SHA-512 of the transcript: 64 bytes (the batch digest of §4.3, the counter generator of §10). */
export async function transcriptHash(label, items) {
  return sha512(transcript(label, items));
}

/** H(LABEL; items): the challenge, the transcript's SHA-512 reduced modulo ℓ (§2). */
export async function challenge(label, items) {
  return scalarFromWide(await transcriptHash(label, items));
}
