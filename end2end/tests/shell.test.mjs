import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, signUp, uniqueEmail } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('on a phone the navigation folds into a menu', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await signUp(page, { name: 'Phone User', email: uniqueEmail('phone'), workspace: 'Pocket' });
  const desktopNav = page.getByRole('navigation', { name: 'Main', exact: true });
  assert.equal(await desktopNav.isVisible(), false, 'the wide navigation is hidden');

  await page.getByLabel('Menu', { exact: true }).click();
  const mobileNav = page.getByRole('navigation', { name: 'Main (mobile)' });
  await mobileNav.getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL(`${BASE}/settings`);
  await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= 375, `no sideways scrolling (${scrollWidth}px)`);
  await context.close();
});
