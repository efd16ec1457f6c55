/* form.js: the parts of the officers' page that follow the case format. Each document kind's
 * fieldset is built from GET /api/v1/schema (the server reads it from the format's own table),
 * so this script names no kind, ground or relationship: a kind added to the format appears
 * here as it is. Also the budget item rows, the case XML the form writes (one element a line,
 * remembering which inputs wrote each line, since problems name lines) and filling the form
 * from a case file. Plain DOM, no libraries. */
'use strict';
const $ = (id) => document.getElementById(id);
let schema = {kinds: [], lists: {}};

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function el(tag, attrs, children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
  for (const c of children || []) e.append(c);
  return e;
}

const DATE_HINT = 'Year-month-day, for example 2026-11-23.';
let uid = 0;

/* A labelled control inside a .group: text, date, time, money, markdown, select or flag. */
function control(f, path, extra) {
  const id = 'f' + (++uid);
  const hint = f.hint || (f.input === 'date' ? DATE_HINT : '');
  const hintId = hint ? id + '-hint' : undefined;
  /* A field shown only when it applies (f.when) is needed then: not marked optional. */
  const label = f.label + (f.required || f.when || f.input === 'flag' || /optional/.test(f.label) ? '' : ' (optional)');
  let input;
  if (f.input === 'select' || f.input === 'radios' || f.input === 'item-ref') {
    const values = f.values || [];
    const empty = f.input === 'item-ref' ? null : !f.required ? f.empty || 'None' : f.choose ? 'Choose one' : null;
    input = el('select', {class: 'select', id: id, 'data-path': path, 'aria-describedby': hintId},
      (empty ? [el('option', {value: ''}, [empty])] : []).concat(values.map((v) => el('option', {value: v.value}, [v.label]))));
    if (f.input === 'item-ref') input.dataset.itemRef = '1';
  } else if (f.input === 'markdown') {
    input = el('textarea', {class: 'textarea', id: id, rows: 5, 'data-path': path, 'aria-describedby': hintId});
  } else if (f.input === 'flag') {
    input = el('input', {class: 'checkbox-input', type: 'checkbox', id: id, 'data-path': path});
    const g = el('div', {class: 'group checkbox'}, [input, el('label', {class: 'checkbox-label', for: id}, [f.label])]);
    return Object.assign(g, {control: input});
  } else {
    const width = {date: 'w10', time: 'w5', money: 'w10'}[f.input] || '';
    input = el('input', {class: ('input ' + width).trim(), id: id, 'data-path': path, 'aria-describedby': hintId,
      inputmode: f.input === 'money' ? 'decimal' : undefined, autocomplete: 'off'});
  }
  const g = el('div', {class: 'group'}, [el('label', {class: 'label', for: id}, [label])]);
  if (hint) g.append(el('div', {class: 'hint', id: hintId}, [hint]));
  g.append(input);
  if (extra) g.append(extra);
  return Object.assign(g, {control: input});
}

/* GOV.UK checkboxes: a fieldset with a legend, one box a value (or a budget item). */
function checkboxes(f, path) {
  const box = el('div', {class: 'checkboxes'});
  const hintId = f.hint ? 'f' + (++uid) + '-hint' : undefined;
  const g = el('fieldset', {class: 'group fieldset-group', 'aria-describedby': hintId},
    [el('legend', {class: 'label'}, [f.label + (f.required || /optional/.test(f.label) ? '' : ' (optional)')])]);
  if (f.hint) g.append(el('div', {class: 'hint', id: hintId}, [f.hint]));
  g.append(box);
  g.dataset.boxes = path;
  if (f.input === 'items') box.dataset.items = '1';
  for (const v of f.values || []) box.append(checkbox(path, v.value, v.label, v.when));
  return g;
}

function checkbox(path, value, label, when) {
  const id = 'f' + (++uid);
  const item = el('div', {class: 'checkbox'}, [
    el('input', {class: 'checkbox-input', type: 'checkbox', id: id, value: value, 'data-path': path}),
    el('label', {class: 'checkbox-label', for: id}, [label])]);
  if (when) { item.dataset.whenField = when.field; item.dataset.whenIs = when.is.join('|'); }
  return item;
}

