// The roster (代表名册): a template to fill in; importing the organiser's CSV file as it is (UTF-8
// or GB18030, the server reads either), with each bad line named, and asked first when it would
// replace a roster already there; and, before freezing, editing or removing a delegate.

import { api, segment } from '../shared/api.js';
import { byId, h, isBusy, setBusy } from '../shared/dom.js';
import { hasKey, setText } from '../shared/i18n.js';
import { readName } from '../shared/names.js';
import {
  clearError,
  confirmAction,
  congressPath,
  dataCell,
  isFrozen,
  putCsv,
  report,
  reportError,
  showProblem,
  state,
  table,
  textCell,
} from './common.js';

/** Rows the table shows at most; the filter finds the others. */
const MAX_ROWS = 300;

let roster = [];
/** The delegate being edited. */
let editing = null;

function init() {
  byId('import-form').addEventListener('submit', importRoster);
  byId('roster-filter').addEventListener('input', renderTable);
  byId('delegate-form').addEventListener('submit', saveDelegate);
  byId('delegate-cancel').addEventListener('click', () => closeEditor({ focusRow: true }));
}

function reset() {
  roster = [];
  byId('import-form').reset();
  byId('roster-filter').value = '';
  clearError(byId('import-error'));
  clearError(byId('roster-error'));
  report(byId('import-status'), null);
  report(byId('roster-status'), null);
  closeEditor({ focusRow: false });
  byId('roster-table').replaceChildren();
}

async function load() {
  const download = byId('roster-download');
  download.setAttribute('href', `/api/v1${congressPath('/roster.csv')}`);
  download.setAttribute('download', `roster-${state.congress.id}.csv`);
  try {
    roster = await api.get(congressPath('/roster'));
  } catch (error) {
    reportError(byId('roster-error'), error, 'roster');
    return;
  }
  renderTable();
}

/** Loads the roster if it is not loaded yet; resolves to it. */
export async function loadRoster({ force = false } = {}) {
  if (force || roster.length === 0) roster = await api.get(congressPath('/roster'));
  return roster;
}

function renderTable() {
  const voting = roster.filter((d) => d.voting);
  const female = voting.filter((d) => d.gender === 'female').length;
  setText(byId('roster-summary'), roster.length ? 'console.roster.summary' : 'console.roster.empty', {
    count: roster.length,
    voting: voting.length,
    female,
    retained: roster.length - voting.length,
  });
  const query = byId('roster-filter').value.trim().toLowerCase();
  const found = query
    ? roster.filter((d) => d.number.toLowerCase().includes(query) || d.name.includes(query) || d.unit.toLowerCase().includes(query))
    : roster;
  const editable = !isFrozen();
  const columns = ['number', 'name', 'gender', 'unit', 'voting', 'present'].map((c) => `console.roster.column.${c}`);
  if (editable) columns.push('console.roster.column.actions');
  const rows = found.slice(0, MAX_ROWS).map((d) => {
    const who = { name: d.name, number: d.number };
    return h(
      'tr',
      { attrs: { 'data-number': d.number } },
      dataCell(d.number, { attrs: { class: 'code' } }),
      dataCell(d.name, { header: true, lang: 'zh-CN' }),
      textCell(`console.gender.${d.gender}`),
      dataCell(d.unit, { lang: 'zh-CN' }),
      textCell(d.voting ? 'console.roster.votingYes' : 'console.roster.votingNo'),
      textCell(d.present ? 'console.roster.presentYes' : 'console.roster.presentNo'),
      editable
        ? h(
            'td',
            { class: 'row-actions' },
            h('button', {
              class: 'button small',
              attrs: { type: 'button', 'data-action': `edit:${d.number}` },
              text: 'console.edit',
              i18nAttrs: { 'aria-label': ['console.roster.editLabel', who] },
              on: { click: () => openEditor(d) },
            }),
            h('button', {
              class: 'button small danger',
              attrs: { type: 'button', 'data-action': `remove:${d.number}` },
              text: 'console.remove',
              i18nAttrs: { 'aria-label': ['console.roster.removeLabel', who] },
              on: { click: () => removeDelegate(d) },
            }),
          )
        : null,
    );
  });
  const parts = [];
  if (roster.length > 0) {
    parts.push(table({ caption: ['console.roster.caption', { count: found.length }], columns, rows, attrs: { 'data-table': 'roster' } }));
  }
  if (found.length > MAX_ROWS) parts.push(h('p', { class: 'hint', text: ['console.roster.more', { hidden: found.length - MAX_ROWS }] }));
  if (query && found.length === 0) parts.push(h('p', { class: 'hint', text: ['console.roster.none', { query }] }));
  byId('roster-table').replaceChildren(...parts);
}

