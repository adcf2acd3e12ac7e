// The Plan Dashboard as a person sees it: F1 → "Plan Tracker: Open Dashboard", then inside the
// webview's own frame: plan cards, phase rails, the current phase, clicks, tick-next-task by
// keyboard, state kept across a reload, and a hostile plan rendered as inert text.
//
// The hostile plan is written into the workspace copy at test time (the committed fixtures stay
// as they are); the dashboard picks it up live from the plan index.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useWorkbench } from './workbench.mjs';

const XSS_TITLE = '<img src=x onerror=alert(1)>';
const XSS_TASK = 'Escape </script><script>alert(2)</script> in task text';
const XSS_PLAN = [
  `# ${XSS_TITLE}`,
  '',
  '**Created:** 2025-11-01',
  '**Planner:** <svg onload=alert(3)>',
  '**Status:** Implementation In Progress',
  '**Implementer:** Sonnet 4.5',
  '',
  '## 4. Implementation Roadmap',
  '',
  '### Phase 1: <b onmouseover=alert(4)>Bold</b> "quotes" & ampersands',
  '',
  `- [ ] ${XSS_TASK}`,
  '- [x] Done <iframe src="javascript:alert(5)"></iframe>',
  '',
  '## Status Tracking',
  '',
  '- [ ] Phase 1: <b onmouseover=alert(4)>Bold</b> "quotes" & ampersands',
  '',
].join('\n');

/** Cards as the page shows them: title, status badge, phase labels and rail segments. */
async function readCards(frame) {
  return frame.locator('.plan').evaluateAll((cards) =>
    cards.map((card) => ({
      title: card.querySelector('.plan-title-text')?.textContent ?? '',
      status: card.querySelector('.badge')?.textContent ?? '',
      overall: card.querySelector('.overall-figure')?.textContent ?? '',
      next: card.querySelector('.next-text')?.textContent ?? '',
      phases: [...card.querySelectorAll('.phase')].map((phase) => ({
        label: phase.querySelector('.phase-label')?.textContent ?? '',
        current: phase.classList.contains('current'),
        segments: [...phase.querySelectorAll('.rail .segment')].map((segment) => ({
          kind: [...segment.classList].find((c) => c.startsWith('segment-'))?.slice('segment-'.length),
          width: segment.getBoundingClientRect().width,
        })),
      })),
    })),
  );
}

