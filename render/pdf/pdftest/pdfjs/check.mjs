// check.mjs reads a tagged PDF with pdf.js, as a browser's PDF viewer and
// its screen-reader support do, and reports what a reader would miss:
//
//   - painted content (text, paths, images) outside both marked content
//     with an MCID and an /Artifact,
//   - an MCID used twice on a page, or painted but not in the structure
//     tree, or in the tree but not painted,
//   - a Figure without /Alt,
//   - a Link element without its annotation, or a link annotation without
//     /Contents or outside the structure tree,
//   - a heading level that skips one (H1 then H3), or a first heading
//     other than H1.
//
// Usage: node check.mjs file.pdf
// It prints one JSON object: {"problems": [...], "counts": {...}} and exits
// 0; it exits 1 only when the file cannot be read.
import { readFile } from "node:fs/promises";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

const painting = new Set([
  OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke,
  OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke,
  OPS.showText, OPS.showSpacedText, OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText, OPS.shadingFill, OPS.paintXObject,
  OPS.paintImageXObject, OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject, OPS.paintSolidColorImageMask,
  OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectRepeat,
  OPS.paintFormXObjectBegin,
]);
const opName = Object.fromEntries(Object.entries(OPS).map(([k, v]) => [v, k]));

const problems = [];
const counts = { pages: 0, mcids: 0, artifacts: 0, figures: 0, links: 0, headings: 0 };
const headings = [];

const data = new Uint8Array(await readFile(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
counts.pages = doc.numPages;

for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const ops = await page.getOperatorList();

  // Marked content on the page: the stack of open sequences, and the MCIDs seen.
  const stack = [];
  const painted = new Set();
  const untagged = new Map(); // operator name → count
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.beginMarkedContent) {
      stack.push({ tag: args[0]?.name ?? args[0], mcid: null });
      if (stack.at(-1).tag === "Artifact") counts.artifacts++;
    } else if (fn === OPS.beginMarkedContentProps) {
      const mcid = Number.isInteger(args[1]) ? args[1] : null;
      stack.push({ tag: args[0], mcid });
      if (args[0] === "Artifact") counts.artifacts++;
      if (mcid !== null) {
        if (painted.has(mcid)) problems.push(`page ${n}: MCID ${mcid} is used twice`);
        painted.add(mcid);
        counts.mcids++;
      }
    } else if (fn === OPS.endMarkedContent) {
      stack.pop();
    } else if (painting.has(fn) && !stack.some((m) => m.tag === "Artifact" || m.mcid !== null)) {
      untagged.set(opName[fn], (untagged.get(opName[fn]) ?? 0) + 1);
    }
  }
  for (const [op, k] of untagged) {
    problems.push(`page ${n}: ${k} × ${op} painted outside tagged content and artifacts`);
  }

  // The structure tree as pdf.js builds it for the page.
  const inTree = new Set();
  const annotsInTree = new Set();
  const tree = await page.getStructTree();
  const walk = (node) => {
    if (node.type === "content") {
      const m = /_mc(\d+)$/.exec(node.id);
      if (m) inTree.add(Number(m[1]));
      return;
    }
    if (node.type === "object" || node.type === "annotation") {
      // An /OBJR kid: pdf.js names it by the object's reference ("12R").
      annotsInTree.add(node.id);
      return;
    }
    const role = node.role;
    if (role === "Figure") {
      counts.figures++;
      if (!node.alt || !node.alt.trim()) problems.push(`page ${n}: a Figure has no /Alt`);
    }
    if (role === "Link") {
      counts.links++;
      if (!(node.children ?? []).some((c) => c.type === "object" || c.type === "annotation")) {
        problems.push(`page ${n}: a Link element has no link annotation`);
      }
    }
    const h = /^H([1-6])$/.exec(role ?? "");
    if (h) {
      counts.headings++;
      headings.push({ level: Number(h[1]), page: n });
    }
    for (const c of node.children ?? []) walk(c);
  };
  if (tree) walk(tree);
  else if (painted.size > 0) problems.push(`page ${n}: marked content but no structure tree`);

  for (const id of painted) {
    if (!inTree.has(id)) problems.push(`page ${n}: MCID ${id} is painted but not in the structure tree`);
  }
  for (const id of inTree) {
    if (!painted.has(id)) problems.push(`page ${n}: MCID ${id} is in the structure tree but not painted`);
  }

  for (const a of await page.getAnnotations()) {
    if (a.subtype !== "Link") continue;
    if (!a.contentsObj?.str?.trim()) problems.push(`page ${n}: link annotation ${a.id} has no /Contents`);
    if (!annotsInTree.has(a.id)) problems.push(`page ${n}: link annotation ${a.id} is not in the structure tree`);
  }
}

let prev = 0;
for (const h of headings) {
  if (h.level > prev + 1) {
    problems.push(`page ${h.page}: H${h.level} follows ${prev ? "H" + prev : "the start"}, skipping a level`);
  }
  prev = h.level;
}

console.log(JSON.stringify({ problems, counts }));
