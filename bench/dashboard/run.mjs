// The dashboard benchmark at workspace scale: 2,000 plans (the core benchmark's corpus).
//
//   node bench/dashboard/run.mjs [--plans 2000]
//
// Host side, in Node: building the dashboard model from parsed plans, from scratch and after one
// plan changed (the per-plan cache), and the size of what is posted (the whole model, or the
// update with the changed plan only).
// Page side, in Debian's chromium: the real dist/webview/dashboard.js and its stylesheets in a page
// whose `acquireVsCodeApi` records what the page posts (the webview's host API; nothing of the
// `vscode` module is involved). It times the first model, an update of one plan, a whole-model
// re-send, and growing the list to every plan, and counts the DOM nodes.
//
// Needs `npm run build` first. Prints the figures and writes test-results/bench-dashboard.json.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { tsImport } from 'tsx/esm/api';
import { launchChromium } from '../../scripts/code-server.mjs';
import { repoRoot } from '../../scripts/test-env.mjs';
import { runMain } from '../../scripts/runMain.mjs';

const argIndex = process.argv.indexOf('--plans');
const count = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 2000;
const resultsFile = path.join(repoRoot, 'test-results', 'bench-dashboard.json');
const STATUSES = ['Planning Complete', 'Implementation In Progress', 'Completed'];

const say = (message) => console.log(`[bench] ${message}`);
const ms = (n) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The fastest of `reps` runs of `fn`, in ms. */
function best(reps, fn) {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    fn(r);
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

async function hostSide() {
  const { generatePlan } = await tsImport('../corpus.ts', import.meta.url);
  const { deflateTaskTexts, parsePlan } = await tsImport('../../src/core/index.ts', import.meta.url);
  const { buildDashboardModel, DashboardPlanCache, dashboardUpdate } = await tsImport('../../src/extension/views/dashboardModel.ts', import.meta.url);

  const texts = Array.from({ length: count }, (_, i) => generatePlan(i));
  const inputs = texts.map((text, i) => ({ uri: `file:///workspace/docs/plans/plan-${i}.md`, path: `docs/plans/plan-${i}.md`, plan: parsePlan(text), unsaved: false }));
  const options = { statuses: STATUSES, scanning: false, hasWorkspace: true };

  // One plan edited: a box ticked, re-parsed (as the index does), the others unchanged.
  const edited = count >> 1;
  const editedText = texts[edited].replace('- [ ] ', '- [x] ');
  const withEdit = (k) => inputs.map((input, i) => (i === edited ? { ...input, plan: parsePlan(k % 2 ? editedText : texts[edited]) } : input));

  for (let k = 0; k < 3; k++) buildDashboardModel(inputs, options);
  const coldMs = best(5, () => buildDashboardModel(inputs, options));
  // The same plans as an index holds them once idle, their task texts deflated: each is inflated to be read.
  const deflatedInputs = texts.map((text, i) => ({ ...inputs[i], plan: parsePlan(text) }));
  for (const input of deflatedInputs) deflateTaskTexts(input.plan);
  for (let k = 0; k < 2; k++) buildDashboardModel(deflatedInputs, options);
  const coldDeflatedMs = best(5, () => buildDashboardModel(deflatedInputs, options));

  const cache = new DashboardPlanCache();
  let previous = buildDashboardModel(inputs, options, cache);
  const variants = [withEdit(0), withEdit(1)];
  /** @type {any} */
  let update;
  /** @type {any} */
  let model;
  const warmMs = best(10, (r) => {
    model = buildDashboardModel(variants[r % 2], options, cache);
    update = dashboardUpdate(previous, model);
    previous = model;
  });
  const wholeBytes = Buffer.byteLength(JSON.stringify({ type: 'model', model }));
  const updateBytes = Buffer.byteLength(JSON.stringify({ type: 'update', update }));
  return { model, update, figures: { coldMs, coldDeflatedMs, warmMs, changed: update.changed.length, wholeBytes, updateBytes } };
}

async function pageSide(model, update) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const html = `<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/dist/webview/codicon.css"><link rel="stylesheet" href="/media/dashboard.css">
</head><body><main id="app" aria-busy="true"></main>
<script>window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => /** @type {any} */ (window).posted.push(m), getState: () => undefined, setState: () => {} });</script>
<script src="/dist/webview/dashboard.js"></script></body></html>`;
    await page.route('http://bench.invalid/**', (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/') return route.fulfill({ body: html, contentType: 'text/html' });
      const file = path.join(repoRoot, pathname);
      if (!file.startsWith(repoRoot) || !fs.existsSync(file)) return route.fulfill({ status: 404 });
      const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.ttf') ? 'font/ttf' : 'text/javascript';
      return route.fulfill({ body: fs.readFileSync(file), contentType: type });
    });
    await page.goto('http://bench.invalid/');
    return await page.evaluate(
      async ({ model, update }) => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        /** Delivers a message as the webview host does (a structured clone), timed to the next layout. */
        const deliver = (message) => {
          const data = structuredClone(message);
          const start = performance.now();
          window.dispatchEvent(new MessageEvent('message', { data }));
          void document.body.offsetHeight; // layout
          return performance.now() - start;
        };
        const nodes = () => document.getElementsByTagName('*').length;
        const cards = () => document.querySelectorAll('.plan').length;

        const readyAtLoad = /** @type {any} */ (window).posted.filter((m) => m.type === 'ready').length;
        const firstMs = deliver({ type: 'model', model });
        const first = { cards: cards(), nodes: nodes() };
        await frame();

        // The same one-plan update, several times (alternating which text it carries does not
        // matter: the page rebuilds the changed card each time).
        const updates = [];
        const reused = document.querySelector('.plan');
        for (let k = 0; k < 7; k++) {
          updates.push(deliver({ type: 'update', update: { ...update, changed: update.changed.map((p) => ({ ...p })) } }));
          await frame();
        }
        const keptOthers = document.querySelector('.plan') === reused;

        const resends = [];
        for (let k = 0; k < 3; k++) {
          resends.push(deliver({ type: 'model', model }));
          await frame();
        }

        // Scroll to the end until every plan has a card.
        let growMs = 0;
        let steps = 0;
        while (cards() < model.plans.length && steps < 1000) {
          const start = performance.now();
          /** @type {HTMLElement | null} */ (document.querySelector('.more button'))?.click();
          void document.body.offsetHeight;
          growMs += performance.now() - start;
          steps++;
        }
        const all = { cards: cards(), nodes: nodes(), growMs };
        const updatesAll = [];
        for (let k = 0; k < 3; k++) {
          updatesAll.push(deliver({ type: 'update', update: { ...update, changed: update.changed.map((p) => ({ ...p })) } }));
          await frame();
        }
        const wholeAllMs = deliver({ type: 'model', model });
        const min = (list) => Math.min(...list);
        return {
          firstMs,
          first,
          updateMs: min(updates),
          keptOthers,
          resendMs: min(resends),
          all,
          updateAllMs: min(updatesAll),
          wholeAllMs,
          asked: /** @type {any} */ (window).posted.filter((m) => m.type === 'ready').length - readyAtLoad,
        };
      },
      { model, update },
    );
  } finally {
    await browser.close();
  }
}

