import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, call, launch, hydrated, signUp, uniqueEmail } from '../lib/browser.mjs';

const FAKE = process.env.FAKE_NETWORK_URL;
const ZONE = 'Europe/Berlin';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Weekday, date, hour and "HH:MM" of an instant in Berlin. */
function inBerlin(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return {
    weekday: parts.weekday, date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: String(Number(parts.hour)), time: `${parts.hour}:${parts.minute}`,
  };
}

test('posting slots take three drafts queued from the composer, shown in the week at the slot times', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Quinn Queue', email: uniqueEmail('queue'), workspace: 'Queue Co' });
  await call(page, 'connect_account', {
    platform: 'mastodon', display_name: '', colour: '#0EA5E9',
    'fields[instance_url]': FAKE, 'fields[access_token]': process.env.FAKE_MASTODON_TOKEN,
  });

  // Slots on the account: weekdays at 09:00, 12:30 and 17:00 in Berlin.
  const accounts = await call(page, 'accounts', {});
  const days = {};
  ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].forEach((day, n) => {
    days[`days[${n}][day]`] = day;
    days[`days[${n}][times]`] = '09:00, 12:30, 17:00';
  });
  const plan = await call(page, 'set_posting_slots', { account_id: accounts[0].id, timezone: ZONE, ...days });
  assert.equal(plan.slots.length, 15);

  // Three drafts, each added to the queue from the composer.
  const ids = [];
  for (const body of ['Queued one', 'Queued two', 'Queued three']) {
    const saved = await call(page, 'save_post', {
      body, 'targets[0][account_id]': accounts[0].id, 'targets[0][selected]': 'true',
      timezone: ZONE, intent: 'draft',
    });
    await page.goto(`${BASE}/compose?post=${saved.id}`);
    await hydrated(page);
    await page.getByRole('button', { name: 'Add to queue' }).click();
    await page.waitForURL(/saved=queued/);
    ids.push(saved.id);
  }

  // Each took its own slot, on a weekday at a slot time, and the week view shows it there.
  const times = [];
  for (const id of ids) {
    const post = await call(page, 'post', { id });
    assert.equal(post.status, 'scheduled');
    const local = inBerlin(post.scheduled_at);
    assert.ok(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].includes(local.weekday), JSON.stringify(local));
    assert.ok(['09:00', '12:30', '17:00'].includes(local.time), JSON.stringify(local));
    times.push(post.scheduled_at);

    await page.goto(`${BASE}/calendar?view=week&date=${local.date}&zone=${ZONE}`);
    await hydrated(page);
    const cell = page.locator(`[data-testid="calendar-slot"][data-date="${local.date}"][data-hour="${local.hour}"]`);
    await cell.getByTestId('calendar-post').filter({ hasText: local.time }).waitFor();
  }
  assert.equal(new Set(times).size, 3, 'two drafts share a slot');
  // The slots nobody took show as open places.
  assert.ok(await page.getByTestId('calendar-open-slot').count() > 0);
  await page.close();
});
