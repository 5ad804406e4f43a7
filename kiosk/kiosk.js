// The voting kiosk (/kiosk): enrolment with a pairing code, then for each delegate: read the
// card, fetch its ballot, mark one contest at a time, review, cast, show the receipt, and start
// over. Nothing of a ballot is kept in the browser: the ballot lives in this module's variables
// and the page's DOM, both cleared when the delegate is done or walks away (idle timeout).
//
// The marks never leave the page in the clear (docs/sealed-ballots.md): after the review the
// page encrypts and proves the ballot under the trustees' joint key (shared/sealed/, in
// the worker kiosk/seal-worker.js, so that the page stays responsive meanwhile), shows its
// tracker, and the delegate casts it or challenges it (检验此票, §7.1). A challenged ballot's
// opening is published and the ballot is never counted; the delegate then seals the same marks
// afresh. A ballot sent to be cast is never opened, and one opened is never cast.
//
// Address parameters, for stewards and tests: ?idle=SECONDS (the idle timeout, default 120),
// ?warn=SECONDS (how long the warning before it counts down, default 45, at most half the
// timeout), ?poll=SECONDS (how often the kiosk asks whether a round is open, default 5),
// ?retry=SECONDS (the first pause before a cast whose answer was lost is sent again, default 1),
// ?beat=SECONDS (the heartbeat's period, default 5: heartbeat.js), ?mm=PIXELS (CSS pixels to a
// millimetre of the screen, default 3.64: a 23.8" 1920×1080 panel; text and targets are sized in
// millimetres from it), ?paper=58 (a 58 mm receipt printer; the default is 80 mm), ?lang=en.

import { api, errorText, ApiError } from './shared/api.js';
import { readCard, cardErrorText } from './shared/cardcode.js';
import { byId, clear, currentView, h, isBusy, secondsParam, setBusy, setData, showMessage, showView } from './shared/dom.js';
import { applyTranslations, hasKey, languageFromAddress, setLanguage, setText } from './shared/i18n.js';
import { readName } from './shared/names.js';
import { shortReceipt } from './shared/short-receipt.js';
import { toHex } from './shared/verifier/bytes.js';
import { canonicalBytes } from './shared/verifier/jcs.js';
import { leafHash } from './shared/verifier/merkle.js';
import { mountToolbar, resetDisplay } from './shared/toolbar.js';
import { showTransport } from './shared/transport.js';
import { startHeartbeat } from './heartbeat.js';

const settings = {
  idleMs: secondsParam('idle', 120) * 1000,
  pollMs: secondsParam('poll', 5) * 1000,
  /** Automatic resends of a cast whose answer did not come, before asking the delegate. */
  castRetries: 3,
  castRetryMs: secondsParam('retry', 1) * 1000,
};
/** The warning before an idle reset starts this long before it. */
const warnMs = Math.min(secondsParam('warn', 45) * 1000, settings.idleMs / 2);

/** Refusals of a cast after which the ballot may be changed and cast again: nothing was recorded. */
const EDITABLE_REFUSALS = new Set(['wrong_contests', 'bad_fields', 'bad_ballot', 'bad_json', 'salt_reused']);
/** Refusals of a challenge after which the delegate seals the ballot again: nothing was recorded. */
// Not bad_opening: an opening that does not match its ballot shows a faulty kiosk, which the
// delegate should not go on using.
const RESEALABLE_REFUSALS = new Set(['bad_ballot', 'bad_fields', 'bad_json', 'salt_reused']);
/** The name of the User Timing measure of each sealing, from the button to the tracker. */
const SEAL_MEASURE = 'kiosk-seal';

/** What the server said about this kiosk: { kiosk, congress_name, round }. */
let status = null;
/**
 * The delegate at the kiosk now, or null:
 * { card, congress, ballot, marks: Map(contest id → { marks: Map(candidate id → 'for'|'against'|'abstain'), writeIns: [] }),
 *   index, returnToReview, sealing (true while encrypting), sealed: { ballot, opening, receipt, tracker }
 *   once sealed and until cast or challenged, cast: { body, sealed: { receipt, tracker } } once the
 *   delegate pressed 投入票箱 (then the ballot is fixed), and challenge: { body, receipt, tracker }
 *   while a challenge is sent }.
 */
let session = null;
/** The worker that seals ballots (kiosk/seal-worker.js), started with the first sealed ballot. */
let sealer = null;
/** Its requests not yet answered: id → { resolve, reject }. */
const sealerRequests = new Map();
let sealerRequestId = 0;
let lastActivity = Date.now();
let pollTimer = null;

// ---- Start ----

/**
 * The screen's size, from the address: text and targets are sized in millimetres of the
 * kiosk's screen (kiosk.css), and the receipt for the printer's paper.
 */
function applyHardware() {
  const pxPerMm = secondsParam('mm', 0);
  if (pxPerMm > 0) document.documentElement.style.setProperty('--px-per-mm', `${pxPerMm}px`);
  const paper = new URLSearchParams(location.search).get('paper');
  document.documentElement.dataset.paper = paper === '58' ? '58' : '80';
}

