/* app.js: the officers' page. Builds case XML from the form (one element a line, remembering
 * which field wrote which line), asks the server to check or render it, and shows each problem
 * beside its field and in the error summary (GOV.UK Design System patterns). Fills the form from
 * an uploaded or pasted case. No libraries; works with the keyboard alone. */
'use strict';
const $ = (id) => document.getElementById(id);
let councils = [];
let checkedOnce = false;

const STREAMS = [['education', 'Education'], ['health', 'Health'], ['social-care', 'Social care']];
const ARRANGEMENTS = [['direct-payment', 'Direct payment'], ['council-managed', 'Managed by the council'],
  ['third-party', 'Paid to a third party'], ['provider-managed', 'Managed by the provider']];

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function el(tag, attrs, children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children || []) e.append(c);
  return e;
}

let uid = 0;
function field(labelText, path, kind, options) {
  const id = 'x' + (++uid);
  const input = kind === 'select'
    ? el('select', {class: 'select', id: id, 'data-path': path},
        options.map(([v, t]) => el('option', {value: v}, [t])))
    : kind === 'textarea' ? el('textarea', {class: 'textarea', id: id, rows: 2, 'data-path': path})
    : el('input', {class: 'input', id: id, 'data-path': path});
  return el('div', {class: 'group'}, [el('label', {class: 'label', for: id}, [labelText]), input]);
}

/* A removable row (a budget item or a change) of fields in the container with that id. */
function addRow(container, legend, fields, values) {
  const box = el('fieldset', {class: 'fieldset row ' + legend.toLowerCase()}, [el('legend', {}, [legend])]);
  box.append(...fields);
  const remove = el('button', {class: 'button warning', type: 'button'}, ['Remove this ' + legend.toLowerCase()]);
  remove.addEventListener('click', () => { box.remove(); numberRows(container); });
  box.append(remove);
  $(container).append(box);
  setRow(box, values);
  numberRows(container);
  return box;
}

function addItem(values) {
  return addRow('items', 'Item', [field('Item reference', 'personal-budget/item/@id'),
    field('Stream', 'personal-budget/item/@stream', 'select', STREAMS),
    field('How it is paid', 'personal-budget/item/@arrangement', 'select', ARRANGEMENTS),
    field('Provision', 'personal-budget/item/provision'),
    field('Outcomes (one a line)', 'personal-budget/item/outcome', 'textarea'),
    field('Annual amount in pounds', 'personal-budget/item/annual-amount')], values);
}

function addChange(values) {
  return addRow('changes', 'Change', [field('Item reference', 'reduction/change/@ref'),
    field('New annual amount in pounds', 'reduction/change/@new-annual-amount')], values);
}

function numberRows(id) {
  const rows = $(id).children;
  for (let i = 0; i < rows.length; i++)
    rows[i].querySelector('legend').textContent = (id === 'items' ? 'Item ' : 'Change ') + (i + 1);
}

function setRow(box, values) {
  for (const input of box.querySelectorAll('[data-path]')) {
    const v = values && values[input.dataset.path.split('/').pop()];
    if (v !== undefined) input.value = v;
  }
}

function rowValue(box, last) {
  return box.querySelector('[data-path$="/' + last + '"]');
}

