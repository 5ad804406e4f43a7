// Voting rounds: what the rules call for next (GET /next: first votes, tie re-votes, additional
// rounds whose candidates the congress may choose, the plenary), opening a round when the quorum
// holds, the live figures while it is open (turnout only: no result exists before closing),
// closing it, where the trustees' opening of its sealed ballots stands until the count appears,
// and each round's result with what comes next; a seat reduction where the rules allow one,
// with the congress's recorded consent.

import { api, segment } from '../shared/api.js';
import { byId, h, secondsParam, setBusy } from '../shared/dom.js';
import { hasKey, onLanguageChange, setText } from '../shared/i18n.js';
import { resemblanceText } from '../shared/names.js';
import { electorateTable } from '../shared/electorate-table.js';
import { votesTable } from '../shared/tally.js';
import { sizeRange } from '../shared/verifier/rules.js';
import {
  clearError,
  confirmAction,
  congressPath,
  dataCell,
  fewestCandidates,
  isFrozen,
  quorumRequired,
  report,
  reportError,
  showProblem,
  state,
  table,
  textCell,
  updatedAt,
  visible,
} from './common.js';

const pollMs = secondsParam('poll', 5) * 1000;

let manifest = null;
let next = null;
let rounds = [];
let attendance = null;
let pollTimer = null;
let openingTimer = null;
let lastUpdate = 0;

function init() {
  byId('close-round').addEventListener('click', closeRound);
  onLanguageChange(() => {
    if (lastUpdate) updatedAt(byId('open-round-updated'), lastUpdate);
  });
}

function reset() {
  stopPolling();
  manifest = null;
  next = null;
  rounds = [];
  attendance = null;
  lastUpdate = 0;
  clearError(byId('rounds-error'));
  report(byId('rounds-status'), null);
  for (const id of ['pending', 'awaiting-opening', 'latest-result', 'bodies', 'history', 'meetings', 'open-round-figures']) {
    byId(id).replaceChildren();
  }
  byId('open-round').hidden = true;
}

function leave() {
  stopPolling();
}

async function load() {
  const frozen = isFrozen();
  byId('rounds-not-frozen').hidden = frozen;
  byId('rounds-work').hidden = !frozen;
  if (!frozen) return;
  await refresh();
}

/** Everything the view shows, fetched again. */
async function refresh() {
  stopPolling();
  try {
    [manifest, next, rounds, attendance] = await Promise.all([
      manifest ?? api.get(congressPath('/manifest')),
      api.get(congressPath('/next')),
      api.get(congressPath('/rounds')),
      api.get(congressPath('/attendance')),
    ]);
  } catch (error) {
    reportError(byId('rounds-error'), error, 'rounds');
    return;
  }
  clearError(byId('rounds-error'));
  await render();
}

function contestPart(id) {
  return manifest.contests.find((c) => c.id === id);
}

function title(id) {
  return contestPart(id)?.title ?? id;
}

function nameOf(personId) {
  const found = manifest.contests.flatMap((c) => c.candidates).find((c) => c.id === personId);
  return found?.name ?? personId;
}

function names(people) {
  return people.map((p) => p.name ?? nameOf(p.id)).join('、');
}

async function render() {
  const open = rounds.find((r) => r.open);
  renderOpen(open);
  renderPending(open);
  renderBodies();
  renderMeetings();
  renderResults();
  await renderAwaiting();
}

// ---- The open round ----

function renderOpen(open) {
  const section = byId('open-round');
  section.hidden = !open;
  if (!open) return;
  setText(byId('open-round-heading'), 'console.rounds.openHeading', {
    number: open.number,
    sitting: { key: `console.sitting.${open.definition.sitting}` },
  });
  renderFigures(open);
  schedulePoll(open.number);
}

function renderFigures(round) {
  const turnout = electorateTable(round.turnout, {
    caption: 'console.rounds.turnoutCaption',
    electorateKey: 'console.rounds.electorate',
    attrs: { 'data-table': 'turnout' },
  });
  const ballots = table({
    caption: 'console.rounds.ballotsCaption',
    columns: ['console.rounds.contest', 'console.rounds.kind', 'console.rounds.issued'],
    numeric: [2],
    attrs: { 'data-table': 'issued' },
    rows: round.definition.contests.map((c) =>
      h(
        'tr',
        { attrs: { 'data-contest': c.id } },
        h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: title(c.id) }),
        textCell(`roundKind.${c.round}`),
        dataCell(round.issued[c.id] ?? 0, { numeric: true, attrs: { 'data-issued': '' } }),
      ),
    ),
  });
  byId('open-round-figures').replaceChildren(turnout, ballots);
  const summary = byId('open-round-summary');
  summary.dataset.returned = String(round.returned);
  setText(summary, 'console.rounds.returned', { returned: round.returned });
  lastUpdate = Date.now();
  updatedAt(byId('open-round-updated'), lastUpdate);
}

