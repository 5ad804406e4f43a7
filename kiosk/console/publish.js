// Publishing: once every body is elected, the signed publication whose hash is the result hash
// of the minutes; then the record to download and the public results page and minutes.

import { api } from '../shared/api.js';
import { byId, h } from '../shared/dom.js';
import { clearError, confirmAction, congressPath, groupHex, isFrozen, reportError, state, table, dataCell, textCell } from './common.js';

let busy = false;

function init() {
  byId('publish').addEventListener('click', publish);
}

function reset() {
  clearError(byId('publish-error'));
  byId('publish-readiness').replaceChildren();
  byId('publish-before').hidden = true;
  byId('publish-after').hidden = true;
}

async function load() {
  const frozen = isFrozen();
  byId('publish-not-frozen').hidden = frozen;
  if (!frozen) {
    byId('publish-before').hidden = true;
    byId('publish-after').hidden = true;
    return;
  }
  let next;
  let manifest;
  try {
    [next, manifest] = await Promise.all([api.get(congressPath('/next')), api.get(congressPath('/manifest'))]);
  } catch (error) {
    reportError(byId('publish-error'), error, 'publish');
    return;
  }
  if (next.published) {
    await showPublished();
    return;
  }
  byId('publish-before').hidden = false;
  byId('publish-after').hidden = true;
  renderReadiness(next, manifest);
}

function renderReadiness(next, manifest) {
  const title = (id) => manifest.contests.find((c) => c.id === id)?.title ?? id;
  const unfinished = next.bodies.filter((b) => b.elected.length < b.seats);
  const parts = [];
  if (next.open_round) {
    parts.push(h('p', { class: 'message', attrs: { 'data-kind': 'warning' }, text: ['console.publish.roundOpen', { number: next.open_round }] }));
  }
  if (unfinished.length > 0) {
    parts.push(
      h('p', { class: 'message', attrs: { 'data-kind': 'warning' }, text: 'console.publish.unfinished' }),
      table({
        columns: ['console.rounds.body', 'console.rounds.seats', 'console.publish.electedCount'],
        numeric: [1, 2],
        attrs: { 'data-table': 'unfinished' },
        rows: unfinished.map((b) =>
          h('tr', {}, h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: title(b.contest) }), dataCell(b.seats, { numeric: true }), dataCell(b.elected.length, { numeric: true })),
        ),
      }),
    );
  }
  if (!next.open_round && unfinished.length === 0) {
    parts.push(h('p', { class: 'message', attrs: { 'data-kind': 'success' }, text: 'console.publish.ready' }));
    parts.push(
      table({
        columns: ['console.rounds.body', 'console.rounds.seats', 'console.rounds.electedSoFar'],
        numeric: [1],
        attrs: { 'data-table': 'elected' },
        rows: next.bodies.map((b) =>
          h(
            'tr',
            {},
            h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: title(b.contest) }),
            dataCell(b.seats, { numeric: true }),
            b.elected.length ? dataCell(b.elected.map((p) => p.name).join('、'), { lang: 'zh-CN' }) : textCell('console.rounds.nobodyYet'),
          ),
        ),
      }),
    );
  }
  byId('publish-readiness').replaceChildren(...parts);
}

async function publish() {
  if (busy) return;
  const errorBox = byId('publish-error');
  clearError(errorBox);
  const sure = await confirmAction({
    title: 'console.publish.confirmTitle',
    body: ['console.publish.confirmBody', { name: state.congress.name }],
    confirm: 'console.publish.confirm',
    danger: true,
  });
  if (!sure) return;
  busy = true;
  byId('publish').setAttribute('aria-disabled', 'true');
  let published;
  try {
    published = await api.post(congressPath('/publication'));
  } catch (error) {
    reportError(errorBox, error, 'publish');
    return;
  } finally {
    busy = false;
    byId('publish').removeAttribute('aria-disabled');
  }
  showHash(published.result_hash);
  byId('result-hash-heading').setAttribute('tabindex', '-1');
  byId('result-hash-heading').focus();
}

/** The published result hash, read back from the public results. */
async function showPublished() {
  let results;
  try {
    results = await api.get(`/public/congresses/${encodeURIComponent(state.congress.id)}/results`);
  } catch (error) {
    reportError(byId('publish-error'), error, 'publish');
    return;
  }
  showHash(results.publication.result_hash);
}

function showHash(hex) {
  const id = encodeURIComponent(state.congress.id);
  byId('publish-before').hidden = true;
  byId('publish-after').hidden = false;
  const hash = byId('result-hash');
  hash.dataset.raw = '';
  hash.dataset.hash = hex;
  hash.textContent = groupHex(hex);
  const record = byId('record-link');
  record.setAttribute('href', `/api/v1/congresses/${id}/record`);
  record.setAttribute('download', `ballotbox-record-${state.congress.id}.json`);
  byId('results-link').setAttribute('href', `/results/${id}`);
  byId('minutes-link').setAttribute('href', `/minutes/${id}`);
}

export default { name: 'publish', view: 'view-publish', init, reset, load };
