// The hall display (/hall/{congress}), for the projector: attendance and the quorum before
// voting; while a round is open, ballots issued and returned — never a partial result (the
// server sends none); once it is closed, the count of each contest as the rules engine made it;
// once published, the result hash and its QR code. It updates by itself, and shows one screen at
// a time when there is more than fits (each contest of a round), turning every few seconds; the
// arrow keys turn too.
//
// Public and read-only: it shows what the hall hears announced (docs/operator-guide.md).
// Address parameters: ?poll=SECONDS (default 5), ?rotate=SECONDS (default 15), ?lang=en,
// ?contrast=normal (high contrast is the default on a projector).

import { ApiError, api, segment } from './shared/api.js';
import { byId, h, secondsParam, setData, showMessage, showView } from './shared/dom.js';
import { formatTime, languageFromAddress, onLanguageChange, setAttr, setLanguage, setText } from './shared/i18n.js';
import { mountToolbar, setContrast } from './shared/toolbar.js';

const congressId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const pollMs = secondsParam('poll', 5) * 1000;
const rotateMs = secondsParam('rotate', 15) * 1000;

let hall = null;
let shown = '';
let slide = 0;
let slideCount = 0;
let lastUpdate = 0;

async function start() {
  setLanguage(languageFromAddress());
  mountToolbar(byId('toolbar'));
  setContrast(new URLSearchParams(location.search).get('contrast') !== 'normal');
  if (!congressId) {
    setText(byId('missing-text'), 'hall.noCongress');
    showView('view-missing');
    return;
  }
  onLanguageChange(() => {
    if (hall) render(hall);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight' || event.key === 'PageDown') turn(1);
    if (event.key === 'ArrowLeft' || event.key === 'PageUp') turn(-1);
  });
  setInterval(() => turn(1), rotateMs);
  await poll();
}

async function poll() {
  try {
    const answer = await api.get(`/public/congresses/${segment(congressId)}/hall`);
    showMessage(byId('page-error'), null);
    lastUpdate = Date.now();
    const text = JSON.stringify(answer);
    if (text !== shown) {
      shown = text;
      hall = answer;
      render(hall);
    }
    setText(byId('hall-updated'), 'hall.updated', { time: formatTime(lastUpdate) });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && !hall) {
      setText(byId('missing-text'), 'hall.notFound');
      showView('view-missing');
    } else {
      // The last figures stay up, saying how old they are.
      showMessage(byId('page-error'), lastUpdate ? 'hall.stale' : 'hall.unreachable', { time: lastUpdate ? formatTime(lastUpdate) : '' }, 'error');
    }
  }
  setTimeout(poll, pollMs);
}

// ---- What each phase shows ----

function render(data) {
  setData(byId('hall-congress'), data.congress_name);
  const slides = [];
  const heading = byId('hall-heading');
  switch (data.phase) {
    case 'preparing':
      setText(heading, 'hall.preparing.heading');
      slides.push(h('div', {}, h('p', { class: 'hall-note', text: 'hall.preparing.text' })));
      break;
    case 'attendance':
      setText(heading, 'hall.attendance.heading');
      slides.push(attendanceSlide(data));
      break;
    case 'voting':
      setText(heading, 'hall.voting.heading', roundParams(data.open_round));
      slides.push(votingSlide(data.open_round));
      break;
    case 'counted':
      setText(heading, 'hall.counted.heading', roundParams(data.latest));
      slides.push(...data.latest.contests.map(contestSlide), attendanceSlide(data));
      break;
    case 'published':
      setText(heading, 'hall.published.heading');
      slides.push(hashSlide(data), electedSlide(data), ...data.latest.contests.map(contestSlide));
      break;
    default:
      setText(heading, 'hall.pageTitle');
  }
  slides.forEach((element, i) => {
    element.classList.add('hall-screen');
    element.dataset.slide = String(i);
  });
  byId('hall-body').replaceChildren(...slides);
  byId('hall-body').dataset.phase = data.phase;
  if (slides.length !== slideCount) slide = 0;
  slideCount = slides.length;
  turn(0);
  showView('view-hall', { focus: false });
}

function roundParams(round) {
  return { number: round.number, sitting: { key: `results.sitting.${round.sitting}` } };
}

/** Shows the next (or previous) screen when there are several. */
function turn(step) {
  const screens = [...byId('hall-body').querySelectorAll(':scope > .hall-screen')];
  if (screens.length === 0) return;
  slide = (slide + step + screens.length) % screens.length;
  screens.forEach((screen, i) => {
    screen.hidden = i !== slide;
  });
  const indicator = byId('hall-slide');
  indicator.hidden = screens.length < 2;
  if (!indicator.hidden) setText(indicator, 'hall.slide', { n: slide + 1, total: screens.length });
}

function figures(pairs, { small = false } = {}) {
  return h(
    'dl',
    { class: small ? 'hall-figures small' : 'hall-figures' },
    ...pairs.map(([key, value, name]) => h('div', { attrs: { [`data-${name}`]: '' } }, h('dt', { text: key }), h('dd', { data: String(value) }))),
  );
}

