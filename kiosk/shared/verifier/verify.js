// The election record verified in the order docs/record-format.md §10 gives, each check reported
// as it holds, stopping at the first that does not — as `ballotbox verify --json` reports it:
// { ok, checks: [{ code, place, detail }], failure: { code, place, problem } | null,
//   result_hash, summary }.

import { canonical, canonicalBytes } from './jcs.js';
import { JsonError, parseJson } from './json.js';
import { checkShape } from './shape.js';
import { concat, grouped, toHex, utf8, fromHex } from './bytes.js';
import { sha256 } from './sha.js';
import { KEY_PROBLEMS, keyProblem, verifyStrict } from './ed25519.js';
import { leafHashes, root as merkleRoot } from './merkle.js';
import { CountError, recount } from './tally.js';
import { firstDifference, publicationDifference, tallyDifference } from './diff.js';
import { Progress, RulesError } from './progress.js';
import { loadBallotOrder } from '../ballot-order.js';
import { jointKey, readCommitments } from '../sealed/ceremony.js';

export const RECORD_FORMAT = 'ballotbox-record/2';
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
  'round_manifest', 'round_rules', 'ballot_round', 'receipts', 'log_order', 'tree_size', 'tree_root', 'tree_head',
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
  if (typeof format === 'string' && format !== RECORD_FORMAT && format !== CAST_ORDER_RECORD_FORMAT) {
    throw new JsonError(
      'format',
      `this is a "${format}" record; this verifier reads ${RECORD_FORMAT} and ${CAST_ORDER_RECORD_FORMAT}`,
    );
  }
  return checkShape(value);
}

class Failure extends Error {
  constructor(code, place, problem, where = {}) {
    super(`${place}: ${problem}`);
    this.code = code;
    this.place = place;
    this.problem = problem;
    this.where = where;
  }
}