function start() {
  applyHardware();
  setLanguage(languageFromAddress());
  mountToolbar(byId('toolbar'));
  applyTranslations();
  byId('enrol-form').addEventListener('submit', enrol);
  showTransport(byId('transport'));
  byId('card-form').addEventListener('submit', readBallot);
  byId('contest-form').addEventListener('submit', nextContest);
  byId('contest-form').addEventListener('change', markChanged);
  byId('contest-form').addEventListener('input', writeInTyped);
  byId('previous').addEventListener('click', previousContest);
  byId('add-write-in').addEventListener('click', addWriteIn);
  byId('review-back').addEventListener('click', () => showContest(session.ballot.contests.length - 1));
  byId('cast').addEventListener('click', sealBallot);
  byId('seal-cast').addEventListener('click', castSealed);
  byId('seal-challenge').addEventListener('click', challengeSealed);
  byId('sealed-back').addEventListener('click', () => {
    // Never sent: this sealing is simply dropped, and the marks can be changed.
    if (session) session.sealed = null;
    showReview();
  });
  byId('challenged-again').addEventListener('click', () => {
    clear(byId('challenged-contests'));
    showReview();
  });
  byId('challenge-back').addEventListener('click', () => {
    // The challenged ballot is void whether or not the ballot box heard of it.
    session.challenge = null;
    showReview();
  });
  byId('cast-retry').addEventListener('click', () => (session?.challenge ? sendChallenge() : sendCast()));
  byId('cast-finish').addEventListener('click', resetKiosk);
  byId('print-receipt').addEventListener('click', () => window.print());
  byId('receipt-done').addEventListener('click', resetKiosk);
  for (const button of document.querySelectorAll('[data-cancel]')) {
    button.addEventListener('click', () => byId('cancel-dialog').showModal());
  }
  byId('cancel-no').addEventListener('click', () => byId('cancel-dialog').close());
  byId('cancel-yes').addEventListener('click', () => {
    byId('cancel-dialog').close();
    resetKiosk();
  });
  byId('idle-continue').addEventListener('click', continueVoting);
  // Escape closes a modal dialog: for the idle warning that too means "go on voting".
  byId('idle-dialog').addEventListener('cancel', (event) => {
    event.preventDefault();
    continueVoting();
  });
  for (const event of ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart']) {
    document.addEventListener(event, noteActivity, { capture: true, passive: true });
  }
  document.addEventListener('keydown', scannerToCardField, { capture: true });
  setInterval(checkIdle, 250);
  // A ballot fetched and not yet cast is "voting"; a receipt on screen is not.
  startHeartbeat({ activity: () => (session && !session.receiptOnly ? 'voting' : 'idle'), enrolled: () => status !== null });
  refreshStatus();
}

/**
 * A USB scanner types like a keyboard: whatever has the focus between delegates (a touch on
 * the page moves it to the body), a scan goes into the card field.
 */
function scannerToCardField(event) {
  if (currentView() !== 'view-card' || event.ctrlKey || event.altKey || event.metaKey) return;
  if (event.key.length !== 1) return;
  const focused = document.activeElement;
  if (focused && focused.matches('input, textarea, select, button, a[href]')) return;
  byId('card-input').focus();
}

// ---- The kiosk between delegates ----

/** Asks the server what this kiosk is and whether a round is open, and shows that. */
async function refreshStatus() {
  clearTimeout(pollTimer);
  try {
    status = await api.get('/kiosk');
    showMessage(byId('status-error'), null);
  } catch (error) {
    status = null;
    if (error.code === 'not_a_kiosk' || error.code === 'kiosk_expired') {
      showBetweenDelegates('view-enrol', 'pairing-code');
      return; // no polling: the kiosk waits for its pairing code
    }
    if (error.code === 'kiosk_disabled') {
      showBetweenDelegates('view-disabled');
    } else {
      showMessage(byId('status-error'), ...errorText(error, 'status'), 'error');
      if (currentView() === 'view-loading') showBetweenDelegates('view-waiting');
    }
    schedulePoll();
    return;
  }
  setText(byId('masthead-kiosk'), 'kiosk.masthead', { name: status.kiosk.name });
  byId('masthead-kiosk').hidden = false;
  setData(byId('masthead-congress'), status.congress_name);
  if (status.round === null || status.round === undefined) {
    showBetweenDelegates('view-waiting');
  } else {
    setText(byId('card-round'), 'kiosk.card.round', { round: status.round });
    showBetweenDelegates('view-card', 'card-input');
  }
  schedulePoll();
}

function schedulePoll() {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(() => {
    // A delegate's ballot is never interrupted by polling; a closed round shows when casting.
    if (!session && currentView() !== 'view-enrol') refreshStatus();
    else schedulePoll();
  }, settings.pollMs);
}

/** Shows a view between delegates, unless a delegate is voting or it is shown already. */
function showBetweenDelegates(view, focus) {
  if (session) return;
  if (currentView() === view) return; // keep what is being typed, and the focus
  showView(view, focus ? { focus } : {});
}

