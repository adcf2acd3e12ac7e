import * as assert from 'node:assert/strict';
import { checkPlan, findKeyFilePaths, keyFileFindings, parsePlan, type KeyFilePath } from '../../../../src/core';
import { joinLines, seedTemplate } from '../../support/helpers';

/** `list|path|text under the range` for each path found. */
function read(text: string): string[] {
  const lines = text.split('\n');
  return findKeyFilePaths(text).map((p) => `${p.list}|${p.path}${p.directory ? '/' : ''}|${lines[p.line].slice(p.start, p.end)}`);
}

describe('key files rule', () => {
  const cases: [string, string, string[]][] = [
    [
      'a Key Files list of code spans',
      joinLines('**Key Files:**', '- `src/a.ts` - the entry', '- `./src/util/` (helpers)', '', 'Text after the list.', '- `not/listed.ts`'),
      ['Key Files|src/a.ts|src/a.ts', 'Key Files|src/util/|./src/util/'],
    ],
    [
      'bold code spans in numbered items, headings as labels, and bare paths',
      joinLines('### Files to Create', '1. **`lib/new.py`** (new)', '2. lib/other.py — plain', '### Next', '- `lib/after.py`'),
      ['Files to Create|lib/new.py|lib/new.py', 'Files to Create|lib/other.py|lib/other.py'],
    ],
    [
      'paths on the label line',
      joinLines('**Files to Modify:** `a/b.ts`, `c.json`'),
      ['Files to Modify|a/b.ts|a/b.ts', 'Files to Modify|c.json|c.json'],
    ],
    [
      'a tree in a code fence, with comments and a root line',
      joinLines('**Key Files:**', '```', 'app/', '├── core/', '│   ├── one.py   # [Purpose]', '│   └── two.py', '└── main.py', '```'),
      ['Key Files|app/|app/', 'Key Files|app/core/|core/', 'Key Files|app/core/one.py|one.py', 'Key Files|app/core/two.py|two.py', 'Key Files|app/main.py|main.py'],
    ],
    [
      'a tree inside a list item, rooted at the item path',
      joinLines('**Files to Create:**', '1. **`svc/src/mod/`** (new directory)', '   ```', '   mod/', '   ├── __init__.py', '   └── x.py', '   ```'),
      ['Files to Create|svc/src/mod/|svc/src/mod/', 'Files to Create|svc/src/mod/__init__.py|__init__.py', 'Files to Create|svc/src/mod/x.py|x.py'],
    ],
    [
      'code fences that are not trees, commands, versions and placeholders',
      joinLines(
        '**Files to Modify:**',
        '1. **`a.py`**',
        '   ```python',
        '   import os/path',
        '   ```',
        '- `./stack check`',
        '- `package==version`',
        '- `versions/XXXX_add.py`',
        '- `https://example.com/x`',
        '- `NEW_FEATURE_ENABLED`',
      ),
      ['Files to Modify|a.py|a.py'],
    ],
    ['other lists', joinLines('**Layers Involved:**', '- `core/` - what', '**Files to Update:**', '- `docs/A.md`'), []],
    ['a thematic break ends the list', joinLines('**Key Files:**', '- `a.ts`', '---', '- `b.ts`'), ['Key Files|a.ts|a.ts']],
  ];
  for (const [what, text, expected] of cases) it(`reads ${what}`, () => assert.deepEqual(read(text), expected));

  it('reads the seed template: the Key Files tree and every Files to Create / Files to Modify item', () => {
    const found = findKeyFilePaths(seedTemplate());
    const byList = (list: string) => found.filter((p) => p.list === list).map((p) => p.path);
    assert.deepEqual(byList('Key Files'), [
      'services/agent/src',
      'services/agent/src/core',
      'services/agent/src/core/file1.py',
      'services/agent/src/core/file2.py',
      'services/agent/src/modules',
      'services/agent/src/modules/feature',
      'services/agent/src/modules/feature/manager.py',
      'services/agent/src/interfaces',
      'services/agent/src/interfaces/api',
      'services/agent/src/interfaces/api/routes.py',
    ]);
    assert.deepEqual(byList('Files to Modify'), ['services/agent/src/core/db/models.py', 'services/agent/src/interfaces/app.py', 'services/agent/src/interfaces/api/routes.py']);
    assert.equal(byList('Files to Create').length, 10);
  });

  describe('findings', () => {
    const text = joinLines('**Key Files:**', '```', 'app/', '├── core/', '│   └── one.py', '└── main.py', '```', '**Files to Create:**', '- `app/new.py`');
    const paths = findKeyFilePaths(text);
    const missing = (set: string[]) => (p: KeyFilePath) => set.includes(p.path);

    it('reports nothing when every path exists', () => assert.deepEqual(keyFileFindings(paths, () => false), []));

    it('reports a missing file with the list it came from, at information level', () => {
      const found = keyFileFindings(paths, missing(['app/main.py', 'app/new.py']));
      assert.deepEqual(
        found.map((f) => [f.code, f.severity, f.line, f.start, f.end, f.message]),
        [
          ['key-file-missing', 'info', 5, 4, 11, '`app/main.py` does not exist in the workspace (listed under Key Files).'],
          ['key-file-missing', 'info', 8, 3, 13, '`app/new.py` does not exist yet (listed under Files to Create).'],
        ],
      );
    });

    it('reports a missing directory once, counting the paths under it', () => {
      const found = keyFileFindings(paths, missing(['app', 'app/core', 'app/core/one.py', 'app/main.py']));
      assert.deepEqual(found.map((f) => f.message), ['`app/` (nor 3 paths listed under it) does not exist in the workspace (listed under Key Files).']);
    });

    it('checkPlan checks key files only when told how to', () => {
      const plan = joinLines('# P', '**Status:** Planning Complete', '**Created:** 2026-01-01', '## Status Tracking', '- [ ] Phase 1: A', '', text);
      assert.equal(checkPlan(parsePlan(plan), plan).filter((f) => f.code === 'key-file-missing').length, 0);
      const found = checkPlan(parsePlan(plan), plan, { fileExists: (p) => p !== 'app/new.py' }).filter((f) => f.code === 'key-file-missing');
      assert.deepEqual(found.map((f) => f.line), [14]);
    });
  });
});
