// The kiosk's sealing (docs/sealed-ballots.md §7), off the page's main thread so that the page
// stays responsive while a ballot is encrypted and proved: kiosk.js sends the marks in a message
// and gets the sealed ballot and its opening back. Nothing of a ballot is kept here; only the
// joint key, whose multiplication tables are made once for all the delegates of a congress.
//
//   { id, kind: 'prepare', key }                          → { id, ok }   (makes the key's tables)
//   { id, kind: 'seal', key, shapes, marks, context }     → { id, ok, sealed: { ballot, opening } }

import { Point, encryptBallot, fixedBase, systemRandom } from '../shared/sealed/index.js';

/** The joint key as a point: { hex, point }. */
let joint = null;

function keyPoint(hex) {
  if (joint?.hex !== hex) joint = { hex, point: Point.fromHex(hex) };
  return joint.point;
}

self.addEventListener('message', async ({ data }) => {
  const { id, kind } = data;
  try {
    if (kind === 'prepare') {
      fixedBase(keyPoint(data.key));
      self.postMessage({ id, ok: true });
      return;
    }
    const sealed = await encryptBallot(data.shapes, data.marks, data.context, keyPoint(data.key), systemRandom);
    self.postMessage({ id, ok: true, sealed });
  } catch {
    // The reason may quote a written-in name: it stays here, and the page says only that it failed.
    self.postMessage({ id, ok: false });
  }
});
