// How the pages draw the signed tree heads: one row a round, its ballot count and its Merkle
// root as a grouped hash. The results page and the minutes show the same table.

import { h } from './dom.js';
import { hashElement } from './verifier/view.js';

/** The tree heads `{ round, size, root }` as a table (`data-table="tree-heads"`); `caption` a key. */
export function treeHeadsTable(heads, { caption = 'results.treeHeads' } = {}) {
  return h(
    'table',
    { class: 'tree-heads', attrs: { 'data-table': 'tree-heads' } },
    h('caption', { text: caption }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { attrs: { scope: 'col' }, text: 'results.treeHead.round' }),
        h('th', { class: 'number', attrs: { scope: 'col' }, text: 'results.treeHead.size' }),
        h('th', { attrs: { scope: 'col' }, text: 'results.treeHead.root' }),
      ),
    ),
    h(
      'tbody',
      {},
      ...heads.map((head) =>
        h(
          'tr',
          { attrs: { 'data-round': head.round } },
          h('th', { attrs: { scope: 'row' }, data: head.round }),
          h('td', { class: 'number', data: head.size }),
          h('td', {}, hashElement(head.root)),
        ),
      ),
    ),
  );
}