async function enrol(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form)) return;
  const input = byId('pairing-code');
  const message = byId('enrol-error');
  const code = input.value.normalize('NFKC').replace(/[\s-]/g, '');
  if (!/^[0-9A-Za-z]{8}$/.test(code)) {
    input.setAttribute('aria-invalid', 'true');
    showMessage(message, 'kiosk.enrol.format', {}, 'error');
    input.focus();
    return;
  }
  setBusy(form, true);
  try {
    await api.post('/kiosk/pairing', { code });
    input.value = '';
    input.removeAttribute('aria-invalid');
    showMessage(message, null);
    await refreshStatus();
  } catch (error) {
    input.setAttribute('aria-invalid', 'true');
    showMessage(message, ...errorText(error, 'pairing'), 'error');
    input.select();
  } finally {
    setBusy(form, false);
  }
}

// ---- A delegate's card ----

async function readBallot(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form)) return;
  const input = byId('card-input');
  const message = byId('card-error');
  const reading = readCard(input.value);
  if (!reading.ok) {
    // A typo is caught here, before anything is sent.
    input.setAttribute('aria-invalid', 'true');
    showMessage(message, ...cardErrorText(reading), 'error');
    input.focus();
    return;
  }
  setBusy(form, true);
  let ballot;
  try {
    ballot = await api.post('/kiosk/ballot', { card: reading.card });
  } catch (error) {
    input.setAttribute('aria-invalid', 'true');
    showMessage(message, ...errorText(error, 'ballot'), 'error');
    input.focus();
    input.select(); // a new scan replaces what is there
    if (['no_open_round', 'not_a_kiosk', 'kiosk_expired', 'kiosk_disabled'].includes(error.code)) refreshStatus();
    return;
  } finally {
    setBusy(form, false);
  }
  input.value = '';
  input.removeAttribute('aria-invalid');
  showMessage(message, null);
  session = {
    card: reading.card,
    congress: status?.kiosk?.congress,
    ballot,
    marks: new Map(ballot.contests.map((c) => [c.id, { marks: new Map(), writeIns: [] }])),
    index: 0,
    returnToReview: false,
    cast: null,
    sealing: false,
    sealed: null,
    challenge: null,
  };
  showContest(0);
  // The joint key's tables are made while the delegate marks, not while they wait for the
  // tracker; a bad key shows when sealing, where the delegate is told.
  askSealer({ kind: 'prepare', key: ballot.sealing.joint_key }).catch(() => {});
}

/** Sends the sealing worker a request; resolves to its answer, rejects when it failed. */
function askSealer(request) {
  if (!sealer) {
    sealer = new Worker(new URL('./kiosk/seal-worker.js', import.meta.url), { type: 'module' });
    sealer.addEventListener('message', ({ data }) => {
      const waiting = sealerRequests.get(data.id);
      sealerRequests.delete(data.id);
      if (data.ok) waiting?.resolve(data);
      else waiting?.reject(new Error('sealing failed'));
    });
    sealer.addEventListener('error', () => {
      // The worker did not load or broke: every request fails, and the next starts a new one.
      for (const waiting of sealerRequests.values()) waiting.reject(new Error('the sealing worker failed'));
      sealerRequests.clear();
      sealer?.terminate();
      sealer = null;
    });
  }
  const id = (sealerRequestId += 1);
  return new Promise((resolve, reject) => {
    sealerRequests.set(id, { resolve, reject });
    sealer.postMessage({ id, ...request });
  });
}

// ---- One contest at a time ----

function contestAt(index) {
  return session.ballot.contests[index];
}

function showContest(index) {
  session.index = index;
  const contest = contestAt(index);
  const total = session.ballot.contests.length;
  const state = session.marks.get(contest.id);
  setText(byId('ballot-progress'), 'kiosk.ballot.progress', { n: index + 1, total });
  setData(byId('contest-heading'), contest.title);
  setText(byId('contest-facts'), contest.write_ins ? 'kiosk.ballot.seatsWithWriteIns' : 'kiosk.ballot.seats', {
    seats: contest.seats,
  });
  setText(byId('contest-order'), `kiosk.ballot.order.${contest.order ?? 'surname_strokes'}`);
  const roundKind = byId('contest-round-kind');
  roundKind.hidden = contest.round === 'regular';
  if (!roundKind.hidden) setText(roundKind, 'kiosk.ballot.roundKind', { kind: { key: `roundKind.${contest.round}` } });

  const candidates = byId('candidates');
  clear(candidates);
  for (const candidate of contest.candidates) {
    candidates.append(candidateFieldset(contest, candidate, state.marks.get(candidate.id)));
  }
  const writeIns = byId('write-ins');
  writeIns.hidden = !contest.write_ins;
  if (contest.write_ins) {
    if (contest.members) {
      const others = contest.members.filter((m) => !contest.candidates.some((c) => c.id === m.id));
      setText(byId('write-in-hint'), 'kiosk.writeIn.hintMembers', { seats: contest.seats, members: others.map((m) => m.name).join('、') });
    } else {
      setText(byId('write-in-hint'), 'kiosk.writeIn.hint', { seats: contest.seats });
    }
    if (state.writeIns.length === 0) state.writeIns.push('');
    renderWriteIns(contest, state);
  } else {
    clear(byId('write-in-list'));
  }
  byId('previous').hidden = index === 0;
  const next = byId('next');
  if (session.returnToReview || index === total - 1) setText(next, 'kiosk.ballot.toReview');
  else setText(next, 'kiosk.ballot.next');
  showMessage(byId('contest-error'), null);
  updateCount();
  showView('view-ballot');
}

