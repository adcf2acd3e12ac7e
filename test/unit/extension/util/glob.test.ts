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

    it('answers as testing every folder above a path would, however often and in whatever order a folder is asked, past the folders it keeps', () => {
      const exclude = ['**/node_modules/**', '**/.git', 'docs/archive/**', '**/tmp'];
      const excludeRe = globToRegExp(exclude);
      const reference = (path: string): boolean => {
        const parts = path.split('/');
        return parts.some((_, i) => excludeRe.test(parts.slice(0, i + 1).join('/')));
      };
      const names = ['docs', 'archive', 'node_modules', '.git', 'tmp', 'a', 'plans'];
      const paths: string[] = [];
      // Over 4,096 folders: the filter forgets what it knew, and must answer the same after.
      for (let i = 0; i < 6000; i++) {
        const depth = 1 + (i % 4);
        const folders = Array.from({ length: depth }, (_, d) => (d === depth - 1 ? `${names[(i * 7 + d) % names.length]}${i % 1500}` : names[(i * 3 + d * 5) % names.length]));
        paths.push(`${folders.join('/')}/p${i}.md`, `${folders.slice(0, -1).join('/') || 'docs'}/q.md`);
      }
      const filter = new PathFilter('**/*.md', exclude);
      for (const path of [...paths, ...paths.slice().reverse()]) {
        assert.equal(filter.isExcluded(path), reference(path), path);
        assert.equal(filter.matches(path), !reference(path), path);
      }
      assert.ok(paths.some(reference) && paths.some((p) => !reference(p)), 'both answers are met');
      assert.equal(filter.includes('node_modules/x.md'), true, 'includes: the include globs alone');
      assert.equal(filter.includes('node_modules/x.txt'), false);
    });
  });
});
