import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, call, launch, hydrated, signUp, uniqueEmail } from '../lib/browser.mjs';

const FAKE = process.env.FAKE_NETWORK_URL;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the calendar caps busy days, opens the day, switches views and filters', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Cal Endar', email: uniqueEmail('calendar'), workspace: 'Busy Co' });
  const accountId = await call(page, 'connect_account', {
    platform: 'mastodon', display_name: '', colour: '#0EA5E9',
    'fields[instance_url]': FAKE, 'fields[access_token]': process.env.FAKE_MASTODON_TOKEN,
  });
  const year = new Date().getUTCFullYear() + 1;
  const day = `${year}-03-10`;
  for (const hour of ['08', '09', '10', '11', '12', '13']) {
    await call(page, 'save_post', {
      body: `Post at ${hour}:30`, 'targets[0][account_id]': accountId, 'targets[0][selected]': 'true',
      date: day, time: `${hour}:30`, timezone: 'Europe/Berlin', intent: 'schedule',
    });
  }

  // Month: four chips and "+2 more" on the busy day, in the chosen zone.
  await page.goto(`${BASE}/calendar?view=month&date=${day}&zone=Europe/Berlin`);
  await hydrated(page);
  assert.equal(await page.getByTestId('calendar-zone').innerText(), 'Times in Europe/Berlin');
  const cell = page.locator(`[data-testid="calendar-day"][data-date="${day}"]`);
  assert.equal(await cell.getByTestId('calendar-post').count(), 4);
  assert.match(await cell.getByTestId('calendar-post').first().innerText(), /08:30/);
  await cell.getByTestId('calendar-more').filter({ hasText: '+2 more' }).click();

  // The day lists all six.
  await page.waitForURL(/view=day/);
  const listed = page.locator(`[data-testid="calendar-list-day"][data-date="${day}"] [data-testid="calendar-post"]`);
  await listed.first().waitFor();
  assert.equal(await listed.count(), 6);

  // The week puts each post in its hour; in Tokyo the same posts are 8 hours later.
  await page.goto(`${BASE}/calendar?view=week&date=${day}&zone=Asia/Tokyo`);
  await hydrated(page);
  const slot = page.locator(`[data-testid="calendar-slot"][data-date="${day}"][data-hour="16"]`);
  assert.match(await slot.getByTestId('calendar-post').innerText(), /16:30/);

  // Filtering by a status nobody has says so and offers the way back.
  await page.getByLabel('Status').selectOption('cancelled');
  await page.getByTestId('calendar-no-match').waitFor();
  assert.match(page.url(), /status=cancelled/);
  await page.getByRole('link', { name: 'Show all posts' }).click();
  await page.getByTestId('calendar-week').waitFor();

  // An empty period shows the empty state, and the arrows move by period.
  await page.goto(`${BASE}/calendar?view=month&date=${year + 1}-06-01&zone=Europe/Berlin`);
  await page.getByTestId('calendar-empty').waitFor();
  await page.getByRole('link', { name: 'Previous month' }).click();
  await page.getByTestId('calendar-period').filter({ hasText: `May ${year + 1}` }).waitFor();
  await page.close();
});
