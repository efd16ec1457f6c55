// Tagged PDF (PDF/UA-1) as Firefox's PDF engine sees it: pdf.js (pdfjs-dist, legacy build, which
// runs on Debian 12's node 18), run by tests/test_pdfjs.sh. A second reader next to tests/tagged.py
// (poppler and qpdf), because a screen reader gets the structure from a viewer like this one.
//   node tests/pdfjs/tagged.mjs PBDOCS BUILD            every fixture case's documents, normal and
//                                                       large print, and a print stream
//   node tests/pdfjs/tagged.mjs --check [--stream] F.pdf...   only the given PDFs
// For each PDF: MarkInfo Marked, /Lang en-GB, XMP dc:title equal to the Info title, pdfuaid:part 1,
// DisplayDocTitle; on every page, each text item of getTextContent({includeMarkedContent}) lies in
// a marked-content span the structure tree (getStructTree) refers to, or in an Artifact; no span is
// referred to twice and none the tree names is missing; the text read in structure order equals
// the text of the non-artifact spans in drawing order, and pdf.js's text equals pdftotext -raw's
// (white space aside), so the structure order is the reading order; headings start at H1 (not in a
// print stream) and skip no level; every Figure has alt text; every Link element refers to a Link
// annotation of its page and every Link annotation belongs to a Link element.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

let passed = 0, failed = 0;
function check(what, ok, details = []) {
  if (ok) { passed++; return true; }
  failed++;
  console.log(`FAIL: ${what}`);
  for (const d of details.slice(0, 5)) console.log(`   ${d}`);
  return false;
}
const run = (cmd, args) => spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28 });
const squeeze = (s) => s.replace(/\s+/g, "");
// where two squeezed texts first differ, with some context
function difference(a, b) {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return [`structure: ${a.slice(Math.max(0, k - 40), k + 60)}`, `content:   ${b.slice(Math.max(0, k - 40), k + 60)}`];
}

// The structure tree of one page, depth first: content ids in order, roles, headings, figures
// without alt, Link elements with the annotation ids they refer to.
function walkTree(root) {
  const t = { ids: [], roles: [], headings: [], noAlt: 0, links: [] };
  (function walk(node) {
    if (node.type === "content") { t.ids.push(node.id); return; }
    if (node.type) return; // an object or annotation reference, looked at by its Link parent
    if (node.role !== "Root") t.roles.push(node.role);
    if (/^H[1-6]$/.test(node.role)) t.headings.push(Number(node.role[1]));
    if (node.role === "Figure" && !node.alt) t.noAlt++;
    if (node.role === "Link") {
      // pdf.js names an OBJR kid {type: "object", id: "12R"}; later versions may say "annotation"
      // with an id prefix: both are taken
      t.links.push((node.children || []).filter((c) => c.type === "object" || c.type === "annotation")
        .map((c) => c.id.replace(/^.*?(\d+R)$/, "$1")));
    }
    for (const c of node.children || []) walk(c);
  })(root);
  return t;
}

// The page's text items sorted by the marked-content span they are in: the text of each span id,
// the text outside any span the tree knows and outside artifacts, the non-artifact text in drawing
// order, and all text in drawing order.
function splitText(items, known) {
  const stack = [], spans = new Map(), orphans = [];
  let drawn = "", all = "";
  for (const it of items) {
    if (it.type === "beginMarkedContent" || it.type === "beginMarkedContentProps") { stack.push(it); continue; }
    if (it.type === "endMarkedContent") { stack.pop(); continue; }
    if (it.str === undefined || !it.str.trim()) continue;
    all += it.str;
    if (stack.some((m) => m.tag === "Artifact")) continue;
    const span = [...stack].reverse().find((m) => m.id);
    if (!span || !known.has(span.id)) { orphans.push(it.str); continue; }
    spans.set(span.id, (spans.get(span.id) || "") + it.str);
    drawn += it.str;
  }
  return { spans, orphans, drawn, all };
}

// A PDF pdf.js cannot read through is one failure, not the end of the run.
async function checkPdf(file, stream = false) {
  try {
    await inspect(file, stream);
  } catch (e) {
    check(`${basename(file)}: pdf.js reads it (${e.message})`, false);
  }
}

