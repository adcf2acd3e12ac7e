import * as assert from 'node:assert/strict';
import { annotation, escapeData, escapeProperty, fileAnnotation } from '../../../src/cli/githubAnnotations';

describe('cli: GitHub workflow annotations', () => {
  it('escapes a message: %, CR and LF percent-encoded, other controls shown as escapes', () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeData('bell\u0007'), 'bell\\x07');
  });

  it('escapes a property: also : and ,', () => {
    assert.equal(escapeProperty('docs/q1,q2:plan%.md'), 'docs/q1%2Cq2%3Aplan%25.md');
  });

  it('maps severities to error, warning and notice; an empty range has no endColumn', () => {
    const f = { code: 'task-removed' as const, message: 'm', line: 4, start: 0, end: 0 };
    assert.equal(annotation('a.md', { ...f, severity: 'info' }), '::notice file=a.md,line=5,col=1,title=plan-tracker task-removed::m');
    assert.equal(annotation('a.md', { ...f, severity: 'warning', end: 3 }), '::warning file=a.md,line=5,col=1,endColumn=3,title=plan-tracker task-removed::m');
    assert.match(annotation('dir\\a.md', { ...f, severity: 'error' }), /^::error file=dir\/a\.md,/);
    assert.equal(fileAnnotation('a,b.md', 'not readable'), '::error file=a%2Cb.md,title=plan-tracker::not readable');
  });
});
