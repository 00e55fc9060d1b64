import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, hydrated, signUp, uniqueEmail } from '../lib/browser.mjs';

// The fake Mastodon (tests/api/fakes_oauth.rs) renders its own "Authorize Herald" page.
const FAKE = process.env.FAKE_NETWORK_URL;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Opens "Sign in with Mastodon", names the fake server and lands on its authorize page. */
async function continueToMastodon(page) {
  await page.goto(`${BASE}/accounts?connect=mastodon`);
  await hydrated(page);
  await page.getByLabel('Your server', { exact: true }).fill(FAKE);
  await page.getByRole('button', { name: 'Continue to Mastodon' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${FAKE}/oauth/authorize?`));
  assert.equal(await page.title(), 'Authorize Herald');
  // Herald asks only for what publishing needs.
  await page.getByText('Herald asks for: read:accounts write:statuses write:media').waitFor();
}

/** The banner the Accounts page shows on the way back from the server. */
async function outcome(page) {
  await page.waitForURL((url) => url.href.startsWith(`${BASE}/accounts?oauth=`));
  await hydrated(page);
  const banner = page.getByTestId('sign-in-outcome');
  await banner.waitFor();
  return banner;
}

test('connect a Mastodon account by typing its server and signing in, then publish to it', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Sam Sign-in', email: uniqueEmail('sam'), workspace: 'Sign-in Co' });

  await continueToMastodon(page);
  await page.getByRole('button', { name: 'Authorize', exact: true }).click();

  // Back on Herald: the flow's own id is in the address, the words come from Herald.
  const banner = await outcome(page);
  assert.match(await banner.innerText(), /Connected\./);
  const card = page.getByTestId('account-card').filter({ hasText: 'Herald Test' });
  await card.waitFor();
  assert.match(await card.getAttribute('data-handle'), /herald@127\.0\.0\.1/);
  assert.match(await card.getByTestId('account-state').innerText(), /Connected/);
  assert.equal(await page.getByTestId('account-card').count(), 1);

  // The token the sign-in brought publishes.
  const text = `Signed in and posting ${Date.now()}`;
  await page.goto(`${BASE}/compose`);
  await hydrated(page);
  await page.getByTestId('account-picker').getByText('Herald Test').click();
  await page.getByLabel('Text', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Publish now', exact: true }).click();
  await page.waitForURL(/\/compose\?post=/);

  await page.goto(`${BASE}/dashboard`);
  await hydrated(page);
  const published = page.getByTestId('section-published').getByTestId('target-row').filter({ hasText: text });
  await published.waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('count-failed').locator('dd').innerText(), '0');
  await page.close();
});

test('declining on Mastodon\'s page connects nothing and says so', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Dee Decline', email: uniqueEmail('dee'), workspace: 'No Thanks Co' });

  await continueToMastodon(page);
  await page.getByRole('button', { name: 'Deny', exact: true }).click();

  const banner = await outcome(page);
  assert.match(await banner.innerText(), /You declined on Mastodon/);
  assert.doesNotMatch(await banner.innerText(), /Connected\./);
  assert.equal(await banner.getByRole('alert').count(), 1, 'it reads as a problem');
  assert.equal(await page.getByTestId('account-card').count(), 0);
  await page.close();
});

test('typing something that is not a Mastodon server says why and keeps what was typed', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Tia Typo', email: uniqueEmail('tia'), workspace: 'Typo Co' });

  await page.goto(`${BASE}/accounts?connect=mastodon`);
  await hydrated(page);
  const server = page.getByLabel('Your server', { exact: true });
  await server.fill('not a server');
  await page.getByRole('button', { name: 'Continue to Mastodon' }).click();
  await page.getByRole('alert').filter({ hasText: 'is not a server address' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/accounts', 'it stayed on Herald');
  assert.equal(await server.inputValue(), 'not a server');
  assert.equal(await page.getByTestId('account-card').count(), 0);
  await page.close();
});

test('one Facebook sign-in lists the Pages; the ticked ones become one account each', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Pia Pages', email: uniqueEmail('pia'), workspace: 'Pages Co' });

  await page.goto(`${BASE}/accounts?connect=facebook`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Continue to Facebook Page' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${FAKE}/dialog/oauth?`));
  await page.getByRole('button', { name: 'Authorize', exact: true }).click();

  // Nothing is connected until the person picks.
  const banner = await outcome(page);
  assert.match(await banner.innerText(), /Choose which to connect/);
  const choices = banner.getByTestId('sign-in-choices');
  const connect = choices.getByRole('button', { name: 'Connect the ticked ones' });
  assert.equal(await connect.isDisabled(), true, 'nothing ticked yet');
  assert.equal(await page.getByTestId('account-card').count(), 0);
  await choices.getByLabel(/Acme Bakery/).check();
  await choices.getByLabel(/Acme Catering/).check();
  await connect.click();

  await page.getByTestId('sign-in-outcome').getByText('Connected Acme Bakery, Acme Catering.').waitFor();
  await hydrated(page);
  for (const name of ['Acme Bakery', 'Acme Catering']) {
    await page.getByTestId('account-card').filter({ hasText: name }).waitFor();
  }
  assert.equal(await page.getByTestId('account-card').count(), 2);
  assert.equal(await page.getByTestId('sign-in-choices').count(), 0, 'the list is spent');
  await page.close();
});