function attendanceSlide(data) {
  return h(
    'div',
    { class: 'hall-grid', attrs: { 'data-attendance': '' } },
    ...data.attendance.map((line) => {
      const headingId = `attendance-${line.electorate}`;
      return h(
        'section',
        { class: 'hall-panel', attrs: { 'aria-labelledby': headingId, 'data-electorate': line.electorate } },
        h('h2', { id: headingId, text: `electorate.${line.electorate}` }),
        figures([
          ['results.count.entitled', line.entitled, 'entitled'],
          ['results.count.present', line.present, 'present'],
        ]),
        line.quorum
          ? h('p', {
              class: 'hall-quorum',
              attrs: { 'data-met': String(line.quorum.met) },
              text: [line.quorum.met ? 'hall.quorum.met' : 'hall.quorum.notMet', { required: line.quorum.required, missing: Math.max(0, line.quorum.required - line.present) }],
            })
          : null,
      );
    }),
  );
}

function votingSlide(round) {
  return h(
    'div',
    { attrs: { 'data-ballots': '' } },
    h(
      'div',
      { class: 'hall-grid' },
      ...round.contests.map((c) => {
        const headingId = `ballots-${c.id}`;
        return h(
          'section',
          { class: 'hall-panel', attrs: { 'aria-labelledby': headingId, 'data-contest': c.id } },
          h('h2', { id: headingId }, h('span', { data: c.title, attrs: { lang: 'zh-CN' } }), c.round === 'regular' ? null : h('span', { text: ['hall.roundKind', { kind: { key: `roundKind.${c.round}` } }] })),
          figures([
            ['results.count.issued', c.issued, 'issued'],
            ['results.count.returned', c.returned, 'returned'],
          ]),
        );
      }),
    ),
    h('p', { class: 'hall-note', text: 'hall.voting.note' }),
  );
}

function contestSlide(c) {
  const headingId = `result-${c.id}`;
  const columns = c.candidates.length > 18 ? 3 : c.candidates.length > 9 ? 2 : 1;
  return h(
    'section',
    { class: 'hall-panel', attrs: { 'aria-labelledby': headingId, 'data-result-contest': c.id, 'data-status': c.status } },
    h('h2', { id: headingId }, h('span', { data: c.title, attrs: { lang: 'zh-CN' } }), c.round === 'regular' ? null : h('span', { text: ['hall.roundKind', { kind: { key: `roundKind.${c.round}` } }] })),
    figures(
      [
        ['results.count.entitled', c.entitled, 'entitled'],
        ['results.count.issued', c.issued, 'issued'],
        ['results.count.returned', c.returned, 'returned'],
        ['results.count.valid', c.valid, 'valid'],
        ['results.count.invalid', c.invalid, 'invalid'],
      ],
      { small: true },
    ),
    h('p', { class: 'hall-counts', text: ['results.contest.seats', { seats: c.seats, threshold: c.threshold }] }),
    h(
      'ul',
      { class: 'hall-people', attrs: { 'data-columns': String(columns) } },
      ...c.candidates.map((p) =>
        h(
          'li',
          { attrs: { 'data-person': p.id ?? `write-in:${p.name}`, 'data-elected': String(p.elected) } },
          h(
            'span',
            { class: 'hall-name' },
            h('span', { data: p.name, attrs: { lang: 'zh-CN' } }),
            p.write_in ? h('span', { text: 'results.writeIn' }) : null,
            p.elected ? h('span', { class: 'hall-elected-tag', text: 'results.count.elected' }) : null,
          ),
          h('span', { class: 'hall-votes', attrs: { 'data-votes': String(p.for) }, text: ['hall.votes', { votes: p.for }] }),
        ),
      ),
    ),
    h('p', { class: 'hall-status', text: [`results.status.${c.status}`, { open: c.open_seats ?? 0 }] }),
  );
}

function hashSlide(data) {
  const qr = h('img', {
    class: 'hall-qr',
    attrs: { src: `/api/v1/public/congresses/${segment(congressId)}/result-hash.svg`, width: '360', height: '360' },
  });
  setAttr(qr, 'alt', 'results.qrAlt');
  return h(
    'section',
    { class: 'hall-panel', attrs: { 'aria-labelledby': 'hash-heading', 'data-hash': data.result_hash } },
    h('h2', { id: 'hash-heading', text: 'hall.hash.heading' }),
    h('div', { class: 'hall-hash' }, h('p', { id: 'hall-hash', class: 'hall-hash-text', data: data.result_hash_grouped, attrs: { lang: 'en' } }), qr),
    h('p', { class: 'hall-note', text: ['hall.hash.note', { address: `${location.origin}/results/${congressId}` }] }),
  );
}

function electedSlide(data) {
  const title = (contest) => data.latest.contests.find((c) => c.id === contest)?.title ?? contest;
  return h(
    'section',
    { class: 'hall-panel', attrs: { 'aria-labelledby': 'elected-heading', 'data-elected-bodies': '' } },
    h('h2', { id: 'elected-heading', text: 'results.elected.heading' }),
    h(
      'ul',
      { class: 'hall-bodies' },
      ...data.bodies.map((body) =>
        h(
          'li',
          { attrs: { 'data-contest': body.contest } },
          h('span', { class: 'label', data: title(body.contest), attrs: { lang: 'zh-CN' } }),
          h('span', { data: body.elected.map((p) => p.name).join('、') || '—', attrs: { lang: 'zh-CN' } }),
        ),
      ),
    ),
  );
}

start();
