// The check-in desk (/desk): a desk clerk (or organiser) signs in, chooses the congress, finds
// each arriving delegate by number or name, checks them in (or undoes a mistaken check-in),
// activates the ballot card handed over, and watches the live figures. Once the committee is
// elected, its members check in here for the committee's first plenary.
//
// Address parameters: ?congress=ID (chosen for you; kept in the address), ?poll=SECONDS (how
// often the figures are refreshed, default 5), ?lang=en.

import { api, errorText, segment } from './shared/api.js';
import { readCard, cardErrorText } from './shared/cardcode.js';
import { byId, clear, h, isBusy, secondsParam, setBusy, showMessage, showView } from './shared/dom.js';
import { formatTime, languageFromAddress, onLanguageChange, setLanguage, setText } from './shared/i18n.js';
import { staffSignIn } from './shared/signin.js';
import { electorateTable } from './shared/electorate-table.js';
import { mountToolbar } from './shared/toolbar.js';
import { styleBadge, styleName } from './shared/card-style.js';

const pollMs = secondsParam('poll', 5) * 1000;
/** Rows the search shows at most. */
const MAX_RESULTS = 20;
const DESK_ROLES = ['desk', 'organiser'];
const signin = staffSignIn({
  page: 'desk',
  roles: DESK_ROLES,
  onCongress: chooseCongress,
  onLeave: () => {
    stopPolling();
    congress = null;
  },
});
const { sessionEnded } = signin;

let congress = null;
/** The roster with who is present: [{ number, name, gender, unit, voting, present }]. */
let roster = [];
/**
 * The first meetings of the new bodies — the committee's plenary, the funds audit and the women
 * workers' committees' meetings — by sitting: their members once elected, and who is checked in
 * as the server last said, and since by this desk.
 */
const MEETINGS = ['plenary', 'audit_plenary', 'women_plenary'];
const meetings = new Map(MEETINGS.map((sitting) => [sitting, { members: [], present: new Set() }]));
let pollTimer = null;
let lastUpdate = null;
/** The delegate checked in last and the style of card they take: { who, style }, or null. */
let lastCheckIn = null;

// ---- Start and sign-in ----

async function start() {
  setLanguage(languageFromAddress());
  mountToolbar(byId('toolbar'));
  onLanguageChange(() => {
    if (lastUpdate) setText(byId('attendance-updated'), 'common.updatedAt', { time: formatTime(lastUpdate) });
  });
  byId('find-form').addEventListener('submit', (event) => event.preventDefault());
  byId('find-input').addEventListener('input', renderResults);
  byId('activate-form').addEventListener('submit', activate);
  await signin.start();
}

/** Shows the congress chosen (the sign-in module has put it in the address and the masthead). */
async function chooseCongress(chosen) {
  congress = chosen;
  lastCheckIn = null;
  showStyleToHand(null);
  setText(byId('desk-heading'), 'desk.heading', { name: chosen.name });
  byId('not-frozen').hidden = Boolean(chosen.frozen);
  byId('find-input').value = '';
  for (const id of ['checkin-status', 'checkin-error', 'activate-status', 'activate-error', ...MEETINGS.flatMap((s) => [`${s}-status`, `${s}-error`])]) {
    showMessage(byId(id), null);
  }
  for (const meeting of meetings.values()) meeting.present.clear();
  roster = [];
  renderResults();
  showView('view-desk', { focus: 'find-input' });
  await refresh();
}

function congressPath(rest = '') {
  return `/congresses/${segment(congress.id)}${rest}`;
}

// ---- Live figures ----

/** Fetches the roster, the figures and the plenary's members, and shows them. */
/** How many refreshes were asked for: only the latest one's answer is shown. */
let refreshes = 0;

async function refresh() {
  stopPolling();
  if (!congress) return;
  const asked = congress;
  const ticket = ++refreshes;
  // An answer that comes after a later refresh was asked for is older than what the desk
  // knows (a check-in made meanwhile): it is dropped, not shown over the newer state.
  const superseded = () => congress !== asked || ticket !== refreshes;
  try {
    const [entries, attendance, next] = await Promise.all([
      api.get(congressPath('/roster')),
      api.get(congressPath('/attendance')),
      api.get(congressPath('/next')).catch(() => null),
    ]);
    if (superseded()) return;
    roster = entries;
    for (const [sitting, meeting] of meetings) {
      const shown = sitting === 'plenary'
        ? { members: next?.plenary_members, present: next?.plenary_present }
        : next?.sittings?.find((s) => s.sitting === sitting);
      meeting.members = shown?.members ?? [];
      meeting.present = new Set(shown?.present ?? []);
    }
    renderResults({ keepFocus: true });
    renderAttendance(attendance);
    for (const sitting of MEETINGS) renderMeeting(sitting);
    lastUpdate = Date.now();
    setText(byId('attendance-updated'), 'common.updatedAt', { time: formatTime(lastUpdate) });
    showMessage(byId('page-error'), null);
  } catch (error) {
    if (sessionEnded(error) || superseded()) return;
    showMessage(byId('page-error'), ...errorText(error, 'desk'), 'error');
  }
  if (superseded()) return;
  // One timer, however many refreshes overlapped.
  stopPolling();
  pollTimer = setTimeout(refresh, pollMs);
}

