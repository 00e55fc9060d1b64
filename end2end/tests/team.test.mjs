import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, launch, hydrated, signUp, uniqueEmail } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an owner invites an editor, who joins and cannot manage the team', async () => {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signUp(owner, { name: 'Olive Owner', email: uniqueEmail('owner'), workspace: 'Invite Co' });

  await owner.goto(`${BASE}/team`);
  await hydrated(owner);
  const editorEmail = uniqueEmail('eddie');
  await owner.locator('#invite-email').fill(editorEmail);
  await owner.locator('#invite-role').selectOption('editor');
  await owner.getByRole('button', { name: 'Invite', exact: true }).click();
  const linkField = owner.getByTestId('invite-link');
  await linkField.waitFor();
  const link = await linkField.inputValue();
  assert.match(link, /\/invite\/[A-Za-z0-9_-]{43}$/);
  const row = owner.getByTestId('invite-row').filter({ hasText: editorEmail });
  await row.getByText('Invited', { exact: true }).waitFor();

  // The editor opens the link in their own browser and creates their account, signed in at once.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await editor.goto(link.replace(/^https?:\/\/[^/]+/, BASE));
  await hydrated(editor);
  await editor.getByText('You are invited to Invite Co as editor.').waitFor();
  await editor.getByLabel('Your name').fill('Eddie Editor');
  await editor.getByLabel('Choose a password').fill(PASSWORD);
  await editor.getByRole('button', { name: 'Create account and join' }).click();
  await editor.waitForURL(`${BASE}/calendar`);
  await editor.getByLabel('Account menu').click();
  await editor.getByText('Editor in Invite Co').waitFor();

  await editor.goto(`${BASE}/team`);
  await editor.getByTestId('team-locked').waitFor();
  assert.match(await editor.getByTestId('team-locked').innerText(), /Only owners and admins manage the team/);
  assert.equal(await editor.getByTestId('member-list').count(), 0);

  // The used link does not work a second time.
  const stranger = await browser.newPage();
  await stranger.goto(link.replace(/^https?:\/\/[^/]+/, BASE));
  await stranger.getByText('This invite link is not valid.', { exact: false }).waitFor();

  // Back on the owner's page the editor has joined.
  await owner.reload();
  await hydrated(owner);
  await owner.getByTestId('member-row').filter({ hasText: editorEmail }).waitFor();
  assert.equal(await owner.getByTestId('invite-row').filter({ hasText: editorEmail }).count(), 0);
  await ownerContext.close();
  await editorContext.close();
  await stranger.close();
});
