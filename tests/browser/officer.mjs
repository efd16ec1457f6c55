// officer.mjs URL TOKEN OUTDIR: the officers' page in Debian's chromium (puppeteer-core, never a
// downloaded browser): sign in, fill a reduction notice by keyboard, see a bad postcode reported
// beside its field and in the error summary, fix it, preview, and fetch the PDF the page makes
// (written to OUTDIR/officer.pdf for pdftotext). Screenshots go to OUTDIR. Prints one line per
// check and exits 1 when one failed.
import puppeteer from 'puppeteer-core';
import {writeFileSync} from 'node:fs';

const [url, token, out] = process.argv.slice(2);
let failed = 0;
const check = (what, ok) => { console.log((ok ? 'ok: ' : 'FAIL: ') + what); if (!ok) failed++; };

const browser = await puppeteer.launch({executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], timeout: 20000});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000); // the machine may be shared and loaded
  await page.setViewport({width: 1100, height: 900});
  await page.goto(url + '/', {waitUntil: 'load'});
  await page.waitForSelector('#signin:not([hidden])');
  check('not signed in: the sign-in form', true);
  await page.type('#token', token);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.waitForSelector('#app:not([hidden])');
  check('signed in: the form', true);
  const cookies = await page.cookies();
  const c = cookies.find((k) => k.name === 'pbdocs_session');
  check('session cookie HttpOnly, SameSite=Strict', c && c.httpOnly && c.sameSite === 'Strict');

  const type = async (sel, text) => { await page.click(sel, {clickCount: 3}); await page.keyboard.type(text); };
  await type('#case-id', 'BNES-2026-0142');
  await page.select('#council', 'bnes');
  await page.select('#kind', 'reduction');
  await type('#child-given', 'Zoë');
  await type('#child-family', 'Łukasiewicz-O\'Brien');
  await type('#child-dob', '2013-02-11');
  await page.select('#rel', 'parent');
  await type('#rtitle', 'Mrs');
  await type('#rname', 'Anna Łukasiewicz');
  await type('#raddr', 'Flat 2\n14 Widcombe Parade\nBath');
  await type('#rpost', 'BA2 4J');
  await type('#plan-ref', 'EHCP-0142');
  await type('#plan-issued', '2024-06-01');
  await type('#off-name', 'Siân Pritchard');
  await type('#off-role', 'SEND Casework Officer');
  await type('#off-phone', '01632 960142');
  await type('#off-email', 'sian.pritchard@example.gov.uk');
  const item = '#items .item:nth-child(1)';
  await type(item + ' [data-path$="@id"]', 'SLT');
  await page.select(item + ' [data-path$="@stream"]', 'education');
  await type(item + ' [data-path$="provision"]', 'Speech and language therapy, one hour a week');
  await type(item + ' [data-path$="outcome"]', 'Zoë will use short sentences to ask for help');
  await type(item + ' [data-path$="annual-amount"]', '2400.00');
  await type('#red-issued', '2026-11-23');
  await type('#changes .change [data-path$="@ref"]', 'SLT');
  await type('#changes .change [data-path$="@new-annual-amount"]', '1200.00');
  await type('#red-reason', 'At the annual review on **12 October 2026** the therapist reported that Zoë now needs one session a fortnight.');
  const dates = await page.$eval('#dates', (e) => e.textContent);
  check('the notice rule shown once council and issue date are known', /28 working days/.test(dates));
  await page.screenshot({path: out + '/serve-form.png', fullPage: true});

  // Preview with the bad postcode: reported beside the field and in the summary.
  await page.click('#preview-button');
  await page.waitForSelector('#error-summary:not([hidden])');
  const summary = await page.$eval('#error-summary-list', (e) => e.textContent);
  check('error summary names the postcode', /Postcode: is not a valid UK postcode/.test(summary));
  const beside = await page.$eval('#rpost', (e) => e.closest('.group').querySelector('.error-message')?.textContent || '');
  check('the problem beside the postcode field', /is not a valid UK postcode/.test(beside));
  check('the summary has focus', await page.evaluate(() => document.activeElement.id === 'error-summary'));
  await page.screenshot({path: out + '/serve-errors.png', fullPage: true});
  await page.screenshot({path: out + '/serve-errors-top.png'});
  await page.focus('#error-summary-list a');
  await page.keyboard.press('Enter');
  check('the summary link takes the keyboard to the field', await page.evaluate(() => document.activeElement.id === 'rpost'));

  await type('#rpost', 'BA2 4JT');
  await page.click('#preview-button');
  await page.waitForSelector('#preview:not([hidden])');
  check('preview shown, no problems left', await page.$eval('#error-summary', (e) => e.hidden));
  await page.$eval('#preview-title', (e) => e.scrollIntoView());
  await new Promise((r) => setTimeout(r, 1000));
  await page.screenshot({path: out + '/serve-preview.png', fullPage: false});

  // The PDF the page downloads, fetched as the page does, and the case XML it offers.
  const pdf = await page.evaluate(async () => {
    const r = await fetch('/api/v1/render?doc=reduction', {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/xml'}, body: buildCase().xml});
    const b = new Uint8Array(await r.arrayBuffer());
    let s = ''; for (const x of b) s += String.fromCharCode(x);
    return {status: r.status, name: r.headers.get('Content-Disposition'), b64: btoa(s)};
  });
  check('download PDF: 200', pdf.status === 200);
  check('download PDF: named by case and kind', /BNES-2026-0142-reduction.pdf/.test(pdf.name));
  writeFileSync(out + '/officer.pdf', Buffer.from(pdf.b64, 'base64'));
  await page.click('#download-pdf');
  await page.waitForFunction(() => /Downloaded/.test(document.getElementById('status').textContent));
  check('download PDF button', true);
  const xml = await page.evaluate(() => buildCase().xml);
  writeFileSync(out + '/officer.xml', xml);

  // Paste a case: the form fills for checking.
  await page.evaluate(() => { document.getElementById('import').open = true; });
  await page.$eval('#xml-paste', (e, x) => { e.value = x; }, xml.replace('BNES-2026-0142', 'BNES-2026-0999'));
  await page.click('#fill');
  check('pasted case fills the form', await page.$eval('#case-id', (e) => e.value) === 'BNES-2026-0999' &&
    await page.$eval('#rpost', (e) => e.value) === 'BA2 4JT');
} catch (e) {
  console.log('FAIL: ' + e.message);
  failed++;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
