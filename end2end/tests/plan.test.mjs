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

test('posting slots set on an account take three drafts queued from the composer, shown in the week at the slot times', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Quinn Queue', email: uniqueEmail('queue'), workspace: 'Queue Co' });
  await call(page, 'connect_account', {
    platform: 'mastodon', display_name: '', colour: '#0EA5E9',
    'fields[instance_url]': FAKE, 'fields[access_token]': process.env.FAKE_MASTODON_TOKEN,
  });

  // Slots on the account, typed in its card: weekdays at 09:00, 12:30 and 17:00 in Berlin.
  await page.goto(`${BASE}/accounts`);
  await hydrated(page);
  const slots = page.getByTestId('posting-slots');
  await slots.locator('summary').click();
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) {
    await slots.getByLabel(`${day} times`).fill('09:00, 12:30, 17:00');
  }
  await slots.getByLabel(/Time zone/).fill(ZONE);
  await slots.getByRole('button', { name: 'Save slots' }).click();
  // The summary is read back from the server.
  await slots.getByTestId('posting-slots-summary')
    .filter({ hasText: 'Mon 09:00, 12:30, 17:00 · Tue 09:00, 12:30, 17:00' }).waitFor();
  // Queued posts are never moved silently: the page asks.
  await slots.getByTestId('reflow-ask').getByRole('button', { name: 'Re-flow the queue' }).click();
  await slots.getByTestId('reflow-done').filter({ hasText: 'already in order' }).waitFor();
  const accounts = await call(page, 'accounts', {});
  const plan = await call(page, 'posting_slots', { account_id: accounts[0].id });
  assert.equal(plan.slots.length, 15);
  assert.equal(plan.timezone, ZONE);

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

test('a post repeated weekly from the composer shows on four weeks of the calendar, each marked as recurring', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, { name: 'Rae Repeat', email: uniqueEmail('repeat'), workspace: 'Repeat Co' });
  await call(page, 'connect_account', {
    platform: 'mastodon', display_name: '', colour: '#F97316',
    'fields[instance_url]': FAKE, 'fields[access_token]': process.env.FAKE_MASTODON_TOKEN,
  });
  const accounts = await call(page, 'accounts', {});
  const first = inBerlin(new Date(Date.now() + 24 * 3600 * 1000).toISOString());
  const saved = await call(page, 'save_post', {
    body: 'Weekly reminder', 'targets[0][account_id]': accounts[0].id, 'targets[0][selected]': 'true',
    date: first.date, time: '10:00', timezone: ZONE, intent: 'schedule',
  });

  await page.goto(`${BASE}/compose?post=${saved.id}`);
  await hydrated(page);
  const repeat = page.getByTestId('repeat');
  await repeat.locator('summary').click();
  await repeat.getByLabel(first.weekday, { exact: true }).check();
  await repeat.getByRole('button', { name: 'Repeat this post' }).click();
  await page.waitForURL(/saved=repeated/);
  await page.getByTestId('series-description').filter({ hasText: `Every week on ${first.weekday} at 10:00` }).waitFor();

  // Four weeks in a row, each with the post at 10:00 and the repeat mark.
  const day = new Date(`${first.date}T12:00:00Z`);
  for (let week = 0; week < 4; week += 1) {
    const date = new Date(day.getTime() + week * 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await page.goto(`${BASE}/calendar?view=week&date=${date}&zone=${ZONE}`);
    await hydrated(page);
    const cell = page.locator(`[data-testid="calendar-slot"][data-date="${date}"][data-hour="10"]`);
    const post = cell.locator('[data-testid="calendar-post"][data-kind="recurring"]').filter({ hasText: 'Weekly reminder' });
    await post.waitFor();
    assert.equal(await post.getByTestId('post-kind').getAttribute('aria-label'), 'Recurring');
  }

  // The kind filter keeps the recurring posts and leaves them out of "Evergreen".
  const second = new Date(day.getTime() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.goto(`${BASE}/calendar?view=week&date=${second}&zone=${ZONE}`);
  await hydrated(page);
  await page.getByLabel('Kind').selectOption('recurring');
  await page.waitForURL(/kind=recurring/);
  await page.locator('[data-testid="calendar-post"][data-kind="recurring"]').first().waitFor();
  await page.getByLabel('Kind').selectOption('evergreen');
  await page.waitForURL(/kind=evergreen/);
  await page.getByTestId('calendar-filters').waitFor();
  assert.equal(await page.getByTestId('calendar-post').count(), 0);

  // Editing the series from one of its posts moves the coming posts to the new time.
  await page.goto(`${BASE}/compose?post=${saved.id}`);
  await hydrated(page);
  const edit = page.getByTestId('edit-series');
  await edit.locator('summary').click();
  await edit.locator('input[name="time"]').fill('11:00');
  await edit.getByRole('button', { name: 'Save the series' }).click();
  await page.waitForURL(/\/calendar\?view=week/);
  await page.goto(`${BASE}/calendar?view=week&date=${second}&zone=${ZONE}`);
  await hydrated(page);
  const moved = page.locator(`[data-testid="calendar-slot"][data-date="${second}"][data-hour="11"]`);
  await moved.getByTestId('calendar-post').filter({ hasText: 'Weekly reminder' }).waitFor();
  await page.close();
});