function schedulePoll(number) {
  // The open round's poll alone: a closed round's opening is followed beside it.
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    if (!visible('view-rounds')) return;
    let round;
    try {
      round = await api.get(congressPath(`/rounds/${segment(number)}`));
    } catch (error) {
      reportError(byId('rounds-error'), error, 'rounds');
      schedulePoll(number);
      return;
    }
    if (!round.open) {
      // Closed elsewhere (another organiser's console): show what it came to.
      await refresh();
      return;
    }
    renderFigures(round);
    schedulePoll(number);
  }, pollMs);
}

function stopPolling() {
  clearTimeout(pollTimer);
  pollTimer = null;
  clearTimeout(openingTimer);
  openingTimer = null;
}

// ---- Closed rounds the trustees have yet to open ----

/**
 * Each closed round without a result: its ballots are sealed, and nobody, the organiser and the
 * server included, sees a count until enough trustees have decrypted its totals on the
 * inspector page. Where that stands is shown and followed; once a round is opened, its result.
 */
async function renderAwaiting() {
  const awaiting = rounds.filter((r) => !r.open && !r.result);
  const box = byId('awaiting-opening');
  if (awaiting.length === 0) {
    box.replaceChildren();
    return;
  }
  let views;
  try {
    views = await Promise.all(awaiting.map((r) => api.get(congressPath(`/rounds/${segment(r.number)}/opening`))));
  } catch (error) {
    reportError(byId('rounds-error'), error, 'rounds');
    scheduleOpeningPoll();
    return;
  }
  if (views.some((view) => view.stage === 'opened')) {
    await refresh();
    return;
  }
  clearError(byId('rounds-error'));
  box.replaceChildren(...views.map(awaitingPanel));
  scheduleOpeningPoll();
}

function scheduleOpeningPoll() {
  clearTimeout(openingTimer);
  openingTimer = setTimeout(() => {
    if (visible('view-rounds')) renderAwaiting();
  }, pollMs);
}

/** A closed round's opening: the step it waits for, how many trustees have done it, and who. */
function awaitingPanel(view) {
  const headingId = `awaiting-${view.round}-heading`;
  const step = view.stage === 'write-ins' ? 'write-ins' : 'totals';
  const done = view.trustees.filter((x) => x.done.includes(step)).length;
  const cell = (trustee, s) => {
    const finished = trustee.done.includes(s);
    return textCell(finished ? 'ceremony.done' : 'ceremony.waiting', undefined, { attrs: { 'data-step': s, 'data-done': String(finished) } });
  };
  return h(
    'section',
    { class: 'panel', attrs: { 'aria-labelledby': headingId, 'data-awaiting-round': String(view.round), 'data-stage': view.stage } },
    h('h2', { id: headingId, text: ['console.rounds.awaitingHeading', { number: view.round }] }),
    h('p', { text: ['console.rounds.awaitingIntro', { threshold: view.threshold }] }),
    h('p', {
      class: 'lead',
      attrs: { 'data-awaiting-stage': '', 'aria-live': 'polite' },
      text: [step === 'write-ins' ? 'console.rounds.awaitingWriteIns' : 'console.rounds.awaitingTotals', { ballots: view.ballots, done, threshold: view.threshold }],
    }),
    table({
      caption: ['console.rounds.awaitingCaption', { trustees: view.trustees.length, threshold: view.threshold }],
      columns: ['console.rounds.trustee', 'console.rounds.stepTotals', 'console.rounds.stepWriteIns'],
      attrs: { 'data-table': 'awaiting-opening' },
      rows: view.trustees.map((trustee) =>
        h('tr', { attrs: { 'data-trustee': String(trustee.trustee) } }, dataCell(trustee.name, { header: true, lang: 'zh-CN' }), cell(trustee, 'totals'), cell(trustee, 'write-ins')),
      ),
    }),
    h('p', {}, h('a', { attrs: { href: `/inspect?congress=${encodeURIComponent(state.congress.id)}` }, text: 'console.rounds.awaitingLink' })),
  );
}

/**
 * Closing a round, knowing what is still open: ballots issued against returned per contest,
 * and each kiosk's screen as its heartbeat last said (idle, a ballot in progress, or not heard
 * from). Closing over a ballot in progress loses that delegate's vote, so it is asked again,
 * naming the kiosks.
 */
