// The recount (docs/record-format.md §9) producing the tally as the record serialises it (§7),
// so that it can be compared member by member with the signed result's tally.

import {
  COMMITTEE_LIKE,
  compareCodePoints,
  fewestCandidates,
  isWrittenInId,
  quorumRequired,
  sizeRange,
} from './rules.js';
import { nameProblem, readName } from '../names.js';
import { electorateSay, listed, nameSay, say } from './say.js';

/**
 * A name of the record read as §1 says; a name that cannot be read makes the record invalid.
 * `where` names it in English, `what` ({ key, params }) for people.
 */
function nameOf(text, where, what) {
  const read = readName(text);
  if (read.error) throw new CountError(`${where} ${nameProblem(read)}`, say('count.name', { what, problem: nameSay(read) }));
  return read.name;
}

/**
 * The record is invalid: a ballot no paper could show, or a round that cannot be counted. The
 * message is English; `say` (./say.js) is what people read.
 */
export class CountError extends Error {
  constructor(message, said) {
    super(message);
    this.name = 'CountError';
    this.say = said;
  }
}

/**
 * Stands in the recount for a member that is a sentence for people (`warnings[].message`,
 * `next.seat_reduction.reason`): §7 lets an independent verifier compare those only as strings.
 */
export const EXPLANATION = Object.freeze({ explanation: 'a sentence for people' });

function person(candidate) {
  const p = { id: candidate.id, name: candidate.name };
  if (candidate.write_in) p.write_in = true;
  return p;
}

/**
 * What every recount starts from: the quorum judged on the sitting's turnout, and for each
 * contest of the round its list read (names as §1 reads them) and empty counts.
 */
function prepare({ round, turnout, manifest, members }) {
  // At a body's meeting, the members who alone may be written in, by normalised name (-1 when
  // several share a name); the count knows a written-in member by their delegate number.
  const memberNames = members && new Map();
  for (const member of members ?? []) {
    const name = nameOf(member.name, `the member "${member.id}"'s name`, say('count.what.member', { id: member.id }));
    memberNames.set(name, memberNames.has(name) ? -1 : member.id);
  }
  const profile = manifest.profile;
  const sittingElectorate = round.sitting === 'congress' ? 'all' : round.sitting;
  const sitting = turnout.find((t) => t.electorate === sittingElectorate);
  if (!sitting) {
    throw new CountError(
      `the turnout gives no "${sittingElectorate}" figures: the round cannot be counted`,
      say('count.no_turnout', { electorate: electorateSay(sittingElectorate) }),
    );
  }
  if (sitting.entitled < 1 || sitting.present > sitting.entitled) {
    throw new CountError(
      `the turnout of "${sittingElectorate}" (应到 ${sitting.entitled}, 实到 ${sitting.present}) cannot be counted`,
      say('count.turnout', { electorate: electorateSay(sittingElectorate), entitled: sitting.entitled, present: sitting.present }),
    );
  }
  const required = quorumRequired(sitting.entitled, profile.quorum);
  const quorum = { entitled: sitting.entitled, present: sitting.present, required, met: sitting.present >= required };

  // The contests on the round, and the sets of contests a ballot of each style carries.
  const contests = round.contests.map((rc, position) => {
    const part = manifest.contests.find((c) => c.id === rc.id);
    if (!part) throw new CountError(`contest "${rc.id}" is not in the manifest`, say('rules.unknown_contest', { contest: rc.id }));
    const index = new Map();
    const names = new Map();
    rc.candidates.forEach((c, i) => {
      index.set(c.id, i);
      const name = nameOf(c.name, `contest "${rc.id}": the name of candidate "${c.id}"`, say('count.what.candidate', { contest: part.title, id: c.id }));
      names.set(name, names.has(name) ? -1 : i);
    });
    return {
      rc,
      part,
      position,
      index,
      names,
      for: new Array(rc.candidates.length).fill(0),
      against: new Array(rc.candidates.length).fill(0),
      writeIns: new Map(),
      returned: 0,
      valid: 0,
    };
  });
  const byId = new Map(contests.map((c) => [c.rc.id, c]));
  const styleSets = new Set();
  const styles = new Set(round.contests.flatMap((rc) => rc.styles));
  for (const style of styles) {
    styleSets.add(
      round.contests
        .filter((rc) => rc.styles.includes(style))
        .map((rc) => rc.id)
        .sort()
        .join('\u0000'),
    );
  }
  return { quorum, profile, contests, byId, styleSets, memberNames };
}

