// The three zero-knowledge proofs of docs/sealed-ballots.md §4, made non-interactive with the
// challenges of §2: knowledge of a discrete logarithm (Schnorr), a ciphertext holding one of
// 0 … L (disjunctive Chaum–Pedersen), and a batch of partial decryptions being honest (batched
// Chaum–Pedersen). Each has its prover, its verifier and its JSON form.
//
// Provers draw from the generator they are given, in the order §4 states, so that the counter
// generator of §10 reproduces the test vectors. Verifiers recompute every commitment from the
// responses and compare challenges as scalars; they answer true or false and never throw on a
// proof that is merely wrong (a malformed one is refused when its JSON is read).

import { scalarFromHex, scalarToHex, modL, baseMultiply, fixedBase, multiScalar, small } from './ristretto.js';
import { challenge, item, transcriptHash } from './transcript.js';

// ---- §4.1 Schnorr, label "schnorr" ----

/** A proof of knowing `a` with C = a·G, under the context `ctx` (an array of items). */
export async function proveSchnorr(ctx, a, C, rng) {
  const w = await rng.scalar();
  const A = baseMultiply(w);
  const c = await challenge('schnorr', [...ctx, item.point(C), item.point(A)]);
  return { challenge: c, response: modL(w + c * a) };
}

/** Whether `proof` shows knowledge of the discrete logarithm of C under `ctx`. */
export async function verifySchnorr(ctx, C, proof) {
  const A = baseMultiply(proof.response).subtract(C.multiply(proof.challenge));
  const c = await challenge('schnorr', [...ctx, item.point(C), item.point(A)]);
  return c === proof.challenge;
}

/** {"challenge", "response"} as hex. */
export function schnorrToJSON(proof) {
  return { challenge: scalarToHex(proof.challenge), response: scalarToHex(proof.response) };
}

/** A Schnorr (or DLEQ) proof read from JSON; throws unless both scalars are canonical hex. */
export function schnorrFromJSON(json) {
  if (json === null || typeof json !== 'object') throw new Error('a proof is an object');
  return { challenge: scalarFromHex(json.challenge), response: scalarFromHex(json.response) };
}

// ---- §4.2 range, label "range" ----

function rangeItems(ctx, key, ciphertext, L, commitments) {
  const items = [...ctx, item.point(key), item.point(ciphertext.alpha), item.point(ciphertext.beta), item.integer(L)];
  for (const [A, B] of commitments) items.push(item.point(A), item.point(B));
  return items;
}

/**
 * A proof that `ciphertext` = (r·G, v·G + r·K) under `key` holds a value in 0 … L, made by the
 * one who knows v and r. Throws when v is not in 0 … L: such a proof cannot be made.
 *
 * The commitments of the simulated branches are computed from r, which the prover knows:
 * z_j·G − c_j·α = (z_j − c_j·r)·G and z_j·K − c_j·(β − j·G) = (z_j − c_j·r)·K + c_j·(j − v)·G,
 * the same points, by tables only and with no variable-base multiplication.
 */
export async function proveRange(ctx, key, ciphertext, v, r, L, rng) {
  if (!Number.isInteger(L) || L < 1) throw new Error('a range proof needs L ≥ 1');
  if (!Number.isInteger(v) || v < 0 || v > L) throw new Error(`the value is not in 0 … ${L}: no range proof can be made`);
  const K = fixedBase(key);
  const challenges = new Array(L + 1);
  const responses = new Array(L + 1);
  const commitments = new Array(L + 1);
  for (let j = 0; j <= L; j += 1) {
    if (j === v) continue;
    const c = await rng.scalar();
    const z = await rng.scalar();
    challenges[j] = c;
    responses[j] = z;
    const e = modL(z - c * r);
    commitments[j] = [baseMultiply(e), K.multiply(e).add(baseMultiply(c * BigInt(j - v)))];
  }
  const w = await rng.scalar();
  commitments[v] = [baseMultiply(w), K.multiply(w)];
  const c = await challenge('range', rangeItems(ctx, key, ciphertext, L, commitments));
  let cv = c;
  for (let j = 0; j <= L; j += 1) if (j !== v) cv -= challenges[j];
  challenges[v] = modL(cv);
  responses[v] = modL(w + challenges[v] * r);
  return { challenges, responses };
}