describe('Plan Dashboard', function () {
  const session = useWorkbench();
  const dialogs = [];

  before(async () => {
    session.wb.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss().catch(() => {});
    });
  });

  async function dashboardFrame(selector = '.plan') {
    return session.wb.webviewFrame(selector, { timeout: 30_000 });
  }

  it('opens from the command palette and draws a phase rail per phase, the current one highlighted', async () => {
    const { wb } = session;
    await wb.runCommand('Plan Tracker: Open Dashboard');
    await wb.waitForTab('Plan Dashboard');
    const frame = await dashboardFrame();

    const cards = await readCards(frame);
    const search = cards.find((card) => card.title === 'Rebuild the Search Index');
    const dark = cards.find((card) => card.title === 'Dark Mode');
    assert.ok(search && dark, `fixture plans missing; cards: ${cards.map((c) => c.title).join(', ')}`);

    assert.equal(search.status, 'Implementation In Progress');
    assert.deepEqual(
      search.phases.map((p) => [p.label, p.current]),
      [
        ['Phase 1: Core Infrastructure', false],
        ['Phase 2: Module Implementation', true],
        ['Quality Checks Passed', false],
      ],
    );
    // Phase 1 is all done; phase 2 has one task in progress and one open.
    assert.deepEqual(search.phases[0].segments.map((s) => s.kind), ['done']);
    assert.deepEqual(search.phases[1].segments.map((s) => s.kind), ['inProgress', 'open']);
    for (const phase of search.phases) {
      for (const segment of phase.segments) assert.ok(segment.width > 2, `${phase.label}: a ${segment.kind} segment is ${segment.width}px wide`);
    }
    assert.equal(search.next, 'Incremental updates');
    assert.ok(dark.phases.every((p) => p.segments.every((s) => s.kind === 'done') && !p.current));

    const summary = await frame.locator('.summary').innerText();
    assert.match(summary, /tasks done/);
    assert.match(summary, /Completed/);
    await wb.screenshot('dashboard');
  });

  it('is one panel: running the command again reveals it', async () => {
    const { wb } = session;
    await wb.runCommand('Plan Tracker: Open Dashboard');
    await wb.page.waitForTimeout(500);
    const tabs = (await wb.tabTitles()).filter((title) => title.includes('Plan Dashboard'));
    assert.equal(tabs.length, 1, `tabs: ${tabs.join(', ')}`);
  });

  it('opens the plan at a phase when the phase is clicked', async () => {
    const { wb } = session;
    await wb.runCommand('Plan Tracker: Open Dashboard');
    const frame = await dashboardFrame();
    const card = frame.locator('.plan', { hasText: 'Rebuild the Search Index' });
    await card.locator('.phase-link', { hasText: 'Phase 2: Module Implementation' }).click();
    await wb.waitForTab('search-index.md');
    await wb.waitForEditorText('### Phase 2: Module Implementation');
  });

  it('ticks the next task from the keyboard and shows the result live', async () => {
    const { wb } = session;
    const file = wb.file('docs', 'plans', 'search-index.md');
    // A tick of a plan VS Code keeps loaded (an editor closed a moment ago) goes through VS Code's
    // rename, which deletes the file first (src/extension/workspacePlanFile.ts): a read in that
    // moment, or a retry's first read while the first attempt's write lands, finds no file.
    const read = async () => {
      for (let tries = 0; ; tries++) {
        try {
          return fs.readFileSync(file, 'utf8');
        } catch (error) {
          if (error?.code !== 'ENOENT' || tries >= 25) throw error;
          await wb.page.waitForTimeout(40);
        }
      }
    };
    const before = await read();
    // The previous test left the plan open in an editor, where a tick would stay unsaved in the
    // buffer (as any edit there does). Closed, the tick is written to the file.
    await wb.runCommand('View: Close All Editors');
    await wb.page.waitForFunction(() => !document.querySelector('.tabs-container [role="tab"][aria-label*="search-index.md"]'));
    await wb.runCommand('Plan Tracker: Open Dashboard');
    const frame = await dashboardFrame();
    const card = frame.locator('.plan', { hasText: 'Rebuild the Search Index' });
    const overallBefore = await card.locator('.overall-figure').innerText();

    // Keyboard only: from the last phase, Tab reaches the button, which shows a focus ring; Enter ticks.
    await card.locator('.phase-link').last().focus();
    await wb.page.keyboard.press('Tab');
    const focused = await frame.evaluate(() => {
      const element = document.activeElement;
      return { className: element?.className ?? '', outline: element ? getComputedStyle(element).outlineStyle : 'none' };
    });
    assert.equal(focused.className, 'tick', 'Tab from the last phase did not reach "Tick next task"');
    assert.notEqual(focused.outline, 'none', 'the focused button shows no focus ring');
    await wb.page.keyboard.press('Enter');

    const deadline = Date.now() + 15_000;
    let after = before;
    while (after === before && Date.now() < deadline) {
      await wb.page.waitForTimeout(200);
      after = await read();
    }
    assert.notEqual(after, before, 'the plan did not change on disk');
    assert.match(after, /- \[x\] Incremental updates/);
    assert.equal([...after].filter((c, i) => c !== before[i]).length, 1, 'more than one character changed');

    await card.locator('.next-text', { hasText: 'Ranking' }).waitFor({ timeout: 15_000 });
    assert.notEqual(await card.locator('.overall-figure').innerText(), overallBefore);
  });

  it('renders a hostile plan as inert text', async () => {
    const { wb } = session;
    fs.writeFileSync(wb.file('docs', 'plans', 'xss.md'), XSS_PLAN);
    await wb.runCommand('Plan Tracker: Open Dashboard');
    const frame = await dashboardFrame();
    const card = frame.locator('.plan', { hasText: XSS_TITLE });
    await card.waitFor({ timeout: 20_000 });

    // The markup is shown literally ...
    assert.equal(await card.locator('.plan-title-text').textContent(), XSS_TITLE);
    assert.equal(await card.locator('.next-text').textContent(), XSS_TASK);
    assert.ok((await card.innerText()).includes('<svg onload=alert(3)>'));
    assert.ok((await card.locator('.phase-label').first().textContent())?.includes('<b onmouseover=alert(4)>Bold</b> "quotes" & ampersands'));
    // ... no element was made from it, and nothing ran.
    const counts = await frame.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      svg: document.querySelectorAll('svg').length,
      iframe: document.querySelectorAll('iframe').length,
      b: document.querySelectorAll('b').length,
      scripts: [...document.querySelectorAll('script')].filter((e) => /alert/.test(`${e.getAttribute('src') ?? ''} ${e.textContent}`)).length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    }));
    assert.deepEqual(counts, { img: 0, svg: 0, iframe: 0, b: 0, scripts: 0, handlers: 0 });
    await card.locator('.plan-title-text').hover();
    await card.locator('.phase-label').first().hover();
    await wb.page.waitForTimeout(500);
    assert.deepEqual(dialogs, [], `a dialog fired: ${dialogs.join(' | ')}`);
    await card.scrollIntoViewIfNeeded();
    await wb.screenshot('dashboard-xss');
  });

  it('shortens a 10,000-character title and phase name, with the whole text on hover', async () => {
    const { wb } = session;
    const longTitle = `Long ${'title words '.repeat(1000)}`.trim();
    const longPhase = `Phase 1: ${'phase name '.repeat(1000)}`.trim();
    const longStatus = `Implementation ${'status '.repeat(300)}`.trim();
    fs.writeFileSync(
      wb.file('docs', 'plans', 'long.md'),
      [`# ${longTitle}`, '', '**Created:** 2025-11-01', `**Status:** ${longStatus}`, '', '## Status Tracking', '', `- [ ] ${longPhase}`, '- [ ] Phase 2: Short', ''].join('\n'),
    );
    await wb.runCommand('Plan Tracker: Open Dashboard');
    const frame = await dashboardFrame();
    const card = frame.locator('.plan', { hasText: 'Long title words' });
    await card.waitFor({ timeout: 20_000 });
    await card.scrollIntoViewIfNeeded();

    const shown = await card.evaluate((c) => {
      const box = (selector) => {
        const e = c.querySelector(selector);
        return { title: e.getAttribute('title'), height: e.getBoundingClientRect().height, width: e.getBoundingClientRect().width, clipped: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1, lineHeight: parseFloat(getComputedStyle(e).lineHeight) };
      };
      const figure = [...document.querySelectorAll('.figure-status .figure-label')].find((e) => e.textContent.startsWith('Implementation status'));
      return {
        card: c.getBoundingClientRect().height,
        cardWidth: c.getBoundingClientRect().width,
        title: box('.plan-title-text'),
        phase: box('.phase-text'),
        badge: box('.badge'),
        figure: { title: figure.getAttribute('title'), height: figure.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(figure).lineHeight) },
      };
    });
    // Shortened: the title and the phase name to three lines, the status badge to one ...
    assert.ok(shown.title.clipped && shown.title.height <= 3 * shown.title.lineHeight + 2, JSON.stringify(shown.title));
    assert.ok(shown.phase.clipped && shown.phase.height <= 3 * shown.phase.lineHeight + 2, JSON.stringify(shown.phase));
    assert.ok(shown.badge.clipped && shown.badge.width <= shown.cardWidth * 0.45, JSON.stringify(shown.badge));
    assert.ok(shown.card < 500, `the card stays its usual size: ${shown.card}px`);
    assert.ok(shown.figure.height <= shown.figure.lineHeight + 2, `the summary's status figure is one line: ${JSON.stringify(shown.figure)}`);
    // ... and whole on hover.
    assert.equal(shown.title.title, longTitle);
    assert.equal(shown.phase.title, longPhase);
    assert.equal(shown.badge.title, longStatus);
    assert.equal(shown.figure.title, longStatus);
    await wb.screenshot('dashboard-long-titles');
    fs.rmSync(wb.file('docs', 'plans', 'long.md'));
  });

  it('follows the theme and stays readable when narrow', async () => {
    const { wb } = session;
    await wb.runCommand('Plan Tracker: Open Dashboard');
    await dashboardFrame();
    // Revealing the panel moves focus into the webview a moment later, which would close the
    // command palette opened next: let it land, then start from the workbench.
    await wb.page.waitForTimeout(1000);
    await wb.page.locator('.part.sidebar').first().click({ position: { x: 100, y: 400 } });
    const themeKind = async () => (await dashboardFrame()).evaluate(() => (document.body.classList.contains('vscode-light') ? 'light' : 'dark'));
    const background = async () => (await dashboardFrame()).evaluate(() => getComputedStyle(document.body).backgroundColor);

    const before = { kind: await themeKind(), background: await background() };
    const other = before.kind === 'light' ? 'dark' : 'light';
    const theme = other === 'light' ? 'Light Modern' : 'Dark Modern';
    const pickTheme = async (name) => {
      await wb.runCommand('Preferences: Color Theme');
      await wb.waitForQuickInput({ expect: 'Color Theme' });
      await wb.page.keyboard.type(name);
      await wb.quickInput.locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
      await wb.page.keyboard.press('Enter');
    };
    await pickTheme(theme);
    const deadline = Date.now() + 20_000;
    while ((await themeKind().catch(() => before.kind)) !== other && Date.now() < deadline) await wb.page.waitForTimeout(300);
    assert.equal(await themeKind(), other, `the dashboard did not follow the switch to ${theme}`);
    assert.notEqual(await background(), before.background);
    await wb.page.waitForTimeout(300);
    await wb.screenshot(`dashboard-${other}`);

    await wb.page.setViewportSize({ width: 640, height: 900 });
    const narrow = await dashboardFrame();
    await wb.page.waitForTimeout(500);
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px when narrow`);
    await wb.screenshot('dashboard-narrow');
    await wb.page.setViewportSize({ width: 1280, height: 800 });
    await pickTheme(before.kind === 'light' ? 'Light Modern' : 'Dark Modern');
  });

  it('keeps its filter across a window reload (restored by the serializer)', async () => {
    const { wb } = session;
    await wb.runCommand('Plan Tracker: Open Dashboard');
    let frame = await dashboardFrame();
    await frame.locator('input.filter').fill('search');
    await frame.locator('.plan', { hasText: 'Dark Mode' }).waitFor({ state: 'detached' });
    await wb.page.waitForTimeout(500);

    await wb.runCommand('Developer: Reload Window');
    await wb.page.waitForTimeout(2000);
    await wb.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    frame = await dashboardFrame('input.filter');
    await frame.locator('.plan').first().waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('input.filter').inputValue(), 'search');
    const titles = (await readCards(frame)).map((c) => c.title);
    assert.deepEqual(titles, ['Rebuild the Search Index']);
    await frame.locator('input.filter').fill('');
  });
});

describe('Plan Dashboard in a workspace without plans', function () {
  // A folder with Markdown that is not a plan: the dashboard explains what a plan is and offers New Plan.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-tracker-ui-no-plans-'));
  fs.writeFileSync(path.join(folder, 'README.md'), '# Just a README\n\n- [ ] not a plan\n');
  const session = useWorkbench({ workspace: folder });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('shows the empty state with a New Plan button', async () => {
    const { wb } = session;
    await wb.runCommand('Plan Tracker: Open Dashboard');
    const frame = await wb.webviewFrame('.empty h2', { timeout: 30_000 });
    assert.equal(await frame.locator('.empty h2').textContent(), 'No plans in this workspace yet');
    assert.equal(await frame.locator('.plan').count(), 0);
    assert.equal(await frame.locator('input.filter').isVisible(), false, 'the filter shows with nothing to filter');
    assert.ok(await frame.locator('button.primary', { hasText: 'New Plan' }).isVisible());
    await wb.screenshot('dashboard-empty');

    await frame.locator('button.primary', { hasText: 'New Plan' }).click();
    await wb.waitForQuickInput({ expect: 'New Plan' });
    await wb.dismissQuickInput();
  });
});

describe('Plan Dashboard in a workspace with many plans', function () {
  // 130 plans: the list shows them in batches of 50 as it is scrolled, the filter reaches every
  // plan, and a change to one plan rebuilds its card only.
  const COUNT = 130;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-tracker-ui-many-plans-'));
  const plansDir = path.join(folder, 'docs', 'plans');
  fs.mkdirSync(plansDir, { recursive: true });
  const planText = (n) =>
    [`# Plan p${n}x`, '', '**Status:** Implementation In Progress', '', '## Status Tracking', '', '- [ ] Phase 1: Build', '- [ ] Phase 2: Ship', ''].join('\n');
  for (let n = 0; n < COUNT; n++) fs.writeFileSync(path.join(plansDir, `plan-${String(n).padStart(3, '0')}.md`), planText(n));
  const session = useWorkbench({ workspace: folder });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  const titles = (frame) => frame.locator('.plan .plan-title-text').allTextContents();

  it('shows the first 50 cards, and more as the list is scrolled to its end', async () => {
    const { wb } = session;
    await wb.runCommand('View: Close All Editors'); // a retry starts from a new dashboard
    await wb.runCommand('Plan Tracker: Open Dashboard');
    const frame = await wb.webviewFrame('.plan', { timeout: 30_000 });
    await frame.locator('.more-count', { hasText: `Showing 50 of ${COUNT} plans` }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.plan').count(), 50);
    assert.match(await frame.locator('.summary').innerText(), new RegExp(`${COUNT}\\s*plans`));

    await frame.locator('.more').scrollIntoViewIfNeeded();
    // The next batch; and when it leaves "Show more" within reach, the one after it at once.
    await frame.waitForFunction(() => document.querySelectorAll('.plan').length >= 100);
    await wb.screenshot('dashboard-many-plans-more');
    if ((await frame.locator('.more').count()) > 0) await frame.locator('.more').scrollIntoViewIfNeeded().catch(() => undefined);
    await frame.locator('.more').waitFor({ state: 'detached' });
    const all = await titles(frame);
    assert.equal(all.length, COUNT);
    assert.equal(new Set(all).size, COUNT, 'a plan is shown twice');
    await wb.screenshot('dashboard-many-plans');
  });

  it('finds a plan beyond the first batch with the filter', async () => {
    const { wb } = session;
    const frame = await wb.webviewFrame('.plan', { timeout: 30_000 });
    // Back to the first batch: changing the filter starts the list again from the top.
    await frame.locator('input.filter').fill('p');
    await frame.locator('.more-count', { hasText: `Showing 50 of ${COUNT} plans` }).waitFor();
    const shown = new Set(await titles(frame));
    const beyond = Array.from({ length: COUNT }, (_, n) => `Plan p${n}x`).find((title) => !shown.has(title));
    assert.ok(beyond, 'every plan is in the first batch');
    await frame.locator('input.filter').fill(beyond.split(' ')[1]);
    await frame.locator('.plan').first().waitFor();
    assert.deepEqual(await titles(frame), [beyond]);
    await frame.locator('input.filter').fill('');
    await frame.locator('.more-count', { hasText: `Showing 50 of ${COUNT} plans` }).waitFor();
  });

  it('rebuilds only the changed plan’s card when a plan changes on disk', async () => {
    const { wb } = session;
    const frame = await wb.webviewFrame('.plan', { timeout: 30_000 });
    const [first, second] = await titles(frame);
    // Tag the first two cards' elements: a rebuilt card is a new element without the tag.
    await frame.evaluate(() => {
      for (const card of [...document.querySelectorAll('.plan')].slice(0, 2)) card.dataset.probe = 'kept';
    });
    const n = Number(/p(\d+)x/.exec(first)[1]);
    const file = wb.file('docs', 'plans', `plan-${String(n).padStart(3, '0')}.md`); // in the workspace copy
    fs.writeFileSync(file, planText(n).replace('- [ ] Phase 1: Build', '- [x] Phase 1: Build'));

    const card = (title) => frame.locator('.plan', { has: frame.locator('.plan-title-text', { hasText: new RegExp(`^${title}$`) }) });
    await card(first).locator('.overall-figure', { hasText: '1/2' }).waitFor({ timeout: 20_000 });
    assert.equal(await card(first).getAttribute('data-probe'), null, 'the changed plan’s card was not rebuilt');
    assert.equal(await card(second).getAttribute('data-probe'), 'kept', 'an unchanged plan’s card was rebuilt');
    assert.equal(await frame.locator('.plan').count(), 50);
  });
});