const fail = (code, place, problem, where) => new Failure(code, place, problem, where);

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
      failure: { code: MALFORMED, place: error.path || 'record', problem: error.problem, where: {} },
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
    failure = { code: error.code, place: error.place, problem: error.problem, where: error.where };
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

  pass(code, place, detail, where = {}) {
    this.checks.push({ code, place, detail, where });
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
      );
    } else if (record.format === RECORD_FORMAT) {
      this.pass('record_format', 'record', RECORD_FORMAT, where);
    } else {
      throw fail('record_format', 'record', `the format is "${record.format}", not "${RECORD_FORMAT}"`, where);
    }
    const manifestWhere = { section: 'manifest' };
    const sealed = record.manifest.sealing !== undefined;
    const manifestFormat = sealed ? SEALED_MANIFEST_FORMAT : MANIFEST_FORMAT;
    if (record.manifest.format !== manifestFormat) {
      const why = sealed ? 'a manifest with sealing' : 'a manifest without sealing';
      throw fail('manifest_format', 'manifest', `the format is "${record.manifest.format}", not "${manifestFormat}" (${why})`, manifestWhere);
    }
    this.pass('manifest_format', 'manifest', manifestFormat, manifestWhere);
    let hash;
    try {
      hash = await documentHash(record.manifest);
    } catch (error) {
      throw fail('manifest_hash', 'manifest', error.message, manifestWhere);
    }
    if (hash !== record.manifest_hash) {
      throw fail('manifest_hash', 'manifest', `the manifest's SHA-256 is ${hash}, the record says ${record.manifest_hash}: the manifest was changed`, manifestWhere);
    }
    this.pass('manifest_hash', 'manifest', `SHA-256 ${grouped(hash)}`, manifestWhere);
    this.manifestContents(manifestWhere);
    await this.ballotOrder(manifestWhere);
    if (sealed) await this.ceremony(manifestWhere);
    const keyWhere = { section: 'key' };
    const problem = keyProblem(record.public_key);
    if (problem) throw fail('public_key', 'election key', `the key ${record.public_key} ${KEY_PROBLEMS[problem]}`, keyWhere);
    this.summary.key_fingerprint = await fingerprint(record.public_key);
    this.pass('public_key', 'election key', `fingerprint ${grouped(this.summary.key_fingerprint)}`, keyWhere);
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
        throw fail('ceremony', 'manifest', `trustee ${trustee.trustee} (${trustee.number} ${trustee.name}) is not a chief scrutineer or scrutineer of the manifest`, where);
      }
      if (seen.has(trustee.number)) throw fail('ceremony', 'manifest', `delegate ${trustee.number} is two trustees`, where);
      seen.add(trustee.number);
    }
    const numbers = sealing.trustees.map((t) => t.trustee);
    if (numbers.some((n, k) => n !== k + 1)) {
      throw fail('ceremony', 'manifest', `the trustees must be numbered 1 … ${numbers.length} in order, not ${numbers.join(', ')}`, where);
    }
    const setup = { congress: congress.id, n: numbers.length, t: sealing.threshold };
    let read;
    try {
      read = await readCommitments(setup, sealing.commitments);
    } catch (error) {
      throw fail('ceremony', 'manifest', error.message, where);
    }
    if (jointKey(read).toHex() !== sealing.joint_key) {
      throw fail('ceremony', 'manifest', "the joint key is not the sum of the trustees' constant commitments", where);
    }
    this.pass('ceremony', 'manifest', `${setup.n} trustees, any ${setup.t} open a count; joint key ${grouped(sealing.joint_key)}`, where);
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
        throw fail('ballot_order', 'manifest', `contest ${contest.id}: ${names[i]} stands after ${names[i - 1]}, but comes before it in stroke order (${method})`, where);
      }
    }
    const strokes = manifest.contests.length - byHand.length;
    const detail = byHand.length
      ? `${strokes} contest(s) in stroke order (${method}); fixed by hand: ${byHand.join(', ')}`
      : `${strokes} contest(s) in stroke order (${method})`;
    this.pass('ballot_order', 'manifest', detail, where);
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
        throw fail('decision_order', place, `it follows round ${after}, which the record does not hold (it holds ${rounds})`, where);
      }
      if (after < last) {
        throw fail('decision_order', place, `it follows round ${after} but is listed after a decision following round ${last}`, where);
      }
      last = after;
    });
    this.pass('decision_order', 'decisions', `${record.decisions.length} decision(s), in the order of their rounds`, { section: 'decisions' });
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
      );
    }
    this.pass('round_manifest', place, 'the round belongs to this congress and manifest', where);
    try {
      this.progress.check(definition);
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      throw fail('round_rules', place, `the round is not what the rules call for: ${error.message}`, where);
    }
    this.pass(
      'round_rules',
      place,
      `round ${number} (${definition.contests.map((c) => `${c.id} ${c.round}`).join(', ')}) is what the rules call for`,
      where,
    );

    await this.ballotsAndTree(round, place, where);

    const result = round.result;
    if (result.format !== RESULT_FORMAT) {
      throw fail('result_format', place, `the result's format is "${result.format}", not "${RESULT_FORMAT}"`, where);
    }
    this.pass('result_format', place, RESULT_FORMAT, where);
    if (canonical(result.tree_head) !== canonical(round.tree_head)) {
      throw fail(
        'result_tree_head',
        place,
        `the result counts a tree of ${result.tree_head.size} ballots with root ${result.tree_head.root}, not the signed tree head`,
        where,
      );
    }
    this.pass('result_tree_head', place, 'the result counts the signed tree head', where);
    this.turnout(definition, round, place, where);
    this.counts(definition, round, place, where);

    let tally;
    try {
      tally = recount({
        round: definition,
        ballots: round.ballots,
        issued: result.issued,
        turnout: result.turnout,
        manifest: record.manifest,
        members: this.progress.bodyMembers(definition.sitting),
      });
    } catch (error) {
      if (!(error instanceof CountError)) throw error;
      throw fail('recount', place, error.message, where);
    }
    const difference = firstDifference(tally, result.tally);
    if (difference) throw fail('recount', place, tallyDifference(difference, tally, result.tally), where);
    this.pass(
      'recount',
      place,
      `the recount of ${round.ballots.length} ballot(s) gives the result's tally exactly: ${tally.contests
        .map((c) => `${c.id} ${c.elected.length} elected, ${c.status}`)
        .join('; ')} (explanations — warnings[].message, next.seat_reduction.reason — compared as sentences only)`,
      where,
    );

    let hash;
    let bytes;
    try {
      bytes = canonicalBytes(result);
      hash = toHex(await sha256(bytes));
    } catch (error) {
      throw fail('result_hash', place, error.message, where);
    }
    if (hash !== round.result_hash) {
      throw fail('result_hash', place, `the result's SHA-256 is ${hash}, the record says ${round.result_hash}: the result hash does not match the result`, where);
    }
    this.pass('result_hash', place, `result hash ${grouped(hash)}`, where);
    await this.signature('result_signature', place, 'result', 'result', bytes, round.result_signature, where);

    this.progress.finish(definition, result.tally);
    this.pass('round_outcome', place, "the round's outcome is taken into the congress's progress", where);
    this.summary.ballots += round.ballots.length;
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

  async ballotsAndTree(round, place, where) {
    const definition = round.result.round;
    const { congress, number } = definition;
    round.ballots.forEach((ballot, i) => {
      if (ballot.congress !== congress || ballot.round !== number) {
        throw fail(
          'ballot_round',
          `${place}: ballot ${i + 1}`,
          `the ballot names congress "${ballot.congress}" round ${ballot.round}, not congress "${congress}" round ${number}`,
          { ...where, ballot: i + 1 },
        );
      }
    });
    this.pass('ballot_round', place, `all ${round.ballots.length} ballot(s) name congress "${congress}" round ${number}`, where);

    const count = round.ballots.length;
    let leaves;
    try {
      leaves = await leafHashes((i) => canonicalBytes(round.ballots[i]), count, (done, total) =>
        this.onProgress({ stage: 'leaves', round: number, done, total }),
      );
    } catch (error) {
      throw fail('receipts', place, error.message, where);
    }
    const seen = new Map();
    for (let i = 0; i < leaves.length; i += 1) {
      const hex = toHex(leaves[i]);
      if (seen.has(hex)) {
        throw fail(
          'receipts',
          `${place}: ballot ${i + 1}`,
          `its receipt ${grouped(hex)} is that of ballot ${seen.get(hex) + 1} too: two ballots with the same salt and marks could let one ballot answer two delegates' receipts`,
          { ...where, ballot: i + 1 },
        );
      }
      seen.set(hex, i);
    }
    this.pass('receipts', place, "every ballot's receipt (leaf hash) is distinct", where);
    if (this.record.format !== CAST_ORDER_RECORD_FORMAT) {
      // §5: ascending order of receipt, which says nothing of when each ballot was cast.
      for (let i = 1; i < leaves.length; i += 1) {
        if (compareBytes(leaves[i - 1], leaves[i]) >= 0) {
          throw fail(
            'log_order',
            `${place}: ballot ${i + 1}`,
            `its receipt ${grouped(toHex(leaves[i]))} does not come after ballot ${i}'s: the log must list the ballots in ascending order of receipt, so that it cannot keep the order they were cast in`,
            { ...where, ballot: i + 1 },
          );
        }
      }
      this.pass('log_order', place, 'the ballots are listed in ascending order of receipt', where);
    }
    const head = round.tree_head;
    if (head.size !== count) {
      throw fail('tree_size', place, `the signed tree head says ${head.size} ballot(s), the log holds ${count}: ballots were added or removed`, where);
    }
    this.pass('tree_size', place, `${head.size} ballot(s), as the tree head says`, where);
    this.onProgress({ stage: 'tree', round: number, done: 0, total: count });
    const root = await merkleRoot(leaves);
    if (root !== head.root) {
      throw fail(
        'tree_root',
        place,
        `the Merkle root over the ${count} ballot(s) is ${root}, the signed tree head says ${head.root}: a ballot was changed, or ballots were reordered or replaced`,
        where,
      );
    }
    this.pass('tree_root', place, `root ${grouped(root)}`, where);
    if (head.congress !== congress || head.round !== number) {
      throw fail('tree_head', place, `the tree head names congress "${head.congress}" round ${head.round}, not congress "${congress}" round ${number}`, where);
    }
    this.pass('tree_head', place, `the tree head names congress "${congress}" round ${number}`, where);
    await this.signature('tree_head_signature', place, 'tree head', 'tree_head', canonicalBytes(head), round.tree_head_signature, where);
  }

  turnout(definition, round, place, where) {
    const manifest = this.record.manifest;
    const expected = definition.sitting === 'congress' ? ['all', 'female'] : [definition.sitting];
    const given = round.result.turnout.map((t) => t.electorate);
    if (given.join('\u0000') !== expected.join('\u0000')) {
      throw fail('turnout', place, `the turnout lists the electorates [${given.join(', ')}]; this round's are [${expected.join(', ')}]`, where);
    }
    const figures = [];
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
        );
      }
      if (t.present > t.entitled) {
        throw fail('turnout', place, `the turnout of "${t.electorate}" has more present (实到 ${t.present}) than entitled (应到 ${t.entitled})`, where);
      }
      figures.push(`${t.electorate}: 应到 ${t.entitled}, 实到 ${t.present}`);
    }
    this.pass('turnout', place, figures.join('; '), where);
  }

  counts(definition, round, place, where) {
    const result = round.result;
    const onRound = definition.contests.map((c) => c.id).sort();
    const given = Object.keys(result.issued).sort();
    if (given.join('\u0000') !== [...new Set(onRound)].join('\u0000')) {
      throw fail('counts', place, `ballots issued (发出) are given for [${given.join(', ')}]; the round's contests are [${[...new Set(onRound)].join(', ')}]`, where);
    }
    const figures = [];
    for (const rc of definition.contests) {
      const electorate = definition.sitting !== 'congress'
        ? definition.sitting
        : this.record.manifest.contests.find((c) => c.id === rc.id)?.electorate ?? 'all';
      const present = result.turnout.find((t) => t.electorate === electorate)?.present ?? 0;
      const issued = result.issued[rc.id] ?? 0;
      if (issued > present) {
        throw fail('counts', place, `contest "${rc.id}": more ballots issued (发出 ${issued}) than voters present (实到 ${present} of "${electorate}")`, where);
      }
      let returned = 0;
      for (const ballot of round.ballots) if (Object.prototype.hasOwnProperty.call(ballot.sections, rc.id)) returned += 1;
      const voided = returned > issued ? ' — more returned than issued, so the vote is void (RULES.md §5.1)' : '';
      figures.push(`${rc.id}: 发出 ${issued} ≤ 实到 ${present} ≤ 应到 ${rc.entitled}, 收回 ${returned}${voided}`);
    }
    this.pass('counts', place, figures.join('; '), where);
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
      throw fail('decision_hash', place, error.message, where);
    }
    if (hash !== recorded.hash) throw fail('decision_hash', place, `the decision's SHA-256 is ${hash}, the record says ${recorded.hash}`, where);
    this.pass('decision_hash', place, `hash ${grouped(hash)}`, where);
    await this.signature('decision_signature', place, 'decision', 'decision', bytes, recorded.signature, where);
    const record = this.record;
    if (decision.format !== DECISION_FORMAT) {
      throw fail('decision_rules', place, `the format is "${decision.format}", not "${DECISION_FORMAT}"`, where);
    }
    if (decision.congress !== record.manifest.congress.id || decision.manifest_hash !== record.manifest_hash) {
      throw fail('decision_rules', place, `the decision names congress "${decision.congress}" and manifest ${decision.manifest_hash}, not this record's`, where);
    }
    try {
      this.progress.reduce(decision);
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      throw fail('decision_rules', place, error.message, where);
    }
    this.pass('decision_rules', place, `the seats of "${decision.contest}" are reduced to ${decision.seats}, as RULES.md §5.5 and §6 allow`, where);
    this.summary.decisions += 1;
  }

  async publication(rounds) {
    const record = this.record;
    const recorded = record.publication;
    if (!recorded) return;
    const place = 'publication';
    const where = { section: 'publication' };
    if (recorded.publication.format !== PUBLICATION_FORMAT) {
      throw fail('publication', place, `the format is "${recorded.publication.format}", not "${PUBLICATION_FORMAT}"`, where);
    }
    let rebuilt;
    try {
      rebuilt = this.progress.publication(record.manifest.congress.id, record.manifest_hash, rounds, record.decisions.map((d) => d.hash));
    } catch (error) {
      if (!(error instanceof RulesError)) throw error;
      throw fail('publication', place, error.message, where);
    }
    const difference = firstDifference(rebuilt, recorded.publication);
    if (difference) throw fail('publication', place, publicationDifference(difference, rebuilt, recorded.publication), where);
    this.pass('publication', place, `the publication is what the ${rebuilt.rounds.length} verified round(s) and ${rebuilt.decisions.length} decision(s) give`, where);
    let bytes;
    let hash;
    try {
      bytes = canonicalBytes(recorded.publication);
      hash = toHex(await sha256(bytes));
    } catch (error) {
      throw fail('publication_hash', place, error.message, where);
    }
    if (hash !== recorded.result_hash) {
      throw fail('publication_hash', place, `the publication's SHA-256 is ${hash}, the record's result hash is ${recorded.result_hash}`, where);
    }
    this.pass('publication_hash', place, `result hash ${grouped(hash)}`, where);
    await this.signature('publication_signature', place, 'publication', 'publication', bytes, recorded.signature, where);
    this.resultHash = hash;
  }

  /** The manifest holds nothing a careful reader would have to guess at (§6.2). */
  manifestContents(where) {
    const manifest = this.record.manifest;
    const refuse = (problem) => fail('manifest_contents', 'manifest', problem, where);
    const electorates = new Set();
    for (const electorate of manifest.electorates) {
      if (electorates.has(electorate.id)) throw refuse(`the electorate "${electorate.id}" is listed twice`);
      electorates.add(electorate.id);
    }
    const contests = new Set(manifest.contests.map((c) => c.id));
    if (contests.size !== manifest.contests.length) throw refuse('a contest is listed twice');
    const styles = new Set();
    for (const style of manifest.styles) {
      if (styles.has(style.id)) throw refuse(`the style "${style.id}" is listed twice`);
      styles.add(style.id);
      const missing = style.contests.find((c) => !contests.has(c));
      if (missing !== undefined) throw refuse(`the style "${style.id}" names the contest "${missing}", which the manifest does not hold`);
    }
    if (!/^[0-9a-f]{64}$/.test(manifest.roster_hash)) throw refuse(`the roster hash "${manifest.roster_hash}" is not 64 lowercase hex digits`);
    if (!isCalendarDate(manifest.congress.date)) throw refuse(`the congress's date "${manifest.congress.date}" is not a real date written YYYY-MM-DD`);
    const unnamed = manifest.scrutineers.find((s) => s.name.trim() === '');
    if (unnamed) throw refuse(`the scrutineer ${unnamed.number} has no name`);
    this.pass(
      'manifest_contents',
      'manifest',
      `${manifest.electorates.length} electorate(s), ${manifest.contests.length} contest(s) and ${manifest.styles.length} style(s), each once; the date and the roster hash are well formed`,
      where,
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
      if (!record.publication) throw fail(code, place, 'there is no publication whose result hash it could countersign', where);
      if (cs.inspector.trim() === '') throw fail(code, place, 'it names no inspector: a countersignature says who made it', where);
      const problem = keyProblem(cs.public_key);
      if (problem) throw fail(code, place, `the key ${cs.public_key} ${KEY_PROBLEMS[problem]}`, where);
      if (cs.public_key === record.public_key) throw fail(code, place, "it is made with the election key, not with an inspector's own key", where);
      if (keys.has(cs.public_key)) {
        throw fail(code, place, `its key is that of countersignature ${keys.get(cs.public_key) + 1} too: each inspector signs with a key of their own`, where);
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
        );
      }
      const print = await fingerprint(cs.public_key);
      this.pass(code, place, `${cs.inspector} countersigned the result hash (key fingerprint ${grouped(print)})`, where);
      this.summary.countersignatures.push({ inspector: cs.inspector, public_key: cs.public_key, key_fingerprint: print, signature: cs.signature });
    }
  }

  /** The election key's signature on `bytes` in `context`; says whose it is when misplaced. */
  async signature(code, place, what, context, bytes, signature, where) {
    const key = this.record.public_key;
    const message = (ctx) => concat(utf8(CONTEXTS[ctx]), new Uint8Array([0]), bytes);
    const verdict = await verifyStrict(key, message(context), signature);
    if (verdict.ok) {
      this.pass(code, place, `the election key's signature on the ${what} verifies (context ${CONTEXTS[context]})`, where);
      return;
    }
    let why = '';
    const elsewhere = this.signaturesElsewhere().find(([other, , from]) => other === signature && from !== `${code}@${place}`);
    if (elsewhere) {
      why = `: it is ${elsewhere[1]}`;
    } else {
      for (const other of Object.keys(CONTEXTS)) {
        if (other === context) continue;
        if ((await verifyStrict(key, message(other), signature)).ok) {
          why = `: it was made in the context "${CONTEXTS[other]}", not "${CONTEXTS[context]}"`;
          break;
        }
      }
    }
    throw fail(code, place, `the ${what} signature does not verify with the election key${why}`, where);
  }

  /** Every election-key signature in the record: [signature, whose, code@place]. */
  signaturesElsewhere() {
    const record = this.record;
    const all = [];
    for (const round of record.rounds) {
      const n = round.result.round.number;
      all.push([round.tree_head_signature, `round ${n}'s tree-head signature`, `tree_head_signature@round ${n}`]);
      all.push([round.result_signature, `round ${n}'s result signature`, `result_signature@round ${n}`]);
    }
    record.decisions.forEach((d, i) => {
      all.push([d.signature, `decision ${i + 1}'s signature`, `decision_signature@decision ${i + 1} (contest "${d.decision.contest}", after round ${d.decision.after_round})`]);
    });
    if (record.publication) all.push([record.publication.signature, "the publication's signature", 'publication_signature@publication']);
    record.countersignatures.forEach((c, i) => all.push([c.signature, `countersignature ${i + 1}'s signature`, `countersignature@${i}`]));
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
