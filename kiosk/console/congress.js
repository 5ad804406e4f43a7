// The congress itself: the form that creates it or changes its particulars and rule profile
// (before freezing), and the overview of one congress with what freezing fixed.

import { api } from '../shared/api.js';
import { byId, h, isBusy, setBusy, setData } from '../shared/dom.js';
import { language, onLanguageChange, setText } from '../shared/i18n.js';
import { readName } from '../shared/names.js';
import { keyFingerprint } from './sha256.js';
import { clearError, congressPath, formatDateTime, hashFigure, isFrozen, reportError, showProblem, state } from './common.js';

/** The rule profile's settings, their values (default first) and where RULES.md explains them. */
const PROFILE = [
  { name: 'quorum', values: ['at_least_two_thirds', 'more_than_two_thirds'] },
  { name: 'tie_revote_needs_majority', values: ['false', 'true'] },
  { name: 'chair_margin', values: ['equal_allowed', 'competitive_required'] },
  { name: 'ballot_order', values: ['surname_strokes', 'name_strokes'] },
];

/** Which fields a refusal is about. */
const FIELDS_OF = {
  bad_congress: ['name', 'union', 'venue'],
  bad_date: ['date'],
  bad_members: ['members'],
};

/**
 * Builds the congress form into `container`. `mode` is 'create' or 'edit'; `onSaved(congress)`
 * is called with the server's answer. Returns { fill(congress) }.
 */
export function congressForm(container, { mode, onSaved }) {
  const p = `${mode}-congress`;
  const field = (name, key, input, hintKey) =>
    h(
      'div',
      { class: 'field' },
      h('label', { attrs: { for: `${p}-${name}` }, text: key }),
      input,
      hintKey ? h('p', { class: 'hint', id: `${p}-${name}-hint`, text: hintKey }) : null,
    );
  const input = (name, type, attrs = {}) =>
    h('input', {
      id: `${p}-${name}`,
      attrs: { type, autocomplete: 'off', spellcheck: 'false', 'data-field': name, ...attrs },
    });
  const inputs = {
    name: input('name', 'text', { 'aria-describedby': `${p}-name-hint` }),
    union: input('union', 'text'),
    date: input('date', 'date'),
    venue: input('venue', 'text'),
    members: input('members', 'number', { min: '1', step: '1', inputmode: 'numeric', 'aria-describedby': `${p}-members-hint` }),
    female: input('female', 'number', { min: '0', step: '1', inputmode: 'numeric', 'aria-describedby': `${p}-female-hint` }),
  };
  const profile = h(
    'fieldset',
    { class: 'profile' },
    h('legend', { text: 'console.profile.legend' }),
    h('p', { class: 'hint', text: 'console.profile.intro' }),
    ...PROFILE.map(({ name, values }) =>
      h(
        'fieldset',
        { class: 'profile-setting' },
        h('legend', { text: `console.profile.${name}` }),
        ...values.map((value, i) =>
          h(
            'div',
            { class: 'check-field' },
            h('input', {
              id: `${p}-${name}-${value}`,
              attrs: { type: 'radio', name: `${p}-${name}`, value, checked: i === 0 },
            }),
            h('label', { attrs: { for: `${p}-${name}-${value}` }, text: `console.profile.${name}.${value}` }),
          ),
        ),
      ),
    ),
  );
  const error = h('div', { class: 'form-error', id: `${p}-error`, attrs: { role: 'alert' } });
  const form = h(
    'form',
    { id: `${p}-form`, attrs: { novalidate: true } },
    h(
      'div',
      { class: 'form-grid' },
      field('name', 'console.congress.name', inputs.name, 'console.congress.nameHint'),
      field('union', 'console.congress.union', inputs.union),
      field('date', 'console.congress.date', inputs.date),
      field('venue', 'console.congress.venue', inputs.venue),
      field('members', 'console.congress.members', inputs.members, 'console.congress.membersHint'),
      field('female', 'console.congress.female', inputs.female, 'console.congress.femaleHint'),
    ),
    profile,
    error,
    h(
      'div',
      { class: 'actions' },
      h('button', {
        class: 'button primary',
        attrs: { type: 'submit' },
        text: mode === 'create' ? 'console.congress.create' : 'console.congress.save',
      }),
    ),
  );
  const saved = h('p', { class: 'message', attrs: { role: 'status', 'data-kind': 'success' }, hidden: true });
  container.replaceChildren(form, saved);

  function fill(congress) {
    inputs.name.value = congress.name;
    inputs.union.value = congress.union_name;
    inputs.date.value = congress.date;
    inputs.venue.value = congress.venue;
    inputs.members.value = String(congress.members);
    inputs.female.value = congress.female_members == null ? '' : String(congress.female_members);
    for (const { name } of PROFILE) {
      const value = String(congress.profile?.[name] ?? PROFILE.find((s) => s.name === name).values[0]);
      const radio = form.querySelector(`input[name="${p}-${name}"][value="${value}"]`);
      if (radio) radio.checked = true;
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(form)) return;
    for (const element of Object.values(inputs)) element.removeAttribute('aria-invalid');
    clearError(error);
    saved.hidden = true;
    const members = Number(inputs.members.value);
    const femaleText = inputs.female.value.trim();
    const female = femaleText === '' ? null : Number(femaleText);
    const wholeNumber = (n) => Number.isInteger(n) && n >= 0 && n <= 4294967295;
    if (!wholeNumber(members) || members < 1) {
      markInvalid(['members']);
      showProblem(error, 'error.bad_members');
      inputs.members.focus();
      return;
    }
    if (female !== null && !wholeNumber(female)) {
      markInvalid(['female']);
      showProblem(error, 'console.congress.badFemale');
      inputs.female.focus();
      return;
    }
    // The particulars a person reads are read as the server reads names (shared/names.js).
    const read = {};
    for (const field of ['name', 'union', 'venue']) {
      read[field] = readName(inputs[field].value, 128);
      if (read[field].error) {
        markInvalid([field]);
        showProblem(error, `error.${read[field].error}`);
        inputs[field].focus();
        return;
      }
    }
    const choice = (name) => form.querySelector(`input[name="${p}-${name}"]:checked`)?.value;
    const body = {
      name: read.name.name,
      union_name: read.union.name,
      date: inputs.date.value.trim(),
      venue: read.venue.name,
      members,
      female_members: female,
      profile: {
        quorum: choice('quorum'),
        tie_revote_needs_majority: choice('tie_revote_needs_majority') === 'true',
        chair_margin: choice('chair_margin'),
        ballot_order: choice('ballot_order'),
      },
    };
    setBusy(form, true);
    let answer;
    try {
      answer = mode === 'create' ? await api.post('/congresses', body) : await api.put(congressPath(), body);
    } catch (failure) {
      if (reportError(error, failure, 'congress')) return;
      let fields = FIELDS_OF[failure.code] ?? [];
      if (failure.code === 'bad_congress') {
        // Of the three, the ones empty or too long; all three if none looks wrong here.
        const wrong = fields.filter((name) => !inputs[name].value.trim() || [...inputs[name].value.trim()].length > 128);
        if (wrong.length > 0) fields = wrong;
      }
      markInvalid(fields);
      form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    } finally {
      setBusy(form, false);
    }
    setText(saved, mode === 'create' ? 'console.congress.created' : 'console.congress.saved', { name: answer.name });
    saved.hidden = false;
    if (mode === 'create') form.reset();
    await onSaved(answer);
  });

  function markInvalid(names) {
    for (const name of names) inputs[name]?.setAttribute('aria-invalid', 'true');
  }

  return { fill, form };
}