async function closeRound() {
  const open = rounds.find((r) => r.open);
  if (!open) return;
  const errorBox = byId('close-error');
  clearError(errorBox);
  let round;
  let kiosks;
  try {
    [round, kiosks] = await Promise.all([api.get(congressPath(`/rounds/${segment(open.number)}`)), api.get(congressPath('/kiosk-states'))]);
  } catch (error) {
    reportError(errorBox, error, 'close');
    return;
  }
  if (!round.open) {
    await refresh();
    return;
  }
  renderFigures(round);
  const working = kiosks.filter((k) => k.enabled);
  const voting = working.filter((k) => k.state === 'voting');
  const sure = await confirmAction({
    title: ['console.rounds.closeTitle', { number: open.number }],
    body: ['console.rounds.closeBody', { returned: round.returned }],
    details: closeDetails(round, working),
    confirm: 'console.rounds.closeConfirm',
    danger: true,
  });
  if (!sure) return;
  if (voting.length > 0) {
    const really = await confirmAction({
      title: ['console.rounds.closeVotingTitle', { count: voting.length }],
      body: ['console.rounds.closeVotingBody', { names: voting.map((k) => k.name).join('、'), count: voting.length }],
      confirm: 'console.rounds.closeVotingConfirm',
      danger: true,
    });
    if (!really) return;
  }
  const button = byId('close-round');
  button.setAttribute('aria-disabled', 'true');
  try {
    await api.post(congressPath(`/rounds/${segment(open.number)}/close`));
  } catch (error) {
    reportError(errorBox, error, 'close');
    return;
  } finally {
    button.removeAttribute('aria-disabled');
  }
  report(byId('rounds-status'), 'console.rounds.closed', { number: open.number });
  await refresh();
  // The round just closed waits for its trustees; its panel comes first.
  const heading = document.querySelector('#awaiting-opening h2') ?? document.querySelector('#latest-result h2');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

/** The close dialog's figures: issued and returned per contest, then each kiosk's screen. */
function closeDetails(round, kiosks) {
  const returned = round.returned_by_contest ?? {};
  const outstanding = round.definition.contests.reduce((most, c) => Math.max(most, (round.issued[c.id] ?? 0) - (returned[c.id] ?? 0)), 0);
  const ballots = table({
    caption: 'console.rounds.closeBallots',
    columns: ['console.rounds.contest', 'console.rounds.issued', 'console.rounds.returnedColumn', 'console.rounds.outstanding'],
    numeric: [1, 2, 3],
    attrs: { 'data-table': 'close-ballots' },
    rows: round.definition.contests.map((c) =>
      h(
        'tr',
        { attrs: { 'data-contest': c.id } },
        h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: title(c.id) }),
        dataCell(round.issued[c.id] ?? 0, { numeric: true, attrs: { 'data-issued': '' } }),
        dataCell(returned[c.id] ?? 0, { numeric: true, attrs: { 'data-returned': '' } }),
        dataCell(Math.max(0, (round.issued[c.id] ?? 0) - (returned[c.id] ?? 0)), { numeric: true, attrs: { 'data-outstanding': '' } }),
      ),
    ),
  });
  const voting = kiosks.filter((k) => k.state === 'voting');
  const offline = kiosks.filter((k) => k.state === 'offline');
  const list =
    kiosks.length === 0
      ? h('p', { text: 'console.rounds.noKiosks' })
      : h(
          'ul',
          { class: 'kiosk-states', attrs: { 'aria-labelledby': 'close-kiosks-heading' } },
          ...kiosks.map((k) =>
            h(
              'li',
              { attrs: { 'data-kiosk': k.id, 'data-state': k.state } },
              h('span', { data: k.name, attrs: { lang: 'zh-CN' } }),
              h('span', { class: 'kiosk-state', text: `console.rounds.kioskState.${k.state}` }),
            ),
          ),
        );
  return h(
    'div',
    { class: 'close-details' },
    outstanding > 0 ? h('p', { class: 'message', attrs: { 'data-kind': 'warning', 'data-outstanding': '' }, text: ['console.rounds.closeOutstanding', { count: outstanding }] }) : null,
    ballots,
    h('h3', { id: 'close-kiosks-heading', text: 'console.rounds.closeKiosks' }),
    list,
    voting.length > 0
      ? h('p', { class: 'message', attrs: { 'data-kind': 'error', 'data-voting': '' }, text: ['console.rounds.closeVotingWarning', { names: voting.map((k) => k.name).join('、'), count: voting.length }] })
      : null,
    offline.length > 0
      ? h('p', { class: 'message', attrs: { 'data-kind': 'warning', 'data-offline': '' }, text: ['console.rounds.closeOfflineWarning', { names: offline.map((k) => k.name).join('、'), count: offline.length }] })
      : null,
  );
}

