// The congress replayed from its manifest (docs/record-format.md §8): which round may come next,
// what each of its contests must be, seat reductions, and the publication the rounds give.

import { BODY_SITTINGS, fewestCandidates, isIdentifier, isWrittenInId, sittingOf, sizeRange } from './rules.js';
import { nameProblem, readName } from '../names.js';
import { electorateSay, listed, nameSay, person, say } from './say.js';

/** A round or decision the rules do not allow; `detail` says why, in English and as `say` (./say.js). */
export class RulesError extends Error {
  constructor(detail, said) {
    super(detail);
    this.name = 'RulesError';
    this.say = said;
  }
}

/** The body whose members sit at `sitting`, in English and as people read it. */
const BODIES = { plenary: 'the committee', audit_plenary: 'the funds audit committee', women_plenary: "the women workers' committee" };

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Where the congress stands, contest by contest. */
export class Progress {
  constructor(manifest) {
    this.manifest = manifest;
    this.next = 1;
    this.contests = new Map(
      manifest.contests.map((part, order) => [
        part.id,
        { part, order, seats: part.seats, phase: 'waiting', last: null, lastRound: 0, elected: [], reduced: false },
      ]),
    );
  }

  /** The number the next round must have. */
  nextNumber() {
    return this.next;
  }

  /** The contests electing the body that sits in `sitting` (none for the congress). */
  bodyContests(sitting) {
    const kind = BODY_SITTINGS.get(sitting);
    return [...this.contests.values()].filter((s) => kind !== undefined && s.part.kind === kind);
  }

  /** Members elected so far to the body sitting in `sitting`: its meeting's entitled voters. */
  bodySize(sitting) {
    return this.bodyContests(sitting).reduce((n, s) => n + s.elected.length, 0);
  }

  /**
   * The members with a delegate number elected so far to the body sitting in `sitting`, as
   * { id, name }: the only persons its meeting may write in; null for the congress.
   */
  bodyMembers(sitting) {
    if (!BODY_SITTINGS.has(sitting)) return null;
    return this.bodyContests(sitting).flatMap((s) => s.elected.filter((p) => p.id !== null).map((p) => ({ id: p.id, name: p.name })));
  }

  /** The ids of the members elected so far to the body sitting in `sitting`. */
  bodyMemberIds(sitting) {
    const ids = new Set();
    for (const state of this.bodyContests(sitting)) for (const p of state.elected) if (p.id !== null) ids.add(p.id);
    return ids;
  }

  /**
   * Those listed for a contest who may stand in any of its rounds: everyone listed, except that
   * a body's first meeting elects only the body's members — the committee's plenary the chair
   * and vice-chairs (2016 条例 Art. 3), the funds audit and the women workers' committees their
   * heads (RULES.md §1) — in its first round and in every later one.
   */
  mayStand(part) {
    const sitting = sittingOf(part.electorate);
    if (sitting === 'congress') return part.candidates;
    const members = this.bodyMemberIds(sitting);
    return part.candidates.filter((c) => members.has(c.id));
  }

  entitledFor(part) {
    const sitting = sittingOf(part.electorate);
    if (sitting !== 'congress') return this.bodySize(sitting);
    const electorate = this.manifest.electorates.find((e) => e.id === part.electorate);
    if (!electorate) {
      throw new RulesError(
        `contest "${part.id}": the manifest has no electorate "${part.electorate}"`,
        say('rules.no_electorate', { contest: part.title, electorate: electorateSay(part.electorate) }),
      );
    }
    return electorate.entitled;
  }

  stylesFor(id) {
    return this.manifest.styles.filter((s) => s.contests.includes(id)).map((s) => s.id);
  }

