// The ballot log as an RFC 9162 §2.1 Merkle tree (docs/record-format.md §5): leaf hash
// SHA-256(0x00 || leaf data), node hash SHA-256(0x01 || left || right), inclusion proofs.
//
// The root is computed level by level, pairing neighbours and carrying a last odd node up
// unchanged, which gives exactly RFC 9162's MTH (split at the largest power of two below n)
// and lets each level be hashed in parallel batches.

import { equalBytes, fromHex, toHex } from './bytes.js';
import { sha256, sha256Many } from './sha.js';

const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The leaf hash (receipt) of leaf data (bytes). */
export async function leafHash(data) {
  const bytes = new Uint8Array(data.length + 1);
  bytes.set(data, 1);
  return sha256(bytes);
}

/** The leaf hashes of many leaves, in parallel batches; `leafData(i)` gives leaf i's bytes. */
export function leafHashes(leafData, count, onBatch) {
  return sha256Many(
    (i) => {
      const data = leafData(i);
      const bytes = new Uint8Array(data.length + 1);
      bytes.set(data, 1);
      return bytes;
    },
    { count, onBatch },
  );
}

function nodeInput(left, right) {
  const bytes = new Uint8Array(65);
  bytes[0] = 1;
  bytes.set(left, 1);
  bytes.set(right, 33);
  return bytes;
}

/** The node hash of two 32-byte children. */
export function nodeHash(left, right) {
  return sha256(nodeInput(left, right));
}

/** Every level of the tree over `leaves` (32-byte hashes): levels[0] the leaves, the last the root. */
export async function levels(leaves) {
  const all = [leaves];
  let level = leaves;
  while (level.length > 1) {
    const pairs = Math.floor(level.length / 2);
    const current = level;
    const hashed = await sha256Many((i) => nodeInput(current[2 * i], current[2 * i + 1]), { count: pairs });
    if (level.length % 2 === 1) hashed.push(level[level.length - 1]);
    all.push(hashed);
    level = hashed;
  }
  return all;
}

/** The root (hex) over leaf hashes in log order; the hash of nothing for an empty log. */
export async function root(leaves) {
  if (leaves.length === 0) return EMPTY_ROOT;
  const all = await levels(leaves);
  return toHex(all[all.length - 1][0]);
}

/** The inclusion proof (audit path, nearest the leaf first, hex) of leaf `index`. */
export async function inclusionProof(index, leaves) {
  if (index < 0 || index >= leaves.length) return null;
  const all = await levels(leaves);
  const proof = [];
  let m = index;
  for (let depth = 0; depth < all.length - 1; depth += 1) {
    const level = all[depth];
    const sibling = m ^ 1;
    if (sibling < level.length) proof.push(toHex(level[sibling]));
    m >>= 1;
  }
  return proof;
}

/**
 * RFC 9162 §2.1.3.2: whether `proof` (hex hashes) takes leaf hash `leaf` (hex) at `index` in a
 * tree of `size` leaves to `rootHex`.
 */
export async function verifyInclusion(index, size, leaf, proof, rootHex) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r;
  try {
    r = fromHex(leaf);
  } catch {
    return false;
  }
  for (const hex of proof) {
    if (sn === 0) return false;
    let p;
    try {
      p = fromHex(hex);
    } catch {
      return false;
    }
    if (p.length !== 32) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let expected;
  try {
    expected = fromHex(rootHex);
  } catch {
    return false;
  }
  return sn === 0 && equalBytes(r, expected);
}