async function inspect(file, stream) {
  const name = basename(file);
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  check(`${name}: MarkInfo Marked`, (await doc.getMarkInfo())?.Marked === true);
  const { info, metadata } = await doc.getMetadata();
  check(`${name}: /Lang en-GB (${info.Language})`, info.Language === "en-GB");
  const title = metadata?.get("dc:title");
  check(`${name}: XMP dc:title is the title (${title} / ${info.Title})`, !!title && title === info.Title);
  check(`${name}: XMP pdfuaid:part 1`, metadata?.get("pdfuaid:part") === "1");
  check(`${name}: DisplayDocTitle`, (await doc.getViewerPreferences())?.DisplayDocTitle === true);

  const poppler = run("pdftotext", ["-raw", file, "-"]).stdout.split("\f");
  const bad = { orphans: [], twice: [], missing: [], order: [], poppler: [], links: [], unlinked: [], noTree: [] };
  const headings = [], roles = [];
  let noAlt = 0, linkCount = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    // annotations first: parsing them is what registers their /StructParent with the tree
    const annots = (await page.getAnnotations()).filter((a) => a.subtype === "Link");
    const tree = await page.getStructTree();
    const t = tree ? walkTree(tree) : walkTree({ role: "Root" });
    const known = new Set(t.ids);
    const text = splitText((await page.getTextContent({ includeMarkedContent: true })).items, known);
    if (!tree && text.all) bad.noTree.push(`page ${p}`);
    if (text.orphans.length) bad.orphans.push(`page ${p}: ${JSON.stringify(text.orphans.slice(0, 3))}`);
    if (known.size !== t.ids.length) bad.twice.push(`page ${p}: ${t.ids.filter((id, i) => t.ids.indexOf(id) !== i)}`);
    const absent = t.ids.filter((id) => !text.spans.has(id));
    if (absent.length) bad.missing.push(`page ${p}: ${absent.slice(0, 5)}`);
    const inStructure = squeeze(t.ids.map((id) => text.spans.get(id) || "").join(""));
    if (inStructure !== squeeze(text.drawn)) bad.order.push(`page ${p}:`, ...difference(inStructure, squeeze(text.drawn)));
    const popplerText = squeeze(poppler[p - 1] || "");
    if (popplerText !== squeeze(text.all)) bad.poppler.push(`page ${p}:`, ...difference(squeeze(text.all), popplerText));
    const annotIds = new Set(annots.map((a) => a.id)), linked = new Set(t.links.flat());
    t.links.forEach((ids, i) => {
      if (!ids.some((id) => annotIds.has(id))) bad.links.push(`page ${p}: Link ${i + 1} refers to ${JSON.stringify(ids)}`);
    });
    for (const a of annots) if (!linked.has(a.id)) bad.unlinked.push(`page ${p}: annotation ${a.id} (${a.url || a.dest})`);
    linkCount += t.links.length;
    headings.push(...t.headings);
    roles.push(...t.roles);
    noAlt += t.noAlt;
    page.cleanup();
  }
  await doc.destroy();
  check(`${name}: every page with text has a structure tree`, !bad.noTree.length, bad.noTree);
  check(`${name}: every text item is in a structure element or an artifact`, !bad.orphans.length, bad.orphans);
  check(`${name}: no marked-content span is in the structure twice`, !bad.twice.length, bad.twice);
  check(`${name}: every span the structure names is on its page`, !bad.missing.length, bad.missing);
  check(`${name}: text in structure order equals the text in drawing order`, !bad.order.length, bad.order);
  check(`${name}: pdf.js reads the same text as pdftotext -raw`, !bad.poppler.length, bad.poppler);
  if (!stream) check(`${name}: first heading H1 (${headings.slice(0, 1)})`, headings[0] === 1);
  check(`${name}: no heading skips a level (${headings})`, headings.every((h, i) => h <= (i ? headings[i - 1] : 0) + 1));
  check(`${name}: every Figure has alt text (${noAlt} without)`, noAlt === 0);
  check(`${name}: every Link element has its Link annotation (${linkCount} links)`, !bad.links.length, bad.links);
  check(`${name}: every Link annotation is in a Link element`, !bad.unlinked.length, bad.unlinked);
  totalLinks += linkCount;
  if (stream) check(`${name}: letters are Parts`, roles.filter((r) => r === "Part").length >= 2);
}

let totalLinks = 0; // over every PDF: the Link checks above must have had links to look at
const pdfsIn = (dir) => readdirSync(dir).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(dir, f));
const args = process.argv.slice(2);
if (args[0] === "--check") {
  const stream = args[1] === "--stream";
  for (const f of args.slice(stream ? 2 : 1)) await checkPdf(f, stream);
} else {
  const [pb, build] = args;
  const tmp = mkdtempSync(join(tmpdir(), "pbdocs-pdfjs-"));
  try {
    const cases = readdirSync("fixtures/cases").filter((f) => f.endsWith(".xml")).sort();
    for (const kind of ["normal", "large"]) {
      for (const c of cases) {
        const r = run(pb, ["render", join("fixtures/cases", c), "-o", join(tmp, kind), ...(kind === "large" ? ["--large-print"] : [])]);
        check(`render ${c} (${kind}): ${(r.stderr || "").slice(-200)}`, r.status === 0);
      }
      const pdfs = existsSync(join(tmp, kind)) ? pdfsIn(join(tmp, kind)) : [];
      check(`${kind}: ${pdfs.length} documents of ${cases.length} fixture cases`, pdfs.length >= cases.length && cases.length > 0);
      for (const f of pdfs) await checkPdf(f);
    }
    check(`the fixture letters have Link elements to check (${totalLinks})`, totalLinks > 0);
    const xml = join(tmp, "cases.xml"), stream = join(tmp, "stream.pdf");
    run(join(build, "bench", "gen_cases"), ["90", "--seed", "7", "-o", xml]);
    const r = run(pb, ["batch", xml, "-o", join(tmp, "batch"), "--print-stream", stream]);
    if (check(`batch with a print stream (${(r.stderr || "").slice(-200)})`, existsSync(stream))) await checkPdf(stream, true);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
// a run that checked nothing has not shown anything
check("something was checked", passed + failed > 0);
console.log(`test_pdfjs: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
