/* app.js: the officers' page. Signs in, builds the form (form.js) from what the server says the
 * case format is, asks the server to check or render the case the form writes, and shows each
 * problem beside its field and in the error summary (GOV.UK Design System patterns). Shows the
 * dates the letter will print as soon as the council and issue date are known (computed by the
 * server, as the letter computes them). Fills the form from an uploaded or pasted case. */
'use strict';
let councils = [];
let checkedOnce = false;

/* The input a problem belongs to: the one on its line whose path ends the problem's field. */
function inputFor(problem, owners) {
  const inputs = (owners[problem.line] || []).filter((i) => i);
  if (!problem.field) return inputs.length === 1 ? inputs[0] : null;
  const path = problem.field.replace(/\[\d+\]/g, '');
  const exact = inputs.find((i) => i.dataset.path === path);
  if (exact) return exact;
  const near = inputs.find((i) => path.startsWith(i.dataset.path) || i.dataset.path.startsWith(path));
  if (near) return near;
  const all = [...document.querySelectorAll('[data-path="' + CSS.escape(path) + '"]')];
  return all.find((i) => shown(i)) || all[0] || null;
}

function clearProblems() {
  for (const e of document.querySelectorAll('.error-message')) e.remove();
  for (const g of document.querySelectorAll('.group-error')) g.classList.remove('group-error');
  for (const i of document.querySelectorAll('[aria-invalid]')) {
    i.removeAttribute('aria-invalid');
    i.setAttribute('aria-describedby', (i.getAttribute('aria-describedby') || '').replace(/\s*err-\S+/g, '').trim());
  }
  $('error-summary-list').textContent = '';
  $('error-summary').hidden = true;
}

function labelOf(input, p) {
  if (!input) return p.case ? 'Case ' + p.case + ':' : '';
  const kind = input.closest('.kind');
  const other = kind && kind.dataset.kind !== $('kind').value ? kind.querySelector('legend').textContent + ': ' : '';
  const group = input.closest('fieldset.group');
  const label = group ? group.querySelector('legend') : document.querySelector('label[for="' + input.id + '"]');
  return other + (label ? label.textContent.replace(/ \(.*\)$/, '') : p.field) + ':';
}

/* focus: move to the summary (after Preview or Download, not while the officer types). */
function showProblems(problems, owners, focus) {
  clearProblems();
  for (const p of problems) {
    const input = inputFor(p, owners);
    const words = labelOf(input, p) + ' ' + p.message;
    const link = el('a', {href: input ? '#' + input.id : '#main'}, [words]);
    link.addEventListener('click', (ev) => {
      ev.preventDefault();
      const kind = input && input.closest('.kind');
      if (kind && kind.hidden) { $('kind').value = kind.dataset.kind; refresh(); }
      (input || $('main')).focus();
    });
    $('error-summary-list').append(el('li', {}, [link]));
    if (!input) continue;
    const group = input.closest('.group');
    group.classList.add('group-error');
    if (!group.querySelector('#err-' + input.id)) {
      const msg = el('p', {class: 'error-message', id: 'err-' + input.id}, [el('span', {class: 'visually-hidden'}, ['Error: ']), words]);
      const anchor = input.closest('.checkboxes') || (input.type === 'checkbox' ? group.firstChild : input);
      anchor.parentNode.insertBefore(msg, anchor);
    }
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' err-' + input.id).trim());
  }
  $('error-summary').hidden = false;
  if (focus) $('error-summary').focus();
}

