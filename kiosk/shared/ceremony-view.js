// The key ceremony's progress (docs/sealed-ballots.md §5) as the inspector page and the console
// show it, from the server's CeremonyView: the stage in words, and a table of every trustee with
// the steps each has done, the complaints waiting for an answer below it.

import { h } from './dom.js';

/** The steps each trustee does, as the view's `done` names them. */
export const STEPS = ['commitment', 'shares', 'checks', 'holding'];

/** The stage as [key, params] for setText or showMessage, and the message's kind. */
export function stageText(view) {
  if (view.frozen) return { key: 'ceremony.frozen', params: {}, kind: 'success' };
  return {
    key: `ceremony.stage.${view.stage}`,
    params: { trustees: view.trustees, threshold: view.threshold },
    kind: view.stage === 'complete' ? 'success' : view.stage === 'answers' ? 'warning' : 'info',
  };
}

/** The progress table, and the list of open complaints when there are any. */
export function ceremonyProgress(view) {
  return [progressTable(view), ...complaintList(view)];
}

function progressTable(view) {
  const rows = view.members.map((member) =>
    h(
      'tr',
      { attrs: { 'data-trustee': member.trustee, 'data-you': member.trustee === view.you ? 'true' : null } },
      h('td', { class: 'number', data: member.trustee }),
      h(
        'th',
        { attrs: { scope: 'row' } },
        h('span', { data: member.name, attrs: { lang: 'zh-CN' } }),
        h('span', { class: 'ceremony-detail', data: member.scrutineer }),
        member.trustee === view.you ? h('span', { class: 'ceremony-you', text: 'ceremony.you' }) : null,
      ),
      h('td', { data: member.account }),
      ...STEPS.map((step) => {
        const done = member.done.includes(step);
        return h('td', {
          class: done ? 'step-done' : 'step-waiting',
          attrs: { 'data-step': step, 'data-done': String(done) },
          text: done ? 'ceremony.done' : 'ceremony.waiting',
        });
      }),
    ),
  );
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { attrs: { 'data-table': 'ceremony' } },
      h('caption', { text: ['ceremony.caption', { trustees: view.trustees, threshold: view.threshold }] }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { class: 'number', attrs: { scope: 'col' }, text: 'ceremony.column.trustee' }),
          h('th', { attrs: { scope: 'col' }, text: 'ceremony.column.name' }),
          h('th', { attrs: { scope: 'col' }, text: 'ceremony.column.account' }),
          ...STEPS.map((step) => h('th', { attrs: { scope: 'col' }, text: `ceremony.step.${step}` })),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}

/** The complaints still waiting for an answer, each with both trustees' names. */
function complaintList(view) {
  if (!view.open_complaints?.length) return [];
  const who = (n) => {
    const member = view.members.find((m) => m.trustee === n);
    return member ? { key: 'ceremony.member', params: { number: n, name: member.name } } : String(n);
  };
  return [
    h(
      'ul',
      { class: 'complaint-list', attrs: { 'data-complaints': '' } },
      ...view.open_complaints.map((c) =>
        h('li', { attrs: { 'data-accused': c.trustee, 'data-by': c.accused_by }, text: ['ceremony.complaint', { accused: who(c.trustee), by: who(c.accused_by) }] }),
      ),
    ),
  ];
}