/* A removable row (a budget item, a change) appended to container; fields is a list of groups. */
function addRow(container, noun, fields) {
  const box = el('fieldset', {class: 'fieldset row'}, [el('legend', {}, [noun])]);
  box.dataset.noun = noun;
  box.append(...fields);
  const remove = el('button', {class: 'button warning', type: 'button'}, ['Remove this ' + noun.toLowerCase()]);
  remove.addEventListener('click', () => { box.remove(); numberRows(container); refreshItemRefs(); });
  box.append(remove);
  container.append(box);
  numberRows(container);
  return box;
}

function numberRows(container) {
  const rows = [...container.children];
  rows.forEach((r, i) => { r.querySelector('legend').textContent = r.dataset.noun + ' ' + (i + 1); });
}

function when(node, w) {
  if (w) { node.dataset.whenField = w.field; node.dataset.whenIs = w.is.join('|'); }
  return node;
}

/* One field of a kind (or of a kind's row): its group, with data-when for conditional ones. */
function kindField(f) {
  if (f.input === 'checkboxes' || f.input === 'items') return when(checkboxes(f, f.path), f.when);
  if (f.input === 'rows') {
    const rows = el('div', {class: 'rows', 'data-rows': f.path});
    const add = el('button', {class: 'button secondary', type: 'button'}, ['Add a ' + f.label.toLowerCase()]);
    const addOne = () => { const r = addRow(rows, f.label, f.fields.map((s) => control(s, s.path))); refreshItemRefs(); return r; };
    add.addEventListener('click', () => addOne().querySelector('input, select').focus());
    rows.addOne = addOne;
    if (f.required) addOne();
    return when(el('div', {class: 'group-rows'}, [rows, add]), f.when);
  }
  if (f.input === 'group') {
    const g = el('fieldset', {class: 'fieldset row', 'data-group': f.path}, [el('legend', {}, [f.label])]);
    g.append(...f.fields.map((s) => control(s, s.path)));
    return when(g, f.when);
  }
  return when(control(Object.assign({choose: true}, f), f.path), f.when);
}

function buildKinds() {
  const holder = $('kind-fields');
  for (const k of schema.kinds) {
    $('kind').append(el('option', {value: k.name}, [k.label]));
    const fs = el('fieldset', {class: 'fieldset kind', 'data-kind': k.name, hidden: ''}, [el('legend', {}, [k.label])]);
    const nodes = k.fields.map(kindField);
    fs.append(...nodes);
    /* A field that applies only for some answer goes right after the question it depends on. */
    k.fields.forEach((f, i) => {
      const after = f.when && k.fields.findIndex((x) => x.path === f.when.field);
      if (after >= 0 && after !== false) nodes[after].after(nodes[i]);
    });
    holder.append(fs);
  }
  for (const s of document.querySelectorAll('select[data-list]'))
    for (const v of schema.lists[s.dataset.list] || []) s.append(el('option', {value: v.value}, [v.label]));
  const flag = $('acting-for');
  const acting = (schema.lists['recipient/@acting-for'] || [])[0];
  if (acting) { flag.value = acting.value; $('acting-for-label').textContent = acting.label; }
}

/* The value a when refers to: a select's value, or the checked boxes' values. */
function valuesOf(path) {
  const inputs = [...document.querySelectorAll('[data-path="' + CSS.escape(path) + '"]')];
  return inputs.filter((i) => i.type !== 'checkbox' || i.checked).map((i) => i.value);
}

/* Shows what applies: the chosen kind's fieldset, fields and values whose condition holds. */
function applyWhen() {
  for (const f of document.querySelectorAll('.kind')) f.hidden = f.dataset.kind !== $('kind').value;
  for (const n of document.querySelectorAll('[data-when-field]')) {
    const have = valuesOf(n.dataset.whenField);
    n.hidden = !n.dataset.whenIs.split('|').some((v) => have.includes(v));
  }
  const dp = (box) => box.querySelector('[data-path$="@arrangement"]').value === 'direct-payment';
  for (const box of $('items').children)
    for (const g of box.querySelectorAll('.dp-only')) g.hidden = !dp(box);
  $('copy-to').hidden = $('rel').value !== 'nominee';
}