// ---- What comes next ----

/** The bodies' first meetings, by the name that is also their electorate's. */
const MEETINGS = ['plenary', 'audit_plenary', 'women_plenary'];

function sittingOf(contestId) {
  const electorate = contestPart(contestId)?.electorate;
  return MEETINGS.includes(electorate) ? electorate : 'congress';
}

function elected(contestId) {
  return next.bodies.find((b) => b.contest === contestId)?.elected ?? [];
}

/** The latest counted section of a contest, for its proposals and seat-reduction advice. */
function lastTally(contestId) {
  for (const round of [...rounds].reverse()) {
    const found = round.result?.tally?.contests?.find((c) => c.id === contestId);
    if (found) return found;
  }
  return null;
}

function renderPending(open) {
  const container = byId('pending');
  if (open || next.published) {
    container.replaceChildren(
      next.published ? h('p', { class: 'message', attrs: { 'data-kind': 'info' }, text: 'console.rounds.published' }) : '',
    );
    return;
  }
  const groups = ['congress', ...MEETINGS]
    .map((sitting) => [sitting, next.pending.filter((c) => sittingOf(c.id) === sitting)])
    .filter(([, contests]) => contests.length > 0);
  if (groups.length === 0) {
    const unfinished = next.bodies.filter((b) => b.elected.length < b.seats);
    const key = unfinished.length === 0 ? 'console.rounds.allDone' : 'console.rounds.waitingPlenary';
    container.replaceChildren(h('p', { class: 'message', attrs: { 'data-kind': 'info' }, text: key }));
    return;
  }
  const number = rounds.length + 1;
  container.replaceChildren(...groups.map(([sitting, contests]) => pendingGroup(sitting, contests, number)));
}

function pendingGroup(sitting, contests, number) {
  const headingId = `pending-${sitting}-heading`;
  const errorBox = h('div', { class: 'form-error', attrs: { role: 'alert' } });
  const form = h(
    'form',
    { attrs: { novalidate: true, 'data-sitting': sitting } },
    ...contests.map((contest) => pendingContest(contest)),
    errorBox,
    h(
      'div',
      { class: 'actions' },
      h('button', {
        class: 'button primary',
        attrs: { type: 'submit' },
        text: ['console.rounds.open', { number, sitting: { key: `console.sitting.${sitting}` } }],
      }),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    openRound(form, errorBox, sitting, contests);
  });
  return h(
    'section',
    { class: 'panel pending', attrs: { 'aria-labelledby': headingId, 'data-pending': sitting } },
    h('h2', { id: headingId, text: [`console.rounds.pending.${sitting}`, { number }] }),
    h('p', { text: 'console.rounds.pendingIntro' }),
    pendingQuorum(sitting, contests),
    followUpOrder(contests),
    form,
  );
}

/**
 * Attendance before the round opens: each electorate of the round's contests (the meeting's
 * members at a body's meeting), with 应到, 实到, the 需到 of the quorum under the congress's
 * profile (RULES.md §3) and whether it holds now. The server decides when the round opens.
 */
function pendingQuorum(sitting, contests) {
  if (!attendance) return null;
  const wanted = MEETINGS.includes(sitting) ? [sitting] : ['all', ...contests.map((c) => contestPart(c.id)?.electorate ?? 'all')];
  const rows = [...new Set(wanted)].map((id) => attendance.electorates.find((e) => e.electorate === id)).filter(Boolean);
  if (rows.length === 0) return null;
  return electorateTable(rows, {
    caption: 'console.rounds.quorumCaption',
    electorateKey: 'console.rounds.electorate',
    attrs: { 'data-table': 'pending-quorum' },
    quorum: (e) => {
      const required = quorumRequired(e.entitled, manifest.profile);
      return { required, holds: e.present >= required };
    },
  });
}

/**
 * Which follow-up the rules take first when a re-vote among the tied and an additional round
 * are both offered: the re-vote settles seats some candidates already won a majority for, so it
 * comes first; the additional round is for the seats still open after it (RULES.md §5.4–5.5).
 */
function followUpOrder(contests) {
  const kinds = new Set(contests.map((c) => c.round));
  if (!kinds.has('tie_revote') || !kinds.has('additional')) return null;
  return h('div', { class: 'message follow-up-order', attrs: { 'data-kind': 'info', 'data-follow-up-order': '' } },
    h('p', { text: 'console.rounds.order.heading' }),
    h('p', { text: 'console.rounds.order.why' }),
  );
}

