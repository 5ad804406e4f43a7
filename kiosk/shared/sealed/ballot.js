// A sealed ballot's sections (docs/sealed-ballots.md §7): every mark encrypted to the joint key
// and proved to be 0 or 1, each candidate proved marked at most once, each write-in line proved
// used or not and its name sealed, and the section proved within its seats — so that a sealed
// section is valid by proof and never needs opening to be counted.
//
// A contest's shape is `{ contest, candidates: [ids in ballot order], lines, seats }`; marks are
// `{ for: [ids], against: [ids], write_ins: [names] }`; the context is `{ manifestHash, round,
// salt }` (hex or bytes). JSON is as §7 writes it, lowercase hex.

import { nameProblem, readName } from '../names.js';
import { fromHex, isLowerHex, toHex, utf8 } from '../verifier/bytes.js';
import { Ciphertext, encrypt, sum } from './elgamal.js';
import { sealWith, sealedFromJSON, sealedToJSON } from './kem.js';
import {
  proveRange, proveSchnorr, rangeFromJSON, rangeToJSON, schnorrFromJSON, schnorrToJSON, verifyRange, verifyRangeBatch, verifySchnorr,
} from './proofs.js';
import { modL, scalarFromHex, scalarToHex } from './ristretto.js';
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
    nameProof: (q) => [...base, item.integer(q), item.text('name')],
    limit: () => [...base, item.text('limit')],
  };
};

/** A write-in as its line's plaintext: the normalised name's UTF-8, zero-padded to 256 bytes. */
export function padName(name) {
  // Read as every name is (record-format.md §1): U+0000, a control character, is refused too.
  const read = readName(name, NAME_CHARACTERS);
  if (read.error) throw new Error(`the write-in ${nameProblem(read)}`);
  const out = new Uint8Array(NAME_BYTES);
  out.set(utf8(read.name));
  return out;
}

/**
 * The name of a write-in's plaintext: the bytes before the first zero byte, as UTF-8. Throws
 * (§9) when a byte after it is not zero, when the name is empty, or when it is not UTF-8.
 */
export function unpadName(plaintext) {
  if (plaintext.length !== NAME_BYTES) throw new Error(`a write-in's plaintext is ${NAME_BYTES} bytes`);
  const end = plaintext.indexOf(0) < 0 ? plaintext.length : plaintext.indexOf(0);
  if (end === 0) throw new Error('a write-in is not empty');
  if (plaintext.subarray(end).some((byte) => byte !== 0)) throw new Error('a write-in is padded with zero bytes only');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext.subarray(0, end));
  } catch {
    throw new Error('a write-in is UTF-8');
  }
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
  const inLimit = []; // [ciphertext, value, randomness] of every `for` and `used`
  const candidates = [];
  // What a challenge reveals (§7.1): the choices and every randomness drawn.
  const opening = { contest: shape.contest, candidates: [], write_ins: [] };
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
    const mark = vFor ? 'for' : vAgainst ? 'against' : 'abstain';
    opening.candidates.push({ candidate, mark, for_r: scalarToHex(rFor), against_r: scalarToHex(rAgainst) });
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
    const u = await rng.scalar();
    const name = await sealWith(u, plaintext, key, 'write-in', ctx.name(q));
    plaintext.fill(0);
    const nameProof = await proveSchnorr(ctx.nameProof(q), u, name.header, rng);
    inLimit.push([ctUsed, used, rUsed]);
    opening.write_ins.push({ name: used ? readName(writeIns[q]).name : null, used_r: scalarToHex(rUsed), name_u: scalarToHex(u) });
    lines.push({ used: ctUsed.toJSON(), used_proof: rangeToJSON(usedProof), name: sealedToJSON(name), name_proof: schnorrToJSON(nameProof) });
  }
  const total = sum(inLimit.map(([ct]) => ct));
  const value = inLimit.reduce((n, [, v]) => n + v, 0);
  const randomness = inLimit.reduce((r, [, , rr]) => modL(r + rr), 0n);
  const limitProof = await proveRange(ctx.limit(), key, total, value, randomness, shape.seats, rng);
  return { section: { contest: shape.contest, candidates, write_ins: lines, limit_proof: rangeToJSON(limitProof) }, opening };
}

/**
 * A sealed ballot `{ salt, sections }` of `marksByContest` (contest → marks) for the contests
 * `shapes` it holds, in manifest order: the salt drawn first, then each section (§10).
 * `round` is `{ manifestHash, round }`.
 */
