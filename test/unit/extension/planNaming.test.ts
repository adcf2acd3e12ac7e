import * as assert from 'node:assert/strict';
import { checkPlanTitle, planFileName, relativeSegments, type TitleProblem } from '../../../src/extension/planNaming';

describe('planNaming', () => {
  describe('checkPlanTitle', () => {
    const cases: ReadonlyArray<readonly [string, TitleProblem | undefined]> = [
      ['Export Reports to CSV', undefined],
      ['  OAuth2 login (v2)  ', undefined],
      ['Ünïcödé Plan', undefined],
      ['計画', undefined],
      ['42', undefined],
      ['', 'empty'],
      ['   ', 'empty'],
      ['docs/plans', 'pathSeparator'],
      ['a\\b', 'pathSeparator'],
      ['...', 'onlyPunctuation'],
      ['— ! ?', 'onlyPunctuation'],
      ['x'.repeat(201), 'tooLong'],
    ];
    for (const [title, expected] of cases) {
      it(`${JSON.stringify(title.length > 20 ? title.slice(0, 20) + '…' : title)} → ${expected ?? 'ok'}`, () => {
        assert.equal(checkPlanTitle(title), expected);
      });
    }
  });

  describe('relativeSegments', () => {
    const cases: ReadonlyArray<readonly [string, string[] | undefined]> = [
      ['docs/plans', ['docs', 'plans']],
      ['./docs//plans/', ['docs', 'plans']],
      ['docs\\plans', ['docs', 'plans']],
      ['.', []],
      ['', []],
      ['/etc', undefined],
      ['C:\\plans', undefined],
      ['~/plans', undefined],
      ['../outside', undefined],
      ['docs/../../outside', undefined],
    ];
    for (const [value, expected] of cases) {
      it(`${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(relativeSegments(value), expected));
    }
  });

  it('names the plan file after the slug', () => {
    assert.equal(planFileName('export-reports'), 'export-reports.md');
  });
});