function candidateFieldset(contest, candidate, mark) {
  const name = `mark-${contest.id}-${candidate.id}`;
  const choice = (value, symbol) =>
    h(
      'label',
      { class: `choice choice-${value}` },
      h('input', { attrs: { type: 'radio', name, value, checked: mark === value, 'data-candidate': candidate.id } }),
      h('span', { class: 'choice-symbol', attrs: { 'aria-hidden': 'true' }, data: symbol }),
      h('span', { class: 'choice-text', text: `kiosk.mark.${value}` }),
    );
  return h(
    'fieldset',
    { class: 'candidate', attrs: { 'data-candidate': candidate.id } },
    h(
      'legend',
      {},
      h('span', { class: 'candidate-name', attrs: { lang: 'zh-CN' }, data: candidate.name }),
      h('span', { class: 'candidate-unit', attrs: { lang: 'zh-CN' }, data: candidate.unit }),
    ),
    h('div', { class: 'choices' }, choice('for', '○'), choice('against', '×'), choice('abstain', '—')),
    // Where a refused mark is explained: next to the mark, where the delegate is looking.
    h('p', { class: 'message candidate-error', attrs: { role: 'alert' }, hidden: true }),
  );
}

function renderWriteIns(contest, state) {
  const list = byId('write-in-list');
  clear(list);
  state.writeIns.forEach((value, i) => {
    const id = `write-in-${i + 1}`;
    const input = h('input', {
      id,
      class: 'write-in-input',
      attrs: { type: 'text', maxlength: 64, autocomplete: 'off', spellcheck: 'false', lang: 'zh-CN', 'data-write-in': i },
    });
    input.value = value;
    list.append(h('li', {}, h('label', { attrs: { for: id }, text: ['kiosk.writeIn.label', { n: i + 1 }] }), input));
  });
  byId('add-write-in').hidden = state.writeIns.length >= contest.seats;
}

function addWriteIn() {
  const contest = contestAt(session.index);
  const state = session.marks.get(contest.id);
  if (state.writeIns.length >= contest.seats) return;
  state.writeIns.push('');
  renderWriteIns(contest, state);
  byId(`write-in-${state.writeIns.length}`).focus();
}

/**
 * The write-in lines that hold something, read as the server reads names (shared/names.js):
 * `{ name }`, or a refusal `{ error }`. A line left blank, or holding only invisible
 * characters, holds no one.
 */
function writtenIn(state) {
  return state.writeIns.map((w) => readName(w)).filter((read) => read.error !== 'name_empty');
}

/** The names written in a contest, once `contestProblem` found none refused. */
function writtenNames(state) {
  return writtenIn(state).map((read) => read.name);
}

/** The persons chosen in a contest: for-marks and the write-ins that hold a name. */
function chosen(contest, state) {
  const fors = [...state.marks.values()].filter((m) => m === 'for').length;
  return fors + writtenIn(state).length;
}

function markChanged(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'radio') return;
  const contest = contestAt(session.index);
  const state = session.marks.get(contest.id);
  const candidate = input.dataset.candidate;
  const before = state.marks.get(candidate);
  state.marks.set(candidate, input.value);
  if (input.value === 'for' && chosen(contest, state) > contest.seats) {
    // Over-vote protection: the mark is refused and the one before it restored.
    if (before) state.marks.set(candidate, before);
    else state.marks.delete(candidate);
    input.checked = false;
    const previous = before && input.form.querySelector(`input[name="${CSS.escape(input.name)}"][value="${before}"]`);
    if (previous) previous.checked = true;
    clearCandidateErrors();
    showMessage(input.closest('.candidate').querySelector('.candidate-error'), 'kiosk.overVote.mark', { seats: contest.seats }, 'error');
  } else {
    clearCandidateErrors();
    showMessage(byId('contest-error'), null);
  }
  updateCount();
}

function clearCandidateErrors() {
  for (const element of document.querySelectorAll('.candidate-error:not([hidden])')) showMessage(element, null);
}

function writeInTyped(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !('writeIn' in input.dataset)) return;
  const contest = contestAt(session.index);
  const state = session.marks.get(contest.id);
  state.writeIns[Number(input.dataset.writeIn)] = input.value;
  updateCount();
}

