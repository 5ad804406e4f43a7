// Contests (选举项目): the body each elects, its seats, its electorate, and its candidates picked
// from the roster. The server puts the candidates in ballot order (by strokes under the rule
// profile, RULES.md §2), unless the organiser fixes the order by hand (the higher union's vetted
// list), here with up and down buttons; the list shows them so.

import { api, segment } from '../shared/api.js';
import { byId, h, isBusy, setBusy } from '../shared/dom.js';
import { setText, translate } from '../shared/i18n.js';
import { readName } from '../shared/names.js';
import {
  clearError,
  confirmAction,
  congressPath,
  fewestCandidates,
  isFrozen,
  report,
  reportError,
  showProblem,
  state,
} from './common.js';
import { loadRoster } from './roster.js';

/** What choosing a kind fills in when adding a contest: its usual id and electorate. */
const DEFAULTS = {
  committee: { id: 'committee', electorate: 'all' },
  audit_committee: { id: 'audit', electorate: 'all' },
  women_committee: { id: 'women', electorate: 'female' },
  chair: { id: 'chair', electorate: 'plenary' },
  vice_chair: { id: 'vice_chair', electorate: 'plenary' },
  standing_committee: { id: 'standing', electorate: 'plenary' },
  audit_director: { id: 'audit_director', electorate: 'audit_plenary' },
  audit_deputy_director: { id: 'audit_deputy_director', electorate: 'audit_plenary' },
  women_director: { id: 'women_director', electorate: 'women_plenary' },
  other: { id: '', electorate: 'all' },
};

let roster = [];
let contests = [];
/** The contest being changed, or null when adding. */
let editing = null;
/** Delegate numbers ticked as candidates, in the order given (which counts when fixed by hand). */
const chosen = new Set();
/** The title and id the form filled in itself, so that a choice of kind may replace them. */
let autoTitle = '';
let autoId = '';

function init() {
  byId('contest-form').addEventListener('submit', save);
  byId('contest-reset').addEventListener('click', () => resetForm({ focus: true }));
  byId('contest-kind').addEventListener('change', kindChanged);
  byId('contest-seats').addEventListener('input', renderCount);
  byId('candidate-filter').addEventListener('input', renderOptions);
  for (const radio of document.querySelectorAll('input[name="contest-electorate"]')) {
    radio.addEventListener('change', renderRule);
  }
  for (const radio of document.querySelectorAll('input[name="contest-order"]')) {
    radio.addEventListener('change', renderSequence);
  }
}

function order() {
  return document.querySelector('input[name="contest-order"]:checked')?.value ?? 'strokes';
}

/** Moves the candidate at `from` to `to` in the order given. */
function move(from, to) {
  const list = [...chosen];
  if (to < 0 || to >= list.length) return;
  [list[from], list[to]] = [list[to], list[from]];
  chosen.clear();
  for (const number of list) chosen.add(number);
  renderSequence();
  byId('candidate-sequence').querySelector(`li[data-number="${CSS.escape(list[to])}"] button[data-move="${to < from ? 'up' : 'down'}"]`)?.focus();
}

/** The order given, with buttons to change it: shown only when the order is fixed by hand. */
function renderSequence() {
  const list = byId('candidate-sequence');
  list.hidden = order() !== 'as_listed';
  if (list.hidden) return;
  const numbers = [...chosen];
  if (numbers.length === 0) {
    list.replaceChildren(h('li', { class: 'hint', text: 'console.contests.order.none' }));
    return;
  }
  list.replaceChildren(
    ...numbers.map((number, i) => {
      const name = person(number)?.name ?? number;
      return h(
        'li',
        { attrs: { 'data-number': number } },
        h('span', { class: 'candidate-name', data: name, attrs: { lang: 'zh-CN' } }),
        ' ',
        h('button', {
          class: 'button small',
          attrs: { type: 'button', 'data-move': 'up', disabled: i === 0 },
          text: 'console.contests.order.up',
          i18nAttrs: { 'aria-label': ['console.contests.order.upLabel', { name }] },
          on: { click: () => move(i, i - 1) },
        }),
        ' ',
        h('button', {
          class: 'button small',
          attrs: { type: 'button', 'data-move': 'down', disabled: i === numbers.length - 1 },
          text: 'console.contests.order.down',
          i18nAttrs: { 'aria-label': ['console.contests.order.downLabel', { name }] },
          on: { click: () => move(i, i + 1) },
        }),
      );
    }),
  );
}

function reset() {
  roster = [];
  contests = [];
  resetForm({ focus: false });
  clearError(byId('contests-error'));
  report(byId('contests-status'), null);
  byId('contest-list').replaceChildren();
}

async function load() {
  try {
    [roster, contests] = await Promise.all([loadRoster({ force: true }), api.get(congressPath('/contests'))]);
  } catch (error) {
    reportError(byId('contests-error'), error, 'contests');
    return;
  }
  renderList();
  if (!editing && !byId('contest-title').value) kindChanged();
  renderOptions();
}

function person(number) {
  return roster.find((d) => d.number === number);
}

