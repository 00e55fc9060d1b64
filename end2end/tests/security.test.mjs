import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, hydrated, launch, signUp, uniqueEmail } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every page hydrates under the Content Security Policy without a violation', async () => {
  const context = await browser.newContext();
  // Injected by the browser, not by the page, so the policy does not apply to it.
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const consoleViolations = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) consoleViolations.push(message.text());
  });
  await signUp(page, { name: 'Strict Policy', email: uniqueEmail('csp'), workspace: 'Policy' });
  for (const path of ['/calendar', '/compose', '/dashboard', '/accounts', '/team', '/settings']) {
    const response = await page.goto(`${BASE}${path}`);
    assert.match(response.headers()['content-security-policy'], /'nonce-[^']+'/, path);
    await hydrated(page);
    const violations = await page.evaluate(() => window.__violations);
    assert.deepEqual(violations, [], `${path}: ${violations.join(', ')}`);
  }
  assert.deepEqual(consoleViolations, []);
  await context.close();
});

test('another site cannot frame Herald', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A page of another origin (a data: URL) that tries to frame the sign-in page.
  await page.goto(`data:text/html,<iframe id="f" onload="this.dataset.loaded=1" src="${BASE}/signin"></iframe>`);
  await page.waitForFunction(() => document.getElementById('f')?.dataset.loaded === '1');
  const frame = page.frames().find((f) => f.url().startsWith(BASE));
  const loaded = frame ? await frame.locator('form').count().catch(() => 0) : 0;
  assert.equal(loaded, 0, 'the sign-in form rendered inside a frame of another site');
  await context.close();
});
