// The three zero-knowledge proofs of docs/sealed-ballots.md §4, made non-interactive with the
// challenges of §2: knowledge of a discrete logarithm (Schnorr), a ciphertext holding one of
// 0 … L (disjunctive Chaum–Pedersen), and a batch of partial decryptions being honest (batched
// Chaum–Pedersen). Each has its prover, its verifier and its JSON form.
//
// Provers draw from the generator they are given, in the order §4 states, so that the counter
// generator of §10 reproduces the test vectors. Verifiers recompute every commitment from the
// responses and compare challenges as scalars; they answer true or false and never throw on a
// proof that is merely wrong (a malformed one is refused when its JSON is read).

import { Point, scalarFromHex, scalarToHex, modL, baseMultiply, fixedBase, multiScalar, small } from './ristretto.js';
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
 * one who knows v and r: `{ a, b, challenges, responses }` (a and b the commitments A_j, B_j).
 * Throws when v is not in 0 … L: such a proof cannot be made.
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
  return { a: commitments.map(([A]) => A), b: commitments.map(([, B]) => B), challenges, responses };
}

/** Whether the lists are L + 1 long and the challenges sum to the transcript's challenge. */
async function rangeChallengeHolds(ctx, key, ciphertext, L, proof) {
  const lists = [proof.a, proof.b, proof.challenges, proof.responses];
  if (!Number.isInteger(L) || L < 1 || lists.some((list) => list.length !== L + 1)) return false;
  const commitments = proof.a.map((A, j) => [A, proof.b[j]]);
  const c = await challenge('range', rangeItems(ctx, key, ciphertext, L, commitments));
  return modL(proof.challenges.reduce((sum, cj) => sum + cj, 0n)) === c;
}

/**
 * Whether `proof` shows that `ciphertext` under `key` holds one of 0 … L: the challenge sum,
 * then z_j·G = A_j + c_j·α and z_j·K = B_j + c_j·(β − j·G) for every branch, exactly.
 */
export async function verifyRange(ctx, key, ciphertext, L, proof) {
  if (!(await rangeChallengeHolds(ctx, key, ciphertext, L, proof))) return false;
  const K = fixedBase(key);
  for (let j = 0; j <= L; j += 1) {
    const c = proof.challenges[j];
    const z = proof.responses[j];
    const shifted = j === 0 ? ciphertext.beta : ciphertext.beta.subtract(small(j));
    if (!baseMultiply(z).equals(proof.a[j].add(ciphertext.alpha.multiply(c)))) return false;
    if (!K.multiply(z).equals(proof.b[j].add(shifted.multiply(c)))) return false;
  }
  return true;
}

/** A fresh secret weight of 128 bits from the system's generator (never the counter one). */
function weight128() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let w = 0n;
  for (const byte of bytes) w = (w << 8n) | BigInt(byte);
  return w;
}

/**
 * Whether every one of `checks` ({ ctx, key, ciphertext, L, proof }, all under the same key)
 * holds, in one multiscalar multiplication (§4.2, batch verification): each branch's two
 * equations weighed by fresh 128-bit secrets and summed, the terms in G and in K gathered. A set
 * with a bad proof passes with probability at most 2^−128; to name the bad one, check one by one.
 */