function updateCount() {
  const contest = contestAt(session.index);
  const count = chosen(contest, session.marks.get(contest.id));
  const element = byId('contest-count');
  setText(element, 'kiosk.ballot.count', { chosen: count, seats: contest.seats });
  element.dataset.over = String(count > contest.seats);
}

/**
 * What is wrong with a contest's marks, as [key, params], or null: more persons chosen than
 * seats, a write-in repeated, or a write-in of someone on the list (mark them instead).
 */
function contestProblem(contest, state) {
  const refused = writtenIn(state).find((read) => read.error);
  if (refused) return [`error.${refused.error}`, {}];
  const names = writtenNames(state);
  const listed = names.find((n) => contest.candidates.some((c) => c.name === n));
  if (listed) return ['kiosk.writeIn.listed', { name: listed }];
  // A body's meeting elects only from among its members (2016 条例 Art. 3).
  const outsider = contest.members && names.find((n) => contest.members.filter((m) => m.name === n).length !== 1);
  if (outsider) return ['kiosk.writeIn.notMember', { name: outsider }];
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) return ['kiosk.writeIn.repeated', { name: repeated }];
  const count = chosen(contest, state);
  if (count > contest.seats) return ['kiosk.overVote.total', { seats: contest.seats, chosen: count }];
  return null;
}

function nextContest(event) {
  event.preventDefault();
  const contest = contestAt(session.index);
  const problem = contestProblem(contest, session.marks.get(contest.id));
  if (problem) {
    showMessage(byId('contest-error'), ...problem, 'error');
    return;
  }
  if (session.returnToReview || session.index === session.ballot.contests.length - 1) {
    showReview();
  } else {
    showContest(session.index + 1);
  }
}

function previousContest() {
  if (session.index > 0) showContest(session.index - 1);
}

// ---- Review ----

const MARK_KEYS = { for: 'kiosk.mark.for', against: 'kiosk.mark.against', abstain: 'kiosk.mark.abstain' };

function showReview() {
  session.returnToReview = true;
  setText(byId('review-intro'), 'kiosk.review.introSealed');
  setText(byId('cast'), 'kiosk.review.seal');
  const container = byId('review-contests');
  clear(container);
  session.ballot.contests.forEach((contest, index) => {
    const state = session.marks.get(contest.id);
    container.append(
      choicesPanel(contest, state.marks, writtenNames(state), {
        headingId: `review-contest-${index + 1}`,
        level: 'h2',
        caption: 'kiosk.review.caption',
        choice: 'kiosk.review.choice',
        edit: () => showContest(index),
      }),
    );
  });
  showMessage(byId('review-error'), null);
  showView('view-review');
}

/**
 * A contest's choices as a panel: the count, each candidate's mark (`marks`, candidate id →
 * for/against/abstain) and the names written in; for the review, and for what a challenged
 * ballot revealed. `edit`, when given, is the button back to the contest.
 */
function choicesPanel(contest, marks, writeIns, { headingId, level, caption, choice, edit }) {
  const rows = contest.candidates.map((candidate) => {
    const mark = marks.get(candidate.id);
    return h(
      'tr',
      { attrs: { 'data-candidate': candidate.id, 'data-mark': mark ?? 'none' } },
      h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: candidate.name }),
      h('td', { class: `review-mark review-mark-${mark ?? 'none'}`, text: mark ? MARK_KEYS[mark] : 'kiosk.mark.none' }),
    );
  });
  const fors = [...marks.values()].filter((m) => m === 'for').length;
  return h(
    'section',
    { class: 'review-contest panel', attrs: { 'aria-labelledby': headingId, 'data-contest': contest.id } },
    h(level, { id: headingId, attrs: { lang: 'zh-CN' }, data: contest.title }),
    h('p', { text: ['kiosk.review.count', { chosen: fors + writeIns.length, seats: contest.seats }] }),
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden', text: [caption, { title: contest.title }] }),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { attrs: { scope: 'col' }, text: 'kiosk.review.candidate' }), h('th', { attrs: { scope: 'col' }, text: choice })),
      ),
      h('tbody', {}, ...rows),
    ),
    contest.write_ins
      ? h(
          'p',
          { class: 'review-write-ins' },
          h('span', { class: 'label', text: 'kiosk.review.writeIns' }),
          writeIns.length > 0
            ? h('span', { attrs: { lang: 'zh-CN', 'data-write-ins': '' }, data: writeIns.join('、') })
            : h('span', { text: 'kiosk.review.noWriteIns' }),
        )
      : null,
    edit
      ? h('button', {
          class: 'button small',
          attrs: { type: 'button', 'data-edit': contest.id },
          text: ['kiosk.review.edit', { title: contest.title }],
          on: { click: edit },
        })
      : null,
  );
}

// ---- Casting ----

/** The marks of every contest, as the sealing takes them. */
function sections() {
  const result = {};
  for (const contest of session.ballot.contests) {
    const state = session.marks.get(contest.id);
    const list = (mark) => contest.candidates.filter((c) => state.marks.get(c.id) === mark).map((c) => c.id);
    result[contest.id] = {
      for: list('for'),
      against: list('against'),
      abstain: list('abstain'),
      write_ins: contest.write_ins ? writtenNames(state) : [],
    };
  }
  return result;
}

