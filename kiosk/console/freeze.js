// Validation and freezing: every problem and warning the server finds, then the freeze itself,
// after which the manifest hash and the election key's fingerprint are shown large, for the
// minutes.

import { api } from '../shared/api.js';
import { byId, h } from '../shared/dom.js';
import { clearError, confirmAction, congressPath, isFrozen, reportError, state } from './common.js';
import { frozenFigures } from './congress.js';

let refreshCongress = async () => {};
let busy = false;

function init(context) {
  refreshCongress = context.refreshCongress;
  byId('validate').addEventListener('click', validate);
  byId('freeze').addEventListener('click', freeze);
}

function reset() {
  byId('validation').replaceChildren();
  clearError(byId('freeze-error'));
}

async function load() {
  render();
  if (!isFrozen()) await validate({ announce: false });
}

function render(receipt) {
  const frozen = isFrozen();
  byId('freeze-before').hidden = frozen;
  byId('freeze-after').hidden = !frozen;
  if (frozen) byId('freeze-hashes').replaceChildren(...frozenFigures(receipt));
}

/** The server's check of the whole setup. Its problems and warnings are English sentences. */
async function validate({ announce = true } = {}) {
  const container = byId('validation');
  let result;
  try {
    result = await api.get(congressPath('/validation'));
  } catch (error) {
    const box = h('div', { class: 'form-error', attrs: { role: 'alert' } });
    container.replaceChildren(box);
    reportError(box, error, 'validation');
    return null;
  }
  container.replaceChildren(...validationParts(result));
  if (announce) container.querySelector('h2')?.focus();
  return result;
}

function validationParts(result) {
  const list = (items, kind) =>
    h(
      'ul',
      { class: `finding-list ${kind}`, attrs: { 'data-findings': kind } },
      ...items.map((text) => h('li', { data: text, attrs: { lang: 'en' } })),
    );
  const parts = [
    h('h2', { attrs: { tabindex: '-1' }, text: 'console.freeze.result' }),
    h('p', {
      class: 'message',
      attrs: { 'data-kind': result.ready ? 'success' : 'error', 'data-ready': String(result.ready) },
      text: result.ready ? 'console.freeze.ready' : ['console.freeze.notReady', { count: result.problems.length }],
    }),
  ];
  if (result.problems.length > 0) {
    parts.push(h('h3', { text: ['console.freeze.problems', { count: result.problems.length }] }), list(result.problems, 'problems'));
  }
  if (result.warnings.length > 0) {
    parts.push(h('h3', { text: ['console.freeze.warnings', { count: result.warnings.length }] }), list(result.warnings, 'warnings'));
  }
  if (result.problems.length + result.warnings.length > 0) {
    parts.push(h('p', { class: 'hint', text: 'console.freeze.english' }));
  }
  return parts;
}

async function freeze() {
  if (busy) return;
  const errorBox = byId('freeze-error');
  clearError(errorBox);
  const sure = await confirmAction({
    title: 'console.freeze.confirmTitle',
    body: ['console.freeze.confirmBody', { name: state.congress.name }],
    confirm: 'console.freeze.confirm',
    danger: true,
  });
  if (!sure) return;
  busy = true;
  byId('freeze').setAttribute('aria-disabled', 'true');
  let receipt;
  try {
    receipt = await api.post(congressPath('/freeze'));
  } catch (error) {
    if (reportError(errorBox, error, 'freeze')) return;
    if (error.code === 'not_ready' && Array.isArray(error.details)) {
      errorBox.append(h('ul', { class: 'finding-list problems' }, ...error.details.map((text) => h('li', { data: text, attrs: { lang: 'en' } }))));
    }
    return;
  } finally {
    busy = false;
    byId('freeze').removeAttribute('aria-disabled');
  }
  await refreshCongress();
  render(receipt);
  byId('freeze-minutes-heading').setAttribute('tabindex', '-1');
  byId('freeze-minutes-heading').focus();
}

export default { name: 'freeze', view: 'view-freeze', init, reset, load };