/* Not hidden by the page (up to top: a kind's fieldset counts as shown when it is not chosen). */
function shown(node, top) {
  for (let n = node; n && n !== document.body && n !== top; n = n.parentElement) if (n.hidden) return false;
  return true;
}

function itemIds() {
  return [...$('items').children].map((b) => b.querySelector('[data-path$="item/@id"]').value.trim()).filter((v) => v);
}

/* The lists of budget items in the kinds' fields follow the item rows. */
function refreshItemRefs() {
  const ids = itemIds();
  for (const box of document.querySelectorAll('.checkboxes[data-items]')) {
    const want = new Set(box.want || [...box.querySelectorAll('input:checked')].map((i) => i.value));
    box.want = null;
    const path = box.closest('[data-boxes]').dataset.boxes;
    box.textContent = '';
    for (const id of ids) {
      const c = checkbox(path, id, id);
      c.querySelector('input').checked = want.has(id);
      box.append(c);
    }
    if (!ids.length) box.append(el('p', {class: 'hint'}, ['Add the budget items first.']));
  }
  for (const s of document.querySelectorAll('select[data-item-ref]')) {
    const v = s.want !== undefined && s.want !== null ? s.want : s.value;
    s.want = null;
    s.textContent = '';
    for (const id of ids.length ? ids : ['']) s.append(el('option', {value: id}, [id || 'Add the budget items first']));
    if (ids.includes(v)) s.value = v;
  }
}

const STATIC_ITEM = [
  {label: 'Item reference', path: 'personal-budget/item/@id', input: 'text', required: true, hint: 'As in Section J, for example SLT'},
  {label: 'Stream', path: 'personal-budget/item/@stream', input: 'select', list: 'item/@stream', required: true},
  {label: 'How it is paid', path: 'personal-budget/item/@arrangement', input: 'select', list: 'item/@arrangement', required: true},
  {label: 'How often it is paid', path: 'personal-budget/item/@paid', input: 'select', list: 'item/@paid', dp: true, empty: 'Not given'},
  {label: 'Paid to', path: 'personal-budget/item/@payee', input: 'text', dp: true, hint: 'Who receives the money, for example Mrs Anna Łukasiewicz (parent)'},
  {label: 'Provision', path: 'personal-budget/item/provision', input: 'text', required: true},
  {label: 'Needs it meets', path: 'personal-budget/item/need', input: 'markdown', hint: 'One a line. Start a line with its reference in the plan and a colon to give it, for example B3: Zoë needs…'},
  {label: 'Outcomes', path: 'personal-budget/item/outcome', input: 'markdown', hint: 'One a line, for example E2: Zoë will…'},
  {label: 'Annual amount in pounds', path: 'personal-budget/item/annual-amount', input: 'money', required: true},
  {label: 'Agreed by (head teacher or principal)', path: 'personal-budget/item/setting-agreement/@by', input: 'text', dp: true, hint: 'For support in a school or college: who agreed to the direct payment'},
  {label: 'Their role', path: 'personal-budget/item/setting-agreement/@role', input: 'select', list: 'setting-agreement/@role', dp: true, required: true},
  {label: 'Date they agreed', path: 'personal-budget/item/setting-agreement/@date', input: 'date', dp: true},
];

function addItem(values) {
  const groups = STATIC_ITEM.map((f) => {
    const g = control(Object.assign({values: schema.lists[f.list]}, f), f.path);
    if (f.dp) g.classList.add('dp-only');
    return g;
  });
  const box = addRow($('items'), 'Item', groups);
  for (const g of groups) {
    const v = values && values[g.control.dataset.path.replace('personal-budget/item/', '')];
    if (v !== undefined && v !== null) g.control.value = v;
  }
  applyWhen();
  refreshItemRefs();
  return box;
}

/* "B3: text" -> [ref, text]; a line without such a start has no ref. */
function splitRef(line) {
  const m = /^([A-Za-z]{1,3}\d[\w.]*)\s*:\s+(.*)$/.exec(line);
  return m ? [m[1], m[2]] : [null, line];
}

