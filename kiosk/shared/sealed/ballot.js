// A sealed ballot's sections (docs/sealed-ballots.md §7): every mark encrypted to the joint key
// and proved to be 0 or 1, each candidate proved marked at most once, each write-in line proved
// used or not and its name sealed, and the section proved within its seats — so that a sealed
// section is valid by proof and never needs opening to be counted.
//
// A contest's shape is `{ contest, candidates: [ids in ballot order], lines, seats }`; marks are
// `{ for: [ids], against: [ids], write_ins: [names] }`; the context is `{ manifestHash, round,
// salt }` (hex or bytes). JSON is as §7 writes it, lowercase hex.

import { characters, normaliseName } from '../verifier/rules.js';
import { fromHex, utf8 } from '../verifier/bytes.js';
import { Ciphertext, encrypt, sum } from './elgamal.js';
import { seal, sealedFromJSON, sealedToJSON } from './kem.js';
import { proveRange, rangeFromJSON, rangeToJSON, verifyRange } from './proofs.js';
import { modL } from './ristretto.js';
import { item } from './transcript.js';

/** The bytes a write-in name is padded to (§7). */
export const NAME_BYTES = 256;
/** The most characters (code points, after normalising) of a write-in. */
export const NAME_CHARACTERS = 64;

const asBytes = (value, length, what) => {
  const bytes = typeof value === 'string' ? fromHex(value) : value;
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) throw new Error(`${what} is ${length} bytes`);
  return bytes;
};

/** ctx_ballot = (digest: manifest hash, integer: round, salt: the ballot's salt). */
export function ballotContext({ manifestHash, round, salt }) {
  return [item.digest(asBytes(manifestHash, 32, 'a manifest hash')), item.integer(round), item.salt(asBytes(salt, 16, 'a salt'))];
}

/** The contexts of a section's proofs and boxes, all after ctx_ballot and the contest. */
const contexts = (ballot, contest) => {
  const base = [...ballot, item.text(contest)];
  return {
    mark: (kind, candidate) => [...base, item.text(kind), item.text(candidate)],
    line: (q) => [...base, item.text('line'), item.integer(q)],
    name: (q) => [...base, item.integer(q)],
    limit: () => [...base, item.text('limit')],
  };
};

/** A write-in as its line's plaintext: the normalised name's UTF-8, zero-padded to 256 bytes. */
export function padName(name) {
  const normal = normaliseName(name);
  const count = characters(normal);
  if (count < 1 || count > NAME_CHARACTERS) throw new Error(`a write-in is 1 … ${NAME_CHARACTERS} characters`);
  if (normal.includes('\u0000')) throw new Error('a write-in holds no NUL');
  const out = new Uint8Array(NAME_BYTES);
  out.set(utf8(normal));
  return out;
}

/** The name of a write-in's plaintext: the bytes before the zero padding, as UTF-8. */
export function unpadName(plaintext) {
  if (plaintext.length !== NAME_BYTES) throw new Error(`a write-in's plaintext is ${NAME_BYTES} bytes`);
  let end = plaintext.length;
  while (end > 0 && plaintext[end - 1] === 0) end -= 1;
  return new TextDecoder('utf-8', { fatal: true }).decode(plaintext.subarray(0, end));
}

/** Checks marks against a shape: known candidates, each at most once, within seats and lines. */
function readMarks(shape, marks) {
  const known = new Set(shape.candidates);
  const forSet = new Set(marks.for ?? []);
  const againstSet = new Set(marks.against ?? []);
  const writeIns = marks.write_ins ?? [];
  for (const id of [...forSet, ...againstSet]) if (!known.has(id)) throw new Error(`${id} is not a candidate of ${shape.contest}`);
  if (forSet.size !== (marks.for ?? []).length || againstSet.size !== (marks.against ?? []).length) throw new Error('a candidate is marked twice');
  for (const id of forSet) if (againstSet.has(id)) throw new Error(`${id} is marked both for and against`);
  if (writeIns.length > shape.lines) throw new Error(`${shape.contest} has ${shape.lines} write-in lines`);
  if (forSet.size + writeIns.length > shape.seats) throw new Error(`more marks for than the ${shape.seats} seats of ${shape.contest}`);
  return { forSet, againstSet, writeIns };
}

/**
 * The sealed section of `marks` in the contest `shape`, under `context`, encrypted to `key` (the
 * joint key, a point), with randomness from `rng` drawn in the order of §7. Throws on marks
 * that no valid section holds (it could not be proved).
 */
