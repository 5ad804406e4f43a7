// The election record verified in the order docs/record-format.md §10 gives, each check reported
// as it holds, stopping at the first that does not — as `ballotbox verify --json` reports it:
// { ok, checks: [{ code, place, detail }], failure: { code, place, problem } | null,
//   result_hash, summary }. Each check and failure also says itself to people as `say`:
// { key, params }, a key of the translation table (kiosk/shared/strings/verifier.js) whose
// parameters may themselves be translations ({ key, params }, or { key, raw } for a name of the
// record that the table may not know); `ballotbox verify --json` gives the English only.

import { canonical, canonicalBytes } from './jcs.js';
import { JsonError, parseJson } from './json.js';
import { checkShape } from './shape.js';
import { concat, grouped, toHex, utf8, fromHex } from './bytes.js';
import { sha256 } from './sha.js';
import { KEY_PROBLEMS, keyProblem, verifyStrict } from './ed25519.js';
import { leafHashes, root as merkleRoot } from './merkle.js';
import { CountError, recount, recountOpened } from './tally.js';
import { describePublicationDifference, describeTallyDifference, firstDifference } from './diff.js';
import { Progress, RulesError } from './progress.js';
import { clauses, electorateSay, hashWords, keyProblemSay, listed, methodSay, person, say } from './say.js';
import { loadBallotOrder } from '../ballot-order.js';
import { jointKey, publicShare, readCommitments } from '../sealed/ceremony.js';
import { Point } from '../sealed/ristretto.js';
import { SealedProblem, checkOpeningOf, checkSealedBallots, checkSpoiledBallots } from './sealed.js';

export const RECORD_FORMAT = 'ballotbox-record/2';
/** A sealed congress's record: format 2 with every round sealed (§6.3.1). */
export const SEALED_RECORD_FORMAT = 'ballotbox-record/3';
/** The first format, whose logs list the ballots as they were cast: read, no longer written (§6.8). */
export const CAST_ORDER_RECORD_FORMAT = 'ballotbox-record/1';
export const MANIFEST_FORMAT = 'ballotbox-manifest/1';
/** A sealed congress's manifest: format 1 and its `sealing` (§6.2). */
export const SEALED_MANIFEST_FORMAT = 'ballotbox-manifest/2';
export const RESULT_FORMAT = 'ballotbox-result/1';
export const DECISION_FORMAT = 'ballotbox-decision/1';
export const PUBLICATION_FORMAT = 'ballotbox-publication/1';

/** The context labels of §4, by the kind of document signed. */
export const CONTEXTS = {
  manifest: 'ballotbox/v1/manifest',
  card: 'ballotbox/v1/card',
  tree_head: 'ballotbox/v1/tree-head',
  result: 'ballotbox/v1/result',
  countersignature: 'ballotbox/v1/countersignature',
  decision: 'ballotbox/v1/decision',
  publication: 'ballotbox/v1/publication',
};

/** Every check code, in the order §10 makes them. */
export const CHECK_CODES = [
  'record_format', 'manifest_format', 'manifest_hash', 'manifest_contents', 'ballot_order', 'ceremony', 'public_key', 'decision_order',
  'round_manifest', 'round_rules', 'ballot_round', 'receipts', 'log_order', 'tree_size', 'tree_root',
  'sealed_ballots', 'spoiled_ballots', 'opening', 'tree_head',
  'tree_head_signature', 'result_format', 'result_tree_head', 'turnout', 'counts', 'recount',
  'result_hash', 'result_signature', 'round_outcome', 'decision_hash', 'decision_signature',
  'decision_rules', 'publication', 'publication_hash', 'publication_signature', 'countersignature',
];

/** The code of a file that is not a record of this format (ballotbox verify exits 2). */
export const MALFORMED = 'record_shape';

/** The message signed in `context` for `document`: label || 0x00 || JCS(document). */
export function signedMessage(context, document) {
  return concat(utf8(CONTEXTS[context]), new Uint8Array([0]), canonicalBytes(document));
}

/** SHA-256 (hex) of a document's canonical bytes. */
export async function documentHash(document) {
  return toHex(await sha256(canonicalBytes(document)));
}

/** SHA-256 (hex) of a key's 32 bytes: its fingerprint, as the minutes print it. */
export async function fingerprint(keyHex) {
  return toHex(await sha256(fromHex(keyHex)));
}

/** Reads a record's text strictly (§1); throws a JsonError naming the JSON path. */
export function readRecord(text) {
  return readValue(parseJson(text));
}

/**
 * Checks an already parsed value's shape. A record of another format is not read at all (as
 * `ballotbox verify` exits 2 for it): the `record_format` check of §10 can then only pass.
 */
function readValue(value) {
  const format = value && typeof value === 'object' && !Array.isArray(value) ? value.format : undefined;
  if (typeof format === 'string' && format !== RECORD_FORMAT && format !== SEALED_RECORD_FORMAT && format !== CAST_ORDER_RECORD_FORMAT) {
    throw new JsonError(
      'format',
      `this is a "${format}" record; this verifier reads ${SEALED_RECORD_FORMAT}, ${RECORD_FORMAT} and ${CAST_ORDER_RECORD_FORMAT}`,
    );
  }
  return checkShape(value);
}

class Failure extends Error {
  constructor(code, place, problem, where, say) {
    super(`${place}: ${problem}`);
    this.code = code;
    this.place = place;
    this.problem = problem;
    this.where = where ?? {};
    this.say = say;
  }
}

const fail = (code, place, problem, where, said) => new Failure(code, place, problem, where, said);

/** The bodies whose members sit at each body's meeting, by its electorate (§8). */
const BODY_NAMES = { plenary: 'the committee', audit_plenary: 'the funds audit committee', women_plenary: "the women workers' committee" };

/**
 * Verifies an election record: `input` is its text (read strictly) or an already read record.
 * `onProgress({ stage, round, done, total })` is told how far the hashing has come.
 * Resolves to the report; never rejects for a bad record.
 */