async function post(path, xml) {
  return fetch(path, {method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/xml'}, body: xml});
}

function say(text) { $('status').textContent = text; }

/* Renders the chosen document; returns the PDF as a Blob with its file name, or null. */
async function render() {
  const c = buildCase();
  const r = await post('/api/v1/render?doc=' + encodeURIComponent($('kind').value), c.xml);
  if (r.status === 401) { location.reload(); return null; }
  if (r.status === 422) {
    checkedOnce = true;
    showProblems((await r.json()).problems, c.owners, true);
    say('The letter was not made: correct the problems listed at the top.');
    return null;
  }
  if (!r.ok) { say('The server answered ' + r.status + ': ' + (await r.text())); return null; }
  clearProblems();
  const name = (r.headers.get('Content-Disposition') || '').replace(/.*filename="([^"]+)".*/, '$1') || 'letter.pdf';
  return {blob: await r.blob(), name: name};
}

function save(blob, name) {
  const a = el('a', {href: URL.createObjectURL(blob), download: name});
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

async function recheck() {
  if (!checkedOnce) return;
  const c = buildCase();
  const r = await post('/api/v1/validate', c.xml);
  if (r.status === 422) showProblems((await r.json()).problems, c.owners);
  else if (r.ok) { clearProblems(); say('No problems found.'); }
}

/* The dates the letter prints, from the server (the letter's own rules and calendar). */
let datesAsked = 0;
async function showDates() {
  const kind = $('kind').value;
  const field = (name) => {
    const i = document.querySelector('.kind[data-kind="' + CSS.escape(kind) + '"] [data-path="' + CSS.escape(kind + '/@' + name) + '"]');
    return i && shown(i) ? i.value.trim() : '';
  };
  const issued = field('issued');
  const c = councils.find((x) => x.id === $('council').value);
  const ask = ++datesAsked;
  if (!c || !/^\d{4}-\d{2}-\d{2}$/.test(issued)) { $('dates').textContent = ''; return; }
  const q = new URLSearchParams({council: c.id, kind: kind, issued: issued});
  for (const name of ['sent-by', 'sent-at', 'consent-withdrawn-on']) if (field(name)) q.set(name, field(name));
  if ($('child-dod').value.trim()) q.set('date-of-death', $('child-dod').value.trim());
  const r = await fetch('/api/v1/dates?' + q, {credentials: 'same-origin'});
  if (ask !== datesAsked) return; // an answer to an older question
  if (!r.ok) { $('dates').textContent = ''; return; }
  const d = await r.json();
  const box = $('dates');
  box.textContent = '';
  let lead = 'The letter will print these dates (' + (d.notice ? c.name + ' gives ' + d.notice + '\u2019 notice; ' : '') +
    'sent by ' + d.service + ' on ' + issued + '):';
  if (!d.dates.length) lead = 'This letter prints no dates to act by.';
  box.append(el('p', {}, [lead]));
  if (d.dates.length)
    box.append(el('dl', {class: 'summary-list'}, d.dates.flatMap((x) => [el('dt', {}, [x.label]), el('dd', {'data-date': x.name}, [x.text])])));
}

function refresh() { applyWhen(); showDates(); }

function fill(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'case') { say('That is not a case file (its root element is ' + root.nodeName + ').'); return; }
  fillForm(root);
  showDates();
  say('The form is filled from the case file: check it, then preview.');
  $('case-id').focus();
}

async function start() {
  const r = await fetch('/api/v1/councils', {credentials: 'same-origin'});
  if (r.status === 401) { $('signin').hidden = false; $('token').focus(); return; }
  councils = (await r.json()).councils;
  schema = await (await fetch('/api/v1/schema', {credentials: 'same-origin'})).json();
  for (const c of councils) $('council').append(el('option', {value: c.id}, [c.name]));
  buildKinds();
  if (schema.kinds.some((k) => k.name === 'reduction')) $('kind').value = 'reduction';
  $('app').hidden = false;
  addItem();
  $('notice').addEventListener('change', refresh);
  $('notice').addEventListener('input', (ev) => {
    if (/item\/@id$/.test(ev.target.dataset.path || '')) refreshItemRefs();
    if (/@(issued|sent-at|consent-withdrawn-on)$|date-of-death$/.test(ev.target.dataset.path || '')) showDates();
  });
  $('add-item').addEventListener('click', () => addItem().querySelector('input').focus());
  $('notice').addEventListener('change', recheck);
  $('notice').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const pdf = await render();
    if (!pdf) return;
    $('preview').src = URL.createObjectURL(pdf.blob);
    $('preview').hidden = $('preview-title').hidden = false;
    say('Preview of ' + pdf.name + ' below.');
  });
  $('download-pdf').addEventListener('click', async () => {
    const pdf = await render();
    if (pdf) { save(pdf.blob, pdf.name); say('Downloaded ' + pdf.name + '.'); }
  });
  $('download-xml').addEventListener('click', () => {
    const id = $('case-id').value.trim() || 'case';
    save(new Blob([buildCase().xml], {type: 'application/xml'}), id + '.xml');
  });
  $('xml-file').addEventListener('change', async () => {
    const f = $('xml-file').files[0];
    if (f) fill(await f.text());
  });
  $('fill').addEventListener('click', () => fill($('xml-paste').value));
  refresh();
}

document.addEventListener('DOMContentLoaded', start);