function renderList() {
  const list = byId('contest-list');
  if (contests.length === 0) {
    list.replaceChildren(h('p', { class: 'hint', text: 'console.contests.none' }));
    return;
  }
  const editable = !isFrozen();
  list.replaceChildren(
    ...contests.map((contest) => {
      const needed = fewestCandidates(contest.kind, contest.seats, state.congress.profile);
      const headingId = `contest-${contest.id}-heading`;
      return h(
        'article',
        { class: 'panel contest', attrs: { 'data-contest': contest.id, 'aria-labelledby': headingId } },
        h(
          'h2',
          { id: headingId },
          h('span', { data: contest.title, attrs: { lang: 'zh-CN' } }),
          h('span', { class: 'heading-note', text: `contestKind.${contest.kind}` }),
        ),
        h(
          'p',
          {
            text: [
              'console.contests.summary',
              {
                seats: contest.seats,
                count: contest.candidates.length,
                electorate: { key: `console.contests.electorate.${contest.electorate}.short` },
                id: contest.id,
              },
            ],
          },
        ),
        contest.candidates.length < needed
          ? h('p', { class: 'message', attrs: { 'data-kind': 'warning' }, text: ['console.contests.tooFew', { needed }] })
          : null,
        h('p', { class: 'hint', text: contest.order === 'as_listed' ? 'console.contests.asListed' : 'console.contests.ballotOrder' }),
        h(
          'ol',
          { class: 'candidate-list', attrs: { 'data-candidates': contest.id } },
          ...contest.candidates.map((number) => {
            const d = person(number);
            return h(
              'li',
              { attrs: { 'data-number': number } },
              h('span', { class: 'candidate-name', data: d?.name ?? number, attrs: { lang: 'zh-CN' } }),
              ' ',
              h('span', { class: 'hint', data: d ? `${number} · ${d.unit}` : number, attrs: { lang: 'zh-CN' } }),
            );
          }),
        ),
        editable
          ? h(
              'div',
              { class: 'actions' },
              h('button', {
                class: 'button small',
                attrs: { type: 'button' },
                text: 'console.edit',
                i18nAttrs: { 'aria-label': ['console.contests.editLabel', { title: contest.title }] },
                on: { click: () => edit(contest) },
              }),
              h('button', {
                class: 'button small danger',
                attrs: { type: 'button' },
                text: 'console.remove',
                i18nAttrs: { 'aria-label': ['console.contests.removeLabel', { title: contest.title }] },
                on: { click: () => remove(contest) },
              }),
            )
          : null,
      );
    }),
  );
}

function electorate() {
  return document.querySelector('input[name="contest-electorate"]:checked')?.value ?? 'all';
}

function setElectorate(value) {
  const radio = byId(`contest-electorate-${value}`);
  radio.checked = true;
}

/** A new kind fills in its usual title, id and electorate, unless the organiser changed them. */
function kindChanged() {
  const kind = byId('contest-kind').value;
  const defaults = DEFAULTS[kind];
  const title = byId('contest-title');
  if (!title.value.trim() || title.value === autoTitle) {
    // The ballot's title is Chinese whatever the console's language.
    autoTitle = kind === 'other' ? '' : translate('zh-CN', `console.contests.defaultTitle.${kind}`);
    title.value = autoTitle;
  }
  if (!editing) {
    const id = byId('contest-id');
    const taken = contests.some((c) => c.id === defaults.id);
    if (!id.value.trim() || id.value === autoId) {
      autoId = taken ? '' : defaults.id;
      id.value = autoId;
    }
    setElectorate(defaults.electorate);
  }
  renderOptions();
}

function renderRule() {
  const kind = byId('contest-kind').value;
  const parts = [`console.contests.rule.${kind}`];
  if (['plenary', 'audit_plenary', 'women_plenary'].includes(electorate())) parts.push(`console.contests.rule.${electorate()}`);
  const rule = byId('candidate-rule');
  rule.replaceChildren(...parts.map((key) => h('span', { class: 'rule-line', text: key })));
  renderCount();
}

function renderCount() {
  const seats = Number(byId('contest-seats').value);
  const count = chosen.size;
  const line = byId('candidate-count');
  if (!Number.isInteger(seats) || seats < 1) {
    setText(line, 'console.contests.chosen', { count });
    delete line.dataset.kind;
    return;
  }
  const needed = fewestCandidates(byId('contest-kind').value, seats, state.congress?.profile);
  setText(line, 'console.contests.chosenOf', { count, seats, needed });
  line.dataset.kind = count >= needed ? 'ok' : 'short';
}

