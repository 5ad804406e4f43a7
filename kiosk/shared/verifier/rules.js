// The election rules a verifier needs outside the count (docs/record-format.md §§7–8, RULES.md):
// the quorum, the margin rule, the committee-size table and identifiers (names are read by
// ../names.js, as the kiosk and the server read them).

/** Kinds of contest elected with a margin (差额) of at least 5 %. */
export const COMMITTEE_LIKE = new Set(['committee', 'audit_committee', 'women_committee', 'standing_committee']);

/**
 * The first meetings of the bodies the congress elects (§8), by the name that is also their
 * electorate's and ballot style's: the `committee`'s plenary, and the funds audit and the women
 * workers' committees' meetings. Their members elect from among themselves.
 */
export const BODY_SITTINGS = new Map([
  ['plenary', 'committee'],
  ['audit_plenary', 'audit_committee'],
  ['women_plenary', 'women_committee'],
]);

/** The sitting that votes in a contest of `electorate`. */
export function sittingOf(electorate) {
  return BODY_SITTINGS.has(electorate) ? electorate : 'congress';
}

/** The fewest present for a vote (§7 quorum.required). */
export function quorumRequired(entitled, rule) {
  const twice = 2 * entitled;
  return rule === 'more_than_two_thirds' ? Math.floor(twice / 3) + 1 : Math.ceil(twice / 3);
}

/** The fewest candidates a round of `kind` and `round` (regular, tie_revote, additional) needs (§8). */
export function fewestCandidates(kind, round, seats, profile) {
  if (COMMITTEE_LIKE.has(kind)) {
    return round === 'regular' ? seats + Math.ceil(seats / 20) : seats + 1;
  }
  if (kind === 'chair' || kind === 'vice_chair') {
    if (profile.chair_margin === 'competitive_required') return seats + 1;
    return round === 'tie_revote' ? seats + 1 : seats;
  }
  return round === 'tie_revote' ? seats + 1 : seats;
}

/** 2016 条例 Art. 8 (`acftu-2016`): the committee's size range for a membership. */
const SIZE_TABLE = [
  [24, 3, 5],
  [200, 3, 7],
  [1000, 7, 15],
  [5000, 15, 21],
  [10000, 21, 29],
  [50000, 29, 37],
  [Infinity, 37, 45],
];

/** { min, max } of the committee's seats for `members` under the size table `table`. */
export function sizeRange(members, table = 'acftu-2016') {
  if (table !== 'acftu-2016') return null;
  const [, min, max] = SIZE_TABLE.find(([upTo]) => members <= upTo);
  return { min, max };
}

/** Whether `id` is an identifier of a contest or candidate (§1). */
export function isIdentifier(id) {
  return typeof id === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(id);
}

/**
 * Whether `id` is `~n` (n from 1, no leading zero): the id under which a person written in at
 * the congress stands in a tie re-vote (§8). `~` is no character of a delegate number.
 */
export function isWrittenInId(id) {
  return typeof id === 'string' && /^~[1-9][0-9]{0,8}$/.test(id);
}

/** Compares strings by Unicode code points (not UTF-16 code units). */
export function compareCodePoints(a, b) {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i += 1) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
