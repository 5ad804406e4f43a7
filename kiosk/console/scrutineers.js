// Scrutineers and tellers (总监票人, 监票人, 计票人), chosen from the roster; a candidate may not
// serve (RULES.md §1, §7), which the list points out before the validation does.

import { api } from '../shared/api.js';
import { byId, h, isBusy, setBusy } from '../shared/dom.js';
import { clearError, congressPath, dataCell, isFrozen, report, reportError, state, table } from './common.js';
import { loadRoster } from './roster.js';

const ROLES = ['chief', 'scrutineer', 'teller'];
/** Matches the search shows at most. */
const MAX_OPTIONS = 8;

let roster = [];
let candidates = new Set();
/** The list being edited: [{ number, role }]. */
let chosen = [];

function init() {
  byId('scrutineer-form').addEventListener('submit', save);
  byId('scrutineer-filter').addEventListener('input', renderOptions);
}

function reset() {
  roster = [];
  chosen = [];
  candidates = new Set();
  byId('scrutineer-filter').value = '';
  clearError(byId('scrutineer-error'));
  report(byId('scrutineer-status'), null);
  byId('scrutineer-table').replaceChildren();
  byId('scrutineer-options').replaceChildren();
}

/**
 * The scrutineers as stored. The API has no GET for them before freezing, so they are read
 * from the frozen manifest, or else from the latest `scrutineers.put` entry of the audit log.
 */
export async function storedScrutineers() {
  if (isFrozen()) {
    const manifest = await api.get(congressPath('/manifest'));
    return manifest.scrutineers.map((s) => ({ number: s.number, role: s.role }));
  }
  const log = await api.get('/audit');
  const last = log.filter((e) => e.action === 'scrutineers.put' && e.detail?.congress === state.congress.id).pop();
  return (last?.detail?.scrutineers ?? []).map((s) => ({ number: s.number, role: s.role }));
}

async function load() {
  clearError(byId('scrutineer-error'));
  try {
    const [people, contests, stored] = await Promise.all([
      loadRoster({ force: true }),
      api.get(congressPath('/contests')),
      storedScrutineers(),
    ]);
    roster = people;
    candidates = new Set(contests.flatMap((c) => c.candidates));
    chosen = stored;
  } catch (error) {
    reportError(byId('scrutineer-error'), error, 'scrutineers');
    return;
  }
  renderTable();
  renderOptions();
}

function person(number) {
  return roster.find((d) => d.number === number);
}

function renderTable({ focusNumber } = {}) {
  const editable = !isFrozen();
  const container = byId('scrutineer-table');
  if (chosen.length === 0) {
    container.replaceChildren(h('p', { class: 'hint', text: 'console.scrutineers.none' }));
    return;
  }
  const columns = ['console.roster.column.number', 'console.roster.column.name', 'console.scrutineers.role'];
  if (editable) columns.push('console.roster.column.actions');
  const rows = chosen.map((entry, index) => {
    const d = person(entry.number);
    const who = { name: d?.name ?? entry.number, number: entry.number };
    const selectId = `scrutineer-role-${entry.number}`;
    const roleCell = editable
      ? h(
          'td',
          {},
          h(
            'select',
            {
              id: selectId,
              i18nAttrs: { 'aria-label': ['console.scrutineers.roleLabel', who] },
              on: { change: (event) => (chosen[index].role = event.currentTarget.value) },
            },
            ...ROLES.map((role) =>
              h('option', { attrs: { value: role, selected: role === entry.role }, text: `console.scrutineers.role.${role}` }),
            ),
          ),
        )
      : h('td', { text: `console.scrutineers.role.${entry.role}` });
    return h(
      'tr',
      { attrs: { 'data-number': entry.number } },
      dataCell(entry.number, { attrs: { class: 'code' } }),
      h(
        'th',
        { attrs: { scope: 'row', lang: 'zh-CN' } },
        h('span', { data: who.name }),
        candidates.has(entry.number)
          ? h('span', { class: 'tag tag-warning', text: 'console.scrutineers.isCandidate' })
          : null,
      ),
      roleCell,
      editable
        ? h(
            'td',
            {},
            h('button', {
              class: 'button small danger',
              attrs: { type: 'button' },
              text: 'console.remove',
              i18nAttrs: { 'aria-label': ['console.scrutineers.removeLabel', who] },
              on: {
                click: () => {
                  chosen.splice(index, 1);
                  renderTable();
                  renderOptions();
                  byId('scrutineer-filter').focus();
                },
              },
            }),
          )
        : null,
    );
  });
  container.replaceChildren(
    table({ caption: ['console.scrutineers.caption', { count: chosen.length }], columns, rows, attrs: { 'data-table': 'scrutineers' } }),
  );
  if (focusNumber) document.getElementById(`scrutineer-role-${focusNumber}`)?.focus();
}

function renderOptions() {
  const list = byId('scrutineer-options');
  const query = byId('scrutineer-filter').value.trim().toLowerCase();
  if (!query || isFrozen()) {
    list.replaceChildren();
    return;
  }
  const taken = new Set(chosen.map((s) => s.number));
  const found = roster.filter(
    (d) => !taken.has(d.number) && (d.number.toLowerCase().includes(query) || d.name.includes(query)),
  );
  list.replaceChildren(
    ...found.slice(0, MAX_OPTIONS).map((d) => {
      const who = { name: d.name, number: d.number };
      return h(
        'li',
        { attrs: { 'data-number': d.number } },
        h('span', { class: 'candidate-name', data: d.name, attrs: { lang: 'zh-CN' } }),
        h('span', { class: 'option-detail', data: d.number }),
        candidates.has(d.number) ? h('span', { class: 'tag tag-warning', text: 'console.scrutineers.isCandidate' }) : null,
        h('button', {
          class: 'button small',
          attrs: { type: 'button' },
          text: 'console.scrutineers.add',
          i18nAttrs: { 'aria-label': ['console.scrutineers.addLabel', who] },
          on: { click: () => add(d) },
        }),
      );
    }),
  );
  if (found.length === 0) list.append(h('li', { class: 'hint', text: ['console.roster.none', { query: byId('scrutineer-filter').value.trim() }] }));
}

function add(delegate) {
  const role = chosen.some((s) => s.role === 'chief') ? 'scrutineer' : 'chief';
  chosen.push({ number: delegate.number, role });
  byId('scrutineer-filter').value = '';
  renderOptions();
  renderTable({ focusNumber: delegate.number });
}

async function save(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form) || isFrozen()) return;
  const errorBox = byId('scrutineer-error');
  clearError(errorBox);
  report(byId('scrutineer-status'), null);
  setBusy(form, true);
  let saved;
  try {
    saved = await api.put(congressPath('/scrutineers'), chosen);
  } catch (error) {
    reportError(errorBox, error, 'scrutineers');
    return;
  } finally {
    setBusy(form, false);
  }
  chosen = saved.map((s) => ({ number: s.number, role: s.role }));
  renderTable();
  report(byId('scrutineer-status'), 'console.scrutineers.saved', { count: saved.length });
}

export default { name: 'scrutineers', view: 'view-scrutineers', init, reset, load };