/** The roster as ticks, narrowed by the search; ticks survive a narrower search. */
function renderOptions() {
  const query = byId('candidate-filter').value.trim().toLowerCase();
  const women = byId('contest-kind').value === 'women_committee';
  const shown = roster.filter((d) => {
    if (women && d.gender !== 'female' && !chosen.has(d.number)) return false;
    if (!query) return true;
    return d.number.toLowerCase().includes(query) || d.name.includes(query) || d.unit.toLowerCase().includes(query);
  });
  const options = shown.map((d) => {
    const id = `candidate-${d.number}`;
    return h(
      'li',
      { attrs: { 'data-number': d.number } },
      h('input', {
        id,
        attrs: { type: 'checkbox', value: d.number, checked: chosen.has(d.number) },
        on: {
          change: (event) => {
            if (event.currentTarget.checked) chosen.add(d.number);
            else chosen.delete(d.number);
            renderCount();
            renderSequence();
          },
        },
      }),
      h(
        'label',
        { attrs: { for: id } },
        h('span', { class: 'candidate-name', data: d.name, attrs: { lang: 'zh-CN' } }),
        ' ',
        h('span', { class: 'option-detail', data: `${d.number} · ${d.unit}`, attrs: { lang: 'zh-CN' } }),
        ' ',
        h('span', { class: 'option-detail', text: `console.gender.${d.gender}` }),
      ),
    );
  });
  const list = byId('candidate-options');
  list.replaceChildren(...options);
  if (options.length === 0) list.append(h('li', { class: 'hint', text: ['console.roster.none', { query }] }));
  renderRule();
  renderSequence();
}

function resetForm({ focus }) {
  editing = null;
  chosen.clear();
  autoTitle = '';
  autoId = '';
  const form = byId('contest-form');
  form.reset();
  byId('contest-id').readOnly = false;
  byId('contest-seats').value = '';
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
  clearError(byId('contest-error'));
  setText(byId('contest-form-heading'), 'console.contests.add');
  if (roster.length > 0) kindChanged();
  if (focus) byId('contest-kind').focus();
}

function edit(contest) {
  resetForm({ focus: false });
  editing = contest;
  byId('contest-kind').value = contest.kind;
  byId('contest-id').value = contest.id;
  byId('contest-id').readOnly = true;
  byId('contest-title').value = contest.title;
  byId('contest-seats').value = String(contest.seats);
  setElectorate(contest.electorate);
  byId(`contest-order-${contest.order ?? 'strokes'}`).checked = true;
  for (const number of contest.candidates) chosen.add(number);
  setText(byId('contest-form-heading'), 'console.contests.editHeading', { title: contest.title });
  renderOptions();
  byId('contest-kind').focus();
}

async function save(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form)) return;
  const errorBox = byId('contest-error');
  clearError(errorBox);
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
  const id = byId('contest-id').value.trim();
  const seats = Number(byId('contest-seats').value);
  const invalid = (fieldId, key) => {
    byId(fieldId).setAttribute('aria-invalid', 'true');
    showProblem(errorBox, key);
    byId(fieldId).focus();
  };
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return invalid('contest-id', 'error.bad_contest_id');
  if (!editing && contests.some((c) => c.id === id)) return invalid('contest-id', 'console.contests.idTaken');
  if (!Number.isInteger(seats) || seats < 1) return invalid('contest-seats', 'console.contests.badSeats');
  // The title is read as the server reads names (shared/names.js).
  const title = readName(byId('contest-title').value);
  if (title.error) return invalid('contest-title', `error.${title.error}`);
  const body = {
    kind: byId('contest-kind').value,
    title: title.name,
    seats,
    electorate: electorate(),
    order: order(),
    // By strokes, the server puts them in ballot order and roster order is as good as any; fixed
    // by hand, the order given.
    candidates: order() === 'as_listed' ? [...chosen] : roster.map((d) => d.number).filter((n) => chosen.has(n)),
  };
  setBusy(form, true);
  let saved;
  try {
    saved = await api.put(congressPath(`/contests/${segment(id)}`), body);
  } catch (error) {
    if (reportError(errorBox, error, 'contest')) return;
    if (error.code === 'bad_contest') byId(body.title ? 'contest-seats' : 'contest-title').setAttribute('aria-invalid', 'true');
    return;
  } finally {
    setBusy(form, false);
  }
  const names = saved.candidates.map((n) => person(n)?.name ?? n).join('、');
  report(byId('contests-status'), 'console.contests.saved', { title: saved.title, names });
  contests = await api.get(congressPath('/contests')).catch(() => contests);
  renderList();
  resetForm({ focus: false });
  byId('contests-status').setAttribute('tabindex', '-1');
  byId('contests-status').focus();
}

async function remove(contest) {
  const sure = await confirmAction({
    title: ['console.contests.removeTitle', { title: contest.title }],
    body: 'console.contests.removeBody',
    confirm: 'console.contests.removeConfirm',
    danger: true,
  });
  if (!sure) return;
  clearError(byId('contests-error'));
  try {
    await api.delete(congressPath(`/contests/${segment(contest.id)}`));
  } catch (error) {
    reportError(byId('contests-error'), error, 'contest');
    return;
  }
  if (editing?.id === contest.id) resetForm({ focus: false });
  report(byId('contests-status'), 'console.contests.removed', { title: contest.title });
  contests = contests.filter((c) => c.id !== contest.id);
  renderList();
  byId('contests-heading').focus();
}

export default { name: 'contests', view: 'view-contests', init, reset, load };