export async function verifyRecord(input, { onProgress } = {}) {
  let record;
  try {
    record = typeof input === 'string' ? readRecord(input) : readValue(input);
  } catch (error) {
    if (!(error instanceof JsonError)) throw error;
    return {
      ok: false,
      malformed: { path: error.path, message: error.problem },
      checks: [],
      failure: {
        code: MALFORMED,
        place: error.path || 'record',
        problem: error.problem,
        where: {},
        say: say('problem.record_shape', { path: error.path || '.', text: error.problem }),
      },
      result_hash: null,
      summary: null,
    };
  }
  const run = new Run(record, onProgress);
  let failure = null;
  try {
    await run.all();
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    failure = { code: error.code, place: error.place, problem: error.problem, where: error.where, say: error.say };
  }
  run.summary.bodies = run.progress.bodies();
  return { ok: failure === null, checks: run.checks, failure, result_hash: run.resultHash, summary: run.summary, record };
}

class Run {
  constructor(record, onProgress) {
    this.record = record;
    this.onProgress = onProgress ?? (() => {});
    this.checks = [];
    this.resultHash = null;
    this.progress = new Progress(record.manifest);
    /** Whether every round is sealed (`ballotbox-record/3`, §6.3.1). */
    this.sealed = record.format === SEALED_RECORD_FORMAT;
    /** A sealed manifest's joint key, threshold and trustees' public shares, once its ceremony checks. */
    this.sealing = null;
    this.titles = new Map(record.manifest.contests.map((c) => [c.id, c.title]));
    const congress = record.manifest.congress;
    this.summary = {
      congress: congress.id,
      name: congress.name,
      union_name: congress.union_name,
      date: congress.date,
      venue: congress.venue,
      manifest_hash: record.manifest_hash,
      public_key: record.public_key,
      key_fingerprint: null,
      rounds: [],
      ballots: 0,
      decisions: 0,
      bodies: [],
      countersignatures: [],
    };
  }

  pass(code, place, detail, where, said) {
    this.checks.push({ code, place, detail, where: where ?? {}, say: said });
  }

  /** A contest as a message names it: by its title, or its id when the manifest has none. */
  contest(id) {
    return this.titles.get(id) ?? id;
  }

  async all() {
    const record = this.record;
    await this.header();
    this.decisionOrder();
    const published = [];
    for (let i = 0; i < record.rounds.length; i += 1) {
      const round = record.rounds[i];
      const number = this.progress.nextNumber();
      const hash = await this.round(round, `round ${number}`, { round: number });
      published.push({ number: round.result.round.number, result_hash: hash });
      for (let d = 0; d < record.decisions.length; d += 1) {
        if (record.decisions[d].decision.after_round === round.result.round.number) await this.decision(d, record.decisions[d]);
      }
    }
    await this.publication(published);
    await this.countersignatures();
  }

  async header() {
    const record = this.record;
    const where = { section: 'record' };
    if (record.format === CAST_ORDER_RECORD_FORMAT) {
      this.pass(
        'record_format',
        'record',
        `${CAST_ORDER_RECORD_FORMAT}: an earlier format, whose logs list the ballots in the order they were cast`,
        where,
        say('detail.record_format.cast_order', { format: CAST_ORDER_RECORD_FORMAT }),
      );
    } else if (record.format === RECORD_FORMAT || record.format === SEALED_RECORD_FORMAT) {
      this.pass('record_format', 'record', record.format, where, say(this.sealed ? 'detail.record_format.sealed' : 'detail.record_format', { format: record.format }));
    } else {
      throw fail('record_format', 'record', `the format is "${record.format}", not "${RECORD_FORMAT}"`, where, say('problem.format', { format: record.format, expected: RECORD_FORMAT }));
    }
    const manifestWhere = { section: 'manifest' };
    const sealed = record.manifest.sealing !== undefined;
    const manifestFormat = sealed ? SEALED_MANIFEST_FORMAT : MANIFEST_FORMAT;
    // §6.3.1: a sealed congress's record is format 3, and no other record is.
    if (sealed !== this.sealed) {
      throw fail(
        'manifest_format',
        'manifest',
        `a ${SEALED_RECORD_FORMAT} record is exactly that of a congress whose manifest seals its ballots (${SEALED_MANIFEST_FORMAT}); this is a ${record.format} record, and its manifest ${sealed ? 'seals' : 'does not seal'} its ballots`,
        manifestWhere,
        say(sealed ? 'problem.manifest_format.record_sealed' : 'problem.manifest_format.record_unsealed', { format: record.format, sealed: SEALED_RECORD_FORMAT }),
      );
    }
    if (record.manifest.format !== manifestFormat) {
      const why = sealed ? 'a manifest with sealing' : 'a manifest without sealing';
      throw fail(
        'manifest_format',
        'manifest',
        `the format is "${record.manifest.format}", not "${manifestFormat}" (${why})`,
        manifestWhere,
        say(sealed ? 'problem.manifest_format.sealed' : 'problem.manifest_format.unsealed', { format: record.manifest.format, expected: manifestFormat }),
      );
    }
    this.pass('manifest_format', 'manifest', manifestFormat, manifestWhere, say(sealed ? 'detail.manifest_format.sealed' : 'detail.manifest_format', { format: manifestFormat }));
    let hash;
    try {
      hash = await documentHash(record.manifest);
    } catch (error) {
      throw fail('manifest_hash', 'manifest', error.message, manifestWhere, say('problem.canonical', { text: error.message }));
    }
    if (hash !== record.manifest_hash) {
      throw fail(
        'manifest_hash',
        'manifest',
        `the manifest's SHA-256 is ${hash}, the record says ${record.manifest_hash}: the manifest was changed`,
        manifestWhere,
        say('problem.manifest_hash', { hash: grouped(hash), recorded: hashWords(record.manifest_hash) }),
      );
    }
    this.pass('manifest_hash', 'manifest', `SHA-256 ${grouped(hash)}`, manifestWhere, say('detail.manifest_hash', { hash: grouped(hash) }));
    this.manifestContents(manifestWhere);
    await this.ballotOrder(manifestWhere);
    if (sealed) await this.ceremony(manifestWhere);
    const keyWhere = { section: 'key' };
    const problem = keyProblem(record.public_key);
    if (problem) {
      throw fail(
        'public_key',
        'election key',
        `the key ${record.public_key} ${KEY_PROBLEMS[problem]}`,
        keyWhere,
        say('problem.public_key', { key: hashWords(record.public_key), problem: keyProblemSay(problem) }),
      );
    }
    this.summary.key_fingerprint = await fingerprint(record.public_key);
    const print = grouped(this.summary.key_fingerprint);
    this.pass('public_key', 'election key', `fingerprint ${print}`, keyWhere, say('detail.public_key', { fingerprint: print }));
  }