async function main() {
  if (!Number.isInteger(count) || count <= 0) throw new Error('--plans takes a positive number');
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'webview', 'dashboard.js'))) throw new Error('dist/webview/dashboard.js is missing: run npm run build first');
  say(`${count} plans (the core benchmark's corpus)`);
  const host = await hostSide();
  const h = host.figures;
  say(`host: model from scratch ${ms(h.coldMs)}; after one plan changed, with the per-plan cache ${ms(h.warmMs)} (${(h.coldMs / h.warmMs).toFixed(0)}× less)`);
  say(`host: model from scratch of the plans as an idle index holds them (task texts deflated) ${ms(h.coldDeflatedMs)}`);
  say(`host: posted: whole model ${kb(h.wholeBytes)}, update for one changed plan ${kb(h.updateBytes)} (${(h.wholeBytes / h.updateBytes).toFixed(0)}× less)`);

  const p = await pageSide(host.model, host.update);
  say(`page: first model ${ms(p.firstMs)} → ${p.first.cards} cards, ${p.first.nodes} DOM nodes`);
  say(`page: update of one plan ${ms(p.updateMs)} (other cards kept: ${p.keptOthers}); the whole model again ${ms(p.resendMs)}`);
  say(`page: scrolled to the end: ${p.all.cards} cards, ${p.all.nodes} DOM nodes, built in ${ms(p.all.growMs)} over the scroll`);
  say(`page: with every card built: update of one plan ${ms(p.updateAllMs)}; the whole model again ${ms(p.wholeAllMs)}`);
  if (p.asked > 0) throw new Error(`the page asked for the whole model ${p.asked} time(s): an update did not apply`);
  if (!p.keptOthers) throw new Error('an update of one plan rebuilt the other cards');

  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify({ plans: count, host: h, page: p }, null, 2)}\n`);
  say(`figures written to ${path.relative(repoRoot, resultsFile)}`);
}

await runMain('bench', main, { stack: true });
