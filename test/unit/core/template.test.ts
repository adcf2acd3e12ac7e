import * as assert from 'node:assert/strict';
import { fillTemplate, findPlaceholders, formatDate, parsePlan, slugify } from '../../../src/core';
import { seedTemplate } from '../support/helpers';

describe('template', () => {
  const slugs: [string, string][] = [
    ['Add OAuth2 Login (v2)', 'add-oauth2-login-v2'],
    ['  Café crème — résumé ', 'cafe-creme-resume'],
    ['../../etc/passwd', 'etc-passwd'],
    ['🚀🚀', 'plan'],
    ['a'.repeat(100), 'a'.repeat(64)],
  ];
  for (const [title, slug] of slugs) it(`slugify(${JSON.stringify(title)}) = ${slug}`, () => assert.equal(slugify(title), slug));

  it('formats local dates', () => assert.equal(formatDate(new Date(2026, 0, 5)), '2026-01-05'));

  const vars = { title: 'Rate limiter', date: '2026-11-24', planner: 'Ada', implementer: 'Linus', status: 'Planning Complete' };

  it('fills {{variables}} and leaves unknown ones', () => {
    const out = fillTemplate('# {{title}}\n**Created:** {{ date }}\n{{planner}}/{{implementer}}/{{status}}/{{slug}}/{{unknown}}', vars);
    assert.equal(out, '# Rate limiter\n**Created:** 2026-11-24\nAda/Linus/Planning Complete/rate-limiter/{{unknown}}');
  });

  it('fills a seed-style template: title, date, status choice, planner and implementer', () => {
    const out = fillTemplate(seedTemplate(), vars);
    const plan = parsePlan(out);
    assert.equal(plan.title, 'Rate limiter');
    assert.deepEqual(plan.fields.map((f) => [f.key, f.value]), [['Created', '2026-11-24'], ['Planner', 'Ada'], ['Status', 'Planning Complete'], ['Implementer', 'Linus']]);
    assert.equal(out.split('\n').length, seedTemplate().split('\n').length, 'nothing else moves');
    assert.ok(!findPlaceholders(out).some((p) => p.text === 'YYYY-MM-DD' || p.text === '[Feature/Task Name]'));
  });

  it('keeps the template planner when none is given', () => {
    const out = fillTemplate(seedTemplate(), { title: 'X', date: '2026-11-24' });
    assert.equal(parsePlan(out).fields.find((f) => f.key === 'Planner')?.value, 'Opus 4.5');
  });
});
