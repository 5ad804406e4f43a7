// The console's rounds page when a round leaves two follow-ups at once: the committee tied at
// its last seat (a re-vote among the tied) and the funds audit committee short of a seat (an
// additional round). The page says which comes first and why, citing the regulation, in
// 简体中文, English and 繁體中文. The congress is set up and voted over the API; what is
// checked is the page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { LANGUAGES, t, translate } from '../../kiosk/shared/i18n.js';
import * as api from './support/api.mjs';
import { checkpoint, launchBrowser, newPage } from './support/browser.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { ConsolePage } from './pages/console-page.mjs';

const SUITE = 'rounds';
const LANGUAGE_BUTTONS = { 'zh-CN': '简体中文', en: 'English', 'zh-TW': '繁體中文' };
/** The committee's list (api.CONTESTS): the first six sure of a seat, D001 and D005 to tie. */
const SURE = ['D002', 'D003', 'D004', 'D006', 'D008'];
const SIXTH = 'D010';
const TIED = ['D001', 'D005'];

let server;
let browser;
let page;
let consolePage;
let id;

before(async () => {
  server = await startServer(SUITE);
  browser = await launchBrowser();
  page = await newPage(browser, { suite: SUITE });
  consolePage = new ConsolePage(page, server.url);
  const organiser = await api.signedIn(server.url, 'organiser', PASSWORD);
  id = await api.frozenCongress(server, organiser);

  // All 29 with a vote are here, each with a card of their kind.
  const voters = api.DELEGATES.slice(0, 29);
  const women = voters.filter((d) => d.gender === 'female');
  const cards = [
    ...(await api.printCards(organiser, id, 'female', women.length)),
    ...(await api.printCards(organiser, id, 'general', voters.length - women.length)),
  ];
  await api.checkIn(organiser, id, voters.map((d) => d.number));
  await api.activate(organiser, id, cards.map((c) => c.code));
  const kiosk = new api.Client(server.url);
  await kiosk.expect(201, 'POST', '/kiosk/pairing', { code: await api.pairingCode(organiser, id, '一号投票台') });
  const round = await api.openRound(organiser, id, ['committee', 'audit', 'women']);

  // E = 29, so 15 votes elect. The committee: five on every ballot, D010 on all but one, and
  // D001 and D005 on 15 each — tied at the seventh seat. The audit committee: only two are
  // chosen, so a seat stays open. The women's committee fills its five seats.
  for (const [i, card] of cards.entries()) {
    const committee = i === 0 ? [...SURE, ...TIED] : [...SURE, SIXTH, TIED[i % 2]];
    const choose = { committee, audit: ['D012', 'D016'], women: ['D001', 'D007', 'D009', 'D011', 'D013'] };
    await api.castSealed(kiosk, card.code, (ballot) => Object.fromEntries(ballot.contests.map((contest) => [contest.id, { for: choose[contest.id] }])));
  }
  const closed = await api.closeRound(organiser, id, round);
  const status = Object.fromEntries(closed.result.tally.contests.map((c) => [c.id, c.status]));
  assert.deepEqual(status, { committee: 'tie', audit: 'shortfall', women: 'complete' }, JSON.stringify(status));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('with a re-vote among the tied and an additional round both offered, the rounds page says the re-vote comes first, in each language', async () => {
  await consolePage.open({ query: `&congress=${id}&section=rounds` });
  await consolePage.waitForView('view-signin');
  await consolePage.signIn('organiser', PASSWORD);
  await consolePage.waitForView('view-rounds');
  const group = page.locator('[data-pending="congress"]');
  await group.waitFor();
  const kinds = await group.locator('fieldset.pending-contest').evaluateAll((fs) => fs.map((f) => [f.dataset.contest, f.dataset.roundKind]));
  assert.deepEqual(kinds, [['committee', 'tie_revote'], ['audit', 'additional']]);

  const note = group.locator('[data-follow-up-order]');
  await note.waitFor();
  // The note stands before the form that opens the round, so it is read first.
  assert.equal(
    await group.evaluate((g) => {
      const n = g.querySelector('[data-follow-up-order]');
      return Boolean(n.compareDocumentPosition(g.querySelector('form')) & Node.DOCUMENT_POSITION_FOLLOWING);
    }),
    true,
  );
  for (const language of LANGUAGES) {
    await page.getByRole('button', { name: LANGUAGE_BUTTONS[language], exact: true }).click();
    const [heading, why] = await note.locator('p').allInnerTexts();
    assert.equal(heading, translate(language, 'console.rounds.order.heading'), language);
    assert.equal(why, translate(language, 'console.rounds.order.why'), language);
    const regulation = { 'zh-CN': /《工会基层组织选举工作条例》/, en: /Regulations on Elections in Grassroots Trade Union Organisations/, 'zh-TW': /《工會基層組織選舉工作條例》/ };
    assert.match(why, regulation[language], `${language} cites the regulation`);
    assert.doesNotMatch(heading + why, /RULES\.md|⟦/);
    await checkpoint(page, `follow-up-order-${language}`);
  }
  await page.getByRole('button', { name: LANGUAGE_BUTTONS['zh-CN'], exact: true }).click();
  assert.equal(await note.locator('p').first().innerText(), t('console.rounds.order.heading'));
});
