// Signs up through the real pages of the Herald at HERALD_URL in Chromium (the image's own
// browser bundle hydrates them) and prints the session cookie as JSON, so that tests/image
// carries on over HTTP as the same person. Usage: node end2end/image/signup.mjs EMAIL WORKSPACE
import { BASE, launch, signUp } from '../lib/browser.mjs';

const [email, workspace] = process.argv.slice(2);
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { name: 'Ivy Image', email, workspace });
  await page.getByRole('heading', { name: 'Calendar', exact: true }).waitFor();
  const session = (await context.cookies(BASE)).find((cookie) => cookie.name === 'herald_session');
  if (!session) throw new Error('signed up, but the browser holds no session cookie');
  console.log(JSON.stringify({ session: session.value }));
} finally {
  await browser.close();
}