export async function encryptBallot(shapes, marksByContest, round, key, rng) {
  const salt = await rng.salt();
  const context = { ...round, salt };
  const sections = [];
  const openings = [];
  for (const shape of shapes) {
    const { section, opening } = await encryptSection(shape, marksByContest[shape.contest] ?? {}, context, key, rng);
    sections.push(section);
    openings.push(opening);
  }
  return { ballot: { salt: toHex(salt), sections }, opening: { salt: toHex(salt), sections: openings } };
}

/**
 * Checks a challenged ballot's `opening` (§7.1) by sealing every value again with the
 * randomness it reveals and comparing with `ballot`, ciphertext by ciphertext and box by box.
 * Resolves to the marks it holds, contest by contest (`{ for, against, write_ins }`): what the
 * kiosk must have shown. Throws when the opening does not seal to the ballot.
 */
export async function checkOpening(shapes, ballot, opening, round, key) {
  if (opening.salt !== ballot.salt || opening.sections.length !== ballot.sections.length) {
    throw new Error('the opening is not of this ballot');
  }
  const context = ballotContext({ ...round, salt: ballot.salt });
  const marks = {};
  for (const [k, section] of ballot.sections.entries()) {
    const open = opening.sections[k];
    const shape = shapes.find((s) => s.contest === section.contest);
    if (!shape || open.contest !== section.contest || open.candidates.length !== section.candidates.length || open.write_ins.length !== section.write_ins.length) {
      throw new Error(`the opening of ${section.contest} does not have the section's shape`);
    }
    const ctx = contexts(context, shape.contest);
    const same = (ct, json) => ct.alpha.toHex() === json.alpha && ct.beta.toHex() === json.beta;
    const chosen = { for: [], against: [], write_ins: [] };
    for (const [i, sealed] of section.candidates.entries()) {
      const { candidate, mark, for_r: rFor, against_r: rAgainst } = open.candidates[i];
      if (
        candidate !== sealed.candidate ||
        !same(encrypt(key, mark === 'for' ? 1 : 0, scalarFromHex(rFor)), sealed.for) ||
        !same(encrypt(key, mark === 'against' ? 1 : 0, scalarFromHex(rAgainst)), sealed.against)
      ) {
        throw new Error(`${shape.contest}: the mark of ${candidate} does not seal to the ballot's ciphertexts`);
      }
      if (mark === 'for') chosen.for.push(candidate);
      if (mark === 'against') chosen.against.push(candidate);
    }
    for (const [q, sealed] of section.write_ins.entries()) {
      const { name, used_r: rUsed, name_u: u } = open.write_ins[q];
      if (name !== null && chosen.write_ins.length !== q) throw new Error(`${shape.contest}: write-in line ${q} holds a name after an empty line`);
      const plaintext = name === null ? new Uint8Array(NAME_BYTES) : padName(name);
      const box = sealedToJSON(await sealWith(scalarFromHex(u), plaintext, key, 'write-in', ctx.name(q)));
      const sameBox = box.header === sealed.name.header && box.box === sealed.name.box;
      if (!same(encrypt(key, name === null ? 0 : 1, scalarFromHex(rUsed)), sealed.used) || !sameBox) {
        throw new Error(`${shape.contest}: write-in line ${q} does not seal to the ballot's line`);
      }
      if (name !== null) chosen.write_ins.push(name);
    }
    marks[section.contest] = chosen;
  }
  return marks;
}

const notIdentity = (point, what) => {
  if (point.isIdentity()) throw new Error(`${what} is the identity`);
  return point;
};

function readCiphertext(json, what) {
  const ct = Ciphertext.fromJSON(json);
  notIdentity(ct.alpha, `the α of ${what}`);
  return ct;
}

/**
 * A section read against its shape: `{ contest, candidates: [{ candidate, for, forProof,
 * against, againstProof, oneProof }], writeIns: [{ used, usedProof, name, nameProof }],
 * limitProof }` with every point and scalar decoded. Throws on anything malformed: another
 * contest, candidates or lines that are not the shape's, bad hex, a point that does not decode,
 * a scalar out of range, an α or a header U that is the identity, a box of the wrong length.
 */
