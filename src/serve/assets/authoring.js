/* authoring.js: the template authors' page (pbdocs serve --authoring). Pick a template and a
 * sample case; the page shows the PDF, the problems stopping it (FILE:LINE:COL) and what
 * `pbdocs lint` says. It asks the server twice a second for its change counter (names, sizes
 * and times of the templates, partials, council profiles, calendar and cases) and refreshes
 * when it moves, so a save shows within a second. Plain DOM, no libraries. */
'use strict';
const $ = (id) => document.getElementById(id);
let files = {templates: [], cases: []};
let version = '';
let busy = false, again = false;
let shownPdf = null; /* the PDF in the frame, as a Blob */

function el(tag, attrs, children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children || []) e.append(c);
  return e;
}

async function getJSON(path) {
  const r = await fetch(path, {credentials: 'same-origin'});
  if (r.status === 401) throw new Error('signin');
  return r.json();
}

function list(id, lines, none) {
  $(id).textContent = '';
  for (const l of lines.length ? lines : [none]) $(id).append(el('li', {}, [l]));
}

/* The case choices follow the template's kind, keeping the case chosen when it still fits. */
function showCases() {
  const t = files.templates.find((x) => x.name === $('template').value);
  const kind = t ? t.kind : null;
  const keep = $('case').value;
  $('case').textContent = '';
  for (const c of files.cases.filter((x) => x.kinds.includes(kind)))
    $('case').append(el('option', {value: c.name}, [c.name]));
  if ([...$('case').options].some((o) => o.value === keep)) $('case').value = keep;
}

async function loadFiles() {
  files = await getJSON('/api/v1/authoring/files');
  const keep = $('template').value;
  $('template').textContent = '';
  for (const t of files.templates)
    $('template').append(el('option', {value: t.name}, [t.name + (t.kind ? '' : ' (no kind: not previewable)')]));
  if (files.templates.some((t) => t.name === keep)) $('template').value = keep;
  showCases();
  return files.version;
}

/* One refresh: lint, then the PDF. A save during a refresh asks for one more. */
async function refresh() {
  if (busy) { again = true; return; }
  busy = true;
  try {
    const lint = await getJSON('/api/v1/authoring/lint');
    list('lint', lint.findings, 'No findings.');
    const t = $('template').value, c = $('case').value;
    if (!t || !c) { list('problems', [], 'Choose a template and a case.'); return; }
    const q = new URLSearchParams({template: t, case: c});
    if ($('large-print').checked) q.set('large-print', '1');
    const r = await fetch('/api/v1/authoring/preview?' + q, {credentials: 'same-origin'});
    const when = new Date().toLocaleTimeString('en-GB');
    if (r.status === 422) {
      const p = (await r.json()).problems;
      list('problems', p.map((x) => (x.file ? x.file + ':' + x.line + ':' + x.col + ': ' : (x.case ? 'case ' + x.case + ': ' : '')) +
        (x.field ? x.field + ': ' : '') + x.message), '');
      $('status').textContent = 'Not made at ' + when + ': see the problems below. The last good letter stays shown.';
    } else if (r.ok) {
      list('problems', [], 'None.');
      const old = $('preview').src;
      shownPdf = await r.blob();
      $('preview').src = URL.createObjectURL(shownPdf);
      if (old) URL.revokeObjectURL(old);
      $('preview').dataset.renders = String(Number($('preview').dataset.renders) + 1);
      $('status').textContent = 'Refreshed at ' + when + ': ' + t + ' with ' + c + '.';
    } else {
      $('status').textContent = 'The server answered ' + r.status + '.';
    }
  } finally {
    busy = false;
    if (again) { again = false; refresh(); }
  }
}

async function poll() {
  try {
    const v = (await getJSON('/api/v1/authoring/version')).version;
    if (v !== version) { version = await loadFiles(); await refresh(); }
  } catch (e) { /* the server restarting: try again at the next tick */ }
  setTimeout(poll, 500);
}

async function start() {
  try { version = await loadFiles(); } catch (e) { $('signin').hidden = false; return; }
  $('app').hidden = false;
  const pick = files.templates.find((t) => t.kind);
  if (pick) $('template').value = pick.name;
  showCases();
  $('template').addEventListener('change', () => { showCases(); refresh(); });
  $('case').addEventListener('change', refresh);
  $('large-print').addEventListener('change', refresh);
  await refresh();
  setTimeout(poll, 500);
}

document.addEventListener('DOMContentLoaded', start);