function pendingContest(contest) {
  const id = contest.id;
  const include = `include-${id}`;
  const part = contestPart(id);
  const facts = h('p', {
    text: [
      contest.filled_earlier > 0 ? 'console.rounds.factsFilled' : 'console.rounds.facts',
      {
        kind: { key: `roundKind.${contest.round}` },
        seats: contest.seats,
        filled: contest.filled_earlier,
        entitled: contest.entitled,
      },
    ],
  });
  let candidates;
  if (contest.round === 'additional') {
    candidates = additionalCandidates(contest, part);
  } else {
    candidates = h(
      'div',
      {},
      h('p', { class: 'label', text: contest.round === 'tie_revote' ? 'console.rounds.tiedFixed' : 'console.rounds.candidatesListed' }),
      h(
        'ol',
        { class: 'candidate-list', attrs: { 'data-candidates': id } },
        ...contest.candidates.map((c) => h('li', { data: c.name, attrs: { lang: 'zh-CN', 'data-number': c.id } })),
      ),
    );
  }
  return h(
    'fieldset',
    { class: 'pending-contest', attrs: { 'data-contest': id, 'data-round-kind': contest.round } },
    h(
      'legend',
      {},
      h('input', { id: include, attrs: { type: 'checkbox', checked: true, 'data-include': id } }),
      h('label', { attrs: { for: include } }, h('span', { text: 'console.rounds.include' }), ' ', h('span', { data: title(id), attrs: { lang: 'zh-CN' } })),
    ),
    facts,
    candidates,
    contest.round === 'additional' ? reduction(contest) : null,
  );
}

/**
 * An additional round's candidates: the listed candidates not yet elected, those the rules
 * propose ticked; the congress may choose others among them (RULES.md §5.5).
 */
function additionalCandidates(contest, part) {
  const taken = new Set(elected(contest.id).map((p) => p.id));
  const eligible = part.candidates.filter((c) => !taken.has(c.id));
  const proposed = new Set(contest.candidates.map((c) => c.id));
  const needed = fewestCandidates(part.kind, contest.seats, manifest.profile, 'additional');
  const votes = new Map((lastTally(contest.id)?.candidates ?? []).filter((c) => c.id).map((c) => [c.id, c.for]));
  return h(
    'fieldset',
    { class: 'additional', attrs: { 'data-candidates': contest.id } },
    h('legend', { text: 'console.rounds.additionalCandidates' }),
    h('p', { class: 'hint', text: ['console.rounds.additionalHint', { seats: contest.seats, needed }] }),
    ...eligible.map((c) => {
      const inputId = `additional-${contest.id}-${c.id}`;
      return h(
        'div',
        { class: 'check-field' },
        h('input', { id: inputId, attrs: { type: 'checkbox', value: c.id, checked: proposed.has(c.id), 'data-candidate': c.id } }),
        h(
          'label',
          { attrs: { for: inputId } },
          h('span', { class: 'candidate-name', data: c.name, attrs: { lang: 'zh-CN' } }),
          ' ',
          h('span', { class: 'option-detail', text: ['console.rounds.lastVotes', { votes: votes.get(c.id) ?? 0 }] }),
          proposed.has(c.id) ? h('span', { class: 'tag', text: 'console.rounds.proposed' }) : null,
        ),
      );
    }),
  );
}

/** Instead of an additional round, fewer seats with the congress's consent, where allowed. */
function reduction(contest) {
  const advice = lastTally(contest.id)?.next?.seat_reduction;
  if (!advice) return null;
  const headingId = `reduce-${contest.id}-heading`;
  const parts = [h('h3', { id: headingId, text: 'console.reduce.heading' })];
  if (advice.allowed === false) {
    parts.push(
      h('p', {
        text: advice.range
          ? ['console.reduce.notAllowedRange', { seats: advice.seats, min: advice.range.min, max: advice.range.max }]
          : ['console.reduce.notAllowed', { seats: advice.seats }],
      }),
    );
    return h('div', { class: 'reduction', attrs: { role: 'group', 'aria-labelledby': headingId } }, ...parts);
  }
  const consentId = `consent-${contest.id}`;
  const errorBox = h('div', { class: 'form-error', attrs: { role: 'alert' } });
  const consent = h('textarea', {
    id: consentId,
    attrs: { rows: '2', 'aria-describedby': `${consentId}-hint`, 'data-consent': contest.id },
  });
  const button = h('button', {
    class: 'button',
    attrs: { type: 'button', 'data-reduce': contest.id },
    text: ['console.reduce.submit', { seats: advice.seats }],
  });
  button.addEventListener('click', () => reduceSeats(contest, advice, consent, errorBox, button));
  parts.push(
    h('p', { text: ['console.reduce.allowed', { seats: advice.seats, open: contest.seats }] }),
    h(
      'div',
      { class: 'field' },
      h('label', { attrs: { for: consentId }, text: 'console.reduce.consent' }),
      consent,
      h('p', { class: 'hint', id: `${consentId}-hint`, text: 'console.reduce.consentHint' }),
    ),
    errorBox,
    h('div', { class: 'actions' }, button),
  );
  return h('div', { class: 'reduction', attrs: { role: 'group', 'aria-labelledby': headingId } }, ...parts);
}