export function readSection(shape, section) {
  if (section === null || typeof section !== 'object' || section.contest !== shape.contest) throw new Error(`not a section of ${shape.contest}`);
  if (!Array.isArray(section.candidates) || section.candidates.length !== shape.candidates.length) throw new Error('a section lists every candidate');
  if (!Array.isArray(section.write_ins) || section.write_ins.length !== shape.lines) throw new Error('a section lists every write-in line');
  const candidates = section.candidates.map((c, k) => {
    if (c?.candidate !== shape.candidates[k]) throw new Error(`candidate ${k + 1} must be ${shape.candidates[k]}`);
    return {
      candidate: c.candidate,
      for: readCiphertext(c.for, `for ${c.candidate}`),
      forProof: rangeFromJSON(c.for_proof),
      against: readCiphertext(c.against, `against ${c.candidate}`),
      againstProof: rangeFromJSON(c.against_proof),
      oneProof: rangeFromJSON(c.one_proof),
    };
  });
  const writeIns = section.write_ins.map((line, q) => {
    const name = sealedFromJSON(line?.name);
    notIdentity(name.header, `the name header of line ${q}`);
    if (name.box.length !== NAME_BYTES + 16) throw new Error(`a write-in box is ${NAME_BYTES + 16} bytes`);
    return { used: readCiphertext(line.used, `line ${q}`), usedProof: rangeFromJSON(line.used_proof), name, nameProof: schnorrFromJSON(line.name_proof) };
  });
  return { contest: shape.contest, candidates, writeIns, limitProof: rangeFromJSON(section.limit_proof) };
}

/** Every range proof of a read section, as verifyRange's arguments with the place it stands. */
function rangeChecks(shape, section, ctx, key) {
  const checks = [];
  const add = (place, rangeCtx, ciphertext, L, proof) => checks.push({ place: `${shape.contest}/${place}`, ctx: rangeCtx, key, ciphertext, L, proof });
  for (const c of section.candidates) {
    add(`${c.candidate}/for`, ctx.mark('for', c.candidate), c.for, 1, c.forProof);
    add(`${c.candidate}/against`, ctx.mark('against', c.candidate), c.against, 1, c.againstProof);
    add(`${c.candidate}/one`, ctx.mark('one', c.candidate), c.for.add(c.against), 1, c.oneProof);
  }
  section.writeIns.forEach((line, q) => add(`line ${q}/used`, ctx.line(q), line.used, 1, line.usedProof));
  const total = sum([...section.candidates.map((c) => c.for), ...section.writeIns.map((w) => w.used)]);
  add('limit', ctx.limit(), total, shape.seats, section.limitProof);
  return checks;
}

/**
 * A sealed ballot `{ salt, sections }` read against the round's `shapes` (in manifest order; the
 * ballot holds at most one section of each, in that order): `{ ok: true, salt, ctx, sections:
 * [[shape, section]] }`, or `{ ok: false, problem: 'malformed', place }`.
 */
function readBallot(shapes, ballot, round) {
  const malformed = (place) => ({ ok: false, problem: 'malformed', place });
  if (ballot === null || typeof ballot !== 'object' || !isLowerHex(ballot.salt, 32) || !Array.isArray(ballot.sections)) return malformed('ballot');
  const salt = fromHex(ballot.salt);
  const sections = [];
  let next = 0;
  for (const json of ballot.sections) {
    const at = shapes.findIndex((shape, k) => k >= next && shape.contest === json?.contest);
    if (at < 0) return malformed(`section ${json?.contest}: not a contest of the round, or out of manifest order`);
    next = at + 1;
    try {
      sections.push([shapes[at], readSection(shapes[at], json)]);
    } catch (error) {
      return malformed(`${shapes[at].contest}: ${error.message}`);
    }
  }
  return { ok: true, salt, ctx: ballotContext({ ...round, salt }), sections };
}

/**
 * Whether a sealed ballot `{ salt, sections }` is well formed and every proof in it checks
 * (§7): `{ ok: true, ballot }` (read: salt bytes and sections), or `{ ok: false, problem, place }`
 * naming the first failure, problem being 'malformed' or 'proof'. `shapes` are the round's
 * contests in manifest order; the ballot holds at most one section of each, in that order.
 * The range proofs are checked in one batch; only when it fails are they checked one by one,
 * to name the bad one.
 */
export async function verifyBallot(shapes, ballot, round, key) {
  const read = readBallot(shapes, ballot, round);
  if (!read.ok) return read;
  const failure = await checkSections(read.sections, read.ctx, key);
  if (failure) return failure;
  return { ok: true, ballot: { salt: read.salt, sections: read.sections.map(([, section]) => section) } };
}

/**
 * Whether one section (JSON) of a ballot checks, under `context` ({ manifestHash, round, salt }):
 * `{ ok: true, section }` or `{ ok: false, problem, place }`, as verifyBallot.
 */
export async function verifySection(shape, json, context, key) {
  let section;
  try {
    section = readSection(shape, json);
  } catch (error) {
    return { ok: false, problem: 'malformed', place: `${shape.contest}: ${error.message}` };
  }
  const failure = await checkSections([[shape, section]], ballotContext(context), key);
  return failure ?? { ok: true, section };
}