async function sendCast() {
  const cast = session?.cast;
  if (!cast || cast.sending) return;
  cast.sending = true;
  for (const id of ['cast-retry', 'cast-finish', 'challenge-back']) byId(id).hidden = true;
  showMessage(byId('casting-error'), null);
  setText(byId('casting-heading'), 'kiosk.casting.heading');
  setText(byId('casting-status'), 'kiosk.casting.sending');
  showView('view-casting');
  let receipt;
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        receipt = await api.post('/kiosk/casts', cast.body, { timeoutMs: 20000 });
        break;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const resend = error.uncertain || error.status >= 500;
        if (resend && attempt < settings.castRetries) {
          setText(byId('casting-status'), 'kiosk.casting.resending', { attempt: attempt + 1 });
          await sleep(settings.castRetryMs * 2 ** attempt);
          continue;
        }
        castFailed(error, resend);
        return;
      }
    }
  } finally {
    cast.sending = false;
  }
  showReceipt(receipt);
}

function castFailed(error, resend) {
  // A sealed ballot's refusals say to seal it again (error.seal.<code>) where that differs.
  const places = ['seal', 'cast'];
  if (resend) {
    // It may or may not have been recorded: only the same ballot may be sent again.
    setText(byId('casting-heading'), 'kiosk.casting.uncertainHeading');
    showMessage(byId('casting-error'), 'kiosk.casting.uncertain', {}, 'error');
    setText(byId('casting-status'), ...refusalText(error, places));
    setText(byId('cast-retry'), 'kiosk.casting.retry');
    byId('cast-retry').hidden = false;
    byId('cast-retry').focus();
    return;
  }
  if (EDITABLE_REFUSALS.has(error.code)) {
    // Refused whole: nothing was recorded, so the delegate may change the ballot (and a sealed
    // one is sealed afresh: this sealing is dropped).
    session.cast = null;
    showReview();
    showMessage(byId('review-error'), ...refusalText(error, places), 'error');
    return;
  }
  setText(byId('casting-heading'), 'kiosk.casting.notCastHeading');
  showMessage(byId('casting-error'), ...refusalText(error, places), 'error');
  setText(byId('casting-status'), 'kiosk.casting.notCast');
  byId('cast-finish').hidden = false;
  byId('cast-finish').focus();
}

/** The message of a refusal: `error.<place>.<code>` for the first place that has one, then as errorText. */
function refusalText(error, places) {
  for (const place of places.slice(0, -1)) {
    const key = `error.${place}.${error.code}`;
    if (error instanceof ApiError && hasKey(key)) return [key, { requestId: error.requestId || '—', status: error.status }];
  }
  return errorText(error, places.at(-1));
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- Sealing: encrypt, then cast or challenge ----

/** The shapes of the ballot's contests for encryptBallot, in the order the ballot lists them. */
function shapes() {
  return session.ballot.contests.map((contest) => ({
    contest: contest.id,
    candidates: contest.candidates.map((c) => c.id),
    lines: contest.write_in_lines ?? 0,
    seats: contest.seats,
  }));
}

/**
 * Encrypts and proves the marks in the page, then shows the tracker: the short form of the
 * receipt the ballot will have once cast (the leaf hash of docs/record-format.md, computed here
 * so that the server's receipt can be checked against it).
 */
async function sealBallot() {
  if (session.sealing || session.cast || session.challenge) return;
  const mine = session;
  mine.sealing = true;
  mine.sealed = null;
  showView('view-sealing');
  const started = performance.now();
  try {
    const { joint_key: key, manifest_hash: manifestHash } = mine.ballot.sealing;
    const round = mine.ballot.round;
    const { sealed } = await askSealer({ kind: 'seal', key, shapes: shapes(), marks: sections(), context: { manifestHash, round } });
    const { ballot, opening } = sealed;
    const leaf = { congress: mine.congress, round, salt: ballot.salt, sealed: ballot.sections };
    const receipt = toHex(await leafHash(canonicalBytes(leaf)));
    measureSealing(started);
    if (session !== mine) return; // the delegate left (or the kiosk reset) meanwhile
    mine.sealed = { ballot, opening, receipt, tracker: shortReceipt(receipt) };
    showSealed();
  } catch {
    if (session !== mine) return;
    showReview();
    showMessage(byId('review-error'), 'kiosk.sealing.failed', {}, 'error');
  } finally {
    mine.sealing = false;
  }
}

/** Notes how long a sealing took, as a User Timing measure; only the last few are kept. */
function measureSealing(started) {
  performance.measure(SEAL_MEASURE, { start: started, end: performance.now() });
  const all = performance.getEntriesByName(SEAL_MEASURE, 'measure');
  if (all.length > 20) performance.clearMeasures(SEAL_MEASURE);
}

/** A code shown in groups of four (a tracker, a short receipt): easier to read aloud. */
function showCode(element, code) {
  clear(element);
  for (const group of code.split('-')) element.append(h('span', { class: 'receipt-group', data: group }), ' ');
  element.dataset.code = code;
}

function showSealed() {
  showCode(byId('sealed-tracker'), session.sealed.tracker);
  showView('view-sealed');
}

/** 投入票箱: the sealed ballot goes to the ballot box; from now on it is never opened. */
function castSealed() {
  const sealed = session?.sealed;
  if (!sealed || session.cast || session.challenge) return;
  session.sealed = null; // the opening is forgotten: this ballot may be in the box
  session.cast = {
    body: { card: session.card, round: session.ballot.round, ballot: sealed.ballot },
    sealed: { receipt: sealed.receipt, tracker: sealed.tracker },
  };
  sendCast();
}

/** 检验此票: the ballot and its opening go to be published; this ballot is never cast. */
function challengeSealed() {
  const sealed = session?.sealed;
  if (!sealed || session.cast || session.challenge) return;
  session.sealed = null;
  session.challenge = {
    body: { card: session.card, round: session.ballot.round, ballot: sealed.ballot, opening: sealed.opening },
    receipt: sealed.receipt,
    tracker: sealed.tracker,
  };
  sendChallenge();
}

async function sendChallenge() {
  const challenge = session?.challenge;
  if (!challenge || challenge.sending) return;
  challenge.sending = true;
  for (const id of ['cast-retry', 'cast-finish', 'challenge-back']) byId(id).hidden = true;
  showMessage(byId('casting-error'), null);
  setText(byId('casting-heading'), 'kiosk.challenging.heading');
  setText(byId('casting-status'), 'kiosk.challenging.sending');
  showView('view-casting');
  let answer;
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        answer = await api.post('/kiosk/challenges', challenge.body, { timeoutMs: 20000 });
        break;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // The same challenge again is harmless: this ballot is void either way.
        const resend = error.uncertain || error.status >= 500;
        if (resend && attempt < settings.castRetries) {
          setText(byId('casting-status'), 'kiosk.casting.resending', { attempt: attempt + 1 });
          await sleep(settings.castRetryMs * 2 ** attempt);
          continue;
        }
        challengeFailed(error, resend);
        return;
      }
    }
  } finally {
    challenge.sending = false;
  }
  if (session?.challenge === challenge) showChallenged(challenge, answer);
}