/* The case as XML, and for each line the inputs that wrote it (problems name lines). */
function buildCase() {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const owners = {};
  let n = 1;
  const put = (text, ...inputs) => {
    lines.push(text);
    const count = text.split('\n').length;
    for (let i = 1; i <= count; i++) owners[n + i] = inputs;
    n += count;
  };
  const v = (id) => $(id).value.trim();
  const attr = (name, value) => ' ' + name + '="' + esc(value) + '"';
  const text = (indent, tag, input) => put(indent + '<' + tag + '>' + esc(input.value.trim()) + '</' + tag + '>', input);
  const person = (indent, prefix, ids) => {
    if (v(ids.title)) text(indent, 'title', $(ids.title));
    text(indent, 'name', $(ids.name));
    if (v(ids.family)) text(indent, 'family-name', $(ids.family));
    put(indent + '<address>', $(ids.addr));
    const addr = v(ids.addr).split('\n').map((l) => l.trim()).filter((l) => l);
    for (const l of addr.length ? addr : ['']) put(indent + '  <line>' + esc(l) + '</line>', $(ids.addr));
    text(indent + '  ', 'postcode', $(ids.post));
    put(indent + '</address>', $(ids.addr));
  };
  put('<case' + attr('id', v('case-id')) + attr('council', v('council')) + '>', $('case-id'), $('council'));
  put('  <child>');
  text('    ', 'given-names', $('child-given'));
  text('    ', 'family-name', $('child-family'));
  text('    ', 'date-of-birth', $('child-dob'));
  if (v('child-dod')) text('    ', 'date-of-death', $('child-dod'));
  put('  </child>');
  put('  <recipient' + attr('relationship', v('rel')) + ($('acting-for').checked ? attr('acting-for', $('acting-for').value) : '') + '>', $('rel'), $('acting-for'));
  person('    ', 'recipient', {title: 'rtitle', name: 'rname', family: 'rfamily', addr: 'raddr', post: 'rpost'});
  if ($('large-print').checked) put('    <large-print/>', $('large-print'));
  if (!$('copy-to').hidden) {
    put('    <copy-to' + attr('relationship', v('ct-rel')) + '>', $('ct-rel'));
    person('      ', 'copy-to', {title: 'ct-title', name: 'ct-name', family: 'ct-family', addr: 'ct-addr', post: 'ct-post'});
    put('    </copy-to>', $('ct-rel'));
  }
  put('  </recipient>');
  put('  <plan' + attr('reference', v('plan-ref')) + attr('issued', v('plan-issued')) + '/>', $('plan-ref'), $('plan-issued'));
  put('  <officer' + attr('name', v('off-name')) + attr('role', v('off-role')) + attr('phone', v('off-phone')) +
      attr('email', v('off-email')) + '/>', $('off-name'), $('off-role'), $('off-phone'), $('off-email'));
  put('  <personal-budget>');
  for (const box of $('items').children) buildItem(box, put, attr);
  put('  </personal-budget>');
  /* The chosen document, and every other whose date of issue is filled (a case can ask for
   * several, and Section J lists what a refusal refused). */
  for (const kind of schema.kinds) {
    const fs = document.querySelector('.kind[data-kind="' + CSS.escape(kind.name) + '"]');
    const issued = fs.querySelector('[data-path="' + CSS.escape(kind.name + '/@issued') + '"]');
    if (kind.name === $('kind').value || (issued && issued.value.trim())) buildKind(kind, fs, put, attr);
  }
  put('</case>');
  return {xml: lines.join('\n') + '\n', owners: owners};
}

function buildItem(box, put, attr) {
  const f = (p) => box.querySelector('[data-path="personal-budget/item/' + p + '"]');
  const dp = f('@arrangement').value === 'direct-payment';
  const opt = (name) => (dp && f('@' + name).value.trim() ? attr(name, f('@' + name).value.trim()) : '');
  put('    <item' + attr('id', f('@id').value.trim()) + attr('stream', f('@stream').value) +
      attr('arrangement', f('@arrangement').value) + opt('paid') + opt('payee') + '>',
      f('@id'), f('@stream'), f('@arrangement'), f('@paid'), f('@payee'));
  put('      <provision>' + esc(f('provision').value.trim()) + '</provision>', f('provision'));
  for (const tag of ['need', 'outcome'])
    for (const line of f(tag).value.split('\n').map((l) => l.trim()).filter((l) => l)) {
      const [ref, t] = splitRef(line);
      put('      <' + tag + (ref ? attr('ref', ref) : '') + '>' + esc(t) + '</' + tag + '>', f(tag));
    }
  put('      <annual-amount>' + esc(f('annual-amount').value.trim()) + '</annual-amount>', f('annual-amount'));
  const sa = (p) => f('setting-agreement/@' + p);
  if (dp && sa('by').value.trim())
    put('      <setting-agreement' + attr('by', sa('by').value.trim()) + attr('role', sa('role').value) +
        attr('date', sa('date').value.trim()) + '/>', sa('by'), sa('role'), sa('date'));
  put('    </item>');
}

