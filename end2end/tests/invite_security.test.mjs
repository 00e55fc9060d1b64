// Two people, two browsers: an invite can neither take over someone invited elsewhere nor add
// a registered person to a workspace without their say.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, launch, hydrated, signOut, signUp, uniqueEmail } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const local = (link) => link.replace(/^https?:\/\/[^/]+/, BASE);

async function person() {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

/** Invites `email` from the Team page and returns the link shown to the inviter. */
async function invite(page, email, role) {
  await page.goto(`${BASE}/team`);
  await hydrated(page);
  await page.locator('#invite-email').fill(email);
  await page.locator('#invite-role').selectOption(role);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const field = page.getByTestId('invite-link');
  await field.waitFor();
  await page.getByText(`Invite link for ${email}`).waitFor();
  return field.inputValue();
}

async function workspacesOf(page) {
  await page.goto(`${BASE}/calendar`);
  await hydrated(page);
  const current = await page.getByTestId('current-workspace').innerText();
  const others = await page.locator('form input[name="workspace_id"]').count();
  return { current, others };
}

test('a second workspace cannot take over someone invited to the first', async () => {
  const cfo = uniqueEmail('cfo');
  const acme = await person();
  await signUp(acme.page, { name: 'Olive Owner', email: uniqueEmail('olive'), workspace: 'Acme Takeover' });
  await invite(acme.page, cfo, 'admin');

  // Mallory signs up, invites the same address to her own workspace and opens her link.
  const mallory = await person();
  await signUp(mallory.page, { name: 'Mallory', email: uniqueEmail('mallory'), workspace: 'Evil Takeover' });
  const hers = await invite(mallory.page, cfo, 'viewer');
  await mallory.page.getByLabel('Account menu').click();
  await mallory.page.getByRole('button', { name: 'Sign out' }).click();
  await mallory.page.waitForURL(`${BASE}/signin`);
  await mallory.page.goto(local(hers));
  await hydrated(mallory.page);
  await mallory.page.getByLabel('Your name').fill('Not The CFO');
  await mallory.page.getByLabel('Choose a password').fill('mallory owns this one');
  await mallory.page.getByRole('button', { name: 'Create account and join' }).click();
  await mallory.page.waitForURL(`${BASE}/calendar`);

  // Signed in as that address, she is in her own workspace only: Acme's invite is not hers.
  assert.deepEqual(await workspacesOf(mallory.page), { current: 'Evil Takeover', others: 0 });
  await acme.page.goto(`${BASE}/team`);
  await hydrated(acme.page);
  await acme.page.getByTestId('invite-row').filter({ hasText: cfo }).getByText('Invited', { exact: true }).waitFor();
  assert.equal(await acme.page.getByTestId('member-row').filter({ hasText: cfo }).count(), 0);
  await acme.context.close();
  await mallory.context.close();
});

test('a registered person joins another workspace only by accepting, signed in as themselves', async () => {
  const bobEmail = uniqueEmail('bob');
  const bob = await person();
  await signUp(bob.page, { name: 'Bob Builder', email: bobEmail, workspace: 'Bob Consent' });

  const acme = await person();
  await signUp(acme.page, { name: 'Olive Owner', email: uniqueEmail('olive'), workspace: 'Acme Consent' });
  // The inviter sees the same answer as for anyone: a link, nothing about an account.
  const link = await invite(acme.page, bobEmail, 'editor');
  assert.equal(await acme.page.getByText('already has a Herald account').count(), 0);
  assert.deepEqual(await workspacesOf(bob.page), { current: 'Bob Consent', others: 0 });

  // Someone else holding the link cannot use it.
  const mallory = await person();
  await signUp(mallory.page, { name: 'Mallory', email: uniqueEmail('mallory'), workspace: 'Evil Consent' });
  await mallory.page.goto(local(link));
  await hydrated(mallory.page);
  await mallory.page.getByText(`This invitation is for ${bobEmail}`).waitFor();
  assert.equal(await mallory.page.getByRole('button', { name: 'Accept invitation' }).count(), 0);

  // Bob, signed out, opens it, signs in as himself from it, comes back to it and accepts.
  await signOut(bob.page);
  await bob.page.goto(local(link));
  await hydrated(bob.page);
  await bob.page.getByRole('link', { name: 'Sign in to accept' }).click();
  await bob.page.waitForURL(/\/signin\?next=/);
  await hydrated(bob.page);
  await bob.page.getByLabel('Email').fill(bobEmail);
  await bob.page.getByLabel('Password').fill(PASSWORD);
  await bob.page.getByRole('button', { name: 'Sign in' }).click();
  await bob.page.waitForURL(local(link));
  await hydrated(bob.page);
  await bob.page.getByRole('button', { name: 'Accept invitation' }).click();
  await bob.page.waitForURL(`${BASE}/calendar`);
  assert.deepEqual(await workspacesOf(bob.page), { current: 'Acme Consent', others: 1 });
  await bob.page.getByLabel('Account menu').click();
  await bob.page.getByText('Editor in Acme Consent').waitFor();
  for (const who of [acme, bob, mallory]) await who.context.close();
});

test('someone new with the link creates their account and lands in the workspace', async () => {
  const acme = await person();
  await signUp(acme.page, { name: 'Olive Owner', email: uniqueEmail('olive'), workspace: 'Acme Newcomer' });
  const email = uniqueEmail('nina');
  const link = await invite(acme.page, email, 'contributor');

  const nina = await person();
  await nina.page.goto(local(link));
  await hydrated(nina.page);
  await nina.page.getByText('You are invited to Acme Newcomer as contributor.').waitFor();
  assert.equal(await nina.page.getByTestId('invited-email').innerText(), email);
  await nina.page.getByLabel('Your name').fill('Nina New');
  await nina.page.getByLabel('Choose a password').fill(PASSWORD);
  await nina.page.getByRole('button', { name: 'Create account and join' }).click();
  await nina.page.waitForURL(`${BASE}/calendar`);
  assert.equal(await nina.page.getByTestId('current-workspace').innerText(), 'Acme Newcomer');
  await acme.context.close();
  await nina.context.close();
});
