// authoring.mjs URL TEMPLATES OUTDIR: the template authors' page (pbdocs serve --authoring
// --templates TEMPLATES, a copy the test may edit) in Debian's chromium: pick the reduction
// template and a case, see the PDF; save the template, then a partial, and see the preview
// change within a couple of seconds each (OUTDIR/authoring-*.pdf for pdftotext); save a template
// naming no field and see lint's finding and the problem as FILE:LINE:COL. Screenshot in OUTDIR.
import {check, run} from './harness.mjs';
import {appendFileSync, writeFileSync} from 'node:fs';

const [url, templates, out] = process.argv.slice(2);
await run(1300, 1000, async (page) => {
  await page.goto(url + '/authoring', {waitUntil: 'load'});
  await page.waitForSelector('#app:not([hidden])');
  const renders = () => page.$eval('#preview', (e) => Number(e.dataset.renders));
  await page.waitForFunction(() => Number(document.getElementById('preview').dataset.renders) >= 1);
  await page.select('#template', 'reduction.mustache.md');
  const cases = await page.$$eval('#case option', (os) => os.map((o) => o.value));
  check('the cases offered ask for a reduction (' + cases.length + ')', cases.includes('bnes-reduction.xml') && !cases.includes('bnes-refusal-young-person.xml'));
  let n = await renders();
  await page.select('#case', 'bnes-reduction.xml');
  await page.waitForFunction((n) => Number(document.getElementById('preview').dataset.renders) > n, {}, n);
  check('the PDF for the chosen template and case', /reduction.mustache.md with bnes-reduction.xml/.test(await page.$eval('#status', (e) => e.textContent)));

  // The preview's bytes as the page shows them.
  const savePdf = async (name) => {
    const b64 = await page.evaluate(async () => {
      const b = new Uint8Array(await shownPdf.arrayBuffer());
      let s = ''; for (const x of b) s += String.fromCharCode(x);
      return btoa(s);
    });
    writeFileSync(out + '/' + name, Buffer.from(b64, 'base64'));
  };
  await savePdf('authoring-before.pdf');

  // Save the template, then a partial: each shows in the preview (the page polls twice a second).
  for (const [file, mark, pdf] of [['reduction.mustache.md', 'Authoring edit 4711.', 'authoring-template.pdf'],
    ['partials/reconsideration.mustache.md', 'Partial edit 4712.', 'authoring-partial.pdf']]) {
    n = await renders();
    const t0 = Date.now();
    appendFileSync(templates + '/' + file, '\n' + mark + '\n');
    await page.waitForFunction((n) => Number(document.getElementById('preview').dataset.renders) > n, {}, n);
    const ms = Date.now() - t0;
    check('saving ' + file + ' refreshed the preview in ' + ms + ' ms', ms < 3000);
    await savePdf(pdf);
  }

  // A template naming no field: lint's finding and the render problem, as FILE:LINE:COL.
  appendFileSync(templates + '/reduction.mustache.md', '{{no_such_field}}\n');
  await page.waitForFunction(() => /no_such_field/.test(document.getElementById('problems').textContent));
  const problems = await page.$eval('#problems', (e) => e.textContent);
  check('the render problem as FILE:LINE:COL', /reduction\.mustache\.md:\d+:\d+: .*no_such_field/.test(problems));
  const lint = await page.$eval('#lint', (e) => e.textContent);
  check('lint finding listed as FILE:LINE:COL', /reduction\.mustache\.md:\d+:\d+: unknown field 'no_such_field'/.test(lint));
  await page.screenshot({path: out + '/serve-authoring.png', fullPage: false});
});
