// How this page reaches the server, for the operator to check: over HTTPS, the certificate's
// fingerprints, to compare with those `ballotbox tls init` printed (and the browser's own
// certificate viewer shows); over plain HTTP from another machine, a warning that everything
// typed here crosses the network in clear.
//
//   <p id="transport" class="transport" hidden></p>
//   showTransport(byId('transport'));

import { api } from './api.js';
import { setText } from './i18n.js';

/** Whether the page was opened on this very machine, where plain HTTP never leaves it. */
function onThisMachine() {
  const host = window.location.hostname;
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
}

/** Fills `element` with the connection's state; leaves it hidden when there is nothing to say. */
export async function showTransport(element) {
  let info;
  try {
    info = await api.get('/server');
  } catch {
    return;
  }
  if (info.https && info.fingerprints) {
    const { certificate, ca } = info.fingerprints;
    if (ca) setText(element, 'transport.httpsWithCa', { certificate, ca });
    else setText(element, 'transport.https', { certificate });
    element.dataset.kind = 'secure';
    element.hidden = false;
  } else if (!onThisMachine()) {
    setText(element, 'transport.plain');
    element.dataset.kind = 'error';
    element.hidden = false;
  }
}