/** The first failure among read sections' name proofs, or null; `checks` gets their range proofs. */
async function checkNames(sections, ballotCtx, key, checks) {
  for (const [shape, section] of sections) {
    const ctx = contexts(ballotCtx, shape.contest);
    for (let q = 0; q < section.writeIns.length; q += 1) {
      const line = section.writeIns[q];
      if (!(await verifySchnorr(ctx.nameProof(q), line.name.header, line.nameProof))) return { ok: false, problem: 'proof', place: `${shape.contest}/line ${q}/name` };
    }
    checks.push(...rangeChecks(shape, section, ctx, key));
  }
  return null;
}

/** The first range proof of `checks` that fails, one by one, as a failure; null when none does. */
async function firstBadRange(checks) {
  for (const check of checks) {
    if (!(await verifyRange(check.ctx, check.key, check.ciphertext, check.L, check.proof))) return { ok: false, problem: 'proof', place: check.place };
  }
  return null;
}

/** The first failure among read sections' proofs, or null: name proofs, then ranges batched. */
async function checkSections(sections, ballotCtx, key) {
  const checks = [];
  const failure = await checkNames(sections, ballotCtx, key, checks);
  if (failure) return failure;
  if (await verifyRangeBatch(checks)) return null;
  // Unreachable after firstBadRange but for a failure of the batch with every proof good, which cannot happen.
  return (await firstBadRange(checks)) ?? { ok: false, problem: 'proof', place: 'batch' };
}

/**
 * Whether each of several sealed ballots is well formed with every proof holding, the range
 * proofs of them all checked in one batch (a larger multiscalar multiplication costs less a
 * point): `{ ok: true, ballots }` (read), or the first failure as verifyBallot gives it, with
 * `index`, the failing ballot's place in `ballots` (from 0). When the batch fails, the ballots'
 * range proofs are checked one by one to name the first bad one.
 */
export async function verifyBallots(shapes, ballots, round, key) {
  const read = [];
  const checks = [];
  const own = [];
  for (let i = 0; i < ballots.length; i += 1) {
    const ballot = readBallot(shapes, ballots[i], round);
    if (!ballot.ok) return { ...ballot, index: i };
    const mine = [];
    const failure = await checkNames(ballot.sections, ballot.ctx, key, mine);
    if (failure) return { ...failure, index: i };
    checks.push(...mine);
    own.push(mine);
    read.push({ salt: ballot.salt, sections: ballot.sections.map(([, section]) => section) });
  }
  if (await verifyRangeBatch(checks)) return { ok: true, ballots: read };
  for (const [i, mine] of own.entries()) {
    const failure = await firstBadRange(mine);
    if (failure) return { ...failure, index: i };
  }
  // Unreachable but for a failure of the batch with every proof good, which cannot happen.
  return { ok: false, problem: 'proof', place: 'batch', index: 0 };
}

/** How many ballots' range proofs verifyRound checks in one batch. */
export const ROUND_BATCH = 64;

/**
 * Whether a round's ballots (in log order) all verify and are distinct as §7 requires: no salt
 * twice, and no point twice among every α and every name header U of the round. `{ ok: true,
 * ballots }` (read), or `{ ok: false, problem, place }` with place `ballot N: …`.
 *
 * The ballots are verified `batch` at a time (verifyBallots); `onProgress({ done, total })`
 * hears after each batch.
 */
export async function verifyRound(shapes, ballots, round, key, { batch = ROUND_BATCH, onProgress } = {}) {
  const salts = new Set();
  const points = new Set();
  const read = [];
  for (let start = 0; start < ballots.length; start += batch) {
    const end = Math.min(ballots.length, start + batch);
    const verified = await verifyBallots(shapes, ballots.slice(start, end), round, key);
    if (!verified.ok) return { ok: false, problem: verified.problem, place: `ballot ${start + verified.index}: ${verified.place}` };
    for (const [k, ballot] of verified.ballots.entries()) {
      const n = start + k;
      if (salts.has(ballots[n].salt)) return { ok: false, problem: 'repeated', place: `ballot ${n}: its salt` };
      salts.add(ballots[n].salt);
      for (const section of ballot.sections) {
        const seen = [
          ...section.candidates.flatMap((c) => [c.for.alpha, c.against.alpha]),
          ...section.writeIns.flatMap((w) => [w.used.alpha, w.name.header]),
        ];
        for (const point of seen) {
          const hex = point.toHex();
          if (points.has(hex)) return { ok: false, problem: 'repeated', place: `ballot ${n}: ${section.contest}: a point seen before` };
          points.add(hex);
        }
      }
      read.push(ballot);
    }
    onProgress?.({ done: end, total: ballots.length });
  }
  return { ok: true, ballots: read };
}