  /** What a contest on the next round must be, with `given` (the round's) for the choices it may make. */
  expected(state, given) {
    const { part } = state;
    const common = { id: part.id, entitled: this.entitledFor(part), styles: this.stylesFor(part.id) };
    // The unit under which someone stood: on the last round's list, the manifest's, or — for a
    // member written in at a body's meeting — the body's.
    const unit = (id) =>
      [state.last?.rc ?? part, part, ...this.bodyContests(sittingOf(part.electorate)).map((s) => s.part)]
        .flatMap((p) => p.candidates)
        .find((c) => c.id === id)?.unit;
    if (state.phase === 'done') {
      throw new RulesError(
        `contest "${part.id}" is ${state.reduced ? 'done: its seats were reduced' : 'done: every seat is filled'}, so it may not be on a round`,
        say(state.reduced ? 'rules.done_reduced' : 'rules.done', { contest: part.title }),
      );
    }
    if (state.phase === 'waiting') {
      let candidates = part.candidates.map((c) => ({ id: c.id, name: c.name, unit: c.unit }));
      const sitting = sittingOf(part.electorate);
      if (sitting !== 'congress') {
        const open = this.bodyContests(sitting).filter((s) => s.phase !== 'done');
        if (open.length > 0) {
          throw new RulesError(
            `contest "${part.id}" is elected by the members of a body (${open.map((s) => `"${s.part.id}"`).join(', ')}) not fully elected yet`,
            say('rules.body_open', { contest: part.title, bodies: open.map((s) => s.part.title) }),
          );
        }
        const standing = new Set(this.mayStand(part).map((c) => c.id));
        candidates = candidates.filter((c) => standing.has(c.id));
      }
      return { ...common, round: 'regular', seats: part.seats, filled_earlier: 0, candidates };
    }
    const filled = state.elected.length;
    const { rc, tally } = state.last;
    switch (tally.status) {
      case 'void':
      case 'no_quorum':
        return { ...common, round: rc.round, seats: rc.seats, filled_earlier: filled, candidates: rc.candidates };
      case 'tie': {
        // A person written in at the congress has no delegate number, and stands as the nth
        // of them among the tied: `~n`, with no unit.
        let writtenIn = 0;
        const standing = (p) => {
          if (p.id !== null && p.id !== undefined) return { id: p.id, name: p.name, unit: unit(p.id) };
          writtenIn += 1;
          return { id: `~${writtenIn}`, name: p.name, unit: '' };
        };
        return {
          ...common,
          round: 'tie_revote',
          seats: tally.open_seats,
          filled_earlier: filled,
          candidates: tally.tied.map(standing),
        };
      }
      case 'shortfall': {
        const electedIds = new Set(state.elected.map((p) => p.id));
        const eligible = this.mayStand(part).filter((c) => !electedIds.has(c.id));
        const sitting = sittingOf(part.electorate);
        if (sitting !== 'congress') {
          const members = this.bodyMemberIds(sitting);
          const outsider = (given?.candidates ?? []).find((c) => !members.has(c.id) && part.candidates.some((p) => p.id === c.id));
          if (outsider) {
            throw new RulesError(
              `contest "${part.id}": candidate ${outsider.id} was not elected to ${BODIES[sitting]}, and its members elect only from among themselves (《工会基层组织选举工作条例》(2016) 第三条)`,
              say('rules.outsider', { contest: part.title, person: person(outsider.name, outsider.id), body: say(`body.${sitting}`) }),
            );
          }
        }
        // The congress chooses any of them, in ballot order: take the round's own choice when
        // it is one, so that the comparison names what is wrong otherwise.
        const chosen = given?.candidates ?? [];
        let ok = true;
        let from = 0;
        for (const c of chosen) {
          const at = eligible.findIndex((e, i) => i >= from && e.id === c.id);
          if (at < 0 || !same({ id: eligible[at].id, name: eligible[at].name, unit: eligible[at].unit }, c)) {
            ok = false;
            break;
          }
          from = at + 1;
        }
        if (!ok) {
          throw new RulesError(
            `contest "${part.id}": the candidates of an additional round must be chosen, in ballot order, from those on the manifest's list not yet elected (${eligible.map((c) => c.id).join(', ')})`,
            say('rules.additional', { contest: part.title, eligible: eligible.map((c) => person(c.name, c.id)) }),
          );
        }
        return { ...common, round: 'additional', seats: tally.open_seats, filled_earlier: filled, candidates: chosen };
      }
      default:
        throw new RulesError(`contest "${part.id}" is complete, so it may not be on a round`, say('rules.done', { contest: part.title }));
    }
  }