  /**
   * A sealed manifest's key ceremony (sealed-ballots.md §5): trustees 1 … n in order, every
   * step-1 proof, and the joint key the sum of the constant commitments.
   */
  async ceremony(where) {
    const { congress, sealing, scrutineers } = this.record.manifest;
    const seen = new Set();
    for (const trustee of sealing.trustees) {
      const scrutineer = scrutineers.find((s) => s.number === trustee.number && (s.role === 'chief' || s.role === 'scrutineer'));
      if (!scrutineer || scrutineer.name !== trustee.name) {
        throw fail(
          'ceremony',
          'manifest',
          `trustee ${trustee.trustee} (${trustee.number} ${trustee.name}) is not a chief scrutineer or scrutineer of the manifest`,
          where,
          say('problem.ceremony.not_scrutineer', { trustee: trustee.trustee, person: person(trustee.name, trustee.number) }),
        );
      }
      if (seen.has(trustee.number)) {
        throw fail('ceremony', 'manifest', `delegate ${trustee.number} is two trustees`, where, say('problem.ceremony.twice', { person: person(trustee.name, trustee.number) }));
      }
      seen.add(trustee.number);
    }
    const numbers = sealing.trustees.map((t) => t.trustee);
    if (numbers.some((n, k) => n !== k + 1)) {
      throw fail(
        'ceremony',
        'manifest',
        `the trustees must be numbered 1 … ${numbers.length} in order, not ${numbers.join(', ')}`,
        where,
        say('problem.ceremony.numbering', { count: numbers.length, numbers }),
      );
    }
    const setup = { congress: congress.id, n: numbers.length, t: sealing.threshold };
    let read;
    try {
      read = await readCommitments(setup, sealing.commitments);
    } catch (error) {
      throw fail('ceremony', 'manifest', error.message, where, say('problem.ceremony.commitments', { text: error.message }));
    }
    if (jointKey(read).toHex() !== sealing.joint_key) {
      throw fail('ceremony', 'manifest', "the joint key is not the sum of the trustees' constant commitments", where, say('problem.ceremony.joint_key'));
    }
    this.sealing = {
      key: Point.fromHex(sealing.joint_key),
      threshold: sealing.threshold,
      shares: new Map(numbers.map((n) => [n, publicShare(read, n)])),
    };
    this.pass(
      'ceremony',
      'manifest',
      `${setup.n} trustees, any ${setup.t} open a count; joint key ${grouped(sealing.joint_key)}`,
      where,
      say('detail.ceremony', { trustees: setup.n, threshold: setup.t, key: grouped(sealing.joint_key) }),
    );
  }

  /** Each contest ordered by strokes lists its candidates in stroke order (§10, RULES.md §2). */
  async ballotOrder(where) {
    const manifest = this.record.manifest;
    const method = manifest.profile.ballot_order;
    const order = await loadBallotOrder();
    const byHand = [];
    for (const contest of manifest.contests) {
      if (contest.order === 'as_listed') {
        byHand.push(contest.id);
        continue;
      }
      const names = contest.candidates.map((c) => c.name);
      const i = order.firstOutOfOrder(names, method);
      if (i !== null) {
        throw fail(
          'ballot_order',
          'manifest',
          `contest ${contest.id}: ${names[i]} stands after ${names[i - 1]}, but comes before it in stroke order (${method})`,
          where,
          say('problem.ballot_order', { contest: this.contest(contest.id), name: names[i], previous: names[i - 1], method: methodSay(method) }),
        );
      }
    }
    const strokes = manifest.contests.length - byHand.length;
    const detail = byHand.length
      ? `${strokes} contest(s) in stroke order (${method}); fixed by hand: ${byHand.join(', ')}`
      : `${strokes} contest(s) in stroke order (${method})`;
    const said = byHand.length
      ? say('detail.ballot_order.by_hand', { count: strokes, method: methodSay(method), contests: byHand.map((id) => this.contest(id)) })
      : say('detail.ballot_order', { count: strokes, method: methodSay(method) });
    this.pass('ballot_order', 'manifest', detail, where, said);
  }

  decisionOrder() {
    const record = this.record;
    const rounds = record.rounds.length;
    let last = 0;
    record.decisions.forEach((recorded, i) => {
      const after = recorded.decision.after_round;
      const place = `decision ${i + 1}`;
      const where = { decision: i + 1 };
      if (after === 0 || after > rounds) {
        throw fail(
          'decision_order',
          place,
          `it follows round ${after}, which the record does not hold (it holds ${rounds})`,
          where,
          say('problem.decision_order.missing', { after, rounds }),
        );
      }
      if (after < last) {
        throw fail(
          'decision_order',
          place,
          `it follows round ${after} but is listed after a decision following round ${last}`,
          where,
          say('problem.decision_order.order', { after, last }),
        );
      }
      last = after;
    });
    this.pass(
      'decision_order',
      'decisions',
      `${record.decisions.length} decision(s), in the order of their rounds`,
      { section: 'decisions' },
      say('detail.decision_order', { count: record.decisions.length }),
    );
  }