function stopPolling() {
  clearTimeout(pollTimer);
  pollTimer = null;
}

function renderAttendance(attendance) {
  const container = byId('attendance');
  const electorates = electorateTable(attendance.electorates, { caption: 'desk.attendance.presentCaption', electorateKey: 'desk.attendance.electorate' });
  const styles = h(
    'table',
    { attrs: { 'data-table': 'styles' } },
    h('caption', { text: 'desk.attendance.cardsCaption' }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { attrs: { scope: 'col' }, text: 'desk.attendance.style' }),
        h('th', { class: 'number', attrs: { scope: 'col' }, text: 'desk.attendance.issued' }),
        h('th', { class: 'number', attrs: { scope: 'col' }, text: 'desk.attendance.limit' }),
      ),
    ),
    h(
      'tbody',
      {},
      ...attendance.styles.map((s) =>
        h(
          'tr',
          { attrs: { 'data-style': s.style } },
          h('th', { attrs: { scope: 'row' } }, styleBadge(s.style)),
          h('td', { class: 'number', attrs: { 'data-issued': '' }, data: s.issued }),
          h('td', { class: 'number', attrs: { 'data-limit': '' }, data: s.limit }),
        ),
      ),
    ),
  );
  container.replaceChildren(electorates, styles);
}

// ---- Finding and checking in ----

function matches(query) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored = [];
  for (const entry of roster) {
    const number = entry.number.toLowerCase();
    let score = -1;
    if (number === q || entry.name === query.trim()) score = 0;
    else if (number.startsWith(q)) score = 1;
    else if (entry.name.includes(query.trim())) score = 2;
    else if (number.includes(q)) score = 3;
    if (score >= 0) scored.push([score, entry]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].number.localeCompare(b[1].number));
  return scored.map(([, entry]) => entry);
}

function renderResults({ keepFocus = false } = {}) {
  const container = byId('find-results');
  const focused = keepFocus && container.contains(document.activeElement) ? document.activeElement.dataset.action : null;
  const query = byId('find-input').value;
  const found = matches(query);
  if (!query.trim()) {
    container.replaceChildren();
    return;
  }
  if (found.length === 0) {
    container.replaceChildren(h('p', { class: 'hint', attrs: { 'data-no-results': '' }, text: ['desk.find.none', { query: query.trim() }] }));
    return;
  }
  const rows = found.slice(0, MAX_RESULTS).map((entry) => {
    const who = { name: entry.name, number: entry.number };
    const action = entry.present
      ? h('button', {
          class: 'button small',
          attrs: { type: 'button', 'data-action': `undo:${entry.number}` },
          text: 'desk.undo',
          i18nAttrs: { 'aria-label': ['desk.undoLabel', who] },
          on: { click: () => undoCheckIn(entry) },
        })
      : h('button', {
          class: 'button small primary',
          attrs: { type: 'button', 'data-action': `checkin:${entry.number}` },
          text: 'desk.checkIn',
          i18nAttrs: { 'aria-label': ['desk.checkInLabel', who] },
          on: { click: () => checkIn(entry) },
        });
    return h(
      'tr',
      { attrs: { 'data-number': entry.number, 'data-present': String(entry.present) } },
      h('td', { class: 'code', data: entry.number }),
      h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: entry.name }),
      h('td', { text: `gender.${entry.gender}` }),
      h('td', { attrs: { lang: 'zh-CN' }, data: entry.unit }),
      h('td', { text: entry.voting ? 'desk.voting.yes' : 'desk.voting.no' }),
      h('td', { class: entry.present ? 'state-present' : 'state-absent', text: entry.present ? 'desk.state.present' : 'desk.state.absent' }),
      h('td', {}, action),
    );
  });
  const table = h(
    'table',
    { class: 'results' },
    h('caption', { text: ['desk.find.caption', { count: found.length }] }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['number', 'name', 'gender', 'unit', 'voting', 'state', 'action'].map((column) =>
          h('th', { attrs: { scope: 'col' }, text: `desk.column.${column}` }),
        ),
      ),
    ),
    h('tbody', {}, ...rows),
  );
  const more = found.length > MAX_RESULTS ? h('p', { class: 'hint', text: ['desk.find.more', { hidden: found.length - MAX_RESULTS }] }) : null;
  container.replaceChildren(table, ...(more ? [more] : []));
  if (focused) {
    // The row's button changes (check in ↔ undo); keep the keyboard in the row.
    const [, number] = focused.split(':');
    const again = container.querySelector(`tr[data-number="${CSS.escape(number)}"] button`);
    if (again) again.focus();
  }
}

