// harness.mjs: what the browser scripts share: Debian's chromium through puppeteer-core (never a
// downloaded browser), one line per check, a page that fails a check on any script error, and
// the exit status (1 when a check failed or a step threw).
import puppeteer from 'puppeteer-core';

let failed = 0;
export const check = (what, ok) => { console.log((ok ? 'ok: ' : 'FAIL: ') + what); if (!ok) failed++; };

// Runs steps(page) in a fresh headless chromium with a viewport of width x height, then exits.
export async function run(width, height, steps) {
  const browser = await puppeteer.launch({executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], timeout: 20000});
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(20000); // the machine may be shared and loaded
    page.on('pageerror', (e) => check('no script error: ' + e.message, false));
    await page.setViewport({width: width, height: height});
    await steps(page);
  } catch (e) {
    check(e.message, false);
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}