/* The case as XML, and for each line the inputs that wrote it (problems name lines). */
function buildCase() {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const owners = {};
  const put = (text, ...inputs) => { lines.push(text); owners[lines.length] = inputs; };
  const v = (id) => $(id).value.trim();
  const kind = $('kind').value;
  put('<case id="' + esc(v('case-id')) + '" council="' + esc(v('council')) + '">', $('case-id'), $('council'));
  put('  <child>');
  put('    <given-names>' + esc(v('child-given')) + '</given-names>', $('child-given'));
  put('    <family-name>' + esc(v('child-family')) + '</family-name>', $('child-family'));
  put('    <date-of-birth>' + esc(v('child-dob')) + '</date-of-birth>', $('child-dob'));
  put('  </child>');
  put('  <recipient relationship="' + esc(v('rel')) + '">', $('rel'));
  if (v('rtitle')) put('    <title>' + esc(v('rtitle')) + '</title>', $('rtitle'));
  put('    <name>' + esc(v('rname')) + '</name>', $('rname'));
  put('    <address>', $('raddr'));
  const addr = v('raddr').split('\n').map((l) => l.trim()).filter((l) => l);
  for (const l of addr.length ? addr : ['']) put('      <line>' + esc(l) + '</line>', $('raddr'));
  put('      <postcode>' + esc(v('rpost')) + '</postcode>', $('rpost'));
  put('    </address>', $('raddr'));
  put('  </recipient>');
  put('  <plan reference="' + esc(v('plan-ref')) + '" issued="' + esc(v('plan-issued')) + '"/>', $('plan-ref'), $('plan-issued'));
  put('  <officer name="' + esc(v('off-name')) + '" role="' + esc(v('off-role')) + '" phone="' +
      esc(v('off-phone')) + '" email="' + esc(v('off-email')) + '"/>',
      $('off-name'), $('off-role'), $('off-phone'), $('off-email'));
  put('  <personal-budget>');
  for (const box of $('items').children) {
    const f = (k) => rowValue(box, k);
    put('    <item id="' + esc(f('@id').value.trim()) + '" stream="' + esc(f('@stream').value) +
        '" arrangement="' + esc(f('@arrangement').value) + '">', f('@id'), f('@stream'), f('@arrangement'));
    put('      <provision>' + esc(f('provision').value.trim()) + '</provision>', f('provision'));
    const outcomes = f('outcome').value.split('\n').map((l) => l.trim()).filter((l) => l);
    for (const o of outcomes.length ? outcomes : ['']) put('      <outcome>' + esc(o) + '</outcome>', f('outcome'));
    put('      <annual-amount>' + esc(f('annual-amount').value.trim()) + '</annual-amount>', f('annual-amount'));
    put('    </item>');
  }
  put('  </personal-budget>');
  const reason = (tag, id) => put('    <' + tag + '>' + esc($(id).value.trim()) + '</' + tag + '>', $(id));
  if (kind === 'reduction') {
    put('  <reduction issued="' + esc(v('red-issued')) + '">', $('red-issued'));
    for (const box of $('changes').children) {
      const ref = rowValue(box, '@ref'), amount = rowValue(box, '@new-annual-amount');
      put('    <change ref="' + esc(ref.value.trim()) + '" new-annual-amount="' + esc(amount.value.trim()) + '"/>', ref, amount);
    }
    reason('reason', 'red-reason');
    put('  </reduction>');
  } else if (kind === 'refusal') {
    put('  <refusal issued="' + esc(v('ref-issued')) + '" scope="' + esc(v('ref-scope')) + '">', $('ref-issued'), $('ref-scope'));
    for (const r of v('ref-items').split(',').map((s) => s.trim()).filter((s) => s))
      put('    <item ref="' + esc(r) + '"/>', $('ref-items'));
    reason('reason', 'ref-reason');
    put('  </refusal>');
  } else if (kind === 'repayment') {
    put('  <repayment issued="' + esc(v('rep-issued')) + '" amount="' + esc(v('rep-amount')) + '">', $('rep-issued'), $('rep-amount'));
    put('    <ground>' + esc(v('rep-ground')) + '</ground>', $('rep-ground'));
    reason('reason', 'rep-reason');
    put('  </repayment>');
  } else {
    put('  <section-j issued="' + esc(v('sj-issued')) + '">', $('sj-issued'));
    reason('summary', 'sj-summary');
    if (v('sj-dp')) reason('direct-payment-arrangements', 'sj-dp');
    put('  </section-j>');
  }
  put('</case>');
  return {xml: lines.join('\n') + '\n', owners: owners};
}

/* The input a problem belongs to: the one on its line whose path ends the problem's field. */
function inputFor(problem, owners) {
  const inputs = (owners[problem.line] || []).filter((i) => i);
  if (!problem.field) return inputs.length === 1 ? inputs[0] : null;
  const path = problem.field.replace(/\[\d+\]/g, '');
  const exact = inputs.find((i) => i.dataset.path === path);
  if (exact) return exact;
  const near = inputs.find((i) => path.startsWith(i.dataset.path) || i.dataset.path.startsWith(path));
  if (near) return near;
  return document.querySelector('[data-path="' + CSS.escape(path) + '"]');
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

function showProblems(problems, owners) {
  clearProblems();
  for (const p of problems) {
    const input = inputFor(p, owners);
    const words = (p.field ? '' : '') + p.message;
    const link = el('a', {href: input ? '#' + input.id : '#main'}, [labelOf(input, p) + ' ' + words]);
    link.addEventListener('click', (ev) => { ev.preventDefault(); (input || $('main')).focus(); });
    $('error-summary-list').append(el('li', {}, [link]));
    if (input) {
      const group = input.closest('.group');
      group.classList.add('group-error');
      const msg = el('p', {class: 'error-message', id: 'err-' + input.id}, [el('span', {class: 'visually-hidden'}, ['Error: ']), labelOf(input, p) + ' ' + words]);
      if (!group.querySelector('#err-' + input.id)) group.insertBefore(msg, input);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' err-' + input.id).trim());
    }
  }
  $('error-summary').hidden = false;
  $('error-summary').focus();
}