function reportCheckIn(key, params, kind) {
  showMessage(byId('checkin-error'), null);
  showMessage(byId('checkin-status'), null);
  showMessage(byId(kind === 'error' ? 'checkin-error' : 'checkin-status'), key, params, kind);
}

async function checkIn(entry) {
  const who = { name: entry.name, number: entry.number };
  let answer;
  try {
    answer = await api.post(congressPath('/check-ins'), { number: entry.number });
  } catch (error) {
    if (sessionEnded(error)) return;
    reportCheckIn(...errorText(error, 'checkin'), 'error');
    return;
  }
  entry.present = true;
  // Who came last, and which card they take: a refused card of another style names it.
  lastCheckIn = answer.style ? { who, style: answer.style } : null;
  showStyleToHand(answer.style);
  if (answer.already_present) {
    reportCheckIn('desk.alreadyPresent', who, 'info');
  } else if (answer.style) {
    reportCheckIn('desk.checkedIn', { ...who, style: styleParam(answer.style) }, 'success');
  } else {
    reportCheckIn('desk.checkedInNoVote', who, 'success');
  }
  renderResults();
  if (answer.style) byId('activate-input').focus();
  else byId('find-input').focus();
  await refresh();
}

/** A card style as a translated parameter of a message. */
function styleParam(style) {
  return styleName(style);
}

/** Shows which card to hand over (the style's badge), or nothing. */
function showStyleToHand(style) {
  const element = byId('checkin-style');
  if (!style) {
    element.hidden = true;
    element.replaceChildren();
    return;
  }
  element.replaceChildren(h('span', { class: 'label', text: 'desk.handStyle' }), styleBadge(style, { className: 'style-badge-large' }));
  element.hidden = false;
}

async function undoCheckIn(entry) {
  const who = { name: entry.name, number: entry.number };
  try {
    await api.delete(congressPath(`/check-ins/${segment(entry.number)}`));
  } catch (error) {
    if (sessionEnded(error)) return;
    reportCheckIn(...errorText(error, 'undo'), 'error');
    return;
  }
  entry.present = false;
  if (lastCheckIn?.who.number === entry.number) {
    lastCheckIn = null;
    showStyleToHand(null);
  }
  reportCheckIn('desk.undone', who, 'success');
  renderResults({ keepFocus: true });
  await refresh();
}

// ---- Activating cards ----

async function activate(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form)) return;
  const input = byId('activate-input');
  const status = byId('activate-status');
  const problem = byId('activate-error');
  showMessage(status, null);
  const reading = readCard(input.value);
  if (!reading.ok) {
    // A typo is caught here, before anything is sent.
    input.setAttribute('aria-invalid', 'true');
    showMessage(problem, ...cardErrorText(reading), 'error');
    input.focus();
    return;
  }
  // A scanned card says its style: one of another style than the delegate's is refused here.
  const scannedStyle = reading.kind === 'qr' ? reading.card.split('.')[2] : null;
  if (scannedStyle && lastCheckIn && scannedStyle !== lastCheckIn.style) {
    input.setAttribute('aria-invalid', 'true');
    showMessage(problem, ...wrongStyle(scannedStyle), 'error');
    input.focus();
    input.select();
    return;
  }
  setBusy(form, true);
  let answer;
  try {
    answer = await api.post(congressPath('/activations'), { card: reading.card });
  } catch (error) {
    if (sessionEnded(error)) return;
    input.setAttribute('aria-invalid', 'true');
    const cardStyle = error.details?.style;
    if (error.code === 'style_full' && lastCheckIn && cardStyle && cardStyle !== lastCheckIn.style) {
      // Every delegate of the card's style has one: most likely the card is of the wrong style.
      showMessage(problem, ...wrongStyle(cardStyle), 'error');
    } else {
      showMessage(problem, ...errorText(error, 'activation'), 'error');
    }
    input.focus();
    input.select();
    return;
  } finally {
    setBusy(form, false);
  }
  input.value = '';
  input.removeAttribute('aria-invalid');
  showMessage(problem, null);
  showMessage(status, 'desk.activated', { style: styleParam(answer.style), issued: answer.issued, limit: answer.limit }, 'success');
  // Next: the next delegate.
  byId('find-input').focus();
  byId('find-input').select();
  await refresh();
}