  async round(round, place, where) {
    const record = this.record;
    const definition = round.result.round;
    const number = definition.number;
    const congress = record.manifest.congress.id;
    if (definition.congress !== congress || definition.manifest_hash !== record.manifest_hash) {
      throw fail(
        'round_manifest',
        place,
        `the round names congress "${definition.congress}" and manifest ${definition.manifest_hash}; the record is of congress "${congress}" and manifest ${record.manifest_hash}`,
        where,
        say('problem.round_manifest', {
          congress: definition.congress,
          manifest: hashWords(definition.manifest_hash),
          ours: congress,
          ourManifest: hashWords(record.manifest_hash),
        }),
      );
    }
    this.pass('round_manifest', place, 'the round belongs to this congress and manifest', where, say('detail.round_manifest'));
    try {
      this.progress.check(definition);
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      throw fail('round_rules', place, `the round is not what the rules call for: ${error.message}`, where, say('problem.round_rules', { why: error.say }));
    }
    this.pass(
      'round_rules',
      place,
      `round ${number} (${definition.contests.map((c) => `${c.id} ${c.round}`).join(', ')}) is what the rules call for`,
      where,
      say('detail.round_rules', {
        round: number,
        contests: definition.contests.map((c) => say('roundContest', { contest: this.contest(c.id), kind: listed('roundKind.', c.round) })),
      }),
    );

    await this.ballotsAndTree(round, place, where);

    const result = round.result;
    if (result.format !== RESULT_FORMAT) {
      throw fail('result_format', place, `the result's format is "${result.format}", not "${RESULT_FORMAT}"`, where, say('problem.format', { format: result.format, expected: RESULT_FORMAT }));
    }
    this.pass('result_format', place, RESULT_FORMAT, where, say('detail.result_format', { format: RESULT_FORMAT }));
    if (canonical(result.tree_head) !== canonical(round.tree_head)) {
      throw fail(
        'result_tree_head',
        place,
        `the result counts a tree of ${result.tree_head.size} ballots with root ${result.tree_head.root}, not the signed tree head`,
        where,
        say('problem.result_tree_head', { size: result.tree_head.size, root: hashWords(result.tree_head.root) }),
      );
    }
    this.pass('result_tree_head', place, 'the result counts the signed tree head', where, say('detail.result_tree_head'));
    this.turnout(definition, round, place, where);
    this.counts(definition, round, place, where);

    let tally;
    try {
      const common = { round: definition, issued: result.issued, turnout: result.turnout, manifest: record.manifest, members: this.progress.bodyMembers(definition.sitting) };
      tally = this.sealed ? recountOpened({ ...common, opened: this.opened }) : recount({ ...common, ballots: round.ballots });
    } catch (error) {
      if (!(error instanceof CountError)) throw error;
      throw fail('recount', place, error.message, where, error.say);
    }
    const difference = firstDifference(tally, result.tally);
    if (difference) {
      const { text, say: said } = describeTallyDifference(difference, tally, result.tally, (id) => this.contest(id));
      throw fail('recount', place, text, where, said);
    }
    const counted = this.leaves(round).length;
    this.pass(
      'recount',
      place,
      `the recount ${this.sealed ? `from the opened totals of ${counted} sealed ballot(s)` : `of ${counted} ballot(s)`} gives the result's tally exactly: ${tally.contests
        .map((c) => `${c.id} ${c.elected.length} elected, ${c.status}`)
        .join('; ')} (explanations — warnings[].message, next.seat_reduction.reason — compared as sentences only)`,
      where,
      say(this.sealed ? 'detail.recount.sealed' : 'detail.recount', {
        ballots: counted,
        contests: clauses(
          tally.contests.map((c) =>
            say('recountContest', { contest: this.contest(c.id), elected: c.elected.length, status: listed('verifier.status.', c.status) }),
          ),
        ),
      }),
    );

    let hash;
    let bytes;
    try {
      bytes = canonicalBytes(result);
      hash = toHex(await sha256(bytes));
    } catch (error) {
      throw fail('result_hash', place, error.message, where, say('problem.canonical', { text: error.message }));
    }
    if (hash !== round.result_hash) {
      throw fail(
        'result_hash',
        place,
        `the result's SHA-256 is ${hash}, the record says ${round.result_hash}: the result hash does not match the result`,
        where,
        say('problem.result_hash', { hash: grouped(hash), recorded: hashWords(round.result_hash) }),
      );
    }
    this.pass('result_hash', place, `result hash ${grouped(hash)}`, where, say('detail.result_hash', { hash: grouped(hash) }));
    await this.signature('result_signature', place, 'result', 'result', bytes, round.result_signature, where);

    this.progress.finish(definition, result.tally);
    this.pass('round_outcome', place, "the round's outcome is taken into the congress's progress", where, say('detail.round_outcome'));
    this.summary.ballots += this.leaves(round).length;
    this.summary.rounds.push({
      number,
      sitting: definition.sitting,
      contests: definition.contests.map((c) => c.id),
      ballots: round.tree_head.size,
      root: round.tree_head.root,
      result_hash: hash,
    });
    return hash;
  }

