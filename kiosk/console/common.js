// What the console's sections share: the congress being worked on, requests about it, how a
// refusal is shown (in the user's language, with the server's own words where they add
// something), confirmations, and small formatting helpers.

import { API_BASE, ApiError, DEFAULT_TIMEOUT_MS, errorText, segment } from '../shared/api.js';
import { clear, h, setData, showMessage } from '../shared/dom.js';
import { formatTime, setText } from '../shared/i18n.js';

/** What the console knows now. */
export const state = {
  /** The signed-in account: { name, role }. */
  user: null,
  /** The congress being worked on, as GET /congresses/{id} gives it. */
  congress: null,
};

/** The API path of the chosen congress, with `rest` after it. */
export function congressPath(rest = '') {
  return `/congresses/${segment(state.congress.id)}${rest}`;
}

/** Whether the chosen congress's setup is frozen. */
export function isFrozen() {
  return Boolean(state.congress?.frozen);
}

let sessionEndedHandler = () => {};

/** Sets what happens when a request finds the session over (the sign-in view). */
export function onSessionEnded(handler) {
  sessionEndedHandler = handler;
}

/**
 * PUTs a file's bytes as text/csv, unchanged (the server reads UTF-8 or GB18030 itself);
 * resolves to the answer's JSON or rejects with an ApiError, as api.js does for JSON.
 */
export async function putCsv(path, bytes, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  let response;
  let text;
  try {
    response = await fetch(API_BASE + path, {
      method: 'PUT',
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv' },
      body: bytes,
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
      signal: controller.signal,
    });
    text = await response.text();
  } catch (cause) {
    throw new ApiError({ status: 0, code: timedOut ? 'timeout' : 'network', message: String(cause) });
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError({
      status: response.status,
      code: error.code || `http_${response.status}`,
      message: error.message || text,
      requestId: error.request_id || response.headers.get('x-request-id'),
      details: error.details,
    });
  }
  return data;
}

/**
 * Refusals whose server message names what is wrong (which contest, which delegate, which
 * rule) beyond what the translated message can say: it is shown too, as the server wrote it.
 */
const EXPLAINED = new Set([
  'rules',
  'roster_in_use',
  'delegate_in_use',
  'unknown_delegate',
  'duplicate_candidate',
  'duplicate_scrutineer',
  'bad_contest',
  'not_found',
]);

/**
 * Shows a failed request in `box` (an element with role=alert): the translated message, and
 * for some refusals the server's own explanation. A session that ended leads to the sign-in
 * view (the page keeps every form as it was). Returns true when the session had ended.
 */
export function reportError(box, error, where) {
  if (error?.code === 'not_signed_in') {
    sessionEndedHandler();
    return true;
  }
  const [key, params] = errorText(error, where);
  const parts = [h('p', { class: 'message', attrs: { 'data-kind': 'error' }, text: [key, params] })];
  if (error instanceof ApiError && EXPLAINED.has(error.code) && error.message) {
    parts.push(
      h(
        'p',
        { class: 'server-detail' },
        h('span', { text: 'console.serverSays' }),
        ' ',
        h('span', { data: error.message, attrs: { lang: 'en' } }),
      ),
    );
  }
  box.replaceChildren(...parts);
  box.dataset.code = error?.code ?? '';
  return false;
}

/** Shows a problem found before sending anything (key and params of its message) in `box`. */
export function showProblem(box, key, params) {
  box.replaceChildren(h('p', { class: 'message', attrs: { 'data-kind': 'error' }, text: [key, params] }));
  box.dataset.code = 'local';
}

/** Empties an error box. */
export function clearError(box) {
  clear(box);
  delete box.dataset.code;
}

/** Shows a success or other status message (or hides it with key null). */
export function report(element, key, params, kind = 'success') {
  showMessage(element, key, params, kind);
}

/**
 * Asks before something that cannot be undone. `title`, `body` and `confirm` are keys (or
 * [key, params]), with `details` (an element) below the body; resolves to true when
 * confirmed. The focus starts on Cancel for a dangerous action, and goes back where it was
 * afterwards.
 */