/** The refusal of a card of `cardStyle` for the delegate who checked in last, as [key, params]. */
function wrongStyle(cardStyle) {
  return ['desk.wrongStyle', { ...lastCheckIn.who, card: styleParam(cardStyle), needed: styleParam(lastCheckIn.style) }];
}

// ---- The first meetings of the new bodies: the committee's plenary and the others ----

function renderMeeting(sitting) {
  const { members, present: checkedIn } = meetings.get(sitting);
  const section = byId(sitting);
  section.hidden = members.length === 0;
  if (section.hidden) return;
  const byNumber = new Map(roster.map((entry) => [entry.number, entry]));
  const rows = members.map((number) => {
    const entry = byNumber.get(number);
    const who = { name: entry?.name ?? number, number };
    const present = checkedIn.has(number);
    return h(
      'tr',
      { attrs: { 'data-number': number, 'data-present': String(present) } },
      h('td', { class: 'code', data: number }),
      h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: entry?.name ?? '' }),
      h('td', { class: present ? 'state-present' : 'state-absent', text: present ? 'desk.state.present' : 'desk.state.absent' }),
      h(
        'td',
        {},
        // Once checked in, the row offers only to undo it (a mistaken check-in).
        present
          ? h('button', {
              class: 'button small',
              attrs: { type: 'button', 'data-action': `${sitting}:${number}` },
              text: 'desk.undo',
              i18nAttrs: { 'aria-label': [`desk.${sitting}.undoLabel`, who] },
              on: { click: () => meetingUndo(sitting, who) },
            })
          : h('button', {
              class: 'button small primary',
              attrs: { type: 'button', 'data-action': `${sitting}:${number}` },
              text: 'desk.checkIn',
              i18nAttrs: { 'aria-label': [`desk.${sitting}.checkInLabel`, who] },
              on: { click: () => meetingCheckIn(sitting, who) },
            }),
      ),
    );
  });
  const focused = section.contains(document.activeElement) ? document.activeElement.dataset.action : null;
  byId(`${sitting}-members`).replaceChildren(
    h(
      'table',
      {},
      h('caption', { text: [`desk.${sitting}.caption`, { count: members.length }] }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['number', 'name', 'state', 'action'].map((column) => h('th', { attrs: { scope: 'col' }, text: `desk.column.${column}` })),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
  if (focused) section.querySelector(`[data-action="${CSS.escape(focused)}"]`)?.focus();
}

async function meetingCheckIn(sitting, who) {
  let answer;
  try {
    answer = await api.post(congressPath(meetingPath(sitting)), { number: who.number });
  } catch (error) {
    if (sessionEnded(error)) return;
    showMessage(byId(`${sitting}-status`), null);
    showMessage(byId(`${sitting}-error`), ...errorText(error, 'plenary'), 'error');
    return;
  }
  meetings.get(sitting).present.add(who.number);
  showMessage(byId(`${sitting}-error`), null);
  const key = answer.already_present ? `desk.${sitting}.already` : `desk.${sitting}.checkedIn`;
  showMessage(byId(`${sitting}-status`), key, { ...who, entitled: answer.entitled, present: answer.present }, 'success');
  renderMeeting(sitting);
}

function meetingPath(sitting) {
  return sitting === 'plenary' ? '/plenary/check-ins' : `/sittings/${sitting}/check-ins`;
}

/** Undoes a member's check-in for a body's meeting: refused once they hold an active card. */
async function meetingUndo(sitting, who) {
  try {
    await api.delete(congressPath(`${meetingPath(sitting)}/${segment(who.number)}`));
  } catch (error) {
    if (sessionEnded(error)) return;
    showMessage(byId(`${sitting}-status`), null);
    showMessage(byId(`${sitting}-error`), ...errorText(error, 'plenaryUndo'), 'error');
    return;
  }
  const meeting = meetings.get(sitting);
  meeting.present.delete(who.number);
  showMessage(byId(`${sitting}-error`), null);
  showMessage(byId(`${sitting}-status`), `desk.${sitting}.undone`, { ...who, present: meeting.present.size }, 'success');
  renderMeeting(sitting);
}

start();