  /**
   * A sealed round's own checks (§6.3.1), after its tree: every cast ballot's proofs, every
   * spoiled ballot and its opening, and the trustees' opening of the totals, which the recount
   * then counts from (`this.opened`).
   */
  async sealedRound(round, place, where) {
    const definition = round.result.round;
    const number = definition.number;
    const manifestHash = this.record.manifest_hash;
    const { ballots, spoiled, totals, write_ins: writeIns } = round.sealed;
    const key = this.sealing.key;
    const refused = (code, error) => {
      if (!(error instanceof SealedProblem)) throw error;
      if (error.spoiled) return fail(code, `${place}: challenged ballot ${error.spoiled}`, error.message, { ...where, spoiled: error.spoiled }, error.say);
      return fail(code, place, error.message, error.ballot ? { ...where, ballot: error.ballot } : where, error.say);
    };
    let read;
    try {
      read = await checkSealedBallots({
        definition,
        leaves: ballots,
        manifestHash,
        key,
        onProgress: (done, total) => this.onProgress({ stage: 'ballots', round: number, done, total }),
      });
    } catch (error) {
      throw refused('sealed_ballots', error);
    }
    this.pass(
      'sealed_ballots',
      place,
      `every proof of the ${ballots.length} sealed ballot(s) holds, and no salt or point is used twice`,
      where,
      say('detail.sealed_ballots', { count: ballots.length }),
    );
    try {
      await checkSpoiledBallots({ definition, congress: this.record.manifest.congress.id, leaves: ballots, spoiled, manifestHash, key });
    } catch (error) {
      throw refused('spoiled_ballots', error);
    }
    this.pass(
      'spoiled_ballots',
      place,
      `${spoiled.length} ballot(s) challenged at a kiosk, each with its proofs and an opening that seals again to it; none counted`,
      where,
      say('detail.spoiled_ballots', { count: spoiled.length }),
    );
    let opening;
    try {
      opening = await checkOpeningOf({ definition, ballots: read, totals, writeIns, manifestHash, sealing: this.sealing });
    } catch (error) {
      throw refused('opening', error);
    }
    this.opened = opening.opened;
    this.pass(
      'opening',
      place,
      `trustees ${opening.trustees.join(', ')} decrypted the totals (threshold ${this.sealing.threshold}), each proof holds; ${opening.writeIns} write-in(s) read`,
      where,
      say('detail.opening', { trustees: opening.trustees, threshold: this.sealing.threshold, writeIns: opening.writeIns }),
    );
  }

  /** The leaves of a round's log: its ballots, or in a sealed round its sealed ballots. */
  leaves(round) {
    return this.sealed ? round.sealed.ballots : round.ballots;
  }

  async ballotsAndTree(round, place, where) {
    const definition = round.result.round;
    const { congress, number } = definition;
    // §6.3.1: every round of a sealed congress is sealed, none of another congress is.
    if (this.sealed && round.sealed === undefined) {
      throw fail('ballot_round', place, "a round of a sealed congress has no sealed ballots (its `sealed` member)", where, say('problem.ballot_round.unsealed'));
    }
    if (this.sealed && round.ballots.length > 0) {
      throw fail('ballot_round', place, `a sealed round holds no ballot in the clear, and this one holds ${round.ballots.length}`, where, say('problem.ballot_round.clear', { count: round.ballots.length }));
    }
    if (!this.sealed && round.sealed !== undefined) {
      throw fail('ballot_round', place, `a round with sealed ballots belongs in a ${SEALED_RECORD_FORMAT} record`, where, say('problem.ballot_round.sealed', { format: SEALED_RECORD_FORMAT }));
    }
    const leaves = this.leaves(round);
    leaves.forEach((ballot, i) => {
      if (ballot.congress !== congress || ballot.round !== number) {
        throw fail(
          'ballot_round',
          `${place}: ballot ${i + 1}`,
          `the ballot names congress "${ballot.congress}" round ${ballot.round}, not congress "${congress}" round ${number}`,
          { ...where, ballot: i + 1 },
          say('problem.names_round', { congress: ballot.congress, round: ballot.round, ours: congress, ourRound: number }),
        );
      }
    });
    this.pass(
      'ballot_round',
      place,
      `all ${leaves.length} ${this.sealed ? 'sealed ' : ''}ballot(s) name congress "${congress}" round ${number}`,
      where,
      say(this.sealed ? 'detail.ballot_round.sealed' : 'detail.ballot_round', { count: leaves.length, congress, round: number }),
    );

    const count = leaves.length;
    let hashes;
    try {
      hashes = await leafHashes((i) => canonicalBytes(leaves[i]), count, (done, total) =>
        this.onProgress({ stage: 'leaves', round: number, done, total }),
      );
    } catch (error) {
      throw fail('receipts', place, error.message, where, say('problem.canonical', { text: error.message }));
    }
    const seen = new Map();
    for (let i = 0; i < hashes.length; i += 1) {
      const hex = toHex(hashes[i]);
      if (seen.has(hex)) {
        throw fail(
          'receipts',
          `${place}: ballot ${i + 1}`,
          `its receipt ${grouped(hex)} is that of ballot ${seen.get(hex) + 1} too: two ballots with the same salt and marks could let one ballot answer two delegates' receipts`,
          { ...where, ballot: i + 1 },
          say('problem.receipts', { receipt: grouped(hex), other: seen.get(hex) + 1 }),
        );
      }
      seen.set(hex, i);
    }
    this.pass('receipts', place, "every ballot's receipt (leaf hash) is distinct", where, say('detail.receipts'));
    if (this.record.format !== CAST_ORDER_RECORD_FORMAT) {
      // §5: ascending order of receipt, which says nothing of when each ballot was cast.
      for (let i = 1; i < hashes.length; i += 1) {
        if (compareBytes(hashes[i - 1], hashes[i]) >= 0) {
          throw fail(
            'log_order',
            `${place}: ballot ${i + 1}`,
            `its receipt ${grouped(toHex(hashes[i]))} does not come after ballot ${i}'s: the log must list the ballots in ascending order of receipt, so that it cannot keep the order they were cast in`,
            { ...where, ballot: i + 1 },
            say('problem.log_order', { receipt: grouped(toHex(hashes[i])), previous: i }),
          );
        }
      }
      this.pass('log_order', place, 'the ballots are listed in ascending order of receipt', where, say('detail.log_order'));
    }
    const head = round.tree_head;
    if (head.size !== count) {
      throw fail(
        'tree_size',
        place,
        `the signed tree head says ${head.size} ballot(s), the log holds ${count}: ballots were added or removed`,
        where,
        say('problem.tree_size', { size: head.size, count }),
      );
    }
    this.pass('tree_size', place, `${head.size} ballot(s), as the tree head says`, where, say('detail.tree_size', { count: head.size }));
    this.onProgress({ stage: 'tree', round: number, done: 0, total: count });
    const root = await merkleRoot(hashes);
    if (root !== head.root) {
      throw fail(
        'tree_root',
        place,
        `the Merkle root over the ${count} ballot(s) is ${root}, the signed tree head says ${head.root}: a ballot was changed, or ballots were reordered or replaced`,
        where,
        say('problem.tree_root', { count, root: grouped(root), signed: hashWords(head.root) }),
      );
    }
    this.pass('tree_root', place, `root ${grouped(root)}`, where, say('detail.tree_root', { root: grouped(root) }));
    if (this.sealed) await this.sealedRound(round, place, where);
    if (head.congress !== congress || head.round !== number) {
      throw fail(
        'tree_head',
        place,
        `the tree head names congress "${head.congress}" round ${head.round}, not congress "${congress}" round ${number}`,
        where,
        say('problem.names_round', { congress: head.congress, round: head.round, ours: congress, ourRound: number }),
      );
    }
    this.pass('tree_head', place, `the tree head names congress "${congress}" round ${number}`, where, say('detail.tree_head', { congress, round: number }));
    await this.signature('tree_head_signature', place, 'tree head', 'tree_head', canonicalBytes(head), round.tree_head_signature, where);
  }