export async function verifyRangeBatch(checks) {
  if (checks.length === 0) return true;
  const key = checks[0].key;
  if (checks.some((check) => !check.key.equals(key))) throw new Error('a batch of range proofs is under one key');
  const holds = await Promise.all(checks.map(({ ctx, ciphertext, L, proof }) => rangeChallengeHolds(ctx, key, ciphertext, L, proof)));
  if (holds.includes(false)) return false;
  let gScalar = 0n;
  let kScalar = 0n;
  const scalars = [];
  const points = [];
  for (const { ciphertext, L, proof } of checks) {
    let alphaScalar = 0n;
    let betaScalar = 0n;
    for (let j = 0; j <= L; j += 1) {
      const rho = weight128();
      const sigma = weight128();
      const c = proof.challenges[j];
      const z = proof.responses[j];
      // ρ·(z·G − A − c·α) + σ·(z·K − B − c·β + c·j·G)
      gScalar += rho * z + sigma * c * BigInt(j);
      kScalar += sigma * z;
      alphaScalar -= rho * c;
      betaScalar -= sigma * c;
      // The commitments' weights stay 128 bits long when the points are negated instead.
      scalars.push(rho, sigma);
      points.push(proof.a[j].negate(), proof.b[j].negate());
    }
    scalars.push(alphaScalar, betaScalar);
    points.push(ciphertext.alpha, ciphertext.beta);
  }
  const total = multiScalar(scalars, points).add(baseMultiply(gScalar)).add(fixedBase(key).multiply(kScalar));
  return total.isIdentity();
}

/** {"a", "b", "challenges", "responses"} as hex. */
export function rangeToJSON(proof) {
  return {
    a: proof.a.map((p) => p.toHex()),
    b: proof.b.map((p) => p.toHex()),
    challenges: proof.challenges.map(scalarToHex),
    responses: proof.responses.map(scalarToHex),
  };
}

/** A range proof read from JSON; throws unless it is four lists of canonical points and scalars. */
export function rangeFromJSON(json) {
  if (json === null || typeof json !== 'object' || !['a', 'b', 'challenges', 'responses'].every((k) => Array.isArray(json[k]))) {
    throw new Error('a range proof has four lists');
  }
  return {
    a: json.a.map((hex) => Point.fromHex(hex)),
    b: json.b.map((hex) => Point.fromHex(hex)),
    challenges: json.challenges.map(scalarFromHex),
    responses: json.responses.map(scalarFromHex),
  };
}

// ---- §4.3 batched DLEQ, label "dleq" ----

/**
 * The random linear combination of a batch (§4.3): `{ batchHash, weights, alphaStar,
 * partialStar }`, with d = SHA-512 of the "dleq-batch" transcript over (ctx, P, α_1, M_1, …,
 * α_m, M_m) and ρ_k = H("dleq-weight"; d, k) for k = 1 … m. `knownSecret`, when the prover gives
 * it, makes M* = s·α*, one multiplication instead of a second large sum.
 */
export async function dleqCombination(ctx, share, alphas, partials, knownSecret) {
  const items = [...ctx, item.point(share)];
  for (let k = 0; k < alphas.length; k += 1) items.push(item.point(alphas[k]), item.point(partials[k]));
  const d = await transcriptHash('dleq-batch', items);
  const weights = await Promise.all(alphas.map((_, k) => challenge('dleq-weight', [item.bytes(d), item.integer(k + 1)])));
  const alphaStar = multiScalar(weights, alphas);
  const partialStar = knownSecret === undefined ? multiScalar(weights, partials) : alphaStar.multiply(knownSecret);
  return { batchHash: d, weights, alphaStar, partialStar };
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
  const { alphaStar, partialStar } = await dleqCombination(ctx, share, alphas, partials, secret);
  const w = await rng.scalar();
  const A = baseMultiply(w);
  const B = alphaStar.multiply(w);
  const c = await challenge('dleq', dleqItems(ctx, share, alphaStar, partialStar, A, B));
  return { partials, proof: { challenge: c, response: modL(w + c * secret) } };
}

/** Whether `partials` are `alphas` decrypted with the secret of the public share `share`. */
export async function verifyDleq(ctx, share, alphas, partials, proof) {
  if (alphas.length < 1 || partials.length !== alphas.length) return false;
  const { alphaStar, partialStar } = await dleqCombination(ctx, share, alphas, partials);
  const { challenge: c, response: z } = proof;
  const A = baseMultiply(z).subtract(share.multiply(c));
  const B = multiScalar([z, -c], [alphaStar, partialStar]);
  return (await challenge('dleq', dleqItems(ctx, share, alphaStar, partialStar, A, B))) === c;
}
