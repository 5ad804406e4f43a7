// How the pages draw the electorates' attendance: each electorate's 应到 and 实到, and, where a
// round is about to open, the 需到 of the quorum (RULES.md §3; 《工会基层组织选举工作条例》) and
// whether it holds. The desk, the inspector and the console's rounds show the same table.

import { h } from './dom.js';

/**
 * `electorates` (`{ electorate, entitled, present }`, as GET …/attendance gives them) as a table
 * (`data-table="electorates"`, a row a `data-electorate`). `caption` and `electorateKey` (the
 * first column's heading) are translation keys; `quorum(row)`, when given, says
 * `{ required, holds }` for a row and adds the 需到 and 是否达到 columns.
 */
export function electorateTable(electorates, { caption, electorateKey = 'attendance.electorate', quorum = null, attrs = {} } = {}) {
  const column = (key, number = true) => h('th', { class: number ? 'number' : undefined, attrs: { scope: 'col' }, text: key });
  return h(
    'table',
    { class: 'electorates', attrs: { 'data-table': 'electorates', ...attrs } },
    caption ? h('caption', { text: caption }) : null,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        column(electorateKey, false),
        column('attendance.entitled'),
        column('attendance.present'),
        quorum ? column('attendance.required') : null,
        quorum ? column('attendance.quorum', false) : null,
      ),
    ),
    h(
      'tbody',
      {},
      ...electorates.map((e) => {
        const q = quorum ? quorum(e) : null;
        return h(
          'tr',
          { attrs: { 'data-electorate': e.electorate } },
          h('th', { attrs: { scope: 'row' }, text: `electorate.${e.electorate}` }),
          h('td', { class: 'number', attrs: { 'data-entitled': '' }, data: e.entitled }),
          h('td', { class: 'number', attrs: { 'data-present': '' }, data: e.present }),
          q ? h('td', { class: 'number', attrs: { 'data-required': '' }, data: q.required }) : null,
          q
            ? h('td', {
                class: q.holds ? 'state-good' : 'state-bad',
                attrs: { 'data-holds': String(q.holds) },
                text: [q.holds ? 'attendance.holds' : 'attendance.short', { missing: Math.max(0, q.required - e.present) }],
              })
            : null,
        );
      }),
    ),
  );
}