  /** Checks that `definition` is what the rules call for now; throws a RulesError. */
  check(definition) {
    if (definition.number !== this.next) {
      throw new RulesError(
        `the round is numbered ${definition.number}: it should be round ${this.next}`,
        say('rules.number', { number: definition.number, next: this.next }),
      );
    }
    if (definition.contests.length === 0) throw new RulesError('the round has no contest', say('rules.no_contest'));
    let lastOrder = -1;
    const sittings = new Set();
    for (const rc of definition.contests) {
      const state = this.contests.get(rc.id);
      if (!state) throw new RulesError(`contest "${rc.id}" is not in the manifest`, say('rules.unknown_contest', { contest: rc.id }));
      if (state.order <= lastOrder) throw new RulesError('the contests are not distinct and in manifest order', say('rules.contest_order'));
      lastOrder = state.order;
      sittings.add(sittingOf(state.part.electorate));
    }
    if (sittings.size > 1) {
      throw new RulesError('contests of the congress and of a body\'s meeting, or of two bodies, may not share a ballot', say('rules.sittings'));
    }
    const [sitting] = sittings;
    if (definition.sitting !== sitting) {
      throw new RulesError(
        `the round's sitting is "${definition.sitting}"; its contests are voted on by the ${sitting}`,
        say('rules.sitting', { sitting: listed('verifier.sitting.', definition.sitting), expected: listed('verifier.sitting.', sitting) }),
      );
    }
    for (const rc of definition.contests) {
      const state = this.contests.get(rc.id);
      const expected = this.expected(state, rc);
      for (const field of ['round', 'seats', 'filled_earlier', 'entitled', 'candidates', 'styles']) {
        if (!same(expected[field], rc[field])) {
          throw new RulesError(
            `contest "${rc.id}": ${field}: the rules call for ${JSON.stringify(expected[field])}, the round says ${JSON.stringify(rc[field])}`,
            say('rules.field', {
              contest: state.part.title,
              field: listed('verifier.field.', field),
              expected: JSON.stringify(expected[field]),
              given: JSON.stringify(rc[field]),
            }),
          );
        }
      }
    }
    this.accept(definition);
  }

  /** What the rules engine requires of a round's contests (RULES.md §§1–2). */
  accept(definition) {
    const names = new Map();
    const committee = new Set();
    const audit = new Set();
    const scrutineers = new Set(this.manifest.scrutineers.map((s) => s.number));
    for (const rc of definition.contests) {
      const { part } = this.contests.get(rc.id);
      const where = `contest "${rc.id}"`;
      const refuse = (text, key, params = {}) => new RulesError(`${where}: ${text}`, say(`rules.${key}`, { contest: part.title, ...params }));
      if (!isIdentifier(rc.id)) throw refuse('not a valid identifier', 'contest_id', { id: rc.id });
      if (rc.seats < 1) throw refuse('it has no seat to fill', 'no_seat');
      if (rc.entitled < 1) throw refuse('it has no entitled voter', 'no_voter');
      const title = readName(part.title);
      if (title.error) throw refuse(`the title ${nameProblem(title)}`, 'title', { contest: part.id, problem: nameSay(title) });
      const seen = new Set();
      for (const c of rc.candidates) {
        const writtenIn = rc.round === 'tie_revote' && isWrittenInId(c.id);
        if (!isIdentifier(c.id) && !writtenIn) throw refuse(`candidate id "${c.id}" is not a valid identifier`, 'candidate_id', { id: c.id });
        const name = readName(c.name);
        if (name.error) throw refuse(`the name of candidate "${c.id}" ${nameProblem(name)}`, 'candidate_name', { id: c.id, problem: nameSay(name) });
        if (seen.has(c.id)) throw refuse(`"${c.id}" stands twice on the list`, 'twice', { person: person(c.name, c.id) });
        seen.add(c.id);
        // A written-in person standing again is known by this contest alone.
        if (writtenIn) continue;
        if (names.has(c.id) && names.get(c.id) !== c.name) {
          throw refuse(`"${c.id}" is named "${c.name}" here and "${names.get(c.id)}" elsewhere`, 'renamed', { id: c.id, name: c.name, other: names.get(c.id) });
        }
        names.set(c.id, c.name);
        if (scrutineers.has(c.id)) throw refuse(`candidate "${c.id}" is a scrutineer (候选人不得担任监票人、计票人)`, 'scrutineer', { person: person(c.name, c.id) });
        if (part.kind === 'committee') committee.add(c.id);
        if (part.kind === 'audit_committee') audit.add(c.id);
      }
      const needed = fewestCandidates(part.kind, rc.round, rc.seats, this.manifest.profile);
      if (rc.candidates.length < needed) {
        throw refuse(
          `${rc.candidates.length} candidate(s) for ${rc.seats} seat(s); a ${rc.round.replace('_', '-')} round of this kind needs at least ${needed}`,
          'too_few',
          { count: rc.candidates.length, seats: rc.seats, kind: listed('roundKind.', rc.round), needed },
        );
      }
    }
    for (const id of committee) {
      if (audit.has(id)) {
        throw new RulesError(
          `"${id}" stands for both the committee and the funds audit committee (工会委员与经审委员不能兼任)`,
          say('rules.both_committees', { person: person(names.get(id), id) }),
        );
      }
    }
  }

