// Adding up a round and opening it (docs/sealed-ballots.md §§8–9): the lists of ciphertexts that
// are ever decrypted, a trustee's partial decryption of a list with its batched proof, checking
// partial decryptions, combining t or more of them by Lagrange's coefficients at 0, and reading
// the counts and the write-in names that come out.

import { Ciphertext, countReader, sum } from './elgamal.js';
import { openWithShared } from './kem.js';
import { IDENTITY, Point, invertScalar, modL, multiScalar, small } from './ristretto.js';
import { proveDleq, schnorrFromJSON, schnorrToJSON, verifyDleq } from './proofs.js';
import { item } from './transcript.js';
import { ballotContext, unpadName } from './ballot.js';
import { fromHex } from '../verifier/bytes.js';

/** The two steps of opening (§9). */
export const TOTALS = 'totals';
export const WRITE_INS = 'write-ins';

/** ctx_opening = (digest: manifest hash, integer: round, text: step). */
export function openingContext({ manifestHash, round }, step) {
  const digest = typeof manifestHash === 'string' ? fromHex(manifestHash) : manifestHash;
  return [item.digest(digest), item.integer(round), item.text(step)];
}

/**
 * The first opening list of a round (§8): `{ entries, ciphertexts }`. `shapes` are the round's
 * contests in manifest order, `ballots` its ballots in log order as verifyRound read them
 * (`{ salt, sections }`, points decoded). First, per contest and candidate, the for total and the against total;
 * then, per ballot and contest with write-in lines, the write-in count. Entries say what each
 * is: `{ kind: 'for' | 'against', contest, candidate }` or `{ kind: 'write-ins', ballot, contest }`.
 */
export function firstOpeningList(shapes, ballots) {
  const entries = [];
  const ciphertexts = [];
  const read = ballots.map((ballot) => new Map(ballot.sections.map((section) => [section.contest, section])));
  for (const shape of shapes) {
    const sections = read.map((r) => r.get(shape.contest)).filter(Boolean);
    shape.candidates.forEach((candidate, k) => {
      entries.push({ kind: 'for', contest: shape.contest, candidate });
      ciphertexts.push(sum(sections.map((s) => s.candidates[k].for)));
      entries.push({ kind: 'against', contest: shape.contest, candidate });
      ciphertexts.push(sum(sections.map((s) => s.candidates[k].against)));
    });
  }
  read.forEach((r, ballot) => {
    for (const shape of shapes) {
      const section = r.get(shape.contest);
      if (!section || shape.lines === 0) continue;
      entries.push({ kind: 'write-ins', ballot, contest: shape.contest });
      ciphertexts.push(sum(section.writeIns.map((w) => w.used)));
    }
  });
  return { entries, ciphertexts };
}

/**
 * The second opening list (§9): for every ballot and contest whose write-in count (from the
 * first list's `entries` and their `counts`) is not 0, in the same order, each line's `used`
 * ciphertext and then its name header as (U, O). Entries: `{ kind: 'used' | 'name', ballot,
 * contest, line }`.
 */
export function secondOpeningList(shapes, ballots, first, counts) {
  const entries = [];
  const ciphertexts = [];
  first.entries.forEach((entry, k) => {
    if (entry.kind !== 'write-ins' || counts[k] === 0) return;
    const section = ballots[entry.ballot].sections.find((s) => s.contest === entry.contest);
    section.writeIns.forEach((line, q) => {
      entries.push({ kind: 'used', ballot: entry.ballot, contest: entry.contest, line: q });
      ciphertexts.push(line.used);
      entries.push({ kind: 'name', ballot: entry.ballot, contest: entry.contest, line: q });
      ciphertexts.push(new Ciphertext(line.name.header, IDENTITY));
    });
  });
  return { entries, ciphertexts };
}