async function reduceSeats(contest, advice, consent, errorBox, button) {
  clearError(errorBox);
  consent.removeAttribute('aria-invalid');
  const text = consent.value.trim();
  if (!text) {
    consent.setAttribute('aria-invalid', 'true');
    showProblem(errorBox, 'console.reduce.noConsent');
    consent.focus();
    return;
  }
  const sure = await confirmAction({
    title: ['console.reduce.confirmTitle', { title: title(contest.id), seats: advice.seats }],
    body: 'console.reduce.confirmBody',
    confirm: 'console.reduce.confirm',
    danger: true,
  });
  if (!sure) return;
  button.setAttribute('aria-disabled', 'true');
  let decision;
  try {
    decision = await api.post(congressPath('/seat-reductions'), { contest: contest.id, consent: text });
  } catch (error) {
    reportError(errorBox, error, 'reduction');
    return;
  } finally {
    button.removeAttribute('aria-disabled');
  }
  report(byId('rounds-status'), 'console.reduce.done', {
    title: title(contest.id),
    seats: decision.decision.seats,
  });
  await refresh();
  byId('rounds-status').setAttribute('tabindex', '-1');
  byId('rounds-status').focus();
}

async function openRound(form, errorBox, sitting, contests) {
  if (form.getAttribute('aria-busy') === 'true') return;
  clearError(errorBox);
  const chosen = contests.filter((c) => form.querySelector(`[data-include="${CSS.escape(c.id)}"]`)?.checked);
  if (chosen.length === 0) {
    showProblem(errorBox, 'console.rounds.noneChosen');
    return;
  }
  const choices = chosen.map((c) => {
    if (c.round !== 'additional') return { contest: c.id };
    const ticked = [...form.querySelectorAll(`[data-candidates="${CSS.escape(c.id)}"] input[type="checkbox"]:checked`)].map((i) => i.value);
    return { contest: c.id, candidates: ticked };
  });
  setBusy(form, true);
  let opened;
  try {
    opened = await api.post(congressPath('/rounds'), { contests: choices });
  } catch (error) {
    if (reportError(errorBox, error, 'round')) return;
    if (error.code === 'no_quorum') await explainQuorum(errorBox, sitting, chosen, error.details);
    return;
  } finally {
    setBusy(form, false);
  }
  report(byId('rounds-status'), 'console.rounds.opened', { number: opened.number });
  await refresh();
  byId('open-round-heading').setAttribute('tabindex', '-1');
  byId('open-round-heading').focus();
}

/**
 * The figures behind a refused opening: the refusal's details (present, entitled, required),
 * or, from a server that sends none, the live attendance under the congress's profile
 * (RULES.md §3).
 */
async function explainQuorum(errorBox, sitting, chosen, details) {
  let { entitled, present, required } = details ?? {};
  if (![entitled, present, required].every(Number.isInteger)) {
    try {
      attendance = await api.get(congressPath('/attendance'));
    } catch {
      return;
    }
    const meeting = MEETINGS.includes(sitting);
    const electorate = attendance.electorates.find((e) => e.electorate === (meeting ? sitting : 'all'));
    entitled = electorate?.entitled ?? (meeting ? chosen[0].entitled : 0);
    present = electorate?.present ?? attendance.styles.find((s) => s.style === sitting)?.limit ?? 0;
    required = quorumRequired(entitled, manifest.profile);
  }
  errorBox.append(
    h('p', {
      class: 'quorum-figures',
      attrs: { 'data-quorum': '' },
      text: [
        `console.rounds.quorumFigures.${sitting}`,
        { entitled, present, required, missing: Math.max(0, required - present), rule: { key: `console.profile.quorum.${manifest.profile.quorum}.short` } },
      ],
    }),
  );
}

// ---- Who is elected, the plenary ----