  /** Takes a counted round's tally (already equal to the recount) into the replay. */
  finish(definition, tally) {
    for (const rc of definition.contests) {
      const state = this.contests.get(rc.id);
      const counted = tally.contests.find((c) => c.id === rc.id);
      for (const p of counted.elected) {
        const candidate = counted.candidates.find((c) => c.name === p.name && (c.id ?? null) === (p.id ?? null));
        state.elected.push({
          // A written-in person elected in a re-vote has no delegate number.
          id: isWrittenInId(p.id) ? null : (p.id ?? null),
          name: p.name,
          write_in: Boolean(p.write_in),
          round: definition.number,
          for: candidate ? candidate.for : 0,
        });
      }
      state.lastRound = definition.number;
      if (counted.status === 'complete') {
        state.phase = 'done';
        state.last = null;
      } else {
        state.phase = 'counted';
        state.last = { rc, tally: counted };
      }
    }
    this.next += 1;
  }

  /** A seat reduction (§8); throws a RulesError when the rules do not allow it. */
  reduce(decision) {
    const where = `contest "${decision.contest}"`;
    const state = this.contests.get(decision.contest);
    if (!state) throw new RulesError(`${where} is not in the manifest`, say('rules.unknown_contest', { contest: decision.contest }));
    const refuse = (text, key, params = {}) => new RulesError(text, say(`rules.reduce.${key}`, { contest: state.part.title, ...params }));
    if (decision.consent.trim() === '') throw refuse('the congress\'s consent is blank', 'consent');
    if (state.phase !== 'counted' || state.lastRound !== decision.after_round || state.last.tally.status !== 'shortfall') {
      throw refuse(
        `${where}: the seats can be reduced only right after a round that left it short (its last round is ${state.lastRound || 'none'})`,
        state.lastRound ? 'not_short' : 'not_voted',
        { after: decision.after_round, last: state.lastRound },
      );
    }
    const elected = state.elected.length;
    if (decision.seats !== elected) {
      throw refuse(`${where}: the seats can be reduced only to the ${elected} elected, not to ${decision.seats}`, 'seats', { elected, seats: decision.seats });
    }
    if (elected < 1) throw refuse(`${where}: nobody is elected, so the seats cannot be reduced`, 'nobody');
    if (state.part.kind === 'committee') {
      const range = sizeRange(this.manifest.congress.members, this.manifest.size_table);
      if (!range || elected < range.min || elected > range.max) {
        throw refuse(
          `${where}: the seats cannot be reduced: a committee of ${elected} lies outside the range ${range?.min}–${range?.max} for ${this.manifest.congress.members} members (2016 条例 Art. 8)`,
          range ? 'size' : 'size_table',
          { elected, min: range?.min ?? 0, max: range?.max ?? 0, members: this.manifest.congress.members, table: this.manifest.size_table },
        );
      }
    }
    state.seats = decision.seats;
    state.phase = 'done';
    state.reduced = true;
  }

  /** Each body, its seats and who is elected so far, in manifest order. */
  bodies() {
    return [...this.contests.values()].map((s) => ({
      contest: s.part.id,
      title: s.part.title,
      kind: s.part.kind,
      seats: s.seats,
      elected: s.elected.map((p) => ({ ...p })),
    }));
  }

  /** The publication the rounds and decisions give (§8); throws when it is not allowed yet. */
  publication(congress, manifestHash, rounds, decisions) {
    const open = [...this.contests.values()].filter((s) => s.phase !== 'done');
    if (open.length > 0) {
      throw new RulesError(
        `the result cannot be published while ${open.map((s) => `contest "${s.part.id}"`).join(', ')} is not done`,
        say('rules.publication_open', { contests: open.map((s) => s.part.title) }),
      );
    }
    return {
      format: 'ballotbox-publication/1',
      congress,
      manifest_hash: manifestHash,
      rounds,
      decisions,
      bodies: [...this.contests.values()].map((s) => ({
        contest: s.part.id,
        seats: s.seats,
        elected: s.elected.map((p) => ({ id: p.id, name: p.name, write_in: p.write_in, round: p.round, for: p.for })),
      })),
    };
  }
}
