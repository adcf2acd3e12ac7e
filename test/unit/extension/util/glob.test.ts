import * as assert from 'node:assert/strict';
import { combineGlobs, expandBraces, globToRegExp, PathFilter } from '../../../../src/extension/util/glob';

describe('extension/util/glob', () => {
  describe('globToRegExp', () => {
    const cases: ReadonlyArray<readonly [glob: string, path: string, matches: boolean]> = [
      ['**/*.md', 'plan.md', true],
      ['**/*.md', 'docs/plans/plan.md', true],
      ['**/*.md', 'docs/plans/plan.markdown', false],
      ['**/*.md', 'docs/plan.md/notes.txt', false],
      ['*.md', 'docs/plan.md', false],
      ['docs/**/*.md', 'docs/plan.md', true],
      ['docs/**/*.md', 'docs/a/b/plan.md', true],
      ['docs/**/*.md', 'other/docs/plan.md', false],
      ['**/node_modules/**', 'node_modules/x/README.md', true],
      ['**/node_modules/**', 'a/node_modules/x.md', true],
      ['**/node_modules/**', 'node_modules', true],
      ['**/node_modules/**', 'my_node_modules/x.md', false],
      ['**/.git', '.git', true],
      ['**/.git', 'sub/.git', true],
      ['**/.git', 'sub/.github', false],
      ['**/*.{md,markdown}', 'a/b.markdown', true],
      ['**/{docs,plans/{a,b}}/*.md', 'x/plans/b/p.md', true],
      ['**/{docs,plans/{a,b}}/*.md', 'x/plans/c/p.md', false],
      ['plan?.md', 'plan1.md', true],
      ['plan?.md', 'plan/.md', false],
      ['plan[0-9].md', 'plan7.md', true],
      ['plan[!0-9].md', 'plan7.md', false],
      ['plan[!0-9].md', 'planx.md', true],
      ['a+b (1).md', 'a+b (1).md', true],
      ['**', 'anything/at/all', true],
    ];
    for (const [glob, path, matches] of cases) {
      it(`${glob} ${matches ? 'matches' : 'does not match'} ${path}`, () => {
        assert.equal(globToRegExp(glob).test(path), matches);
      });
    }

    it('matches case-insensitively on request', () => {
      assert.equal(globToRegExp('**/*.md').test('README.MD'), false);
      assert.equal(globToRegExp('**/*.md', true).test('README.MD'), true);
    });

    it('matches nothing for an empty list', () => {
      assert.equal(globToRegExp([]).test(''), false);
      assert.equal(globToRegExp([]).test('a.md'), false);
    });
  });

  describe('expandBraces', () => {
    it('expands nested alternatives and leaves brackets alone', () => {
      assert.deepEqual(expandBraces('a{b,c{d,e}}f'), ['abf', 'acdf', 'acef']);
      assert.deepEqual(expandBraces('[{]x'), ['[{]x']);
      assert.deepEqual(expandBraces('plain'), ['plain']);
    });
  });

  describe('combineGlobs', () => {
    it('makes one flat alternative group (search engines reject nested ones)', () => {
      assert.equal(combineGlobs(['**/node_modules/**', '**/*.{js,map}', '**/node_modules/**']), '{**/node_modules/**,**/*.js,**/*.map}');
      assert.equal(combineGlobs(['**/.git']), '**/.git');
      assert.equal(combineGlobs([]), null);
      assert.equal(combineGlobs(['  ']), null);
    });
  });

  describe('PathFilter', () => {
    const filter = new PathFilter('**/*.md', ['**/node_modules/**', '**/.git', 'docs/archive/**']);
    const cases: ReadonlyArray<readonly [path: string, matches: boolean]> = [
      ['docs/plans/a.md', true],
      ['node_modules/pkg/plan.md', false],
      ['.git/plan.md', false], // excluded through its folder, as files.exclude does
      ['sub/.git/x/plan.md', false],
      ['docs/archive/old.md', false],
      ['docs/archived.md', true],
      ['src/index.ts', false],
    ];
    for (const [path, matches] of cases) {
      it(`${matches ? 'reads' : 'skips'} ${path}`, () => assert.equal(filter.matches(path), matches));
    }
  });
});