  turnout(definition, round, place, where) {
    const manifest = this.record.manifest;
    const expected = definition.sitting === 'congress' ? ['all', 'female'] : [definition.sitting];
    const given = round.result.turnout.map((t) => t.electorate);
    if (given.join('\u0000') !== expected.join('\u0000')) {
      throw fail(
        'turnout',
        place,
        `the turnout lists the electorates [${given.join(', ')}]; this round's are [${expected.join(', ')}]`,
        where,
        say('problem.turnout.electorates', { given: given.map(electorateSay), expected: expected.map(electorateSay) }),
      );
    }
    const figures = [];
    const said = [];
    for (const t of round.result.turnout) {
      const body = BODY_NAMES[t.electorate];
      const entitled = body
        ? definition.contests[0]?.entitled
        : manifest.electorates.find((e) => e.id === t.electorate)?.entitled;
      if (entitled !== t.entitled) {
        throw fail(
          'turnout',
          place,
          `the turnout of "${t.electorate}" gives ${t.entitled} entitled (应到), ${body ? `${body} elected has` : 'the manifest gives'} ${entitled ?? 'none'}`,
          where,
          say(body ? 'problem.turnout.body' : 'problem.turnout.entitled', {
            electorate: electorateSay(t.electorate),
            given: t.entitled,
            expected: entitled ?? '—',
          }),
        );
      }
      if (t.present > t.entitled) {
        throw fail(
          'turnout',
          place,
          `the turnout of "${t.electorate}" has more present (实到 ${t.present}) than entitled (应到 ${t.entitled})`,
          where,
          say('problem.turnout.present', { electorate: electorateSay(t.electorate), present: t.present, entitled: t.entitled }),
        );
      }
      figures.push(`${t.electorate}: 应到 ${t.entitled}, 实到 ${t.present}`);
      said.push(say('turnoutFigure', { electorate: electorateSay(t.electorate), entitled: t.entitled, present: t.present }));
    }
    this.pass('turnout', place, figures.join('; '), where, say('detail.turnout', { figures: clauses(said) }));
  }

  counts(definition, round, place, where) {
    const result = round.result;
    const onRound = definition.contests.map((c) => c.id).sort();
    const given = Object.keys(result.issued).sort();
    if (given.join('\u0000') !== [...new Set(onRound)].join('\u0000')) {
      throw fail(
        'counts',
        place,
        `ballots issued (发出) are given for [${given.join(', ')}]; the round's contests are [${[...new Set(onRound)].join(', ')}]`,
        where,
        say('problem.counts.contests', { given: given.map((id) => this.contest(id)), expected: [...new Set(onRound)].map((id) => this.contest(id)) }),
      );
    }
    const figures = [];
    const said = [];
    for (const rc of definition.contests) {
      const electorate = definition.sitting !== 'congress'
        ? definition.sitting
        : this.record.manifest.contests.find((c) => c.id === rc.id)?.electorate ?? 'all';
      const present = result.turnout.find((t) => t.electorate === electorate)?.present ?? 0;
      const issued = result.issued[rc.id] ?? 0;
      if (issued > present) {
        throw fail(
          'counts',
          place,
          `contest "${rc.id}": more ballots issued (发出 ${issued}) than voters present (实到 ${present} of "${electorate}")`,
          where,
          say('problem.counts.issued', { contest: this.contest(rc.id), issued, present, electorate: electorateSay(electorate) }),
        );
      }
      let returned = 0;
      if (this.sealed) {
        for (const leaf of round.sealed.ballots) if (leaf.sealed.some((section) => section.contest === rc.id)) returned += 1;
      } else {
        for (const ballot of round.ballots) if (Object.prototype.hasOwnProperty.call(ballot.sections, rc.id)) returned += 1;
      }
      const void_ = returned > issued;
      const voided = void_ ? ' — more returned than issued, so the vote is void (收回的选票多于发出的选票，选举无效)' : '';
      figures.push(`${rc.id}: 发出 ${issued} ≤ 实到 ${present} ≤ 应到 ${rc.entitled}, 收回 ${returned}${voided}`);
      said.push(say(void_ ? 'countsFigure.void' : 'countsFigure', { contest: this.contest(rc.id), issued, present, entitled: rc.entitled, returned }));
    }
    this.pass('counts', place, figures.join('; '), where, say('detail.counts', { figures: clauses(said) }));
  }