export async function encryptSection(shape, marks, context, key, rng) {
  const { forSet, againstSet, writeIns } = readMarks(shape, marks);
  const ctx = contexts(ballotContext(context), shape.contest);
  const inLimit = []; // the ciphertexts, values and randomness summed by the limit proof
  const candidates = [];
  for (const candidate of shape.candidates) {
    const vFor = forSet.has(candidate) ? 1 : 0;
    const vAgainst = againstSet.has(candidate) ? 1 : 0;
    const rFor = await rng.scalar();
    const rAgainst = await rng.scalar();
    const ctFor = encrypt(key, vFor, rFor);
    const ctAgainst = encrypt(key, vAgainst, rAgainst);
    const forProof = await proveRange(ctx.mark('for', candidate), key, ctFor, vFor, rFor, 1, rng);
    const againstProof = await proveRange(ctx.mark('against', candidate), key, ctAgainst, vAgainst, rAgainst, 1, rng);
    const oneProof = await proveRange(ctx.mark('one', candidate), key, ctFor.add(ctAgainst), vFor + vAgainst, modL(rFor + rAgainst), 1, rng);
    inLimit.push([ctFor, vFor, rFor]);
    candidates.push({
      candidate,
      for: ctFor.toJSON(),
      for_proof: rangeToJSON(forProof),
      against: ctAgainst.toJSON(),
      against_proof: rangeToJSON(againstProof),
      one_proof: rangeToJSON(oneProof),
    });
  }
  const lines = [];
  for (let q = 0; q < shape.lines; q += 1) {
    const used = q < writeIns.length ? 1 : 0;
    const rUsed = await rng.scalar();
    const ctUsed = encrypt(key, used, rUsed);
    const usedProof = await proveRange(ctx.line(q), key, ctUsed, used, rUsed, 1, rng);
    const plaintext = used ? padName(writeIns[q]) : new Uint8Array(NAME_BYTES);
    const name = await seal(plaintext, key, 'write-in', ctx.name(q), rng);
    plaintext.fill(0);
    inLimit.push([ctUsed, used, rUsed]);
    lines.push({ used: ctUsed.toJSON(), used_proof: rangeToJSON(usedProof), name: sealedToJSON(name) });
  }
  const total = sum(inLimit.map(([ct]) => ct));
  const value = inLimit.reduce((n, [, v]) => n + v, 0);
  const randomness = inLimit.reduce((r, [, , rr]) => modL(r + rr), 0n);
  const limitProof = await proveRange(ctx.limit(), key, total, value, randomness, shape.seats, rng);
  return { contest: shape.contest, candidates, write_ins: lines, limit_proof: rangeToJSON(limitProof) };
}

/** The sections of a whole ballot, one per shape in the given order (the manifest's). */
export async function encryptBallot(shapes, marksByContest, context, key, rng) {
  const sections = [];
  for (const shape of shapes) sections.push(await encryptSection(shape, marksByContest[shape.contest] ?? {}, context, key, rng));
  return sections;
}

/**
 * A section read against its shape: `{ candidates: [{ candidate, for, forProof, against,
 * againstProof, oneProof }], writeIns: [{ used, usedProof, name }], limitProof }` with every
 * point and scalar decoded; throws on anything malformed (wrong candidates or lines, bad hex, a
 * point that does not decode, a scalar out of range, a box of the wrong length).
 */
export function readSection(shape, section) {
  if (section === null || typeof section !== 'object' || section.contest !== shape.contest) throw new Error(`not a section of ${shape.contest}`);
  if (!Array.isArray(section.candidates) || section.candidates.length !== shape.candidates.length) throw new Error('a section lists every candidate');
  if (!Array.isArray(section.write_ins) || section.write_ins.length !== shape.lines) throw new Error('a section lists every write-in line');
  const candidates = section.candidates.map((c, k) => {
    if (c?.candidate !== shape.candidates[k]) throw new Error(`candidate ${k + 1} must be ${shape.candidates[k]}`);
    return {
      candidate: c.candidate,
      for: Ciphertext.fromJSON(c.for),
      forProof: rangeFromJSON(c.for_proof),
      against: Ciphertext.fromJSON(c.against),
      againstProof: rangeFromJSON(c.against_proof),
      oneProof: rangeFromJSON(c.one_proof),
    };
  });
  const writeIns = section.write_ins.map((line) => {
    const name = sealedFromJSON(line?.name);
    if (name.box.length !== NAME_BYTES + 16) throw new Error(`a write-in box is ${NAME_BYTES + 16} bytes`);
    return { used: Ciphertext.fromJSON(line.used), usedProof: rangeFromJSON(line.used_proof), name };
  });
  return { contest: shape.contest, candidates, writeIns, limitProof: rangeFromJSON(section.limit_proof) };
}

/**
 * Whether a sealed section is well formed and every proof in it checks: `{ ok: true, section }`
 * (the section read), or `{ ok: false, problem, place }` naming the first failure.
 */
export async function verifySection(shape, json, context, key) {
  let section;
  try {
    section = readSection(shape, json);
  } catch (error) {
    return { ok: false, problem: 'malformed', place: `${shape.contest}: ${error.message}` };
  }
  const ctx = contexts(ballotContext(context), shape.contest);
  const fail = (place) => ({ ok: false, problem: 'proof', place: `${shape.contest}: ${place}` });
  for (const c of section.candidates) {
    if (!(await verifyRange(ctx.mark('for', c.candidate), key, c.for, 1, c.forProof))) return fail(`for ${c.candidate}`);
    if (!(await verifyRange(ctx.mark('against', c.candidate), key, c.against, 1, c.againstProof))) return fail(`against ${c.candidate}`);
    if (!(await verifyRange(ctx.mark('one', c.candidate), key, c.for.add(c.against), 1, c.oneProof))) return fail(`one ${c.candidate}`);
  }
  for (let q = 0; q < section.writeIns.length; q += 1) {
    if (!(await verifyRange(ctx.line(q), key, section.writeIns[q].used, 1, section.writeIns[q].usedProof))) return fail(`line ${q}`);
  }
  const total = sum([...section.candidates.map((c) => c.for), ...section.writeIns.map((w) => w.used)]);
  if (!(await verifyRange(ctx.limit(), key, total, shape.seats, section.limitProof))) return fail('limit');
  return { ok: true, section };
}

/** Whether every section of a ballot checks (shapes in the ballot's order): as verifySection. */
export async function verifyBallot(shapes, sections, context, key) {
  if (!Array.isArray(sections) || sections.length !== shapes.length) return { ok: false, problem: 'malformed', place: 'sections' };
  for (let k = 0; k < shapes.length; k += 1) {
    const result = await verifySection(shapes[k], sections[k], context, key);
    if (!result.ok) return result;
  }
  return { ok: true };
}
