// The key ceremony (docs/sealed-ballots.md §5): a Pedersen distributed key generation with
// Feldman commitments among the n trustees, threshold t. Each step is a function from what the
// trustee knows and what was published to what it publishes next; the server only carries the
// messages, and every check here is one anyone can make from the published messages.

import { IDENTITY, Point, baseMultiply, modL, multiScalar, scalarFromBytes, scalarFromHex, scalarToBytes, scalarToHex } from './ristretto.js';
import { open, seal, sealedFromJSON, sealedToJSON } from './kem.js';
import { proveSchnorr, schnorrFromJSON, schnorrToJSON, verifySchnorr } from './proofs.js';
import { item } from './transcript.js';

/** ctx_ceremony = (text: congress id, integer: n, integer: t). `setup` is { congress, n, t }. */
export function ceremonyContext(setup) {
  checkSetup(setup);
  return [item.text(setup.congress), item.integer(setup.n), item.integer(setup.t)];
}

function checkSetup({ congress, n, t }) {
  if (typeof congress !== 'string' || congress === '') throw new Error('a ceremony names its congress');
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(t) || t < 1 || t > n) throw new Error('a ceremony needs 1 ≤ t ≤ n');
}

function checkTrustee(setup, i) {
  if (!Number.isInteger(i) || i < 1 || i > setup.n) throw new Error(`trustees are numbered 1 … ${setup.n}`);
}

const transportContext = (setup, i) => [...ceremonyContext(setup), item.integer(i), item.text('transport')];
const coefficientContext = (setup, i, j) => [...ceremonyContext(setup), item.integer(i), item.integer(j)];
const shareContext = (setup, from, to) => [...ceremonyContext(setup), item.integer(from), item.integer(to)];
const holdingContext = (setup, i) => [...ceremonyContext(setup), item.integer(i), item.text('holds')];

/**
 * Step 1 for trustee `trustee`: `{ message, secrets }`. The message is the published JSON
 * (transport key, commitments and their proofs); `secrets` ({ transport, coefficients }) stays
 * with the trustee until its key file is written, then should be forgotten (`forget`).
 * Draws: e_i, a_{i,0} … a_{i,t−1}, the nonce of π, those of π_0 … π_{t−1} (§10).
 */
export async function commit(setup, trustee, rng) {
  checkSetup(setup);
  checkTrustee(setup, trustee);
  const transport = await rng.scalar();
  const coefficients = [];
  for (let j = 0; j < setup.t; j += 1) coefficients.push(await rng.scalar());
  const transportKey = baseMultiply(transport);
  const commitments = coefficients.map(baseMultiply);
  const transportProof = await proveSchnorr(transportContext(setup, trustee), transport, transportKey, rng);
  const proofs = [];
  for (let j = 0; j < setup.t; j += 1) {
    proofs.push(await proveSchnorr(coefficientContext(setup, trustee, j), coefficients[j], commitments[j], rng));
  }
  return {
    message: {
      trustee,
      transport_key: transportKey.toHex(),
      transport_proof: schnorrToJSON(transportProof),
      commitments: commitments.map((c) => c.toHex()),
      proofs: proofs.map(schnorrToJSON),
    },
    secrets: { trustee, transport, coefficients },
  };
}

/** Forgets a trustee's ceremony secrets (BigInts cannot be wiped; the references can). */
export function forget(secrets) {
  secrets.transport = 0n;
  secrets.coefficients.fill(0n);
}

/**
 * A step-1 message read and checked as everyone MUST (§5): `{ trustee, transportKey,
 * commitments }`, or a throw saying what is wrong (not a point, the identity, a proof that does
 * not check, the wrong number of commitments).
 */