/** The overview of the chosen congress. */
export function renderOverview({ roster, contests, openSection }) {
  const congress = state.congress;
  setData(byId('overview-heading'), congress.name);
  byId('overview-heading').setAttribute('lang', 'zh-CN');
  const status = byId('overview-state');
  if (congress.frozen) {
    status.dataset.kind = 'success';
    setText(status, 'console.overview.frozen', { time: formatDateTime(congress.frozen.at, language()) });
  } else {
    status.dataset.kind = 'info';
    setText(status, 'console.overview.notFrozen');
  }
  byId('overview-frozen').hidden = !congress.frozen;
  if (congress.frozen) byId('overview-hashes').replaceChildren(...frozenFigures());

  const voting = roster.filter((d) => d.voting).length;
  const steps = [
    ['roster', roster.length ? ['console.overview.step.rosterDone', { count: roster.length, voting }] : 'console.overview.step.roster'],
    ['contests', contests.length ? ['console.overview.step.contestsDone', { count: contests.length }] : 'console.overview.step.contests'],
    ['scrutineers', 'console.overview.step.scrutineers'],
    ['freeze', congress.frozen ? 'console.overview.step.frozen' : 'console.overview.step.freeze'],
    ['cards', 'console.overview.step.cards'],
    ['kiosks', 'console.overview.step.kiosks'],
    ['rounds', 'console.overview.step.rounds'],
    ['publish', 'console.overview.step.publish'],
  ];
  byId('overview-steps').replaceChildren(
    ...steps.map(([section, text]) =>
      h(
        'li',
        {},
        h('button', {
          class: 'link-button',
          attrs: { type: 'button', 'data-goto': section },
          text: `console.nav.${section}`,
          on: { click: () => openSection(section) },
        }),
        h('span', { class: 'step-text', text }),
      ),
    ),
  );

  const rows = [
    ['console.congress.name', congress.name],
    ['console.congress.union', congress.union_name],
    ['console.congress.date', congress.date],
    ['console.congress.venue', congress.venue],
    ['console.congress.members', String(congress.members)],
    ['console.congress.female', congress.female_members == null ? '—' : String(congress.female_members)],
  ];
  const profileRows = PROFILE.map(({ name }) => [
    `console.profile.${name}`,
    `console.profile.${name}.${String(congress.profile?.[name])}.short`,
  ]);
  byId('overview-details').replaceChildren(
    h(
      'dl',
      { class: 'details' },
      ...rows.flatMap(([key, value]) => [h('dt', { text: key }), h('dd', { data: value, attrs: { lang: 'zh-CN' } })]),
      ...profileRows.flatMap(([key, value]) => [h('dt', { text: key }), h('dd', { text: value })]),
    ),
  );
  byId('edit-congress-details').hidden = isFrozen();
}

/** The manifest hash and key fingerprint of the frozen congress, large, for the minutes. */
export function frozenFigures(receipt) {
  const frozen = state.congress.frozen;
  const manifestHash = receipt?.manifest_hash ?? frozen.manifest_hash;
  const fingerprint = receipt?.key_fingerprint?.replace(/\s/g, '') ?? keyFingerprint(frozen.public_key);
  return [
    hashFigure('console.freeze.manifestHash', manifestHash, { 'data-figure': 'manifest-hash' }),
    hashFigure('console.freeze.fingerprint', fingerprint, { 'data-figure': 'key-fingerprint' }),
  ];
}

// Dates in the overview follow the language.
onLanguageChange(() => {
  const congress = state.congress;
  const status = document.getElementById('overview-state');
  if (congress?.frozen && status?.dataset.i18n === 'console.overview.frozen') {
    setText(status, 'console.overview.frozen', { time: formatDateTime(congress.frozen.at, language()) });
  }
});
