import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, call, launch, hydrated, signUp, uniqueEmail } from '../lib/browser.mjs';

const FAKE = process.env.FAKE_NETWORK_URL;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const pad = (n) => String(n).padStart(2, '0');

test('a post scheduled a minute ahead goes out while the dashboard watches, and its link opens', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Dana Dashboard', email: uniqueEmail('dana'), workspace: 'Live Co' });
  await call(page, 'connect_account', {
    platform: 'mastodon', display_name: 'Live Mastodon', colour: '#0EA5E9',
    'fields[instance_url]': FAKE, 'fields[access_token]': process.env.FAKE_MASTODON_TOKEN,
  });

  // Compose and schedule for the next whole minute at least a minute away (UTC).
  const at = new Date(Date.now() + 120_000);
  const text = `Going out live ${Date.now()}`;
  await page.goto(`${BASE}/compose`);
  await hydrated(page);
  await page.getByTestId('account-picker').getByText('Live Mastodon').click();
  await page.getByLabel('Text', { exact: true }).fill(text);
  await page.getByLabel('Date').fill(`${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`);
  await page.getByLabel('Time', { exact: true }).fill(`${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`);
  await page.getByLabel('Time zone').fill('UTC');
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByText('Scheduled. It waits on the calendar').waitFor();

  // The dashboard lists it as due soon.
  await page.goto(`${BASE}/dashboard`);
  await hydrated(page);
  const upcoming = page.getByTestId('section-upcoming').getByTestId('target-row').filter({ hasText: text });
  await upcoming.waitFor();
  assert.equal(await upcoming.getAttribute('data-status'), 'scheduled');
  assert.equal(await page.getByTestId('count-published').locator('dd').innerText(), '0');

  // Without a reload, it moves to published with its link.
  await page.evaluate(() => { window.stillTheSamePage = true; });
  const published = page.getByTestId('section-published').getByTestId('target-row').filter({ hasText: text });
  await published.waitFor({ timeout: 150_000 });
  assert.equal(await page.evaluate(() => window.stillTheSamePage), true, 'the page was not reloaded');
  assert.equal(await upcoming.count(), 0, 'it left the upcoming list');
  assert.equal(await page.getByTestId('count-published').locator('dd').innerText(), '1');

  const [live] = await Promise.all([
    page.waitForEvent('popup'),
    published.getByTestId('published-link').click(),
  ]);
  await live.waitForLoadState();
  assert.equal(live.url(), `${FAKE}/@herald/4242`);
  await live.getByText('Published on the fake network').waitFor();
  await page.close();
});

test('the dashboard shows a failure by cause and reason; cancel clears it; pausing the workspace says so', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Fay Failure', email: uniqueEmail('fay'), workspace: 'Oops Co' });
  // The fake Bluesky logs in but has no createRecord: the post is refused (404).
  const account = await call(page, 'connect_account', {
    platform: 'bluesky', display_name: 'Sky', colour: '#3B82F6',
    'fields[handle]': process.env.FAKE_BLUESKY_HANDLE,
    'fields[app_password]': process.env.FAKE_BLUESKY_APP_PASSWORD,
    'fields[pds_url]': FAKE,
  });
  await call(page, 'save_post', {
    body: 'This one will not go', 'targets[0][account_id]': account, 'targets[0][selected]': 'true',
    timezone: 'UTC', intent: 'publish_now',
  });

  await page.goto(`${BASE}/dashboard`);
  await hydrated(page);
  const group = page.getByTestId('failure-group').filter({ hasText: 'This one will not go' });
  // It fails within seconds. Twice in CI (never when run alone) it did not show within 90 s:
  // then say what the server and the page held, to find out why.
  await group.waitFor({ timeout: 90_000 }).catch(async (error) => {
    const server = await call(page, 'publishing_overview', {}).catch((e) => `unavailable: ${e}`);
    const shown = await page.getByTestId('dashboard').innerText().catch((e) => `unreadable: ${e}`);
    throw new Error(`${error.message}\nserver overview: ${JSON.stringify(server)}\npage: ${shown}`);
  });
  assert.equal(await group.getAttribute('data-cause'), 'rejected');
  assert.match(await group.innerText(), /The network rejected the post \(1\)/);
  await group.getByTestId('target-error').waitFor();
  assert.equal(await page.getByTestId('count-failed').locator('dd').innerText(), '1');

  await group.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('all-clear').waitFor();
  assert.equal(await page.getByTestId('count-failed').locator('dd').innerText(), '0');

  await page.getByRole('button', { name: 'Pause all publishing' }).click();
  await page.getByTestId('workspace-paused').waitFor();
  await page.getByRole('button', { name: 'Resume publishing' }).click();
  await page.getByTestId('workspace-paused').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Pause all publishing' }).waitFor();
  await page.close();
});