/**
 * Trustee `trustee`'s partial decryption of the opening list `ciphertexts` of `step` (TOTALS or
 * WRITE_INS) with its secret share `secret` and public share `share`, for the round `round`
 * ({ manifestHash, round }): `{ trustee, step, shares: [M_k hex], proof }` (§9). The trustee
 * MUST have verified every ballot of the round (verifyRound) and built the list itself.
 */
export async function partialDecrypt(round, step, trustee, secret, share, ciphertexts, rng) {
  const ctx = openingContext(round, step);
  const { partials, proof } = await proveDleq(ctx, secret, share, ciphertexts.map((c) => c.alpha), rng);
  return { trustee, step, shares: partials.map((p) => p.toHex()), proof: schnorrToJSON(proof) };
}

/**
 * A partial decryption read and checked against the trustee's public share `share`: its shares
 * as points, or null when it is of another step, malformed (not one point per entry), or its
 * proof does not check.
 */
export async function verifyPartial(round, step, share, ciphertexts, json) {
  try {
    if (json?.step !== step || !Array.isArray(json.shares) || json.shares.length !== ciphertexts.length) return null;
    const partials = json.shares.map((hex) => Point.fromHex(hex));
    const proof = schnorrFromJSON(json.proof);
    const ok = await verifyDleq(openingContext(round, step), share, ciphertexts.map((c) => c.alpha), partials, proof);
    return ok ? partials : null;
  } catch {
    return null;
  }
}

/** λ_i = Π_{j∈Q, j≠i} j/(j − i) mod ℓ for every i of the set of trustees Q: a Map i → λ_i. */
export function lagrange(trustees) {
  const out = new Map();
  for (const i of trustees) {
    let numerator = 1n;
    let denominator = 1n;
    for (const j of trustees) {
      if (j === i) continue;
      numerator = modL(numerator * BigInt(j));
      denominator = modL(denominator * BigInt(j - i));
    }
    out.set(i, modL(numerator * invertScalar(denominator)));
  }
  return out;
}

/**
 * s·α_k for every entry, from the checked partial decryptions of at least t trustees
 * (`partials`: Map trustee → [points]): Σ_{i∈Q} λ_i·M_{i,k}. For a name header this is S itself.
 */
export function combineShares(partials) {
  const trustees = [...partials.keys()];
  const lambdas = trustees.map((i) => lagrange(trustees).get(i));
  const count = partials.get(trustees[0]).length;
  const out = [];
  for (let k = 0; k < count; k += 1) out.push(multiScalar(lambdas, trustees.map((i) => partials.get(i)[k])));
  return out;
}

/** The decryptions m_k·G = β_k − Σ λ_i·M_{i,k} (§9). */
export function combine(ciphertexts, partials) {
  return combineShares(partials).map((shared, k) => ciphertexts[k].beta.subtract(shared));
}

/** The counts of decrypted points, each in 0 … bound; throws when one is not. */
export function readCounts(points, bound) {
  const read = countReader(bound);
  return points.map((point, k) => {
    const m = read(point);
    if (m === null) throw new Error(`entry ${k} decrypts to no count in 0 … ${bound}`);
    return m;
  });
}

/** Whether each point is m_k·G for the stated count m_k (a verifier's check, §9). */
export function checkCounts(points, counts) {
  return points.length === counts.length && points.every((point, k) => point.equals(small(counts[k])));
}

/**
 * The write-in name of line `line` of the section of `contest` in a read ballot (`{ salt,
 * sections }`) of the round `round` ({ manifestHash, round }), read with S (its header's entry
 * of combineShares): the box opened and the zero padding stripped. Throws when the box does not
 * open or the name is not one (§9).
 */
export async function readWriteIn(shared, round, ballot, contest, line) {
  const section = ballot.sections.find((s) => s.contest === contest);
  const ctx = [...ballotContext({ ...round, salt: ballot.salt }), item.text(contest), item.integer(line)];
  const plaintext = await openWithShared(section.writeIns[line].name, shared, 'write-in', ctx);
  return unpadName(plaintext);
}