function challengeFailed(error, resend) {
  setText(byId('casting-heading'), 'kiosk.challenging.notDoneHeading');
  if (resend) {
    showMessage(byId('casting-error'), 'kiosk.challenging.uncertain', {}, 'error');
    setText(byId('casting-status'), ...errorText(error, 'challenge'));
    setText(byId('cast-retry'), 'kiosk.challenging.retry');
    byId('cast-retry').hidden = false;
    byId('challenge-back').hidden = false;
    byId('cast-retry').focus();
    return;
  }
  session.challenge = null;
  if (RESEALABLE_REFUSALS.has(error.code)) {
    // Nothing was recorded: the delegate seals the marks again (or changes them first).
    showReview();
    showMessage(byId('review-error'), ...errorText(error, 'challenge'), 'error');
    return;
  }
  showMessage(byId('casting-error'), ...errorText(error, 'challenge'), 'error');
  setText(byId('casting-status'), 'kiosk.challenging.notDone');
  byId('cast-finish').hidden = false;
  byId('cast-finish').focus();
}

/**
 * What the challenged ballot revealed, read from its opening (not from the marks on the
 * page): the delegate and a scrutineer compare it with what was marked.
 */
function showChallenged(challenge, answer) {
  session.challenge = null;
  const mismatch = answer.tracker !== challenge.tracker || answer.receipt !== challenge.receipt;
  showMessage(byId('challenged-mismatch'), mismatch ? 'kiosk.challenged.mismatch' : null, { server: answer.tracker, tracker: challenge.tracker }, 'error');
  showCode(byId('challenged-tracker'), challenge.tracker);
  const container = byId('challenged-contests');
  clear(container);
  challenge.body.opening.sections.forEach((section, index) => {
    const contest = session.ballot.contests.find((c) => c.id === section.contest);
    const marks = new Map(section.candidates.map((c) => [c.candidate, c.mark]));
    const writeIns = section.write_ins.map((line) => line.name).filter((name) => name !== null);
    container.append(
      choicesPanel(contest, marks, writeIns, {
        headingId: `challenged-contest-${index + 1}`,
        level: 'h3',
        caption: 'kiosk.challenged.caption',
        choice: 'kiosk.challenged.choice',
      }),
    );
  });
  showView('view-challenged');
}

// ---- The receipt ----

