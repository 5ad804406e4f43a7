// The kiosk's heartbeat: every few seconds the kiosk tells the server whether a ballot is on its
// screen, so that the organiser closing a round sees which kiosks still have a delegate voting.
//
// It beats on a fixed period whatever happens on the screen — never at the moment a ballot
// begins or ends — and says nothing but "idle" or "voting", so the beats are no timing trail of
// casts; the server keeps only each kiosk's latest beat, in memory (docs/architecture.md).
//
// Address parameter: ?beat=SECONDS (default 5).

import { api } from './shared/api.js';
import { secondsParam } from './shared/dom.js';

const beatMs = secondsParam('beat', 5) * 1000;

/**
 * Starts beating; `activity()` says what the screen holds now ('idle' or 'voting') and
 * `enrolled()` whether this browser is an enrolled kiosk (no beat is sent before).
 */
export function startHeartbeat({ activity, enrolled }) {
  const beat = () => {
    if (!enrolled()) return;
    // A lost beat is no matter: the next one follows, and the organiser sees "offline" only
    // after several are missed.
    api.post('/kiosk/heartbeat', { activity: activity() }, { timeoutMs: Math.max(1000, beatMs) }).catch(() => {});
  };
  setInterval(beat, beatMs);
}