function renderBodies() {
  byId('bodies').replaceChildren(
    table({
      columns: ['console.rounds.body', 'console.rounds.seats', 'console.rounds.electedSoFar'],
      numeric: [1],
      attrs: { 'data-table': 'bodies' },
      rows: next.bodies.map((body) =>
        h(
          'tr',
          { attrs: { 'data-contest': body.contest } },
          h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: title(body.contest) }),
          dataCell(body.seats, { numeric: true }),
          body.elected.length
            ? h('td', { attrs: { lang: 'zh-CN' } }, ...electedNames(body.elected))
            : textCell('console.rounds.nobodyYet'),
        ),
      ),
    }),
  );
}

function electedNames(people) {
  const parts = [];
  people.forEach((p, i) => {
    if (i > 0) parts.push(h('span', { data: '、' }));
    parts.push(h('span', { data: p.name }));
    if (p.write_in) parts.push(h('span', { class: 'tag', text: 'console.result.writeIn' }));
  });
  return parts;
}

/**
 * A panel for each first meeting of a body that elects something — the committee's plenary,
 * the funds audit and the women workers' committees' meetings: who sits, and how many have
 * checked in at the desk.
 */
function renderMeetings() {
  const meetings = MEETINGS.filter((sitting) => manifest.contests.some((c) => c.electorate === sitting));
  byId('meetings').replaceChildren(...meetings.map(meetingPanel));
}

function meetingPanel(sitting) {
  const headingId = `${sitting}-heading`;
  const view = next.sittings.find((s) => s.sitting === sitting);
  const members = view?.members ?? [];
  const attendanceLine = h('p', { id: `${sitting}-attendance`, class: 'lead' });
  const list = h('div', { id: `${sitting}-members` });
  if (members.length === 0) {
    setText(attendanceLine, `console.${sitting}.notYet`);
  } else {
    const present =
      attendance.electorates.find((e) => e.electorate === sitting)?.present ??
      attendance.styles.find((s) => s.style === sitting)?.limit ??
      view.present.length;
    attendanceLine.dataset.present = String(present);
    setText(attendanceLine, 'console.plenary.attendance', { entitled: members.length, present });
    list.append(
      table({
        caption: [`console.${sitting}.caption`, { count: members.length }],
        columns: ['console.roster.column.number', 'console.roster.column.name'],
        attrs: { 'data-table': sitting },
        rows: members.map((number) =>
          h('tr', { attrs: { 'data-number': number } }, dataCell(number, { attrs: { class: 'code' } }), dataCell(nameOf(number), { header: true, lang: 'zh-CN' })),
        ),
      }),
      h('p', { class: 'hint', text: 'console.plenary.whoIsPresent' }),
    );
  }
  const desk = h('a', { id: `${sitting}-desk-link`, attrs: { href: `/desk?congress=${encodeURIComponent(state.congress.id)}` }, text: 'console.plenary.desk' });
  return h(
    'section',
    { id: sitting, class: 'panel', attrs: { 'aria-labelledby': headingId } },
    h('h2', { id: headingId, text: `console.${sitting}.heading` }),
    h('p', { text: `console.${sitting}.intro` }),
    attendanceLine,
    list,
    h('p', {}, desk),
  );
}

// ---- Results ----

function renderResults() {
  const closed = rounds.filter((r) => r.result).sort((a, b) => b.number - a.number);
  byId('history-empty').hidden = closed.length > 0;
  const [latest, ...earlier] = closed;
  byId('latest-result').replaceChildren(latest ? latestPanel(latest) : '');
  byId('history').replaceChildren(
    ...earlier.map((round) =>
      h(
        'details',
        { class: 'round-history', attrs: { 'data-round': String(round.number) } },
        h('summary', { text: roundTitle(round) }),
        ...round.result.tally.contests.map((c) => contestResult(c, round, 'h3')),
      ),
    ),
  );
}

function roundTitle(round) {
  return [
    'console.result.roundTitle',
    {
      number: round.number,
      sitting: { key: `console.sitting.${round.definition.sitting}` },
      ballots: round.returned,
    },
  ];
}

function latestPanel(round) {
  const headingId = `result-${round.number}-heading`;
  return h(
    'section',
    { class: 'panel result', attrs: { 'aria-labelledby': headingId, 'data-round': String(round.number) } },
    h('h2', { id: headingId, text: roundTitle(round) }),
    h('p', { class: 'hint' }, h('span', { text: 'console.result.hash' }), ' ', h('span', { class: 'code', data: round.result_hash, attrs: { lang: 'en' } })),
    tallyWarnings(round.result.tally),
    ...round.result.tally.contests.map((c) => contestResult(c, round, 'h3')),
  );
}

/**
 * The signed tally's warnings, said from their codes: the record's own sentence is English and
 * stays as signed; the parameters come from the record (the contest, its write-ins, the
 * committee-size table of 《工会基层组织选举工作条例》第八条).
 */