/** An owner with a Mastodon account posting on weekdays at 09:00, 12:30 and 17:00 in Berlin. */
async function ownerWithSlots(page, name) {
  await signUp(page, { name, email: uniqueEmail('plan'), workspace: `${name} Co` });
  await call(page, 'connect_account', {
    platform: 'mastodon', display_name: '', colour: '#22C55E',
    'fields[instance_url]': FAKE, 'fields[access_token]': process.env.FAKE_MASTODON_TOKEN,
  });
  const [account] = await call(page, 'accounts', {});
  const days = {};
  ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].forEach((day, n) => {
    days[`days[${n}][day]`] = day;
    days[`days[${n}][times]`] = '09:00, 12:30, 17:00';
  });
  await call(page, 'set_posting_slots', { account_id: account.id, timezone: ZONE, ...days });
  return account;
}

async function draft(page, account, body) {
  return call(page, 'save_post', {
    body, 'targets[0][account_id]': account.id, 'targets[0][selected]': 'true',
    timezone: ZONE, intent: 'draft',
  });
}

test('drafts picked on the Drafts page take the next slots; deleting a queued one asks before the rest move up', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const account = await ownerWithSlots(page, 'Dana Drafts');
  const bodies = ['Batch one', 'Batch two', 'Batch three'];
  const ids = [];
  for (const body of bodies) ids.push((await draft(page, account, body)).id);

  await page.goto(`${BASE}/drafts`);
  await hydrated(page);
  for (const body of bodies) await page.getByLabel(`Pick ${body}`).check();
  await page.getByRole('button', { name: 'Add 3 drafts to the queue' }).click();
  await page.getByTestId('queued-note').filter({ hasText: 'Added to the queue: 3 posts.' }).waitFor();
  await page.getByTestId('no-drafts').waitFor();

  const at = async (id) => (await call(page, 'post', { id })).scheduled_at;
  const before = await Promise.all(ids.map(at));
  const order = [...before].sort();
  assert.equal(new Set(before).size, 3, 'two drafts share a slot');

  // Deleting the first queued post leaves its slot free until the person asks.
  const firstId = ids[before.indexOf(order[0])];
  await page.goto(`${BASE}/compose?post=${firstId}`);
  await hydrated(page);
  await page.locator('summary', { hasText: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete post' }).click();
  const ask = page.getByTestId('reflow-ask');
  await ask.waitFor();
  const untouched = await Promise.all(ids.filter((id) => id !== firstId).map(at));
  assert.deepEqual([...untouched].sort(), order.slice(1), 'the queue moved before anyone asked');
  await ask.getByRole('button', { name: 'Re-flow the queue' }).click();
  await page.waitForURL(/\/calendar\?view=week/);
  const after = await Promise.all(ids.filter((id) => id !== firstId).map(at));
  assert.deepEqual([...after].sort(), order.slice(0, 2), 'the later posts moved up into the free slot');
  await page.close();
});

test('a post put in the evergreen pool from the composer is listed with the pool settings, which save', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const account = await ownerWithSlots(page, 'Eve Evergreen');
  const saved = await draft(page, account, 'Our most read guide');

  await page.goto(`${BASE}/compose?post=${saved.id}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Add to the evergreen pool' }).click();
  await page.waitForURL(/saved=evergreen/);
  await page.getByTestId('evergreen').filter({ hasText: 'In the evergreen pool' }).waitFor();

  await page.goto(`${BASE}/settings`);
  await hydrated(page);
  await page.getByTestId('pool-post').filter({ hasText: 'Our most read guide' }).waitFor();
  await page.getByLabel('Cooldown (days)').fill('14');
  await page.getByLabel('Never two evergreen posts in a row').uncheck();
  await page.getByRole('button', { name: 'Save pool settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Pool settings saved.' }).waitFor();
  const pool = await call(page, 'evergreen_pool', {});
  assert.equal(pool.settings.cooldown_days, 14);
  assert.equal(pool.settings.no_two_in_a_row, false);
  assert.equal(pool.posts.length, 1);
  await page.close();
});
