// A sealed round checked as docs/record-format.md §6.3.1 says, on the cryptography of
// ../sealed/ (docs/sealed-ballots.md §7–§9): the cast ballots' proofs [`sealed_ballots`], the
// challenged ballots and their openings [`spoiled_ballots`], and the trustees' partial
// decryptions, combined into the totals the round is counted from [`opening`]. Each check
// resolves to what the next one needs, or throws a SealedProblem saying, in English and for
// people, what does not hold.

import { canonicalBytes } from './jcs.js';
import { toHex } from './bytes.js';
import { leafHash } from './merkle.js';
import { say } from './say.js';
import { checkOpening, verifyBallot, verifyBallots } from '../sealed/ballot.js';
import { TOTALS, WRITE_INS, combine, combineShares, firstOpeningList, readWriteIn, secondOpeningList, verifyPartial } from '../sealed/opening.js';
import { countReader } from '../sealed/elgamal.js';
import { G, IDENTITY } from '../sealed/ristretto.js';

/** A sealed round does not hold: `message` in English, `say` for people, `ballot` (from 1) when one ballot is at fault. */
export class SealedProblem extends Error {
  constructor(message, said, ballot) {
    super(message);
    this.name = 'SealedProblem';
    this.say = said;
    this.ballot = ballot;
  }
}

/**
 * How many ballots' range proofs are checked in one batch, and between two reports of
 * progress: a larger multiscalar multiplication costs less a point (Pippenger's windows widen).
 */
const BATCH = 16;

/**
 * The shapes of a round's contests (§6.3.1), in its order: a contest's candidates are those of
 * its RoundContest in that order, its seats are its `seats`, and it has as many write-in lines
 * as seats, none in a tie re-vote.
 */
export function shapesOf(definition) {
  return definition.contests.map((rc) => ({
    contest: rc.id,
    candidates: rc.candidates.map((c) => c.id),
    lines: rc.round === 'tie_revote' ? 0 : rc.seats,
    seats: rc.seats,
  }));
}

/** The sets of contests (sorted, joined) a ballot of each of the round's styles holds. */
function styleSets(definition) {
  const sets = new Set();
  for (const style of new Set(definition.contests.flatMap((rc) => rc.styles))) {
    sets.add(
      definition.contests
        .filter((rc) => rc.styles.includes(style))
        .map((rc) => rc.id)
        .sort()
        .join('\u0000'),
    );
  }
  return sets;
}

/** The α of every mark and line and every name header of a leaf's sections, as hex. */
function pointsOf(leaf) {
  const points = [];
  for (const section of leaf.sealed) {
    for (const c of section.candidates) points.push(c.for.alpha, c.against.alpha);
    for (const line of section.write_ins) points.push(line.used.alpha, line.name.header);
  }
  return points;
}

/** What verifyBallot found wrong, in English and for people. */
function ballotProblem(result, n, what = 'ballot') {
  if (result.problem === 'proof') {
    return new SealedProblem(`${what} ${n}: the proof ${result.place} does not hold`, say('problem.sealed_ballots.proof', { ballot: n, place: result.place }), n);
  }
  return new SealedProblem(`${what} ${n}: it is not well formed: ${result.place}`, say('problem.sealed_ballots.malformed', { ballot: n, place: result.place }), n);
}

/**
 * `sealed_ballots`: every cast ballot (`leaves`, in log order) is of one ballot style of the
 * round, well formed for its shapes, and every proof holds under `key` for the manifest hash,
 * the round and the ballot's salt; no two share a salt and no point appears twice among their
 * α and name headers (sealed-ballots.md §7). The range proofs of BATCH ballots at a time are
 * checked in one batch. Resolves to the ballots as read (points decoded), which the opening sums.
 */
export async function checkSealedBallots({ definition, leaves, manifestHash, key, shapes = shapesOf(definition), onProgress = () => {} }) {
  const round = { manifestHash, round: definition.number };
  const salts = new Map();
  const points = new Map();
  for (let i = 0; i < leaves.length; i += 1) {
    const n = i + 1;
    const salt = leaves[i].salt;
    if (salts.has(salt)) {
      throw new SealedProblem(`ballot ${n}: its salt ${salt} is that of ballot ${salts.get(salt)} too`, say('problem.sealed_ballots.salt', { ballot: n, other: salts.get(salt) }), n);
    }
    salts.set(salt, n);
    for (const point of pointsOf(leaves[i])) {
      if (points.has(point)) {
        throw new SealedProblem(
          `ballot ${n}: the point ${point} appears twice in the round (ballot ${points.get(point)} holds it too)`,
          say('problem.sealed_ballots.point', { ballot: n, other: points.get(point) }),
          n,
        );
      }
      points.set(point, n);
    }
  }
  const styles = styleSets(definition);
  const read = [];
  for (let start = 0; start < leaves.length; start += BATCH) {
    const chunk = leaves.slice(start, start + BATCH);
    // A ballot of no style is refused where it stands: after the ballots before it.
    let end = chunk.findIndex((leaf) => !styles.has(leaf.sealed.map((s) => s.contest).sort().join('\u0000')));
    if (end < 0) end = chunk.length;
    const result = await verifyBallots(shapes, chunk.slice(0, end).map((leaf) => ({ salt: leaf.salt, sections: leaf.sealed })), round, key);
    if (!result.ok) throw ballotProblem(result, start + result.index + 1);
    read.push(...result.ballots);
    if (end < chunk.length) {
      const n = start + end + 1;
      const contests = chunk[end].sealed.map((s) => s.contest);
      throw new SealedProblem(
        `ballot ${n}: its contests (${contests.join(', ')}) are not those of any ballot style of the round`,
        say('problem.sealed_ballots.style', { ballot: n, contests }),
        n,
      );
    }
    onProgress(read.length, leaves.length);
  }
  return read;
}