function tallyWarnings(tally) {
  const warnings = tally.warnings ?? [];
  if (warnings.length === 0) return null;
  const contestOf = (id) => tally.contests.find((c) => c.id === id);
  const item = (warning) => {
    const contest = contestOf(warning.contest);
    const key = `console.tallyWarning.${warning.code}`;
    const params = { contest_title: contest?.title ?? warning.contest ?? '' };
    if (warning.code === 'write_in_elected') {
      params.names = names((contest?.candidates ?? []).filter((p) => p.write_in && p.elected));
    } else if (warning.code === 'committee_size') {
      const members = manifest?.congress?.members ?? state.congress?.members;
      const range = members ? sizeRange(members, tally.size_table) : null;
      if (!range || !contest) return h('li', { data: warning.message, attrs: { lang: 'en' } });
      Object.assign(params, { seats: contest.seats, members, min: range.min, max: range.max });
    }
    if (!hasKey(key)) return h('li', { data: warning.message, attrs: { lang: 'en' } });
    return h('li', { attrs: { 'data-code': warning.code }, text: [key, params] });
  };
  return h(
    'div',
    { class: 'message', attrs: { 'data-kind': 'warning', 'data-tally-warnings': '' } },
    h('p', { text: 'console.tallyWarning.heading' }),
    h('ul', {}, ...warnings.map(item)),
  );
}

/**
 * One contest's count: status, figures, each person's votes (drawn by shared/tally.js, as the
 * inspector, minutes and results pages draw them), and what the rules call for.
 */
function contestResult(c, round, headingTag) {
  const writeInElected = c.candidates.some((p) => p.write_in && p.elected);
  return h(
    'section',
    { class: 'contest-result', attrs: { 'data-result-contest': c.id, 'data-status': c.status } },
    h(headingTag, {}, h('span', { data: c.title, attrs: { lang: 'zh-CN' } }), h('span', { class: 'heading-note', text: `roundKind.${c.round}` })),
    h('p', { class: `status status-${c.status}`, text: `console.result.status.${c.status}` }),
    h('p', {
      class: 'figures',
      text: [
        'console.result.figures',
        { entitled: c.entitled, issued: c.issued, returned: c.returned, valid: c.valid, invalid: c.invalid },
      ],
    }),
    c.threshold != null ? h('p', { text: ['console.result.threshold', { threshold: c.threshold, entitled: c.entitled, seats: c.seats }] }) : null,
    votesTable(c, { caption: ['console.result.caption', { title: c.title }] }),
    writeInElected ? h('p', { class: 'message', attrs: { 'data-kind': 'warning' }, text: 'console.result.writeInElected' }) : null,
    ...(round.notes ?? [])
      .filter((note) => note.contest === c.id)
      .map((note) => h('p', { class: 'message', attrs: { 'data-kind': 'warning', 'data-resemblance': '' }, text: resemblanceText(note.resemblance) })),
    nextStep(c),
  );
}

function nextStep(c) {
  const step = c.next ?? { action: 'none' };
  const parts = [];
  switch (step.action) {
    case 'none':
      parts.push(h('p', { text: 'console.next.none' }));
      break;
    case 'tie_revote':
      parts.push(h('p', { text: ['console.next.tie', { names: names(step.candidates), count: step.candidates.length, seats: step.seats }] }));
      break;
    case 'fill_open_seats':
      parts.push(
        h('p', {
          text: [
            'console.next.fill',
            { open: step.open_seats, names: step.proposed.length ? names(step.proposed) : '—' },
          ],
        }),
      );
      if (step.seat_reduction) {
        const r = step.seat_reduction;
        let key = 'console.next.reductionUnknown';
        if (r.allowed === true) key = 'console.next.reductionAllowed';
        if (r.allowed === false) key = r.range ? 'console.next.reductionRefusedRange' : 'console.next.reductionRefused';
        parts.push(h('p', { text: [key, { seats: r.seats, min: r.range?.min ?? 0, max: r.range?.max ?? 0 }] }));
      }
      break;
    case 'repeat_vote':
      parts.push(h('p', { text: 'console.next.repeat' }));
      break;
    case 'establish_quorum':
      parts.push(h('p', { text: 'console.next.quorum' }));
      break;
    default:
      parts.push(h('p', { data: step.action, attrs: { lang: 'en' } }));
  }
  return h(
    'div',
    { class: 'next-step', attrs: { 'data-next': step.action } },
    h('p', { class: 'label', text: 'console.next.heading' }),
    ...parts,
  );
}

export default { name: 'rounds', view: 'view-rounds', init, reset, load, leave };