export async function readCommitment(setup, json) {
  checkSetup(setup);
  if (json === null || typeof json !== 'object') throw new Error('a step-1 message is an object');
  const trustee = json.trustee;
  checkTrustee(setup, trustee);
  const transportKey = Point.fromHex(json.transport_key);
  if (transportKey.isIdentity()) throw new Error(`trustee ${trustee}'s transport key is the identity`);
  if (!Array.isArray(json.commitments) || json.commitments.length !== setup.t) throw new Error(`trustee ${trustee} must publish ${setup.t} commitments`);
  if (!Array.isArray(json.proofs) || json.proofs.length !== setup.t) throw new Error(`trustee ${trustee} must publish ${setup.t} proofs`);
  const commitments = json.commitments.map((hex) => Point.fromHex(hex));
  if (commitments.some((c) => c.isIdentity())) throw new Error(`a commitment of trustee ${trustee} is the identity`);
  if (!(await verifySchnorr(transportContext(setup, trustee), transportKey, schnorrFromJSON(json.transport_proof)))) {
    throw new Error(`trustee ${trustee}'s transport proof does not check`);
  }
  for (let j = 0; j < setup.t; j += 1) {
    if (!(await verifySchnorr(coefficientContext(setup, trustee, j), commitments[j], schnorrFromJSON(json.proofs[j])))) {
      throw new Error(`trustee ${trustee}'s proof for commitment ${j} does not check`);
    }
  }
  return { trustee, transportKey, commitments };
}

/** Every trustee's step-1 message read and checked, one each for 1 … n, in trustee order. */
export async function readCommitments(setup, messages) {
  const read = [];
  for (const message of messages) read.push(await readCommitment(setup, message));
  read.sort((a, b) => a.trustee - b.trustee);
  if (read.length !== setup.n || read.some((r, k) => r.trustee !== k + 1)) throw new Error(`one step-1 message from each of trustees 1 … ${setup.n}`);
  return read;
}

/** f(x) = a_0 + a_1·x + … modulo ℓ, by Horner. */
export function evaluate(coefficients, x) {
  const at = BigInt(x);
  let value = 0n;
  for (let j = coefficients.length - 1; j >= 0; j -= 1) value = modL(value * at + coefficients[j]);
  return value;
}

/** Σ_j x^j·C_j: what f(x)·G must be, from the commitments alone. */
export function commitmentAt(commitments, x) {
  const powers = [];
  let power = 1n;
  for (let j = 0; j < commitments.length; j += 1) {
    powers.push(power);
    power = modL(power * BigInt(x));
  }
  return multiScalar(powers, commitments);
}

/**
 * Step 2 for the trustee whose `secrets` these are: the published message `{ trustee: i,
 * shares: [{ to: ℓ, share: {header, box} }] }`, f_i(ℓ) encrypted to each other trustee ℓ's
 * transport key, in increasing ℓ (§5).
 */
export async function makeShares(setup, secrets, commitments, rng) {
  const from = secrets.trustee;
  const shares = [];
  for (const { trustee: to, transportKey } of commitments) {
    if (to === from) continue;
    const plaintext = scalarToBytes(evaluate(secrets.coefficients, to));
    const sealed = await seal(plaintext, transportKey, 'share', shareContext(setup, from, to), rng);
    plaintext.fill(0);
    shares.push({ to, share: sealedToJSON(sealed) });
  }
  return { trustee: from, shares };
}

/**
 * Step 3 for one share: trustee `secrets.trustee` (ℓ) decrypts the share from `from` (the
 * `share` of the entry for ℓ in from's step-2 message) and checks it against `from`'s
 * commitments: `{ ok: true, value }`, or `{ ok: false, why }` — a complaint. A plaintext that
 * is not 32 bytes of a scalar below ℓ does not decrypt (§5.1).
 */
export async function receiveShare(setup, secrets, from, fromCommitments, shareJson) {
  const to = secrets.trustee;
  let value;
  try {
    const plaintext = await open(sealedFromJSON(shareJson), secrets.transport, 'share', shareContext(setup, from, to));
    value = scalarFromBytes(plaintext);
    plaintext.fill(0);
  } catch {
    return { ok: false, why: 'does not decrypt' };
  }
  if (!baseMultiply(value).equals(commitmentAt(fromCommitments, to))) return { ok: false, why: 'does not check' };
  return { ok: true, value };
}

/** The entry for trustee `to` in a step-2 message, or undefined. */
export function shareFor(message, to) {
  return message.shares.find((entry) => entry.to === to)?.share;
}

/** The step-3 message of trustee ℓ: `{ trustee, accepted: [i…], complaints: [i…] }`, sorted. */
export function checksMessage(trustee, accepted, complaints) {
  const sorted = (list) => [...list].sort((a, b) => a - b);
  return { trustee, accepted: sorted(accepted), complaints: sorted(complaints) };
}