async function importRoster(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form)) return;
  const input = byId('roster-file');
  const errorBox = byId('import-error');
  clearError(errorBox);
  report(byId('import-status'), null);
  const file = input.files?.[0];
  if (!file) {
    showProblem(errorBox, 'console.roster.noFile');
    input.focus();
    return;
  }
  setBusy(form, true);
  let imported;
  try {
    // Asked on the roster as the server has it now: another organiser may have imported one.
    const present = await api.get(congressPath('/roster'));
    if (present.length > 0) {
      const sure = await confirmAction({
        title: 'console.roster.replaceTitle',
        body: ['console.roster.replaceBody', { count: present.length, file: file.name }],
        confirm: ['console.roster.replaceConfirm', { count: present.length }],
        danger: true,
      });
      if (!sure) return;
    }
    // The file's own bytes: the server tells UTF-8 from GB18030 (Chinese Excel's "CSV").
    const bytes = await file.arrayBuffer();
    imported = await putCsv(congressPath('/roster'), bytes);
  } catch (error) {
    if (reportError(errorBox, error, 'roster')) return;
    if (error.code === 'bad_roster' && Array.isArray(error.details)) showRowErrors(errorBox, error.details);
    input.focus();
    return;
  } finally {
    setBusy(form, false);
  }
  form.reset();
  await load();
  const status = byId('import-status');
  report(status, 'console.roster.imported', {
    count: imported.delegates,
    voting: imported.voting,
    encoding: { key: `console.encoding.${imported.encoding}` },
  });
  document.getElementById('import-ignored')?.remove();
  if (imported.ignored_columns?.length) {
    // Columns the server did not know: a misspelt header shows up here.
    status.after(
      h(
        'p',
        { id: 'import-ignored', class: 'message', attrs: { 'data-kind': 'warning' } },
        h('span', { text: 'console.roster.ignored' }),
        ' ',
        h('span', { data: imported.ignored_columns.join(', '), attrs: { lang: 'zh-CN' } }),
      ),
    );
  }
}

/** The bad lines of a refused file, each with its line number and what is wrong. */
function showRowErrors(box, rows) {
  box.append(
    table({
      caption: ['console.roster.rowErrors', { count: rows.length }],
      columns: ['console.roster.column.line', 'console.roster.column.problem'],
      numeric: [0],
      attrs: { 'data-table': 'row-errors' },
      rows: rows.map((row) =>
        h(
          'tr',
          { attrs: { 'data-line': String(row.line) } },
          h('th', { class: 'number', attrs: { scope: 'row' }, text: ['console.roster.line', { line: row.line }] }),
          rowProblemCell(row),
        ),
      ),
    }),
  );
}

/**
 * A row's problem in the reader's language, from its code and parameters: a column by its name
 * on the roster, a name's problem as the name fields say it. A code this page does not know yet
 * is shown as the server's English.
 */
function rowProblemCell(row) {
  const params = { ...(row.params ?? {}) };
  let key = `console.rosterProblem.${row.code}`;
  if (!row.code || !hasKey(key)) return dataCell(row.reason, { lang: 'en' });
  if (params.column) params.column = { key: `console.rosterColumn.${params.column}` };
  if (params.problem) params.problem = { key: `error.${params.problem}` };
  if (row.code === 'roster_name_invalid' && params.character) key += 'Character';
  return textCell(key, params, { attrs: { 'data-code': row.code } });
}

function openEditor(delegate) {
  editing = delegate;
  const form = byId('delegate-form');
  setText(byId('delegate-form-heading'), 'console.roster.editHeading', { name: delegate.name, number: delegate.number });
  byId('delegate-name').value = delegate.name;
  byId('delegate-gender').value = delegate.gender;
  byId('delegate-unit').value = delegate.unit;
  byId('delegate-voting').checked = delegate.voting;
  byId('delegate-name').removeAttribute('aria-invalid');
  clearError(byId('delegate-error'));
  form.hidden = false;
  byId('delegate-name').focus();
}

function closeEditor({ focusRow }) {
  const number = editing?.number;
  editing = null;
  byId('delegate-form').hidden = true;
  if (focusRow && number) {
    document.querySelector(`#roster-table [data-action="edit:${CSS.escape(number)}"]`)?.focus();
  }
}

async function saveDelegate(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form) || !editing) return;
  const errorBox = byId('delegate-error');
  clearError(errorBox);
  // Read as the server reads names (shared/names.js); a unit may be left blank.
  const name = readName(byId('delegate-name').value);
  const unit = byId('delegate-unit').value;
  const unitRead = readName(unit, 128);
  for (const [fieldId, read] of [['delegate-name', name], ['delegate-unit', unitRead.error === 'name_empty' ? { name: '' } : unitRead]]) {
    byId(fieldId).removeAttribute('aria-invalid');
    if (read.error) {
      byId(fieldId).setAttribute('aria-invalid', 'true');
      showProblem(errorBox, `error.${read.error}`);
      byId(fieldId).focus();
      return;
    }
  }
  const body = {
    name: name.name,
    gender: byId('delegate-gender').value,
    unit: unitRead.name ?? '',
    voting: byId('delegate-voting').checked,
  };
  setBusy(form, true);
  const number = editing.number;
  try {
    await api.put(congressPath(`/roster/${segment(number)}`), body);
  } catch (error) {
    reportError(errorBox, error, 'delegate');
    return;
  } finally {
    setBusy(form, false);
  }
  await load();
  report(byId('roster-status'), 'console.roster.saved', { name: body.name, number });
  closeEditor({ focusRow: true });
}

async function removeDelegate(delegate) {
  const who = { name: delegate.name, number: delegate.number };
  const sure = await confirmAction({
    title: ['console.roster.removeTitle', who],
    body: 'console.roster.removeBody',
    confirm: ['console.roster.removeConfirm', who],
    danger: true,
  });
  if (!sure) return;
  clearError(byId('roster-error'));
  report(byId('roster-status'), null);
  try {
    await api.delete(congressPath(`/roster/${segment(delegate.number)}`));
  } catch (error) {
    reportError(byId('roster-error'), error, 'delegate');
    return;
  }
  if (editing?.number === delegate.number) closeEditor({ focusRow: false });
  await load();
  report(byId('roster-status'), 'console.roster.removed', who);
  byId('roster-filter').focus();
}

export default { name: 'roster', view: 'view-roster', init, reset, load };