/**
 * Recounts a round. `round` is the RoundDefinition, `ballots` its logged ballots, `issued` and
 * `turnout` the result's, `manifest` the record's. Resolves to the tally (§7) with explanations
 * written as plain placeholders; throws a CountError when the record is invalid.
 */
export function recount({ round, ballots, issued, turnout, manifest, members = null }) {
  const count = prepare({ round, turnout, manifest, members });
  const { contests, byId, styleSets, memberNames } = count;
  const marks = new Uint8Array(64);
  for (let b = 0; b < ballots.length; b += 1) {
    const ballot = ballots[b];
    const where = `ballot ${b + 1}`;
    const keys = Object.keys(ballot.sections).sort();
    if (!styleSets.has(keys.join('\u0000'))) {
      throw new CountError(
        `${where}: its contests (${keys.join(', ')}) are not those of any ballot style of the round`,
        say('count.style', { ballot: b + 1, contests: keys.map((k) => byId.get(k)?.part.title ?? k) }),
      );
    }
    for (const id of keys) {
      const contest = byId.get(id);
      const refuse = (text, key, params = {}) => new CountError(`${where}: ${text}`, say(`count.${key}`, { ballot: b + 1, contest: contest.part.title, ...params }));
      const section = ballot.sections[id];
      const n = contest.rc.candidates.length;
      const seen = n <= marks.length ? marks : new Uint8Array(n);
      seen.fill(0, 0, n);
      // Bits: 1 for, 2 against, 4 abstain.
      for (const [list, bit] of [
        ['for', 1],
        ['against', 2],
        ['abstain', 4],
      ]) {
        for (const candidate of section[list]) {
          const i = contest.index.get(candidate);
          if (i === undefined) throw refuse(`unknown candidate "${candidate}" in contest "${id}"`, 'unknown_candidate', { id: candidate });
          if (seen[i] & bit) {
            throw refuse(`candidate "${candidate}" appears twice in "${list}" in contest "${id}"`, 'twice', {
              person: say('person', { name: contest.rc.candidates[i].name, id: candidate }),
              mark: listed('verifier.mark.', list),
            });
          }
          seen[i] |= bit;
        }
      }
      const persons = new Set();
      for (const written of section.write_ins) {
        const read = readName(written);
        if (read.error) throw refuse(`a write-in name ${nameProblem(read)} in contest "${id}"`, 'write_in_name', { problem: nameSay(read) });
        const { name } = read;
        if (contest.rc.round === 'tie_revote') {
          throw refuse(`a write-in in contest "${id}", whose round is a tie re-vote among the tied`, 'write_in_revote', { name });
        }
        const listed = contest.names.get(name);
        if (listed !== undefined && listed >= 0) seen[listed] |= 1;
        else if (memberNames && typeof memberNames.get(name) !== 'string') {
          throw refuse(
            `"${name}" is not the name of exactly one elected member of the body, and its meeting elects only from among its members, in contest "${id}"`,
            'write_in_member',
            { name },
          );
        } else persons.add(name);
      }
      let forVotes = 0;
      for (let i = 0; i < n; i += 1) if (seen[i] === 1) forVotes += 1;
      contest.returned += 1;
      if (forVotes + persons.size > contest.rc.seats) continue; // an over-vote: invalid
      contest.valid += 1;
      for (let i = 0; i < n; i += 1) {
        if (seen[i] === 1) contest.for[i] += 1;
        else if (seen[i] === 2) contest.against[i] += 1;
      }
      for (const name of persons) contest.writeIns.set(name, (contest.writeIns.get(name) ?? 0) + 1);
    }
  }

  return finish(count, { issued, manifest });
}