/** Whether `proof` shows that `ciphertext` under `key` holds one of 0 … L. */
export async function verifyRange(ctx, key, ciphertext, L, proof) {
  if (proof.challenges.length !== L + 1 || proof.responses.length !== L + 1) return false;
  const K = fixedBase(key);
  const commitments = [];
  let sum = 0n;
  for (let j = 0; j <= L; j += 1) {
    const c = proof.challenges[j];
    const z = proof.responses[j];
    const shifted = j === 0 ? ciphertext.beta : ciphertext.beta.subtract(small(j));
    const A = baseMultiply(z).subtract(ciphertext.alpha.multiply(c));
    const B = K.multiply(z).subtract(shifted.multiply(c));
    commitments.push([A, B]);
    sum += c;
  }
  const c = await challenge('range', rangeItems(ctx, key, ciphertext, L, commitments));
  return modL(sum) === c;
}

/** {"challenges": [...], "responses": [...]} as hex. */
export function rangeToJSON(proof) {
  return { challenges: proof.challenges.map(scalarToHex), responses: proof.responses.map(scalarToHex) };
}

/** A range proof read from JSON; throws unless both are lists of canonical hex scalars. */
export function rangeFromJSON(json) {
  if (json === null || typeof json !== 'object' || !Array.isArray(json.challenges) || !Array.isArray(json.responses)) {
    throw new Error('a range proof has two lists');
  }
  return { challenges: json.challenges.map(scalarFromHex), responses: json.responses.map(scalarFromHex) };
}

// ---- §4.3 batched DLEQ, label "dleq" ----

/**
 * α* and M* of a batch: the weights ρ_k = H("dleq-weight"; d, k) for k = 1 … m, d being SHA-512
 * of the "dleq-batch" transcript over (ctx, P, α_1, M_1, …, α_m, M_m). `knownSecret`, when the
 * prover gives it, makes M* = s·α*, one multiplication instead of a second large sum.
 */
async function combination(ctx, share, alphas, partials, knownSecret) {
  const items = [...ctx, item.point(share)];
  for (let k = 0; k < alphas.length; k += 1) items.push(item.point(alphas[k]), item.point(partials[k]));
  const d = await transcriptHash('dleq-batch', items);
  const weights = await Promise.all(alphas.map((_, k) => challenge('dleq-weight', [item.bytes(d), item.integer(k + 1)])));
  const alphaStar = multiScalar(weights, alphas);
  const partialStar = knownSecret === undefined ? multiScalar(weights, partials) : alphaStar.multiply(knownSecret);
  return { alphaStar, partialStar };
}

function dleqItems(ctx, share, alphaStar, partialStar, A, B) {
  return [...ctx, item.point(share), item.point(alphaStar), item.point(partialStar), item.point(A), item.point(B)];
}

/**
 * The partial decryptions M_k = s·α_k of `alphas` by the trustee whose secret share is `secret`
 * and public share `share` (= s·G), with one proof for all: `{ partials, proof }`.
 */
export async function proveDleq(ctx, secret, share, alphas, rng) {
  if (alphas.length < 1) throw new Error('a batch holds at least one ciphertext');
  const partials = alphas.map((alpha) => alpha.multiply(secret));
  const { alphaStar, partialStar } = await combination(ctx, share, alphas, partials, secret);
  const w = await rng.scalar();
  const A = baseMultiply(w);
  const B = alphaStar.multiply(w);
  const c = await challenge('dleq', dleqItems(ctx, share, alphaStar, partialStar, A, B));
  return { partials, proof: { challenge: c, response: modL(w + c * secret) } };
}

/** Whether `partials` are `alphas` decrypted with the secret of the public share `share`. */
export async function verifyDleq(ctx, share, alphas, partials, proof) {
  if (alphas.length < 1 || partials.length !== alphas.length) return false;
  const { alphaStar, partialStar } = await combination(ctx, share, alphas, partials);
  const { challenge: c, response: z } = proof;
  const A = baseMultiply(z).subtract(share.multiply(c));
  const B = multiScalar([z, -c], [alphaStar, partialStar]);
  return (await challenge('dleq', dleqItems(ctx, share, alphaStar, partialStar, A, B))) === c;
}
