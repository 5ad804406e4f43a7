// A closed sealed round's ballots checked in this browser before a trustee decrypts anything
// (docs/sealed-ballots.md §9): every ballot verified (§7: shapes, proofs, distinct salts and
// points) and the first opening list built (§8), by the page's own code, never the server's
// word. The ballots are shared out among module workers (round-worker.js), one a core, each
// verifying its slice with the range proofs batched and adding up its slice's totals; the page
// then checks that no salt or point repeats across slices and adds the slices' lists together.
// Where workers cannot run, the same is done here, on the page's thread.

import { Ciphertext } from '../shared/sealed/elgamal.js';
import { sealedFromJSON } from '../shared/sealed/kem.js';
import { Point } from '../shared/sealed/ristretto.js';
import { verifyRound } from '../shared/sealed/ballot.js';
import { firstOpeningList } from '../shared/sealed/opening.js';

/** The most workers a round is shared among. */
const MOST_WORKERS = 4;

/**
 * The shapes of a round's contests from its definition (as src/record/sealed/ballot.rs's
 * ContestShape::of_round): candidates in the definition's order, seats, and as many write-in
 * lines as seats — none in a tie re-vote.
 */
export function roundShapes(definition) {
  return definition.contests.map((contest) => ({
    contest: contest.id,
    candidates: contest.candidates.map((c) => c.id),
    lines: contest.round === 'tie_revote' ? 0 : contest.seats,
    seats: contest.seats,
  }));
}

/**
 * One slice of a round's ballots (JSON `{ salt, sections }`, in log order) verified, and its
 * first opening list as JSON: `{ ok: true, entries, ciphertexts: [{ alpha, beta }] }` or
 * `{ ok: false, problem, place }` (place counted within the slice). `round` is
 * `{ manifestHash, round }`, `key` the joint key's hex. Runs in a worker or on the page.
 */
export async function checkSlice(shapes, ballots, round, key, onProgress) {
  const verified = await verifyRound(shapes, ballots, round, Point.fromHex(key), { onProgress });
  if (!verified.ok) return { ok: false, problem: verified.problem, place: verified.place };
  const first = firstOpeningList(shapes, verified.ballots);
  return { ok: true, entries: first.entries, ciphertexts: first.ciphertexts.map((c) => c.toJSON()) };
}

/**
 * Whether any salt, or any point among the α of every ciphertext and every name header, is
 * given twice in the round (§7), read from the JSON: each slice checked its own, and a point's
 * hex is canonical once its ballot decoded. The place of the first repeat, or null.
 */
function firstRepeat(ballots) {
  const salts = new Set();
  const points = new Set();
  for (const [n, ballot] of ballots.entries()) {
    if (salts.has(ballot.salt)) return `ballot ${n}: its salt`;
    salts.add(ballot.salt);
    for (const section of ballot.sections) {
      const own = [
        ...section.candidates.flatMap((c) => [c.for.alpha, c.against.alpha]),
        ...section.write_ins.flatMap((w) => [w.used.alpha, w.name.header]),
      ];
      for (const hex of own) {
        if (points.has(hex)) return `ballot ${n}: ${section.contest}: a point seen before`;
        points.add(hex);
      }
    }
  }
  return null;
}

/** Runs checkSlice in a module worker; rejects when the worker cannot start or fails. */
function inWorker(job, onProgress) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./round-worker.js', import.meta.url), { type: 'module' });
    worker.addEventListener('message', ({ data }) => {
      if (data.progress) {
        onProgress(data.progress);
        return;
      }
      worker.terminate();
      if (data.crashed) reject(new Error(data.crashed));
      else resolve(data);
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the worker did not start'));
    });
    worker.postMessage(job);
  });
}

/**
 * Verifies a closed round's ballots (JSON, log order) and builds its first opening list:
 * `{ ok: true, first: { entries, ciphertexts } }` (ciphertexts read), or `{ ok: false, problem,
 * place }` with place `ballot N: …` counted in the whole round. `onProgress({ done, total })`
 * hears as ballots are verified. `workers` says how many to use at most (0: none).
 */
export async function checkRound(shapes, ballots, round, key, { onProgress = () => {}, workers } = {}) {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  const wanted = workers ?? (typeof Worker === 'function' ? Math.min(MOST_WORKERS, Math.max(1, cores)) : 0);
  const count = Math.max(1, Math.min(wanted, Math.ceil(ballots.length / 8)));
  const size = Math.ceil(ballots.length / count) || 0;
  const slices = [];
  for (let k = 0; k < count; k += 1) slices.push(ballots.slice(k * size, (k + 1) * size));
  const done = slices.map(() => 0);
  const heard = (k) => (progress) => {
    done[k] = progress.done;
    onProgress({ done: done.reduce((a, b) => a + b, 0), total: ballots.length });
  };
  const run = async (slice, k) => {
    if (wanted > 0) {
      try {
        return await inWorker({ shapes, ballots: slice, round, key }, heard(k));
      } catch {
        // A browser that refuses module workers: verify here instead.
      }
    }
    return checkSlice(shapes, slice, round, key, heard(k));
  };
  const results = await Promise.all(slices.map(run));
  for (const [k, result] of results.entries()) {
    if (!result.ok) {
      const place = result.place.replace(/^ballot (\d+)/, (_, n) => `ballot ${Number(n) + k * size}`);
      return { ok: false, problem: result.problem, place };
    }
  }
  const repeat = firstRepeat(ballots);
  if (repeat) return { ok: false, problem: 'repeated', place: repeat };
  return { ok: true, first: merge(results, size) };
}

/**
 * The round's first list from its slices' lists: the totals (the entries before the first
 * write-in count, the same in every slice) added up, then every slice's write-in counts in log
 * order, their ballots counted in the whole round.
 */
function merge(results, size) {
  const totalsOf = (result) => result.entries.findIndex((e) => e.kind === 'write-ins');
  const [head] = results;
  const totals = totalsOf(head) < 0 ? head.entries.length : totalsOf(head);
  const entries = head.entries.slice(0, totals);
  const ciphertexts = [];
  for (let k = 0; k < totals; k += 1) {
    ciphertexts.push(results.map((r) => Ciphertext.fromJSON(r.ciphertexts[k])).reduce((a, b) => a.add(b)));
  }
  for (const [s, result] of results.entries()) {
    for (let k = totals; k < result.entries.length; k += 1) {
      entries.push({ ...result.entries[k], ballot: result.entries[k].ballot + s * size });
      ciphertexts.push(Ciphertext.fromJSON(result.ciphertexts[k]));
    }
  }
  return { entries, ciphertexts };
}

/**
 * The write-in lines of the ballots the second list needs (the sections whose write-in count is
 * not 0), read from the JSON as secondOpeningList takes them: a sparse array of `{ salt,
 * sections: [{ contest, writeIns: [{ used, name }] }] }`. The ballots were verified already.
 */
export function linesOf(ballots, first, counts) {
  const read = [];
  first.entries.forEach((entry, k) => {
    if (entry.kind !== 'write-ins' || counts[k] === 0 || read[entry.ballot]) return;
    const ballot = ballots[entry.ballot];
    read[entry.ballot] = {
      salt: ballot.salt,
      sections: ballot.sections.map((section) => ({
        contest: section.contest,
        writeIns: section.write_ins.map((line) => ({ used: Ciphertext.fromJSON(line.used), name: sealedFromJSON(line.name) })),
      })),
    };
  });
  return read;
}
