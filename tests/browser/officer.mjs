// officer.mjs URL TOKEN OUTDIR: the officers' page in Debian's chromium (puppeteer-core, never a
// downloaded browser): sign in, fill a reduction notice (amended plan, a direct payment item with
// its payee and refs), see the dates the letter will print, a bad postcode reported beside its
// field and in the error summary, fix it, preview, fetch the PDF (OUTDIR/officer.pdf, and the
// dates shown in OUTDIR/officer-dates.txt, for pdftotext); a refusal with its grounds ticked by
// keyboard; a nominee's copy-to; and every fixture case pasted in, written back by the form and
// rendered to the same bytes as the file itself (so each new field fills and writes back).
// Screenshots go to OUTDIR. Prints one line per check and exits 1 when one failed.
import {check, run} from './harness.mjs';
import {readFileSync, readdirSync, writeFileSync} from 'node:fs';

const [url, token, out] = process.argv.slice(2);
await run(1100, 900, async (page) => {
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
  const kinds = await page.$$eval('#kind option', (os) => os.map((o) => o.value));
  check('the kinds come from the server (' + kinds.join(', ') + ')', kinds.includes('reduction') && kinds.includes('refusal'));

  const type = async (sel, text) => { await page.$eval(sel, (e) => { e.value = ''; }); await page.focus(sel); await page.keyboard.type(text); };
  const path = (p) => '[data-path="' + p + '"]';
  await type('#case-id', 'BNES-2026-0142');
  await page.select('#council', 'bnes');
  await page.select('#kind', 'reduction');
  await type('#child-given', 'Zoë');
  await type('#child-family', 'Łukasiewicz-O\'Brien');
  await type('#child-dob', '2013-02-11');
  await page.select('#rel', 'parent');
  await type('#rtitle', 'Mrs');
  await type('#rname', 'Anna Łukasiewicz');
  await type('#rfamily', 'Łukasiewicz');
  await type('#raddr', 'Flat 2\n14 Widcombe Parade\nBath');
  await type('#rpost', 'BA2 4J');
  await type('#plan-ref', 'EHCP-0142');
  await type('#plan-issued', '2024-06-01');
  await type('#off-name', 'Siân Pritchard');
  await type('#off-role', 'SEND Casework Officer');
  await type('#off-phone', '01632 960142');
  await type('#off-email', 'sian.pritchard@example.gov.uk');
  const item = '#items .row:nth-child(1) ';
  await type(item + path('personal-budget/item/@id'), 'SLT');
  await page.select(item + path('personal-budget/item/@stream'), 'education');
  await page.select(item + path('personal-budget/item/@arrangement'), 'direct-payment');
  check('a direct payment asks how often and to whom', await page.$eval(item + path('personal-budget/item/@payee'), (e) => e.closest('.group').hidden === false));
  await page.select(item + path('personal-budget/item/@paid'), 'monthly');
  await type(item + path('personal-budget/item/@payee'), 'Mrs Anna Łukasiewicz (parent)');
  await type(item + path('personal-budget/item/provision'), 'Speech and language therapy, one hour a week');
  await type(item + path('personal-budget/item/need'), 'B2: Zoë needs help to be understood by adults she does not know');
  await type(item + path('personal-budget/item/outcome'), 'E3: Zoë will use short sentences to ask for help');
  await type(item + path('personal-budget/item/annual-amount'), '2400.00');
  await type(path('reduction/@issued'), '2026-11-23');
  await page.select(path('reduction/@plan'), 'amended');
  check('an amended plan asks for its date', await page.$eval(path('reduction/@amended-plan'), (e) => e.closest('.group').hidden === false));
  check('... and not for a cost reason', await page.$eval(path('reduction/cost-reason'), (e) => e.closest('.group').hidden));
  await type(path('reduction/@amended-plan'), '2026-11-16');
  await page.select(path('reduction/change/@ref'), 'SLT');
  await type(path('reduction/change/@new-annual-amount'), '1200.00');
  await type(path('reduction/reason'), 'At the annual review on **12 October 2026** the therapist reported that Zoë now needs one session a fortnight.');
  await page.waitForFunction(() => /Friday 8 January 2027/.test(document.getElementById('dates').textContent));
  const dates = await page.$eval('#dates', (e) => e.textContent);
  check('the dates shown once council and issue date are known (28 working days)', /28 working days/.test(dates));
  const effective = await page.$eval('#dates [data-date="effective_date"]', (e) => e.textContent);
  writeFileSync(out + '/officer-dates.txt', effective + '\n');
  await page.screenshot({path: out + '/serve-form.png', fullPage: true});
  await page.$eval('.button-group', (e) => e.scrollIntoView({block: 'end'}));
  await page.screenshot({path: out + '/serve-dates.png'});

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
  await page.focus('#download-pdf');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Downloaded/.test(document.getElementById('status').textContent));
  check('download PDF button, by keyboard', true);
  const xml = await page.evaluate(() => buildCase().xml);
  writeFileSync(out + '/officer.xml', xml);

  // A refusal: grounds follow the scope, ticked with the keyboard.
  await page.select('#kind', 'refusal');
  await type(path('refusal/@issued'), '2026-11-23');
  await type(path('refusal/@requested'), '2026-10-30');
  await page.select(path('refusal/@scope'), 'personal-budget');
  const grounds = await page.$$eval(path('refusal/ground'), (is) => is.filter((i) => shown(i)).map((i) => i.value));
  check('personal budget grounds only (' + grounds.length + ')', grounds.includes('not-in-plan') && !grounds.includes('r6-appropriate-use'));
  await page.focus(path('refusal/ground') + '[value="not-in-plan"]');
  await page.keyboard.press('Space');
  await type(path('refusal/reason'), 'Transport is not in Section F of the plan.');
  const refused = await page.evaluate(async () => {
    const r = await fetch('/api/v1/render?doc=refusal', {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/xml'}, body: buildCase().xml});
    return r.status === 200 ? 'ok' : await r.text();
  });
  check('a refusal from the form renders (' + refused.slice(0, 200) + ')', refused === 'ok');
  await page.screenshot({path: out + '/serve-refusal.png', fullPage: true});

  // A nominee: the copy to the parent is asked for.
  await page.select('#rel', 'nominee');
  check('a nominee asks for the copy-to person', await page.$eval('#copy-to', (e) => !e.hidden));
  await page.select('#rel', 'parent');
  check('... and a parent does not', await page.$eval('#copy-to', (e) => e.hidden));

  // Every fixture pasted in: the form writes a case that renders to the same bytes.
  const dir = 'fixtures/cases/';
  let same = 0, total = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.xml'))) {
    const text = readFileSync(dir + f, 'utf8');
    const res = await page.evaluate(async (text) => {
      fill(text);
      const orig = new DOMParser().parseFromString(text, 'application/xml').documentElement;
      const out = [];
      for (const k of schema.kinds.filter((k) => orig.querySelector(':scope > ' + CSS.escape(k.name)))) {
        $('kind').value = k.name; applyWhen();
        const ask = (body) => fetch('/api/v1/render?doc=' + k.name, {method: 'POST', credentials: 'same-origin',
          headers: {'Content-Type': 'application/xml'}, body: body});
        const [a, b] = [await ask(text), await ask(buildCase().xml)];
        out.push({kind: k.name, same: a.status === 200 && b.status === 200 &&
          a.headers.get('X-Pbdocs-Sha256') === b.headers.get('X-Pbdocs-Sha256'), why: b.status === 200 ? '' : await b.text()});
      }
      return out;
    }, text);
    for (const r of res) {
      total++;
      if (r.same) same++; else console.log('FAIL: ' + f + ' ' + r.kind + ' written back differs ' + r.why.slice(0, 300));
    }
  }
  check(same + ' of ' + total + ' fixture documents written back by the form render the same bytes', same === total && total > 20);

  // Pasting a case fills the new fields.
  await page.evaluate(() => { document.getElementById('import').open = true; });
  await page.$eval('#xml-paste', (e, x) => { e.value = x; }, readFileSync('fixtures/cases/bnes-all.xml', 'utf8'));
  await page.click('#fill');
  const filled = await page.evaluate(() => ({
    id: $('case-id').value, family: $('rfamily').value,
    payee: [...document.querySelectorAll('[data-path="personal-budget/item/@payee"]')].map((i) => i.value).join('|'),
    need: [...document.querySelectorAll('[data-path="personal-budget/item/need"]')].map((i) => i.value).join('|'),
    plan: document.querySelector('[data-path="reduction/@plan"]').value,
    ground: [...document.querySelectorAll('[data-path="refusal/ground"]')].filter((i) => i.checked).map((i) => i.value).join(),
  }));
  check('pasted case fills the form: id, family name, payee, need with its ref, plan, grounds',
    filled.id === 'BNES-2026-0217' && filled.family === 'ap Gwilym-Jones' && /Gwilym-Jones \(parent\)/.test(filled.payee) &&
    /B6: Dafydd needs/.test(filled.need) && filled.plan === 'amended' && filled.ground === 'r6-appropriate-use');
});