/** Trustee i's answer to ℓ's complaint: `{ trustee: i, accused_by: ℓ, share: f_i(ℓ) }` (§5). */
export function answerComplaint(secrets, accuser) {
  return { trustee: secrets.trustee, accused_by: accuser, share: scalarToHex(evaluate(secrets.coefficients, accuser)) };
}

/**
 * Whether an answer to a complaint checks against the accused trustee's read step-1 message:
 * then the accuser takes `share` as its share from that trustee; otherwise the ceremony fails.
 */
export function checkComplaintAnswer(accused, answer) {
  if (answer?.trustee !== accused.trustee || !Number.isInteger(answer.accused_by)) return false;
  let value;
  try {
    value = scalarFromHex(answer.share);
  } catch {
    return false;
  }
  return baseMultiply(value).equals(commitmentAt(accused.commitments, answer.accused_by));
}

/** K = Σ_i C_{i,0}, from every trustee's read step-1 message. */
export function jointKey(commitments) {
  return commitments.reduce((sum, { commitments: c }) => sum.add(c[0]), IDENTITY);
}

/** P_ℓ = Σ_i Σ_j ℓ^j·C_{i,j}: trustee ℓ's public share, which anyone computes. */
export function publicShare(commitments, trustee) {
  const scalars = [];
  const points = [];
  for (const { commitments: c } of commitments) {
    let power = 1n;
    for (const point of c) {
      scalars.push(power);
      points.push(point);
      power = modL(power * BigInt(trustee));
    }
  }
  return multiScalar(scalars, points);
}

/**
 * The shares trustee `secrets.trustee` (ℓ) takes from the others: `{ values, missing }`, with
 * f_i(ℓ) from each dealer i whose share it accepted (`received`, a Map from i to the value
 * receiveShare gave), or else from i's published answer to ℓ's complaint when it checks; its
 * own f_ℓ(ℓ) first. `missing` lists the dealers it has no good share of (the ceremony fails).
 */
export function sharesHeld(secrets, received, commitments, answers) {
  const me = secrets.trustee;
  const values = [evaluate(secrets.coefficients, me)];
  const missing = [];
  for (const dealer of commitments) {
    if (dealer.trustee === me) continue;
    if (received.has(dealer.trustee)) {
      values.push(received.get(dealer.trustee));
      continue;
    }
    const answer = answers.find((a) => a.trustee === dealer.trustee && a.accused_by === me);
    if (answer && checkComplaintAnswer(dealer, answer)) values.push(scalarFromHex(answer.share));
    else missing.push(dealer.trustee);
  }
  return { values, missing };
}

/**
 * s_ℓ = Σ_i f_i(ℓ) from every share ℓ accepted (its own included), checked against its public
 * share as §5 requires before a key file is written; throws when s_ℓ·G ≠ P_ℓ.
 */
export function secretShare(values, share) {
  const secret = values.reduce((sum, v) => modL(sum + v), 0n);
  if (!baseMultiply(secret).equals(share)) throw new Error('the secret share does not match the public share');
  return secret;
}

/**
 * The holding message of trustee ℓ, once its key file is written: `{ trustee: ℓ, public_share:
 * P_ℓ, proof }`, a Schnorr proof (§4.1) of knowing s_ℓ with P_ℓ = s_ℓ·G, under the context
 * `ctx_ceremony, integer: ℓ, text: "holds"`. Draws the proof's nonce.
 */
export async function holdingMessage(setup, trustee, secretShareScalar, rng) {
  checkSetup(setup);
  checkTrustee(setup, trustee);
  const share = baseMultiply(secretShareScalar);
  const proof = await proveSchnorr(holdingContext(setup, trustee), secretShareScalar, share, rng);
  return { trustee, public_share: share.toHex(), proof: schnorrToJSON(proof) };
}

/** Whether a holding message's proof checks for trustee ℓ's public share `share` (a Point). */
export async function checkHolding(setup, share, json) {
  checkSetup(setup);
  checkTrustee(setup, json?.trustee);
  if (!Point.fromHex(json.public_share).equals(share)) return false;
  return verifySchnorr(holdingContext(setup, json.trustee), share, schnorrFromJSON(json.proof));
}