/* A kind's element from its fieldset, field by field as the schema lists them. */
function buildKind(kind, fs, put, attr) {
  const live = (path) => [...fs.querySelectorAll('[data-path="' + CSS.escape(path) + '"]')].filter((i) => shown(i, fs));
  const attrs = kind.fields.filter((f) => f.node === 'attribute');
  let open = '  <' + kind.name;
  const owners = [];
  for (const f of attrs) {
    const input = live(f.path)[0];
    if (!input || (!f.required && !input.value.trim())) continue;
    open += attr(f.name, input.value.trim());
    owners.push(input);
  }
  put(open + '>', ...owners);
  for (const f of kind.fields.filter((x) => x.node === 'element')) {
    const inputs = live(f.path);
    const tag = f.name;
    if (f.input === 'checkboxes') {
      for (const i of inputs.filter((x) => x.checked)) put('    <' + tag + '>' + esc(i.value) + '</' + tag + '>', i);
    } else if (f.input === 'items') {
      for (const i of inputs.filter((x) => x.checked)) put('    <' + tag + attr('ref', i.value) + '/>', i);
    } else if (f.input === 'rows' || f.input === 'group') {
      const rows = f.input === 'rows' ? [...(fs.querySelector('[data-rows="' + CSS.escape(f.path) + '"]') || {children: []}).children]
        : [fs.querySelector('[data-group="' + CSS.escape(f.path) + '"]')].filter((g) => g && shown(g, fs));
      for (const row of rows) {
        const subs = f.fields.map((s) => [s, row.querySelector('[data-path="' + CSS.escape(s.path) + '"]')]);
        if (f.input === 'group' && !subs.some(([, i]) => i.value.trim())) continue;
        put('    <' + tag + subs.map(([s, i]) => attr(s.name, i.value.trim())).join('') + '/>', ...subs.map(([, i]) => i));
      }
    } else if (f.input === 'flag') {
      if (inputs[0] && inputs[0].checked) put('    <' + tag + '/>', inputs[0]);
    } else if (inputs[0] && (f.required || inputs[0].value.trim())) {
      put('    <' + tag + '>' + esc(inputs[0].value.trim()) + '</' + tag + '>', inputs[0]);
    }
  }
  put('  </' + kind.name + '>');
}