function showReceipt(receipt) {
  // The ballot is gone from the page as soon as it is cast: only the receipt remains.
  const congressName = status?.congress_name ?? '';
  const round = session.ballot.round;
  const { sealed } = session.cast;
  session = null;
  forgetBallot();
  session = { receiptOnly: true };
  setData(byId('receipt-congress'), congressName);
  setText(byId('receipt-round'), 'kiosk.receipt.round', { round });
  const code = byId('receipt-code');
  clear(code);
  for (const group of receipt.grouped.split(' ')) {
    code.append(h('span', { class: 'receipt-group', data: group }), ' ');
  }
  code.dataset.receipt = receipt.receipt;
  const short = byId('receipt-short');
  clear(short);
  // Shown with spaces (easier to read aloud), typed with or without them.
  for (const group of receipt.short.split('-')) {
    short.append(h('span', { class: 'receipt-group', data: group }), ' ');
  }
  short.dataset.short = receipt.short;
  const qr = byId('receipt-qr');
  // The server's SVG goes in as an image, never as markup of this page.
  qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(receipt.qr)}`;
  qr.hidden = false;
  const address = `${location.origin}/r/${encodeURIComponent(status?.kiosk?.congress ?? '')}`;
  setText(byId('receipt-check'), 'kiosk.receipt.check', { address });
  byId('receipt-check').dataset.address = address;
  byId('receipt-repeated').hidden = !receipt.repeated;
  // The receipt is the tracker shown before the choice: the kiosk checks it.
  byId('receipt-tracker').hidden = false;
  showCode(byId('receipt-tracker-code'), sealed.tracker);
  const mismatch = receipt.short !== sealed.tracker || receipt.receipt !== sealed.receipt;
  showMessage(byId('receipt-mismatch'), mismatch ? 'kiosk.receipt.mismatch' : null, { short: receipt.short, tracker: sealed.tracker }, 'error');
  showView('view-receipt');
}

// ---- Starting over ----

/** Removes every trace of the ballot from the page. */
function forgetBallot() {
  clear(byId('candidates'));
  clear(byId('write-in-list'));
  clear(byId('review-contests'));
  clear(byId('challenged-contests'));
  for (const id of ['sealed-tracker', 'challenged-tracker']) {
    clear(byId(id));
    delete byId(id).dataset.code;
  }
  byId('contest-heading').textContent = '';
  for (const id of ['contest-error', 'review-error', 'casting-error', 'card-error', 'challenged-mismatch']) showMessage(byId(id), null);
  byId('card-input').value = '';
  byId('card-input').removeAttribute('aria-invalid');
}

/** Back to the start for the next delegate: the ballot, the receipt and the display settings go. */
function resetKiosk() {
  session = null;
  const dialog = byId('cancel-dialog');
  if (dialog.open) dialog.close();
  forgetBallot();
  clear(byId('receipt-code'));
  delete byId('receipt-code').dataset.receipt;
  clear(byId('receipt-short'));
  delete byId('receipt-short').dataset.short;
  byId('receipt-qr').removeAttribute('src');
  byId('receipt-qr').hidden = true;
  clear(byId('receipt-tracker-code'));
  delete byId('receipt-tracker-code').dataset.code;
  byId('receipt-tracker').hidden = true;
  showMessage(byId('receipt-mismatch'), null);
  closeIdleWarning();
  resetDisplay();
  history.replaceState(null, '', location.pathname + location.search);
  lastActivity = Date.now();
  showView('view-loading', { focus: false });
  refreshStatus();
}

// ---- Idle timeout ----

function noteActivity() {
  // While the warning is up only its own button (or Escape) counts: a touch meant for it must
  // not fall through to a mark beneath.
  if (byId('idle-dialog').open) return;
  lastActivity = Date.now();
}

/** "继续投票": the ballot stays as it was, and the timeout starts again. */
function continueVoting() {
  lastActivity = Date.now();
  closeIdleWarning();
}

function closeIdleWarning() {
  const dialog = byId('idle-dialog');
  if (!dialog.open) return;
  const returnTo = dialog.returnFocus;
  dialog.close();
  delete dialog.dataset.seconds;
  if (returnTo?.isConnected) returnTo.focus();
}

function checkIdle() {
  // A ballot being sealed, cast or challenged is never dropped: its outcome must be shown.
  if (!session || session.cast || session.challenge?.sending || session.sealing) {
    closeIdleWarning();
    return;
  }
  const remaining = settings.idleMs - (Date.now() - lastActivity);
  if (remaining <= 0) {
    resetKiosk();
    return;
  }
  const dialog = byId('idle-dialog');
  // A receipt on its own holds no choices to lose: it just goes when its time is up.
  if (remaining > warnMs || session.receiptOnly) return;
  const seconds = Math.ceil(remaining / 1000);
  if (!dialog.open) {
    dialog.returnFocus = document.activeElement;
    const cancel = byId('cancel-dialog');
    if (cancel.open) cancel.close();
    dialog.showModal();
    byId('idle-continue').focus();
  }
  if (dialog.dataset.seconds !== String(seconds)) {
    dialog.dataset.seconds = String(seconds);
    setText(byId('idle-body'), 'kiosk.idle.body', { seconds });
    setText(byId('idle-countdown'), 'kiosk.idle.countdown', { seconds });
  }
}

start();
