// How the pages draw a count: a contest's tally (应到 / 实到 / 发出 / 收回 / 有效 / 无效, then every
// candidate's for / against / abstain, the elected marked, write-ins tagged, the contest's
// status) and the elected of each body. The inspector, minutes and results pages use these, so a
// count reads the same wherever it is shown; each page styles them by class (.counts, .votes,
// .people, .write-in, .outcome-elected, .status-*).

import { h } from './dom.js';

/**
 * Who a contest's 实到 is: the meeting's for a round of a body's meeting (the plenary); otherwise the electorate whose
 * entitled voters are the contest's E (the result does not name the contest's electorate; the
 * manifest does, and `manifest` is used when given).
 */
export function presentFor(result, contestId, manifest) {
  const turnout = result.turnout;
  if (result.round.sitting !== 'congress') return turnout.find((t) => t.electorate === result.round.sitting);
  const electorate = manifest?.contests.find((c) => c.id === contestId)?.electorate;
  if (electorate) return turnout.find((t) => t.electorate === electorate);
  const entitled = result.tally.contests.find((c) => c.id === contestId)?.entitled;
  return turnout.find((t) => t.electorate === 'all' && t.entitled === entitled) ?? turnout.find((t) => t.entitled === entitled) ?? turnout[0];
}

/**
 * One round's contests as tables: 应到 / 实到 / 发出 / 收回 / 有效 / 无效, then every candidate's
 * votes and outcome. `level` is the heading level of each contest (h3 or h4).
 */
export function roundContests(result, { level = 'h4', manifest } = {}) {
  return result.tally.contests.map((contest) => {
    const present = presentFor(result, contest.id, manifest);
    const title = contest.title;
    const counts = h(
      'table',
      { class: 'counts', attrs: { 'data-table': 'counts', 'data-contest': contest.id } },
      h('caption', { text: ['results.countsCaption', { title }] }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['entitled', 'present', 'issued', 'returned', 'valid', 'invalid'].map((k) =>
            h('th', { class: 'number', attrs: { scope: 'col' }, text: `results.count.${k}` }),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        h(
          'tr',
          {},
          h('td', { class: 'number', attrs: { 'data-count': 'entitled' }, data: contest.entitled }),
          h('td', { class: 'number', attrs: { 'data-count': 'present' }, data: present?.present ?? '—' }),
          h('td', { class: 'number', attrs: { 'data-count': 'issued' }, data: contest.issued }),
          h('td', { class: 'number', attrs: { 'data-count': 'returned' }, data: contest.returned }),
          h('td', { class: 'number', attrs: { 'data-count': 'valid' }, data: contest.valid }),
          h('td', { class: 'number', attrs: { 'data-count': 'invalid' }, data: contest.invalid }),
        ),
      ),
    );
    const votes = votesTable(contest);
    return h(
      'section',
      { class: 'contest', attrs: { 'data-contest': contest.id } },
      h(level, { attrs: { lang: 'zh-CN' }, data: title }),
      h('p', { class: 'contest-rule', text: ['results.contest.seats', { seats: contest.seats, threshold: contest.threshold }] }),
      h('p', { class: `contest-status status-${contest.status}`, attrs: { 'data-status': contest.status }, text: [`results.status.${contest.status}`, { open: contest.open_seats }] }),
      counts,
      votes,
    );
  });
}

/**
 * A contest's votes as a table: every candidate's (and written-in person's) for / against /
 * abstain and outcome, the elected marked and the tied named so. A write-in is counted for
 * only: its against and abstain cells say so. Rows carry `data-candidate` (the delegate
 * number, or `write-in:` and the name) and `data-elected`; cells `data-votes`. `caption` is
 * [key, params]. The console's round results use it as the inspector, minutes and results do.
 */
export function votesTable(contest, { caption = ['results.votesCaption', { title: contest.title }] } = {}) {
  const tied = new Set(contest.tied.map((p) => `${p.id}\u0000${p.name}`));
  const count = (c, kind) =>
    c.write_in && kind !== 'for'
      ? h('td', { class: 'number', text: 'results.count.notApplicable' })
      : h('td', { class: 'number', attrs: { 'data-votes': kind }, data: c[kind] });
  return h(
    'table',
    { class: 'votes', attrs: { 'data-table': 'votes', 'data-contest': contest.id } },
    h('caption', { text: caption }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { attrs: { scope: 'col' }, text: 'results.count.name' }),
        h('th', { class: 'number', attrs: { scope: 'col' }, text: 'results.count.for' }),
        h('th', { class: 'number', attrs: { scope: 'col' }, text: 'results.count.against' }),
        h('th', { class: 'number', attrs: { scope: 'col' }, text: 'results.count.abstain' }),
        h('th', { attrs: { scope: 'col' }, text: 'results.count.outcome' }),
      ),
    ),
    h(
      'tbody',
      {},
      ...contest.candidates.map((c) => {
        const isTied = tied.has(`${c.id}\u0000${c.name}`);
        const outcome = c.elected ? 'results.count.elected' : isTied ? 'results.count.tied' : 'results.count.notElected';
        return h(
          'tr',
          { attrs: { 'data-candidate': c.id ?? `write-in:${c.name}`, 'data-elected': String(c.elected) } },
          h('th', { attrs: { scope: 'row' } }, h('span', { attrs: { lang: 'zh-CN' }, data: c.name }), writeInTag(c)),
          count(c, 'for'),
          count(c, 'against'),
          count(c, 'abstain'),
          h('td', { class: c.elected ? 'outcome-elected' : isTied ? 'outcome-tied' : '', text: outcome }),
        );
      }),
    ),
  );
}

/** A written-in person's tag, after the name. */
function writeInTag(person) {
  return person.write_in ? h('span', { class: 'write-in', text: 'results.writeIn' }) : null;
}

/**
 * The elected of each body as one table: the body, its seats and who was elected, one person a
 * list item (`data-person`), written-in people tagged. `rows` are `{ contest, title, seats,
 * people }`, the people already in the order to print (see verifier/view.js `inStrokeOrder`);
 * `caption` is a translation key, or null where a heading already names the table.
 */
export function electedTable(rows, { caption = 'results.elected.heading' } = {}) {
  return h(
    'table',
    { class: 'elected', attrs: { 'data-table': 'elected' } },
    caption ? h('caption', { text: caption }) : null,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { attrs: { scope: 'col' }, text: 'results.body.contest' }),
        h('th', { class: 'number', attrs: { scope: 'col' }, text: 'results.body.seatsCol' }),
        h('th', { attrs: { scope: 'col' }, text: 'results.body.electedCol' }),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          { attrs: { 'data-contest': row.contest } },
          h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: row.title ?? row.contest }),
          h('td', { class: 'number', data: row.seats }),
          h(
            'td',
            {},
            row.people.length
              ? h(
                  'ul',
                  { class: 'people' },
                  ...row.people.map((p) =>
                    h('li', { attrs: { 'data-person': p.id ?? '' } }, h('span', { attrs: { lang: 'zh-CN' }, data: p.name }), writeInTag(p)),
                  ),
                )
              : h('span', { text: 'results.body.none' }),
          ),
        ),
      ),
    ),
  );
}

/** The hint under an elected table: in which order the names stand. */
export function electedOrderKey(order, method) {
  if (order !== 'stroke') return 'results.elected.ballotOrder';
  return method === 'name_strokes' ? 'results.elected.nameStrokeOrder' : 'results.elected.strokeOrder';
}