/**
 * Recounts a sealed round from its opening (docs/sealed-ballots.md §9, "Counting from the
 * opening") by the same rules as `recount`. `opened` gives, for each contest of the round by
 * id, `{ returned, listed: [[for, against]] in ballot order, written: [[names]] }`: the ballots
 * holding the contest, each listed candidate's decrypted totals, and for each section holding
 * write-ins the names read from its used lines. A sealed section is valid by its proofs. A name
 * is one *for* vote for a written-in person, once per section; a name §1 refuses, a listed
 * candidate's name and, at a body's meeting, anyone but exactly one member add nothing.
 */
export function recountOpened({ round, opened, issued, turnout, manifest, members = null }) {
  const count = prepare({ round, turnout, manifest, members });
  for (const contest of count.contests) {
    const totals = opened[contest.rc.id] ?? { returned: 0, listed: [], written: [] };
    contest.returned = totals.returned;
    contest.valid = totals.returned;
    totals.listed.forEach(([votesFor, votesAgainst], i) => {
      contest.for[i] = votesFor;
      contest.against[i] = votesAgainst;
    });
    for (const names of totals.written) {
      const persons = new Set();
      for (const written of names) {
        const read = readName(written);
        if (read.error || contest.names.has(read.name)) continue;
        if (count.memberNames && typeof count.memberNames.get(read.name) !== 'string') continue;
        persons.add(read.name);
      }
      for (const name of persons) contest.writeIns.set(name, (contest.writeIns.get(name) ?? 0) + 1);
    }
  }
  return finish(count, { issued, manifest });
}

/** The tally (§7) of the counts gathered in `count` (from `prepare`). */
function finish({ quorum, profile, contests, memberNames }, { issued, manifest }) {
  const membership = manifest.congress.members;
  const tallies = contests.map((contest) =>
    countContest(contest, { quorum, issued, profile, members: membership, memberNames, sizeTable: manifest.size_table }),
  );
  const warnings = [];
  for (const contest of contests) {
    const { rc, part } = contest;
    if (part.kind !== 'committee' || rc.round !== 'regular') continue;
    const range = sizeRange(membership, manifest.size_table);
    if (range && (rc.seats < range.min || rc.seats > range.max)) {
      warnings.push({ code: 'committee_size', contest: rc.id, message: EXPLANATION });
    }
  }
  for (const tally of tallies) {
    for (const elected of tally.elected) {
      if (elected.write_in) warnings.push({ code: 'write_in_elected', contest: tally.id, message: EXPLANATION });
    }
  }
  return {
    quorum,
    profile: {
      quorum: profile.quorum,
      tie_revote_needs_majority: profile.tie_revote_needs_majority,
      chair_margin: profile.chair_margin,
      ballot_order: profile.ballot_order,
    },
    size_table: manifest.size_table,
    contests: tallies,
    warnings,
  };
}