  async decision(index, recorded) {
    const decision = recorded.decision;
    const place = `decision ${index + 1} (contest "${decision.contest}", after round ${decision.after_round})`;
    const where = { decision: index + 1 };
    let bytes;
    let hash;
    try {
      bytes = canonicalBytes(decision);
      hash = toHex(await sha256(bytes));
    } catch (error) {
      throw fail('decision_hash', place, error.message, where, say('problem.canonical', { text: error.message }));
    }
    if (hash !== recorded.hash) {
      throw fail(
        'decision_hash',
        place,
        `the decision's SHA-256 is ${hash}, the record says ${recorded.hash}`,
        where,
        say('problem.decision_hash', { hash: grouped(hash), recorded: hashWords(recorded.hash) }),
      );
    }
    this.pass('decision_hash', place, `hash ${grouped(hash)}`, where, say('detail.decision_hash', { hash: grouped(hash) }));
    await this.signature('decision_signature', place, 'decision', 'decision', bytes, recorded.signature, where);
    const record = this.record;
    if (decision.format !== DECISION_FORMAT) {
      throw fail('decision_rules', place, `the format is "${decision.format}", not "${DECISION_FORMAT}"`, where, say('problem.format', { format: decision.format, expected: DECISION_FORMAT }));
    }
    if (decision.congress !== record.manifest.congress.id || decision.manifest_hash !== record.manifest_hash) {
      throw fail(
        'decision_rules',
        place,
        `the decision names congress "${decision.congress}" and manifest ${decision.manifest_hash}, not this record's`,
        where,
        say('problem.decision_manifest', { congress: decision.congress, manifest: hashWords(decision.manifest_hash) }),
      );
    }
    try {
      this.progress.reduce(decision);
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      throw fail('decision_rules', place, error.message, where, error.say);
    }
    this.pass(
      'decision_rules',
      place,
      `the seats of "${decision.contest}" are reduced to ${decision.seats} with the congress's consent, as the rules allow (a reduced committee keeps the size of 《工会基层组织选举工作条例》(2016) 第八条)`,
      where,
      say('detail.decision_rules', { contest: this.contest(decision.contest), seats: decision.seats }),
    );
    this.summary.decisions += 1;
  }

  async publication(rounds) {
    const record = this.record;
    const recorded = record.publication;
    if (!recorded) return;
    const place = 'publication';
    const where = { section: 'publication' };
    if (recorded.publication.format !== PUBLICATION_FORMAT) {
      throw fail(
        'publication',
        place,
        `the format is "${recorded.publication.format}", not "${PUBLICATION_FORMAT}"`,
        where,
        say('problem.format', { format: recorded.publication.format, expected: PUBLICATION_FORMAT }),
      );
    }
    let rebuilt;
    try {
      rebuilt = this.progress.publication(record.manifest.congress.id, record.manifest_hash, rounds, record.decisions.map((d) => d.hash));
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      throw fail('publication', place, error.message, where, error.say);
    }
    const difference = firstDifference(rebuilt, recorded.publication);
    if (difference) {
      const { text, say: said } = describePublicationDifference(difference, rebuilt, recorded.publication, (id) => this.contest(id));
      throw fail('publication', place, text, where, said);
    }
    this.pass(
      'publication',
      place,
      `the publication is what the ${rebuilt.rounds.length} verified round(s) and ${rebuilt.decisions.length} decision(s) give`,
      where,
      say('detail.publication', { rounds: rebuilt.rounds.length, decisions: rebuilt.decisions.length }),
    );
    let bytes;
    let hash;
    try {
      bytes = canonicalBytes(recorded.publication);
      hash = toHex(await sha256(bytes));
    } catch (error) {
      throw fail('publication_hash', place, error.message, where, say('problem.canonical', { text: error.message }));
    }
    if (hash !== recorded.result_hash) {
      throw fail(
        'publication_hash',
        place,
        `the publication's SHA-256 is ${hash}, the record's result hash is ${recorded.result_hash}`,
        where,
        say('problem.publication_hash', { hash: grouped(hash), recorded: hashWords(recorded.result_hash) }),
      );
    }
    this.pass('publication_hash', place, `result hash ${grouped(hash)}`, where, say('detail.result_hash', { hash: grouped(hash) }));
    await this.signature('publication_signature', place, 'publication', 'publication', bytes, recorded.signature, where);
    this.resultHash = hash;
  }

  /** The manifest holds nothing a careful reader would have to guess at (§6.2). */
  manifestContents(where) {
    const manifest = this.record.manifest;
    const refuse = (problem, key, params) => fail('manifest_contents', 'manifest', problem, where, say(`problem.manifest_contents.${key}`, params));
    const electorates = new Set();
    for (const electorate of manifest.electorates) {
      if (electorates.has(electorate.id)) throw refuse(`the electorate "${electorate.id}" is listed twice`, 'electorate_twice', { electorate: electorateSay(electorate.id) });
      electorates.add(electorate.id);
    }
    const contests = new Set(manifest.contests.map((c) => c.id));
    if (contests.size !== manifest.contests.length) throw refuse('a contest is listed twice', 'contest_twice');
    const styles = new Set();
    for (const style of manifest.styles) {
      const style_ = listed('style.', style.id);
      if (styles.has(style.id)) throw refuse(`the style "${style.id}" is listed twice`, 'style_twice', { style: style_ });
      styles.add(style.id);
      const missing = style.contests.find((c) => !contests.has(c));
      if (missing !== undefined) {
        throw refuse(`the style "${style.id}" names the contest "${missing}", which the manifest does not hold`, 'style_contest', { style: style_, contest: missing });
      }
    }
    if (!/^[0-9a-f]{64}$/.test(manifest.roster_hash)) {
      throw refuse(`the roster hash "${manifest.roster_hash}" is not 64 lowercase hex digits`, 'roster_hash', { hash: manifest.roster_hash });
    }
    if (!isCalendarDate(manifest.congress.date)) {
      throw refuse(`the congress's date "${manifest.congress.date}" is not a real date written YYYY-MM-DD`, 'date', { date: manifest.congress.date });
    }
    const unnamed = manifest.scrutineers.find((s) => s.name.trim() === '');
    if (unnamed) throw refuse(`the scrutineer ${unnamed.number} has no name`, 'scrutineer_name', { number: unnamed.number });
    this.pass(
      'manifest_contents',
      'manifest',
      `${manifest.electorates.length} electorate(s), ${manifest.contests.length} contest(s) and ${manifest.styles.length} style(s), each once; the date and the roster hash are well formed`,
      where,
      say('detail.manifest_contents', { electorates: manifest.electorates.length, contests: manifest.contests.length, styles: manifest.styles.length }),
    );
  }