function labelOf(input, p) {
  if (!input) return p.case ? 'Case ' + p.case + ':' : '';
  const label = document.querySelector('label[for="' + input.id + '"]');
  return (label ? label.textContent.replace(/ \(.*\)$/, '') : p.field) + ':';
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
    showProblems((await r.json()).problems, c.owners);
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

function showKind() {
  for (const f of document.querySelectorAll('.kind')) f.hidden = f.dataset.kind !== $('kind').value;
  showDates();
}

/* The notice rule the letter applies; the letter prints the dates it gives. */
function showDates() {
  const c = councils.find((x) => x.id === $('council').value);
  const issued = $('red-issued').value.trim();
  if ($('kind').value !== 'reduction' || !c || !/^\d{4}-\d{2}-\d{2}$/.test(issued)) { $('dates').textContent = ''; return; }
  let text = c.name + ' gives ' + c.notice_days + ' ' + c.notice_unit + ' days\u2019 notice from ' + issued + '.';
  if (c.notice_unit === 'calendar') {
    const d = new Date(issued + 'T12:00:00Z');
    d.setUTCDate(d.getUTCDate() + c.notice_days);
    text += ' The new amounts take effect on ' + d.toISOString().slice(0, 10) + '.';
  } else {
    text += ' The letter prints the date the new amounts take effect (bank holidays excluded).';
  }
  $('dates').textContent = text;
}

/* Fills the form from case XML (an export from the case system). */
function fill(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'case') { say('That is not a case file (its root element is ' + root.nodeName + ').'); return; }
  const q = (sel) => root.querySelector(sel);
  const t = (sel) => (q(sel) ? q(sel).textContent.trim().replace(/\s+/g, ' ') : '');
  const md = (n) => n ? n.textContent.replace(/^\n/, '').split('\n').map((l) => l.trim()).join('\n').trim() : '';
  const a = (sel, name) => (q(sel) ? q(sel).getAttribute(name) || '' : '');
  $('case-id').value = root.getAttribute('id') || '';
  $('council').value = root.getAttribute('council') || '';
  $('child-given').value = t('child > given-names');
  $('child-family').value = t('child > family-name');
  $('child-dob').value = t('child > date-of-birth');
  $('rel').value = a('recipient', 'relationship');
  $('rtitle').value = t('recipient > title');
  $('rname').value = t('recipient > name');
  $('raddr').value = [...root.querySelectorAll('recipient > address > line')].map((l) => l.textContent.trim()).join('\n');
  $('rpost').value = t('recipient > address > postcode');
  $('plan-ref').value = a('plan', 'reference');
  $('plan-issued').value = a('plan', 'issued');
  for (const k of ['name', 'role', 'phone', 'email']) $('off-' + k).value = a('officer', k);
  $('items').textContent = '';
  for (const item of root.querySelectorAll('personal-budget > item'))
    addItem({'@id': item.getAttribute('id'), '@stream': item.getAttribute('stream'),
      '@arrangement': item.getAttribute('arrangement'),
      provision: (item.querySelector('provision') || {}).textContent || '',
      outcome: [...item.querySelectorAll('outcome')].map((o) => o.textContent.trim()).join('\n'),
      'annual-amount': (item.querySelector('annual-amount') || {}).textContent || ''});
  $('changes').textContent = '';
  for (const ch of root.querySelectorAll('reduction > change'))
    addChange({'@ref': ch.getAttribute('ref'), '@new-annual-amount': ch.getAttribute('new-annual-amount')});
  const reasons = (sel) => [...root.querySelectorAll(sel)].map(md).join('\n\n');
  $('red-issued').value = a('reduction', 'issued');
  $('red-reason').value = reasons('reduction > reason');
  $('ref-issued').value = a('refusal', 'issued');
  if (q('refusal')) $('ref-scope').value = a('refusal', 'scope');
  $('ref-items').value = [...root.querySelectorAll('refusal > item')].map((i) => i.getAttribute('ref')).join(', ');
  $('ref-reason').value = reasons('refusal > reason');
  $('rep-issued').value = a('repayment', 'issued');
  $('rep-amount').value = a('repayment', 'amount');
  if (q('repayment > ground')) $('rep-ground').value = t('repayment > ground');
  $('rep-reason').value = reasons('repayment > reason');
  $('sj-issued').value = a('section-j', 'issued');
  $('sj-summary').value = md(q('section-j > summary'));
  $('sj-dp').value = md(q('section-j > direct-payment-arrangements'));
  const first = ['reduction', 'refusal', 'repayment', 'section-j'].find((k) => q(k));
  if (first) $('kind').value = first;
  showKind();
  say('The form is filled from the case file: check it, then preview.');
  $('case-id').focus();
}

async function start() {
  const r = await fetch('/api/v1/councils', {credentials: 'same-origin'});
  if (r.status === 401) { $('signin').hidden = false; $('token').focus(); return; }
  councils = (await r.json()).councils;
  for (const c of councils) $('council').append(el('option', {value: c.id}, [c.name]));
  $('app').hidden = false;
  addItem();
  addChange();
  $('kind').addEventListener('change', showKind);
  $('council').addEventListener('change', showDates);
  $('red-issued').addEventListener('input', showDates);
  $('add-item').addEventListener('click', () => addItem().querySelector('input').focus());
  $('add-change').addEventListener('click', () => addChange().querySelector('input').focus());
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
  showKind();
}

document.addEventListener('DOMContentLoaded', start);