/** Compares two byte strings as unsigned numbers, first byte first. */
function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * `spoiled_ballots`: every ballot challenged at a kiosk (§7.1) is of this congress and round,
 * its salt no other ballot's, cast or spoiled, well formed with every proof holding and no point
 * twice, and its opening seals again to exactly it; and they ascend by tracker (their leaf
 * hash). Resolves to the number of spoiled ballots.
 */
export async function checkSpoiledBallots({ definition, congress, leaves, spoiled, manifestHash, key, shapes = shapesOf(definition) }) {
  const round = { manifestHash, round: definition.number };
  const salts = new Set(leaves.map((l) => l.salt));
  const trackers = [];
  for (let i = 0; i < spoiled.length; i += 1) {
    const n = i + 1;
    const { ballot, opening } = spoiled[i];
    const refuse = (text, key, params = {}) => {
      const problem = new SealedProblem(`challenged ballot ${n}: ${text}`, say(`problem.spoiled_ballots.${key}`, { ballot: n, ...params }));
      problem.spoiled = n;
      return problem;
    };
    if (ballot.congress !== congress || ballot.round !== definition.number) {
      throw refuse(`it names congress "${ballot.congress}" round ${ballot.round}, not congress "${congress}" round ${definition.number}`, 'round', {
        congress: ballot.congress,
        round: ballot.round,
        ours: congress,
        ourRound: definition.number,
      });
    }
    if (salts.has(ballot.salt)) throw refuse(`its salt ${ballot.salt} is another ballot's, cast or spoiled`, 'salt');
    salts.add(ballot.salt);
    const result = await verifyBallot(shapes, { salt: ballot.salt, sections: ballot.sealed }, round, key);
    if (!result.ok) {
      if (result.problem === 'proof') throw refuse(`the proof ${result.place} does not hold`, 'proof', { place: result.place });
      throw refuse(`it is not well formed: ${result.place}`, 'malformed', { place: result.place });
    }
    const points = pointsOf(ballot);
    if (new Set(points).size !== points.length) throw refuse('a point appears twice in it', 'point');
    try {
      await checkOpening(shapes, { salt: ballot.salt, sections: ballot.sealed }, opening, round, key);
    } catch (error) {
      throw refuse(`its opening does not seal again to it: ${error.message}`, 'opening', { text: error.message });
    }
    trackers.push(await leafHash(canonicalBytes(ballot)));
  }
  for (let i = 1; i < trackers.length; i += 1) {
    if (compareBytes(trackers[i - 1], trackers[i]) >= 0) {
      const problem = new SealedProblem(
        `challenged ballot ${i + 1}: its tracker ${toHex(trackers[i])} does not come after challenged ballot ${i}'s: the challenged ballots ascend by tracker`,
        say('problem.spoiled_ballots.order', { ballot: i + 1, previous: i }),
      );
      problem.spoiled = i + 1;
      throw problem;
    }
  }
  return spoiled.length;
}

/**
 * The partial decryptions of one step checked against `list` (their order is checked before):
 * trustees of the manifest, at least `threshold`, each of its step with one share per
 * entry and a proof that holds against the trustee's public share. A Map trustee → shares.
 */
async function checkPartials(step, partials, list, { round, threshold, shares }) {
  const refuse = (text, key, params = {}) => new SealedProblem(`the ${step} step: ${text}`, say(`problem.opening.${key}`, { step, ...params }));
  const checked = new Map();
  for (const partial of partials) {
    const trustee = partial.trustee;
    const share = shares.get(trustee);
    if (!share) throw refuse(`there is no trustee ${trustee}`, 'no_trustee', { trustee });
    if (partial.step !== step) throw refuse(`trustee ${trustee}'s partial decryption is of the ${partial.step} step`, 'step', { trustee, given: partial.step });
    if (partial.shares.length !== list.ciphertexts.length) {
      throw refuse(`trustee ${trustee} gives ${partial.shares.length} shares for the ${list.ciphertexts.length} entries of the list`, 'shares', {
        trustee,
        given: partial.shares.length,
        entries: list.ciphertexts.length,
      });
    }
    const points = await verifyPartial(round, step, share, list.ciphertexts, partial);
    if (!points) throw refuse(`trustee ${trustee}'s proof of the partial decryption does not hold against its public share`, 'proof', { trustee });
    checked.set(trustee, points);
  }
  if (checked.size < threshold) {
    throw refuse(`${checked.size} trustee(s) decrypted it; the threshold is ${threshold}`, 'too_few', { count: checked.size, threshold });
  }
  return checked;
}