  async countersignatures() {
    const record = this.record;
    const keys = new Map();
    for (let i = 0; i < record.countersignatures.length; i += 1) {
      const cs = record.countersignatures[i];
      const place = `countersignature ${i + 1} (${cs.inspector})`;
      const where = { countersignature: i + 1, inspector: cs.inspector };
      const code = 'countersignature';
      if (!record.publication) throw fail(code, place, 'there is no publication whose result hash it could countersign', where, say('problem.countersignature.unpublished'));
      if (cs.inspector.trim() === '') throw fail(code, place, 'it names no inspector: a countersignature says who made it', where, say('problem.countersignature.unnamed'));
      const problem = keyProblem(cs.public_key);
      if (problem) {
        throw fail(code, place, `the key ${cs.public_key} ${KEY_PROBLEMS[problem]}`, where, say('problem.public_key', { key: hashWords(cs.public_key), problem: keyProblemSay(problem) }));
      }
      if (cs.public_key === record.public_key) {
        throw fail(code, place, "it is made with the election key, not with an inspector's own key", where, say('problem.countersignature.election_key', { inspector: cs.inspector }));
      }
      if (keys.has(cs.public_key)) {
        const first = keys.get(cs.public_key);
        throw fail(
          code,
          place,
          `its key is that of countersignature ${first + 1} too: each inspector signs with a key of their own`,
          where,
          say('problem.countersignature.shared_key', { inspector: cs.inspector, n: first + 1, other: record.countersignatures[first].inspector }),
        );
      }
      keys.set(cs.public_key, i);
      const signed = { congress: record.manifest.congress.id, result_hash: record.publication.result_hash };
      const verdict = await verifyStrict(cs.public_key, signedMessage('countersignature', signed), cs.signature);
      if (!verdict.ok) {
        throw fail(
          code,
          place,
          `the signature does not verify with the inspector's key ${cs.public_key} over congress "${signed.congress}" and result hash ${signed.result_hash}`,
          where,
          say('problem.countersignature.signature', { inspector: cs.inspector, key: hashWords(cs.public_key), hash: hashWords(signed.result_hash) }),
        );
      }
      const print = await fingerprint(cs.public_key);
      this.pass(
        code,
        place,
        `${cs.inspector} countersigned the result hash (key fingerprint ${grouped(print)})`,
        where,
        say('detail.countersignature', { inspector: cs.inspector, fingerprint: grouped(print) }),
      );
      this.summary.countersignatures.push({ inspector: cs.inspector, public_key: cs.public_key, key_fingerprint: print, signature: cs.signature });
    }
  }

  /** The election key's signature on `bytes` in `context`; says whose it is when misplaced. */
  async signature(code, place, what, context, bytes, signature, where) {
    const key = this.record.public_key;
    const message = (ctx) => concat(utf8(CONTEXTS[ctx]), new Uint8Array([0]), bytes);
    const verdict = await verifyStrict(key, message(context), signature);
    if (verdict.ok) {
      this.pass(
        code,
        place,
        `the election key's signature on the ${what} verifies (context ${CONTEXTS[context]})`,
        where,
        say('detail.signature', { document: say(`document.${context}`), context: CONTEXTS[context] }),
      );
      return;
    }
    let why = '';
    let said = say('problem.signature', { document: say(`document.${context}`) });
    const elsewhere = this.signaturesElsewhere().find(([other, , from]) => other === signature && from !== `${code}@${place}`);
    if (elsewhere) {
      why = `: it is ${elsewhere[1]}`;
      said = say('problem.signature.elsewhere', { document: say(`document.${context}`), other: elsewhere[3] });
    } else {
      for (const other of Object.keys(CONTEXTS)) {
        if (other === context) continue;
        if ((await verifyStrict(key, message(other), signature)).ok) {
          why = `: it was made in the context "${CONTEXTS[other]}", not "${CONTEXTS[context]}"`;
          said = say('problem.signature.context', { document: say(`document.${context}`), made: CONTEXTS[other], expected: CONTEXTS[context] });
          break;
        }
      }
    }
    throw fail(code, place, `the ${what} signature does not verify with the election key${why}`, where, said);
  }

  /** Every election-key signature in the record: [signature, whose, code@place, whose said]. */
  signaturesElsewhere() {
    const record = this.record;
    const all = [];
    for (const round of record.rounds) {
      const n = round.result.round.number;
      all.push([round.tree_head_signature, `round ${n}'s tree-head signature`, `tree_head_signature@round ${n}`, say('whose.tree_head', { round: n })]);
      all.push([round.result_signature, `round ${n}'s result signature`, `result_signature@round ${n}`, say('whose.result', { round: n })]);
    }
    record.decisions.forEach((d, i) => {
      all.push([
        d.signature,
        `decision ${i + 1}'s signature`,
        `decision_signature@decision ${i + 1} (contest "${d.decision.contest}", after round ${d.decision.after_round})`,
        say('whose.decision', { decision: i + 1 }),
      ]);
    });
    if (record.publication) all.push([record.publication.signature, "the publication's signature", 'publication_signature@publication', say('whose.publication')]);
    record.countersignatures.forEach((c, i) =>
      all.push([c.signature, `countersignature ${i + 1}'s signature`, `countersignature@${i}`, say('whose.countersignature', { n: i + 1, inspector: c.inspector })]),
    );
    return all;
  }
}

/** Compares two byte strings as unsigned numbers, first byte first: negative, 0 or positive. */
function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/** Whether `text` is a date of the Gregorian calendar written YYYY-MM-DD. */
function isCalendarDate(text) {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!found) return false;
  const [year, month, day] = found.slice(1).map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}
