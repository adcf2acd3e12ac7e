import * as assert from 'node:assert/strict';
import {
  appendNoteEdit,
  markPhaseDoneEdit,
  parsePlan,
  setStatusEdit,
  setTaskStateEdit,
  toggleTaskEdit,
} from '../../../src/core';
import { applyResult, fixture, joinLines, seedTemplate } from '../support/helpers';

const apply = applyResult;

describe('edits', () => {
  describe('toggleTaskEdit / setTaskStateEdit', () => {
    const text = joinLines('# T', '', '- [ ] one', '- [x] two', '  * [-] three');

    it('ticks an open task by changing one character', () => {
      const r = toggleTaskEdit(text, { line: 2, mark: ' ', text: 'one' });
      assert.ok(r.ok);
      assert.equal(r.edits.length, 1);
      assert.deepEqual(r.edits[0], { range: { start: { line: 2, character: 3 }, end: { line: 2, character: 4 } }, newText: 'x' });
      assert.equal(apply(text, r), text.replace('- [ ] one', '- [x] one'));
    });

    it('unticks a done task and ticks an in-progress one', () => {
      assert.equal(apply(text, toggleTaskEdit(text, { line: 3 })), text.replace('[x] two', '[ ] two'));
      assert.equal(apply(text, toggleTaskEdit(text, { line: 4 })), text.replace('[-] three', '[x] three'));
    });

    it('sets any configured state', () => {
      assert.equal(apply(text, setTaskStateEdit(text, { line: 2 }, 'skipped')), text.replace('[ ] one', '[~] one'));
      assert.equal(apply(text, setTaskStateEdit(text, { line: 2 }, 'inProgress')), text.replace('[ ] one', '[-] one'));
      const same = setTaskStateEdit(text, { line: 3 }, 'done');
      assert.ok(same.ok);
      assert.equal(same.edits.length, 0);
    });

    it("keeps the author's upper-case X", () => {
      const upper = joinLines('- [X] a', '- [ ] b');
      assert.equal(apply(upper, toggleTaskEdit(upper, { line: 1 })), joinLines('- [X] a', '- [X] b'));
    });

    it('keeps CRLF line endings', () => {
      const crlf = fixture('crlf.md');
      const out = apply(crlf, toggleTaskEdit(crlf, { line: 9 }));
      assert.equal(out, crlf.replace('- [ ] Preserve CRLF', '- [x] Preserve CRLF'));
      assert.equal(out.split('\r\n').length, crlf.split('\r\n').length);
    });

    const refusals: [string, Parameters<typeof toggleTaskEdit>[1], RegExp][] = [
      ['a line that is no task', { line: 0 }, /no longer holds a task/],
      ['a line past the end', { line: 99 }, /past the end/],
      ['a task whose text changed', { line: 2, text: 'uno' }, /is now "one", not "uno"/],
      ['a task whose mark changed', { line: 3, mark: ' ' }, /changed/],
    ];
    for (const [what, ref, reason] of refusals) {
      it(`refuses ${what}`, () => {
        const r = toggleTaskEdit(text, ref);
        assert.equal(r.ok, false);
        assert.match((r as { reason: string }).reason, reason);
      });
    }

    it('re-locates a task by its text when lines moved (regression: stale tree after inserting a line above)', () => {
      const seen = parsePlan(text).tasks[0];
      const edited = text.replace('# T', '# T\nnew line');
      const r = toggleTaskEdit(edited, seen);
      assert.ok(r.ok);
      assert.equal(r.edits[0].range.start.line, seen.line + 1);
      assert.equal(apply(edited, r), edited.replace(`- [${seen.mark}] ${seen.text}`, `- [${seen.mark === 'x' ? ' ' : 'x'}] ${seen.text}`));
    });

    it('refuses a moved task whose mark changed meanwhile', () => {
      const seen = parsePlan(text).tasks[0];
      const edited = text.replace('# T', '# T\nnew line').replace(`- [${seen.mark}] ${seen.text}`, `- [~] ${seen.text}`);
      const r = setTaskStateEdit(edited, seen, 'done');
      assert.equal(r.ok, false);
      assert.match((r as { reason: string }).reason, /changed \(its mark is now "\[~\]"\)/);
    });

    it('refuses a moved task when several tasks now have its text', () => {
      const seen = parsePlan(text).tasks[0];
      const edited = text.replace('# T', `# T\n- [ ] ${seen.text}`);
      const r = setTaskStateEdit(edited, seen, 'done');
      assert.equal(r.ok, false);
      assert.match((r as { reason: string }).reason, /2 tasks now read so/);
    });

    it('refuses a task that is gone', () => {
      const seen = parsePlan(text).tasks[0];
      const edited = text.replace(`- [${seen.mark}] ${seen.text}\n`, '');
      const r = setTaskStateEdit(edited, seen, 'done');
      assert.equal(r.ok, false);
    });
  });

  describe('setStatusEdit', () => {
    it('replaces only the value', () => {
      const seed = seedTemplate();
      const r = setStatusEdit(seed, 'Implementation In Progress');
      assert.ok(r.ok);
      assert.equal(r.edits.length, 1);
      assert.equal(r.edits[0].range.start.line, 4);
      assert.match(apply(seed, r).split('\n')[4], /^\*\*Status:\*\* Implementation In Progress$/);
    });

    const inserts: [string, string, string][] = [
      ['after the last header field', joinLines('# T', '**Created:** 2026-01-01', '', '## A'), joinLines('# T', '**Created:** 2026-01-01', '**Status:** Completed', '', '## A')],
      ['after the title', joinLines('# T', '', '## A'), joinLines('# T', '', '**Status:** Completed', '', '## A')],
      ['at the top', joinLines('## A', '- [ ] x'), joinLines('**Status:** Completed', '', '## A', '- [ ] x')],
      ['in front matter', joinLines('---', 'status: Planning Complete', '---', '# T'), joinLines('---', 'status: Completed', '---', '# T')],
    ];
    for (const [where, before, after] of inserts) {
      it(`inserts the field ${where}`, () => assert.equal(apply(before, setStatusEdit(before, 'Completed')), after));
    }

    const inPlace: [string, string, string][] = [
      ['a plain `Status:` line', joinLines('# Story 1.1', '', 'Status: review', '', '## Tasks / Subtasks', '- [x] Task 1'), 'Status: done'],
      ['a `## Status: X` heading', joinLines('# Tasks', '## Status: Not Started', '- [ ] 1. Spike'), '## Status: done'],
      ['a field named in another language', joinLines('# 计划', '**状态：** 进行中', '- [ ] a'), '**状态：** done'],
    ];
    for (const [where, before, line] of inPlace) {
      it(`edits the status where it is: ${where}`, () => {
        const after = apply(before, setStatusEdit(before, 'done'));
        assert.ok(after.split('\n').includes(line), after);
        assert.equal(after.split('\n').length, before.split('\n').length);
      });
    }

    it('refuses a multi-line status', () => assert.equal(setStatusEdit('# T', 'a\nb').ok, false));
  });

  describe('a plan whose legend makes `[~]` in progress', () => {
    const plan = joinLines('# Plan', 'Legend: `[ ]` todo · `[~]` in progress · `[x]` done', '', '- [~] a', '- [ ] b');
    it('ticks and unticks as any plan, and refuses to skip: no mark is left for it', () => {
      assert.match(apply(plan, setTaskStateEdit(plan, { line: 3, text: 'a' }, 'done')), /- \[x\] a/);
      assert.match(apply(plan, setTaskStateEdit(plan, { line: 4, text: 'b' }, 'inProgress')), /- \[-\] b/);
      assert.match(apply(plan, toggleTaskEdit(plan, { line: 3, text: 'a' })), /- \[x\] a/);
      const skip = setTaskStateEdit(plan, { line: 4, text: 'b' }, 'skipped');
      assert.equal(skip.ok, false);
      assert.match(!skip.ok ? skip.reason : '', /legend makes \[~\] in progress/);
    });
  });

  describe('markPhaseDoneEdit', () => {
    it('ticks the Status Tracking item of a phase', () => {
      const seed = seedTemplate();
      const out = apply(seed, markPhaseDoneEdit(seed, 'Phase 2: Module Implementation'));
      assert.match(out, /- \[x\] Phase 2: Module Implementation/);
      assert.equal(parsePlan(out).currentPhase, 0);
      assert.equal(parsePlan(out).progress.done, 1);
    });

    it('ticks the tasks under a phase that has no tracking item', () => {
      const text = fixture('task-groups-h3.md');
      const out = apply(text, markPhaseDoneEdit(text, 0));
      assert.deepEqual(parsePlan(out).phases[0].progress.done, 2);
      assert.equal(parsePlan(out).progress.done, 4);
    });

    it('with includeTasks, also ticks the tasks of a tracked phase', () => {
      const text = fixture('emoji-and-upper-x.md');
      const out = apply(text, markPhaseDoneEdit(text, 'Phase 2: UI 🎨', { includeTasks: true }));
      const plan = parsePlan(out);
      assert.equal(plan.phases[1].state, 'done');
      assert.equal(plan.phases[1].progress.done, 1);
      assert.match(out, /- \[X\] Panel/, 'uses the plan\'s own X');
    });

    it('refuses an unknown phase', () => assert.equal(markPhaseDoneEdit(seedTemplate(), 'Phase 9').ok, false));
  });

  describe('appendNoteEdit', () => {
    it('appends under **Notes:** after the last line of the block', () => {
      const crlf = fixture('crlf.md');
      const out = apply(crlf, appendNoteEdit(crlf, 'CRLF kept', '2026-02-04'));
      assert.ok(out.endsWith('- 2026-02-03: started\r\n- 2026-02-04: CRLF kept\r\n'), JSON.stringify(out.slice(-60)));
    });

    it('appends after the template placeholder', () => {
      const seed = seedTemplate();
      const out = apply(seed, appendNoteEdit(seed, 'Phase 1 started', '2026-11-24'));
      assert.ok(out.includes('[Sonnet adds notes here during implementation]\n- 2026-11-24: Phase 1 started'));
    });

    it('creates the block at the end when missing', () => {
      const text = joinLines('# T', '', '## Status Tracking', '', '- [ ] Phase 1: A', '');
      assert.equal(apply(text, appendNoteEdit(text, 'hello', '2026-01-01')), joinLines('# T', '', '## Status Tracking', '', '- [ ] Phase 1: A', '', '**Notes:**', '- 2026-01-01: hello', ''));
    });

    it('creates the block before the next section when Status Tracking is not last', () => {
      const text = joinLines('## Status Tracking', '- [ ] Phase 1: A', '', '## Appendix', 'x');
      assert.equal(apply(text, appendNoteEdit(text, 'hi', '2026-01-01')), joinLines('## Status Tracking', '- [ ] Phase 1: A', '', '**Notes:**', '- 2026-01-01: hi', '', '## Appendix', 'x'));
    });

    it('indents continuation lines of a multi-line note', () => {
      const text = joinLines('**Notes:**', '- old');
      assert.equal(apply(text, appendNoteEdit(text, 'line one\nline two', '2026-01-01')), joinLines('**Notes:**', '- old', '- 2026-01-01: line one', '  line two'));
    });

    it('refuses an empty note', () => assert.equal(appendNoteEdit('# T', '  ', '2026-01-01').ok, false));
  });
});