/* Fills the form from case XML (an export from the case system); returns the case element. */
function fillForm(root) {
  const q = (sel) => root.querySelector(sel);
  const t = (sel) => (q(sel) ? q(sel).textContent.trim().replace(/\s+/g, ' ') : '');
  const a = (sel, name) => (q(sel) ? q(sel).getAttribute(name) || '' : '');
  $('case-id').value = root.getAttribute('id') || '';
  $('council').value = root.getAttribute('council') || '';
  $('child-given').value = t('child > given-names');
  $('child-family').value = t('child > family-name');
  $('child-dob').value = t('child > date-of-birth');
  $('child-dod').value = t('child > date-of-death');
  $('rel').value = a('recipient', 'relationship');
  $('acting-for').checked = !!a('recipient', 'acting-for');
  $('large-print').checked = !!q('recipient > large-print');
  const person = (sel, ids) => {
    $(ids.title).value = t(sel + ' > title');
    $(ids.name).value = t(sel + ' > name');
    $(ids.family).value = t(sel + ' > family-name');
    $(ids.addr).value = [...root.querySelectorAll(sel + ' > address > line')].map((l) => l.textContent.trim()).join('\n');
    $(ids.post).value = t(sel + ' > address > postcode');
  };
  person('recipient', {title: 'rtitle', name: 'rname', family: 'rfamily', addr: 'raddr', post: 'rpost'});
  $('ct-rel').value = a('recipient > copy-to', 'relationship') || $('ct-rel').value;
  person('recipient > copy-to', {title: 'ct-title', name: 'ct-name', family: 'ct-family', addr: 'ct-addr', post: 'ct-post'});
  $('plan-ref').value = a('plan', 'reference');
  $('plan-issued').value = a('plan', 'issued');
  for (const k of ['name', 'role', 'phone', 'email']) $('off-' + k).value = a('officer', k);
  $('items').textContent = '';
  for (const item of root.querySelectorAll('personal-budget > item')) {
    const lines = (tag) => [...item.querySelectorAll(tag)].map((o) => (o.getAttribute('ref') ? o.getAttribute('ref') + ': ' : '') +
      o.textContent.trim().replace(/\s+/g, ' ')).join('\n');
    const sa = item.querySelector('setting-agreement');
    const vals = {provision: (item.querySelector('provision') || {}).textContent || '', need: lines('need'), outcome: lines('outcome'),
      'annual-amount': (item.querySelector('annual-amount') || {}).textContent || ''};
    for (const n of ['id', 'stream', 'arrangement', 'paid', 'payee']) vals['@' + n] = item.getAttribute(n) || '';
    for (const n of ['by', 'role', 'date']) if (sa) vals['setting-agreement/@' + n] = sa.getAttribute(n);
    addItem(vals);
  }
  for (const kind of schema.kinds) fillKind(kind, root.querySelector(':scope > ' + CSS.escape(kind.name)));
  const first = schema.kinds.find((k) => root.querySelector(':scope > ' + CSS.escape(k.name)));
  if (first) $('kind').value = first.name;
  refreshItemRefs();
  applyWhen();
}

/* Markdown as the officer typed it: the indentation the XML layout added taken off. */
function markdownOf(n) {
  return n.textContent.replace(/^\n/, '').split('\n').map((l) => l.trim()).join('\n').trim();
}

function fillKind(kind, elem) {
  const fs = document.querySelector('.kind[data-kind="' + CSS.escape(kind.name) + '"]');
  const kids = (name) => (elem ? [...elem.children].filter((c) => c.nodeName === name) : []);
  for (const f of kind.fields) {
    const inputs = [...fs.querySelectorAll('[data-path="' + CSS.escape(f.path) + '"]')];
    if (f.node === 'attribute') {
      if (inputs[0]) inputs[0].value = elem ? elem.getAttribute(f.name) || '' : '';
      if (inputs[0] && inputs[0].tagName === 'SELECT' && inputs[0].selectedIndex < 0) inputs[0].selectedIndex = 0;
    } else if (f.input === 'checkboxes') {
      const have = kids(f.name).map((c) => c.textContent.trim());
      for (const i of inputs) i.checked = have.includes(i.value);
    } else if (f.input === 'items') {
      fs.querySelector('[data-boxes="' + CSS.escape(f.path) + '"] .checkboxes').want = kids(f.name).map((c) => c.getAttribute('ref'));
    } else if (f.input === 'rows') {
      const rows = fs.querySelector('[data-rows="' + CSS.escape(f.path) + '"]');
      rows.textContent = '';
      for (const c of kids(f.name)) {
        const row = rows.addOne();
        for (const s of f.fields) {
          const i = row.querySelector('[data-path="' + CSS.escape(s.path) + '"]');
          if (i.dataset.itemRef) i.want = c.getAttribute(s.name); else i.value = c.getAttribute(s.name) || '';
        }
      }
      if (!rows.children.length && f.required) rows.addOne();
    } else if (f.input === 'group') {
      const c = kids(f.name)[0];
      for (const s of f.fields) fs.querySelector('[data-path="' + CSS.escape(s.path) + '"]').value = c ? c.getAttribute(s.name) || '' : '';
    } else if (f.input === 'flag') {
      if (inputs[0]) inputs[0].checked = kids(f.name).length > 0;
    } else if (inputs[0]) {
      const texts = kids(f.name).map(markdownOf);
      inputs[0].value = f.input === 'markdown' ? texts.join('\n\n') : texts.join(' ');
    }
  }
}