export function confirmAction({ title, body, details = null, confirm, danger = false }) {
  const dialog = document.getElementById('confirm-dialog');
  const yes = document.getElementById('confirm-yes');
  const no = document.getElementById('confirm-no');
  const asText = (value) => (Array.isArray(value) ? value : [value, undefined]);
  setText(document.getElementById('confirm-title'), ...asText(title));
  setText(document.getElementById('confirm-body'), ...asText(body));
  // What the decision rests on, such as the figures and kiosks before closing a round.
  document.getElementById('confirm-details')?.replaceChildren(...(details ? [details] : []));
  setText(yes, ...asText(confirm));
  yes.className = danger ? 'button danger' : 'button primary';
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const finish = (answer) => {
      yes.removeEventListener('click', onYes);
      no.removeEventListener('click', onNo);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      if (opener && document.contains(opener)) opener.focus();
      resolve(answer);
    };
    const onYes = () => finish(true);
    const onNo = () => finish(false);
    // A close event queued by an earlier confirmation (closed just before this one opened)
    // arrives while this dialog is open: only a close that left it closed answers no.
    const onClose = () => {
      if (!dialog.open) finish(false);
    };
    yes.addEventListener('click', onYes);
    no.addEventListener('click', onNo);
    dialog.addEventListener('close', onClose);
    dialog.showModal();
    (danger ? no : yes).focus();
  });
}

/** A hex digest in groups of four, as the minutes print it. */
export function groupHex(hex) {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** A date and time (milliseconds since the epoch) for people. */
export function formatDateTime(ms, language) {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** A hash shown large, with its label, for copying into the minutes. */
export function hashFigure(labelKey, hex, attrs = {}) {
  return h(
    'div',
    { class: 'hash-figure', attrs },
    h('p', { class: 'hash-label', text: labelKey }),
    h('p', { class: 'hash-display', data: groupHex(hex), attrs: { lang: 'en' } }),
  );
}

/** A table from column keys and rows of cells (elements); `attrs` for the table. */
export function table({ caption, columns, rows, attrs = {}, numeric = [] }) {
  return h(
    'table',
    { attrs },
    caption ? h('caption', { text: caption }) : null,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...columns.map((key, i) =>
          h('th', { attrs: { scope: 'col' }, class: numeric.includes(i) ? 'number' : undefined, text: key }),
        ),
      ),
    ),
    h('tbody', {}, ...rows),
  );
}

/** A data cell: a name, a number or a code. */
export function dataCell(value, { numeric = false, lang, header = false, attrs = {} } = {}) {
  const cell = h(header ? 'th' : 'td', { class: numeric ? 'number' : undefined, attrs: { ...attrs, lang, scope: header ? 'row' : undefined } });
  setData(cell, value);
  return cell;
}

/** A translated cell. */
export function textCell(key, params, { attrs = {} } = {}) {
  return h('td', { attrs, text: [key, params] });
}

/** The translation of a card style, as a parameter or text: { key, params }. */
export { styleName } from '../shared/card-style.js';

/**
 * The fewest candidates a contest of `kind` may have for `seats` in a round of `round`, as
 * src/election/contest.rs's MarginRule says (RULES.md §2, §5.5): committee-type bodies 差额 by at
 * least 5 % in their first vote and one more than the open seats in an additional round; chair
 * and vice-chair as the profile says; a tie re-vote always has more candidates than seats.
 */
export function fewestCandidates(kind, seats, profile, round = 'regular') {
  const chairType = kind === 'chair' || kind === 'vice_chair';
  const committeeType = ['committee', 'audit_committee', 'women_committee', 'standing_committee'].includes(kind);
  if (round === 'tie_revote') return seats + 1;
  if (chairType) return profile?.chair_margin === 'competitive_required' ? seats + 1 : seats;
  if (committeeType && round === 'additional') return seats + 1;
  // 20 × (candidates − seats) ≥ seats: 20 seats need 21, 21 need 23.
  if (committeeType) return seats + Math.ceil(seats / 20);
  return seats;
}

/** The fewest present for the quorum (RULES.md §3) under the congress's profile. */
export function quorumRequired(entitled, profile) {
  if (profile?.quorum === 'more_than_two_thirds') return Math.floor((2 * entitled) / 3) + 1;
  return Math.ceil((2 * entitled) / 3);
}

/** A short pause in the page's own polling when it is not shown. */
export function visible(viewId) {
  const view = document.getElementById(viewId);
  return Boolean(view && !view.hidden);
}

/** `text` as the date and time it was updated, in the current language. */
export function updatedAt(element, ms) {
  setText(element, 'common.updatedAt', { time: formatTime(ms) });
}