/**
 * `opening`: the trustees' partial decryptions of the first opening list (built here from the
 * ballots, §8) and, when any section holds a write-in, of the second, each checked, combined
 * with every one used; each entry of the first list a count in 0 … the larger of the ballots
 * and the largest seats; each used line's name read (§9). `sealing` is `{ threshold, shares }`
 * (the trustees' public shares by number). Resolves to each contest's totals by id, as
 * tally.js `recountOpened` counts them, the number of write-ins read and the trustees who
 * took part. (`shapes` defaults to the definition's; the test vectors give their own.)
 */
export async function checkOpeningOf({ definition, ballots, totals, writeIns, manifestHash, sealing, shapes = shapesOf(definition) }) {
  const round = { manifestHash, round: definition.number };
  const context = { round, threshold: sealing.threshold, shares: sealing.shares };
  for (const [step, partials] of [[TOTALS, totals], [WRITE_INS, writeIns]]) {
    for (let k = 1; k < partials.length; k += 1) {
      const [last, trustee] = [partials[k - 1].trustee, partials[k].trustee];
      if (trustee <= last) {
        throw new SealedProblem(
          `the ${step} step: trustee ${trustee} is listed after trustee ${last}: each trustee once, in increasing order`,
          say('problem.opening.order', { step, trustee, last }),
        );
      }
    }
  }
  const first = firstOpeningList(shapes, ballots);
  const firstChecked = await checkPartials(TOTALS, totals, first, context);
  const bound = Math.max(ballots.length, ...shapes.map((s) => s.seats));
  const read = countReader(bound);
  const counts = combine(first.ciphertexts, firstChecked).map((point, k) => {
    const m = read(point);
    if (m === null) {
      const entry = first.entries[k];
      const what = entry.kind === 'write-ins' ? `ballot ${entry.ballot + 1}'s write-ins in contest "${entry.contest}"` : `the ${entry.kind} total of "${entry.candidate}" in contest "${entry.contest}"`;
      throw new SealedProblem(`the totals decrypt to no count in 0 … ${bound}: ${what}`, say('problem.opening.no_count', { entry: k + 1, bound }));
    }
    return m;
  });
  const second = secondOpeningList(shapes, ballots, first, counts);
  const names = [];
  if (second.ciphertexts.length === 0) {
    if (writeIns.length > 0) {
      throw new SealedProblem('no section holds a write-in, yet the record gives partial decryptions of the write-ins', say('problem.opening.write_ins_extra'));
    }
  } else {
    const checked = await checkPartials(WRITE_INS, writeIns, second, context);
    const shared = combineShares(checked);
    let used = false;
    for (let k = 0; k < second.entries.length; k += 1) {
      const entry = second.entries[k];
      if (entry.kind === 'used') {
        const point = second.ciphertexts[k].beta.subtract(shared[k]);
        if (point.equals(IDENTITY)) used = false;
        else if (point.equals(G)) used = true;
        else {
          throw new SealedProblem(
            `ballot ${entry.ballot + 1}: line ${entry.line} of contest "${entry.contest}" decrypts to neither used nor unused`,
            say('problem.opening.line', { ballot: entry.ballot + 1, contest: entry.contest, line: entry.line }),
          );
        }
      } else if (used) {
        try {
          names.push({ ...entry, name: await readWriteIn(shared[k], round, ballots[entry.ballot], entry.contest, entry.line) });
        } catch (error) {
          throw new SealedProblem(
            `ballot ${entry.ballot + 1}: the write-in on line ${entry.line} of contest "${entry.contest}" does not read: ${error.message}`,
            say('problem.opening.name', { ballot: entry.ballot + 1, contest: entry.contest, line: entry.line, text: error.message }),
          );
        }
      }
    }
  }

  // Each contest's totals, as the rules count them.
  const totalsAt = new Map();
  first.entries.forEach((e, k) => {
    if (e.kind === 'for' || e.kind === 'against') totalsAt.set(`${e.kind}\u0000${e.contest}\u0000${e.candidate}`, counts[k]);
  });
  const namesOf = new Map();
  for (const w of names) {
    const at = `${w.ballot}\u0000${w.contest}`;
    if (!namesOf.has(at)) namesOf.set(at, []);
    namesOf.get(at).push(w.name);
  }
  const opened = {};
  for (const shape of shapes) {
    const listed = shape.candidates.map((c) => [totalsAt.get(`for\u0000${shape.contest}\u0000${c}`), totalsAt.get(`against\u0000${shape.contest}\u0000${c}`)]);
    let returned = 0;
    const written = [];
    ballots.forEach((ballot, b) => {
      if (!ballot.sections.some((s) => s.contest === shape.contest)) return;
      returned += 1;
      const here = namesOf.get(`${b}\u0000${shape.contest}`);
      if (here) written.push(here);
    });
    opened[shape.contest] = { returned, listed, written };
  }
  return { opened, writeIns: names.length, trustees: [...firstChecked.keys()] };
}
