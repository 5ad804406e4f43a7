// The verifier's report as the pages show it: each check by its translated name and place,
// passed or failed, with the verifier's own words as data. Used by /inspect and /minutes.

import { setText } from '../i18n.js';
import { h, setData } from '../dom.js';
import { grouped } from './bytes.js';

/** The translation key of a check's name. */
export function checkKey(code) {
  return `verifier.check.${code}`;
}

/** A check's or failure's place as [key, params]. */
export function placeText(item) {
  const where = item.where ?? {};
  if (item.code === 'record_shape') return ['verifier.place.file', { path: item.place }];
  if (where.countersignature) return ['verifier.place.countersignature', { n: where.countersignature, inspector: where.inspector }];
  if (where.decision) return ['verifier.place.decision', { decision: where.decision }];
  if (where.ballot) return ['verifier.place.ballot', { round: where.round, ballot: where.ballot }];
  if (where.round) return ['verifier.place.round', { round: where.round }];
  if (where.section) return [`verifier.place.${where.section}`, {}];
  return ['verifier.place.record', {}];
}

/** Shows the verdict of `report` in `element` (a .message). */
export function renderVerdict(element, report) {
  if (report.ok) {
    element.dataset.kind = 'success';
    setText(element, 'verifier.ok', { count: report.checks.length });
  } else if (report.malformed) {
    element.dataset.kind = 'error';
    setText(element, 'verifier.malformed', { path: report.malformed.path || '.' });
  } else {
    const [placeKey, placeParams] = placeText(report.failure);
    element.dataset.kind = 'error';
    setText(element, 'verifier.failed', {
      check: { key: checkKey(report.failure.code) },
      place: { key: placeKey, params: placeParams },
      count: report.checks.length,
    });
  }
  element.hidden = false;
}

/** A table of every check made, and the failure, in order. */
export function checksTable(report) {
  const rows = report.checks.map((check, i) =>
    h(
      'tr',
      { attrs: { 'data-code': check.code, 'data-result': 'passed' } },
      h('td', { class: 'number', data: i + 1 }),
      h('th', { attrs: { scope: 'row' }, text: checkKey(check.code) }),
      h('td', { text: placeText(check) }),
      h('td', { class: 'check-passed', text: 'verifier.passed' }),
      h('td', { class: 'check-detail', data: check.detail }),
    ),
  );
  if (report.failure) {
    rows.push(
      h(
        'tr',
        { class: 'check-failure', attrs: { 'data-code': report.failure.code, 'data-result': 'failed' } },
        h('td', { class: 'number', data: report.checks.length + 1 }),
        h('th', { attrs: { scope: 'row' }, text: checkKey(report.failure.code) }),
        h('td', { text: placeText(report.failure) }),
        h('td', { class: 'check-failed', text: 'verifier.failedMark' }),
        h('td', { class: 'check-detail', data: report.failure.problem }),
      ),
    );
  }
  return h(
    'div',
    { class: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-labelledby': 'checks-caption' } },
    h(
      'table',
      { class: 'checks', attrs: { id: 'checks' } },
      h('caption', { id: 'checks-caption', text: 'verifier.checks' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { class: 'number', attrs: { scope: 'col' }, text: 'verifier.col.number' }),
          h('th', { attrs: { scope: 'col' }, text: 'verifier.col.check' }),
          h('th', { attrs: { scope: 'col' }, text: 'verifier.col.place' }),
          h('th', { attrs: { scope: 'col' }, text: 'verifier.col.result' }),
          h('th', { attrs: { scope: 'col' }, text: 'verifier.col.detail' }),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}

/** A hash as the minutes print it: groups of four, marked as data. */
export function hashElement(hex, { tag = 'span', id, className = 'hash' } = {}) {
  const element = h(tag, { class: className, id, attrs: { 'data-hash': hex, translate: 'no' } });
  setData(element, grouped(hex));
  return element;
}

/**
 * The elected of a body in stroke order (RULES.md §2) under the profile's `method`, when the
 * stroke data is loaded (`strokes`, from ../ballot-order.js); otherwise in the manifest's ballot
 * order, then the written-in. Returns { people, order: 'stroke' | 'ballot' }.
 */
export function inStrokeOrder(people, ballotOrder = [], { strokes = null, method = 'surname_strokes' } = {}) {
  if (strokes) return { people: strokes.sorted(people, method, (p) => p.name), order: 'stroke' };
  const position = new Map(ballotOrder.map((id, i) => [id, i]));
  const at = (p) => (p.id !== null && position.has(p.id) ? position.get(p.id) : Infinity);
  return { people: [...people].sort((a, b) => at(a) - at(b)), order: 'ballot' };
}

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
    const tied = new Set(contest.tied.map((p) => `${p.id}\u0000${p.name}`));
    const votes = h(
      'table',
      { class: 'votes', attrs: { 'data-table': 'votes', 'data-contest': contest.id } },
      h('caption', { text: ['results.votesCaption', { title }] }),
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
            { attrs: { 'data-candidate': c.id ?? '', 'data-elected': String(c.elected) } },
            h(
              'th',
              { attrs: { scope: 'row' } },
              h('span', { attrs: { lang: 'zh-CN' }, data: c.name }),
              c.write_in ? h('span', { class: 'write-in', text: 'results.writeIn' }) : null,
            ),
            h('td', { class: 'number', attrs: { 'data-votes': 'for' }, data: c.for }),
            h('td', { class: 'number', attrs: { 'data-votes': 'against' }, data: c.against }),
            h('td', { class: 'number', attrs: { 'data-votes': 'abstain' }, data: c.abstain }),
            h('td', { class: c.elected ? 'outcome-elected' : isTied ? 'outcome-tied' : '', text: outcome }),
          );
        }),
      ),
    );
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
