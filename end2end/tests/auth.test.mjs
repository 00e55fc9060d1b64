import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, launch, hydrated, signUp, signIn, signOut, uniqueEmail } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the password hint changes in the browser without asking the server', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/signup`);
  await hydrated(page);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const hint = page.getByTestId('password-strength');
  assert.match(await hint.innerText(), /Too short/);

  await page.getByLabel('Password', { exact: true }).pressSequentially('abcdefgh12');
  assert.match(await hint.innerText(), /Fair/);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
  assert.match(await hint.innerText(), /Strong/);
  assert.deepEqual(requests, [], 'typing made no request');
  await page.close();
});

test('sign up lands in the app shell; sign out; wrong password; sign in', async () => {
  const page = await browser.newPage();
  const email = uniqueEmail('olive');
  await signUp(page, { name: 'Olive Owner', email, workspace: 'Acme Marketing' });

  const nav = page.getByRole('navigation', { name: 'Main', exact: true });
  for (const link of ['Calendar', 'Compose', 'Drafts', 'Dashboard', 'Accounts', 'Team', 'Settings']) {
    assert.ok(await nav.getByRole('link', { name: link }).isVisible(), `${link} in the navigation`);
  }
  assert.equal(await page.getByTestId('current-workspace').innerText(), 'Acme Marketing');

  await signOut(page);
  await signIn(page, email, 'not my password');
  await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/signin');

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${BASE}/calendar`);
  await page.getByRole('heading', { name: 'Calendar', exact: true }).waitFor();
  await page.close();
});

test('sign-up and sign-in forms work with JavaScript disabled', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const email = uniqueEmail('nojs');
  await signUp(page, { name: 'No Script', email, workspace: 'Plain HTML', hydrate: false });
  assert.equal(await page.getByTestId('current-workspace').innerText(), 'Plain HTML');

  await page.getByLabel('Account menu').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${BASE}/signin`);

  await signIn(page, email, 'not my password', { hydrate: false });
  await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();

  await signIn(page, email, PASSWORD, { hydrate: false });
  await page.waitForURL(`${BASE}/calendar`);
  await context.close();
});

test('bad sign-up input is explained on the page', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/signup`);
  await hydrated(page);
  await page.getByLabel('Your name').fill('Short Password');
  await page.getByLabel('Work email').fill(uniqueEmail('short'));
  await page.getByLabel('Password', { exact: true }).fill('tiny');
  await page.getByLabel('Workspace name').fill('Nope');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('alert').filter({ hasText: 'at least 10 characters' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/signup');
  await page.close();
});
