// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';

export const BASE = process.env.HERALD_URL ?? 'http://127.0.0.1:3000';
export const PASSWORD = 'correct horse battery';

// Flags that work on machines without a network or GPU. Playwright runs headless and gives
// every launch a fresh, empty profile of its own.
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ARGS,
  });
}

/** Calls a server function with the page's session, as a form post; fails on an error. */
export async function call(page, endpoint, form) {
  const response = await page.request.post(`${BASE}/api/${endpoint}`, {
    form,
    headers: { accept: 'application/json' },
  });
  if (!response.ok()) {
    throw new Error(`${endpoint}: ${response.status()} ${await response.text()}`);
  }
  return response.json();
}

/** A unique address per test run, so tests can share one database. */
export function uniqueEmail(name) {
  return `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** Waits until the wasm has hydrated the page (the app marks <body data-hydrated>). */
export async function hydrated(page) {
  try {
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
  } catch (error) {
    // Say why: a panic in the wasm or a refused script shows up here.
    const pageErrors = (await page.pageErrors()).map(String);
    const consoleErrors = (await page.consoleMessages())
      .filter((message) => message.type() === 'error' || message.type() === 'warning')
      .map((message) => message.text());
    error.message += `\nat ${page.url()}\npage errors: ${JSON.stringify(pageErrors)}`
      + `\nconsole errors and warnings: ${JSON.stringify(consoleErrors)}`;
    throw error;
  }
}

export async function signUp(page, { name, email, workspace, hydrate = true }) {
  await page.goto(`${BASE}/signup`);
  if (hydrate) await hydrated(page);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Workspace name').fill(workspace);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL(`${BASE}/calendar`);
}

export async function signIn(page, email, password = PASSWORD, { hydrate = true } = {}) {
  await page.goto(`${BASE}/signin`);
  if (hydrate) await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page) {
  await page.getByLabel('Account menu').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${BASE}/signin`);
}
