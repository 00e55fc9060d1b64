import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, launch, hydrated, signUp, uniqueEmail } from '../lib/browser.mjs';

const FAKE = process.env.FAKE_NETWORK_URL;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Calls a server function with the page's session, as a form post. */
async function call(page, endpoint, form) {
  const response = await page.request.post(`${BASE}/api/${endpoint}`, {
    form,
    headers: { accept: 'application/json' },
  });
  assert.ok(response.ok(), `${endpoint}: ${response.status()} ${await response.text()}`);
  return response.json();
}

test('a contributor submits, the reviewer asks for changes, sees the diff and approves', async () => {
  const viewport = { width: 1280, height: 900 };
  // The reviewer: the workspace's owner, with one Mastodon account.
  const reviewerContext = await browser.newContext({ viewport });
  const reviewer = await reviewerContext.newPage();
  // A panic in the wasm (say, a hydration mismatch) shows up here.
  reviewer.on('console', (m) => m.type() === 'error' && console.log('reviewer console:', m.text()));
  await signUp(reviewer, { name: 'Rita Reviewer', email: uniqueEmail('rita'), workspace: 'Review Co' });
  await call(reviewer, 'connect_account', {
    platform: 'mastodon', display_name: '', colour: '#0EA5E9',
    'fields[instance_url]': FAKE, 'fields[access_token]': process.env.FAKE_MASTODON_TOKEN,
  });
  const contributorEmail = uniqueEmail('cody');
  const invite = await call(reviewer, 'invite_member', { email: contributorEmail, role: 'contributor' });

  // The contributor, in a browser of their own, joins and submits a post.
  const contributorContext = await browser.newContext({ viewport });
  const contributor = await contributorContext.newPage();
  contributor.on('console', (m) => m.type() === 'error' && console.log('contributor console:', m.text()));
  await contributor.goto(invite.delivery.link.replace(/^https?:\/\/[^/]+/, BASE));
  await hydrated(contributor);
  await contributor.getByLabel('Your name').fill('Cody Contributor');
  await contributor.getByLabel('Choose a password').fill(PASSWORD);
  await contributor.getByRole('button', { name: 'Create account and join' }).click();
  await contributor.waitForURL(`${BASE}/calendar`);

  const year = new Date().getUTCFullYear() + 1;
  await contributor.goto(`${BASE}/compose`);
  await hydrated(contributor);
  assert.equal(await contributor.getByRole('button', { name: 'Schedule', exact: true }).count(), 0,
    'a contributor cannot schedule');
  await contributor.getByTestId('account-picker').getByText('Herald Test').click();
  await contributor.getByLabel('Text', { exact: true }).fill('Spring sale starts Monday');
  await contributor.getByLabel('Date').fill(`${year}-03-20`);
  await contributor.getByLabel('Time', { exact: true }).fill('10:00');
  await contributor.getByLabel('Time zone').fill('Europe/Berlin');
  await contributor.getByRole('button', { name: 'Submit for review' }).click();
  await contributor.getByText('Submitted for review.').waitFor();
  const postId = new URL(contributor.url()).searchParams.get('post');
  assert.ok(postId);

  // The reviewer sees the badge, opens the post and asks for changes with a note.
  await reviewer.goto(`${BASE}/calendar`);
  await hydrated(reviewer);
  const nav = reviewer.getByRole('navigation', { name: 'Main', exact: true });
  const badge = nav.getByTestId('review-badge');
  await badge.waitFor();
  assert.equal(await badge.innerText(), '1');
  await nav.getByTestId('nav-review').click();
  await reviewer.waitForURL(`${BASE}/review`);
  await reviewer.getByTestId('review-item').filter({ hasText: 'Spring sale starts Monday' }).click();
  await reviewer.waitForURL(`${BASE}/review/${postId}`);
  await hydrated(reviewer);
  await reviewer.getByTestId('preview').filter({ hasText: 'Spring sale starts Monday' }).waitFor();
  await reviewer.getByLabel('What should change?').fill('Say when the sale ends');
  await reviewer.getByRole('button', { name: 'Request changes' }).click();
  await reviewer.getByText('Changes requested: the author has your note.').waitFor();

  // The contributor sees the notification and the note, edits and resubmits.
  await contributor.goto(`${BASE}/calendar`);
  await hydrated(contributor);
  const unread = contributor.getByTestId('unread-count');
  await unread.waitFor();
  assert.equal(await unread.innerText(), '1');
  await contributor.getByTestId('bell').click();
  await contributor.waitForURL(`${BASE}/notifications`);
  const notice = contributor.getByTestId('notification').filter({ hasText: 'asks for changes' });
  assert.equal(await notice.getByTestId('notification-body').innerText(), 'Say when the sale ends');
  await notice.getByRole('link').click();
  await contributor.waitForURL(`${BASE}/compose?post=${postId}`);
  await hydrated(contributor);
  const note = contributor.getByTestId('comment').filter({ hasText: 'Say when the sale ends' });
  assert.equal(await note.getAttribute('data-kind'), 'changes_requested');
  await contributor.getByLabel('Text', { exact: true }).fill('Spring sale starts Monday and ends Friday');
  await contributor.getByLabel('Time', { exact: true }).fill('11:00');
  await contributor.getByRole('button', { name: 'Submit for review' }).click();
  await contributor.getByText('Submitted for review.').waitFor();

  // The reviewer sees what changed since their note, and approves.
  await reviewer.goto(`${BASE}/review/${postId}`);
  await hydrated(reviewer);
  const changes = reviewer.getByTestId('changes');
  await changes.waitFor();
  assert.match(await changes.getByTestId('diff-added').first().innerText(), /and ends Friday/);
  const time = await changes.getByTestId('time-diff').innerText();
  assert.match(time, /10:00.*→.*11:00/s);
  await reviewer.getByRole('button', { name: 'Approve' }).click();
  // This message comes from the hydrated page (a plain form post shows a shorter one).
  await reviewer.getByText('Approved: it is scheduled.').waitFor();

  // On the calendar it is scheduled, at 11:00 in Berlin.
  await reviewer.goto(`${BASE}/calendar?view=month&date=${year}-03-20&zone=Europe/Berlin`);
  await hydrated(reviewer);
  const chip = reviewer.locator(`[data-testid="calendar-post"][data-post-id="${postId}"]`);
  await chip.waitFor();
  assert.equal(await chip.getAttribute('data-status'), 'scheduled');
  assert.match(await chip.innerText(), /11:00/);
  assert.equal(await nav.getByTestId('review-badge').count(), 0, 'nothing waits any more');
  await reviewerContext.close();
  await contributorContext.close();
});
