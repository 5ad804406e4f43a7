// A module worker of the inspector page: verifies one slice of a closed sealed round's ballots
// and adds up its part of the first opening list (round-check.js's checkSlice), so that a
// trustee's browser checks a round on every core. It holds no secret: the trustee's share never
// leaves the page.

import { checkSlice } from './round-check.js';

self.addEventListener('message', async ({ data }) => {
  const { shapes, ballots, round, key } = data;
  try {
    const result = await checkSlice(shapes, ballots, round, key, (progress) => self.postMessage({ progress }));
    self.postMessage(result);
  } catch (error) {
    self.postMessage({ crashed: String(error?.message ?? error) });
  }
});
