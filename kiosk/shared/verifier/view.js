// The verifier's report as the pages show it: each check by its translated name and place,
// passed or failed, and what it found in the reader's language (the report's `say`; the English
// `detail` and `problem` are for `ballotbox verify --json` and scripts). Used by /inspect.

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

/**
 * What a check or failure says, as a table cell: its `say` translated, or — for a report made
 * without one — the English words as data.
 */
function detailCell(item, english) {
  if (item.say) return h('td', { class: 'check-detail', text: [item.say.key, item.say.params] });
  return h('td', { class: 'check-detail', data: english });
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
      detailCell(check, check.detail),
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
        detailCell(report.failure, report.failure.problem),
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
