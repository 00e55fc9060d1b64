import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, hydrated, signUp, uniqueEmail } from '../lib/browser.mjs';

const FAKE = process.env.FAKE_NETWORK_URL;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function connect(page, network, fields) {
  await page.goto(`${BASE}/accounts`);
  await hydrated(page);
  await page.getByRole('navigation', { name: 'Networks' }).getByRole('link', { name: network, exact: true }).click();
  // Each connected account has its own (folded) credentials form; fill the new one.
  const panel = page.getByRole('region', { name: 'Connect an account' });
  // Networks with "Sign in with …" keep the pasted-token form under Advanced.
  const advanced = panel.getByTestId('advanced-connect');
  if (await advanced.count()) await advanced.locator('summary').click();
  for (const [label, value] of Object.entries(fields)) {
    await panel.getByLabel(label, { exact: true }).fill(value);
  }
  await panel.getByRole('button', { name: 'Connect', exact: true }).click();
}

test('connect accounts, compose for two with an override, schedule in New York, see it in Berlin, drag it', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Maya Marketer', email: uniqueEmail('maya'), workspace: 'Launch Co' });

  // Connect Mastodon and Bluesky against the local fake network.
  await connect(page, 'Mastodon', { Instance: FAKE, 'Access token': process.env.FAKE_MASTODON_TOKEN });
  const mastodon = page.getByTestId('account-card').filter({ hasText: 'Herald Test' });
  await mastodon.waitFor();
  assert.match(await mastodon.getByTestId('account-state').innerText(), /Connected/);
  assert.match(await mastodon.innerText(), /@herald@127\.0\.0\.1/);
  await connect(page, 'Bluesky', {
    Handle: process.env.FAKE_BLUESKY_HANDLE,
    'App password': process.env.FAKE_BLUESKY_APP_PASSWORD,
    'PDS (optional)': FAKE,
  });
  await page.getByTestId('account-card').filter({ hasText: '@herald.test' }).waitFor();

  // A wrong token is refused with the network's reason and nothing is added.
  await connect(page, 'Mastodon', { Instance: FAKE, 'Access token': 'wrong' });
  await page.getByRole('alert').filter({ hasText: 'Mastodon refused the credentials' }).waitFor();
  assert.equal(await page.getByTestId('account-card').count(), 2);

  // Compose for both; the counters follow each network's rules.
  await page.goto(`${BASE}/compose`);
  await hydrated(page);
  const picker = page.getByTestId('account-picker');
  await picker.getByText('Herald Test').click();
  await picker.getByText('herald.test', { exact: false }).first().click();
  const body = page.getByLabel('Text', { exact: true });
  await body.fill('x'.repeat(301));
  const bluesky = page.getByTestId('counter').filter({ hasText: 'Bluesky' });
  const mastodonCounter = page.getByTestId('counter').filter({ hasText: 'Mastodon' });
  assert.equal(await bluesky.getAttribute('data-over'), 'true', 'Bluesky allows 300');
  assert.match(await bluesky.innerText(), /301 \/ 300/);
  assert.equal(await mastodonCounter.getAttribute('data-over'), 'false', 'this instance allows 1000');
  await page.getByTestId('text-problems').getByText('Too long for Bluesky: 301 of 300 characters.').waitFor();

  // Bluesky gets its own, shorter text.
  await page.getByRole('tab', { name: /herald\.test/ }).click();
  await page.getByLabel('Text for @herald.test').fill('Short for Bluesky 🚀');
  assert.equal(await bluesky.getAttribute('data-over'), 'false');
  assert.match(await bluesky.innerText(), /19 \/ 300/);
  const blueskyPreview = page.getByTestId('preview').filter({ hasText: 'Short for Bluesky' });
  await blueskyPreview.waitFor();
  await page.getByRole('tab', { name: 'All networks' }).click();
  await body.fill('Our launch is here: https://example.com/launch');

  // Schedule next January 15 at 09:00 in New York (14:00 UTC, 15:00 in Berlin).
  const year = new Date().getUTCFullYear() + 1;
  await page.getByLabel('Date').fill(`${year}-01-15`);
  await page.getByLabel('Time', { exact: true }).fill('09:00');
  await page.getByLabel('Time zone').fill('America/New_York');
  await page.getByTestId('when-hint').getByText(/Goes out Fri 15 Jan|Goes out .* 15 Jan/).waitFor();
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByText('Scheduled. It waits on the calendar').waitFor();
  const postUrl = new URL(page.url());
  const postId = postUrl.searchParams.get('post');
  assert.ok(postId, 'the saved post has its own address');

  // The calendar in Berlin shows it at 15:00 on the 15th.
  await page.goto(`${BASE}/calendar?view=month&date=${year}-01-15&zone=Europe/Berlin`);
  await hydrated(page);
  await page.getByText('Europe/Berlin').first().waitFor();
  const day15 = page.locator(`[data-testid="calendar-day"][data-date="${year}-01-15"]`);
  const chip = day15.locator(`[data-testid="calendar-post"][data-post-id="${postId}"]`);
  await chip.waitFor();
  assert.match(await chip.innerText(), /15:00/);

  // Drag it to the 16th; after a reload it is there, still at 15:00.
  const day16 = page.locator(`[data-testid="calendar-day"][data-date="${year}-01-16"]`);
  await chip.dragTo(day16);
  await day16.locator(`[data-testid="calendar-post"][data-post-id="${postId}"]`).waitFor();
  await page.reload();
  await hydrated(page);
  const moved = page.locator(`[data-testid="calendar-day"][data-date="${year}-01-16"] [data-testid="calendar-post"][data-post-id="${postId}"]`);
  await moved.waitFor();
  assert.match(await moved.innerText(), /15:00/);
  assert.equal(await day15.locator(`[data-post-id="${postId}"]`).count(), 0);

  // The post's own form shows the new day in its own zone (New York, 09:00).
  await moved.click();
  await page.waitForURL(/\/compose\?post=/);
  await hydrated(page);
  assert.equal(await page.getByLabel('Date').inputValue(), `${year}-01-16`);
  assert.equal(await page.getByLabel('Time', { exact: true }).inputValue(), '09:00');
  assert.equal(await page.getByLabel('Time zone').inputValue(), 'America/New_York');
  await page.close();
});

test('the composer works without JavaScript for the basic path', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signUp(page, { name: 'No Script', email: uniqueEmail('nojs-compose'), workspace: 'Plain', hydrate: false });
  await page.goto(`${BASE}/compose`);
  await page.getByLabel('Text', { exact: true }).fill('A draft written without JavaScript');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Saved as a draft.').waitFor();
  assert.equal(await page.getByLabel('Text', { exact: true }).inputValue(), 'A draft written without JavaScript');
  // Scheduling without a time explains what is missing, on the page, and keeps the text.
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByText('Date and time: pick when the post should go out.').waitFor();
  assert.equal(await page.getByLabel('Text', { exact: true }).inputValue(), 'A draft written without JavaScript');
  await context.close();
});