function countContest(contest, { quorum, issued, profile, members, memberNames, sizeTable }) {
  const { rc, part } = contest;
  const entitled = rc.entitled;
  const majority = Math.floor(entitled / 2) + 1;
  const threshold = rc.round === 'tie_revote' && !profile.tie_revote_needs_majority ? 1 : majority;
  const issuedHere = issued[rc.id] ?? 0;
  const candidates = rc.candidates.map((c, i) => ({
    abstain: contest.valid - contest.for[i] - contest.against[i],
    against: contest.against[i],
    elected: false,
    for: contest.for[i],
    id: c.id,
    name: c.name,
    // A person written in earlier who stands in a tie re-vote (`~n`).
    ...(isWrittenInId(c.id) ? { write_in: true } : {}),
  }));
  const writeIns = [...contest.writeIns]
    .map(([name, votes]) => ({ abstain: 0, against: 0, elected: false, for: votes, id: memberNames?.get(name) ?? null, name, write_in: true }))
    .sort((a, b) => b.for - a.for || compareCodePoints(a.name, b.name));
  candidates.push(...writeIns);

  let status;
  let elected = [];
  let tied = [];
  if (!quorum.met) {
    status = 'no_quorum';
  } else if (contest.returned > issuedHere) {
    status = 'void';
  } else {
    const passing = candidates
      .map((c, order) => ({ c, order }))
      .filter(({ c }) => c.for >= threshold)
      .sort((a, b) => b.c.for - a.c.for || a.order - b.order);
    const seats = rc.seats;
    if (passing.length <= seats) {
      elected = passing;
      status = passing.length === seats ? 'complete' : 'shortfall';
    } else if (passing[seats].c.for < passing[seats - 1].c.for) {
      elected = passing.slice(0, seats);
      status = 'complete';
    } else {
      const last = passing[seats - 1].c.for;
      elected = passing.filter(({ c }) => c.for > last);
      tied = passing.filter(({ c }) => c.for === last).sort((a, b) => a.order - b.order);
      status = 'tie';
    }
  }
  for (const { c } of elected) c.elected = true;
  const openSeats = status === 'complete' ? 0 : rc.seats - elected.length;
  const electedPeople = elected.map(({ c }) => person(c));
  const tiedPeople = tied.map(({ c }) => person(c));

  let next;
  switch (status) {
    case 'complete':
      next = { action: 'none' };
      break;
    case 'tie':
      next = { action: 'tie_revote', seats: openSeats, candidates: tiedPeople };
      break;
    case 'void':
      next = { action: 'repeat_vote' };
      break;
    case 'no_quorum':
      next = { action: 'establish_quorum' };
      break;
    default: {
      const needed = fewestCandidates(part.kind, 'additional', openSeats, profile);
      const others = candidates
        .slice(0, rc.candidates.length)
        .map((c, order) => ({ c, order }))
        .filter(({ c }) => !c.elected)
        .sort((a, b) => b.c.for - a.c.for || a.order - b.order);
      const proposed = others.slice(0, needed);
      if (proposed.length > 0) {
        const lastVotes = proposed[proposed.length - 1].c.for;
        for (let i = proposed.length; i < others.length && others[i].c.for === lastVotes; i += 1) proposed.push(others[i]);
      }
      const size = rc.filled_earlier + rc.seats - openSeats;
      const range = part.kind === 'committee' && size !== 0 ? sizeRange(members, sizeTable) : null;
      let allowed;
      if (size === 0) allowed = false;
      else if (part.kind === 'committee') allowed = Boolean(range) && size >= range.min && size <= range.max;
      else allowed = true;
      next = {
        action: 'fill_open_seats',
        open_seats: openSeats,
        proposed: proposed.map(({ c }) => ({ id: c.id, name: c.name, for: c.for })),
        enough_candidates: proposed.length >= needed,
        seat_reduction: { seats: size, allowed, range: range ? { min: range.min, max: range.max } : null, reason: EXPLANATION },
      };
    }
  }
  return {
    candidates,
    elected: electedPeople,
    entitled,
    id: rc.id,
    invalid: contest.returned - contest.valid,
    issued: issuedHere,
    kind: part.kind,
    majority,
    next,
    open_seats: openSeats,
    returned: contest.returned,
    round: rc.round,
    seats: rc.seats,
    status,
    threshold,
    tied: tiedPeople,
    title: nameOf(part.title, `contest "${part.id}": the title`, say('count.what.title', { id: part.id })),
    valid: contest.valid,
  };
}

/** Whether a contest of this kind takes part in the 5 % margin rule (for messages). */
export function isCommitteeLike(kind) {
  return COMMITTEE_LIKE.has(kind);
}
