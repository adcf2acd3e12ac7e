import * as assert from 'assert';
import fc from 'fast-check';
import { parsePlan, sectionStorage, taskStorage, type ParseOptions } from '../../../src/core';
import { fixture, fixtureNames, seedTemplate } from '../support/helpers';
import { markdownDocArb } from '../support/markdownDocs';
import { fixtureFiles, readFixture } from '../support/realWorld';

/** The plan both ways, as JSON (the getters of the packed lists are enumerable, so JSON reads them too). */
function bothWays(text: string, options: ParseOptions = {}): [string, string] {
  return [JSON.stringify(parsePlan(text, options)), JSON.stringify(parsePlan(text, { ...options, transient: true }))];
}

describe('parsePlan({ transient: true }): the same model, not packed', () => {
  it('keeps the lists as built, where the default packs them', () => {
    const text = seedTemplate();
    const kept = parsePlan(text);
    const transient = parsePlan(text, { transient: true });
    assert.ok(taskStorage.packedOf(kept) && sectionStorage.packedOf(kept));
    assert.equal(taskStorage.packedOf(transient), undefined);
    assert.equal(sectionStorage.packedOf(transient), undefined);
    assert.ok(Object.isFrozen(transient.tasks) && Object.isFrozen(transient.sections));
    assert.ok(transient.tasks.length > 10);
  });

  it('gives the same plan on the template, every fixture and every real-world file, as a plan or not', () => {
    const texts = [seedTemplate(), ...fixtureNames().map(fixture), ...fixtureFiles().map(readFixture)];
    assert.ok(texts.length > 20);
    for (const text of texts) {
      for (const options of [{}, { assumePlan: true }, { marks: { ' ': 'open', x: 'done', '?': 'inProgress' } as const }]) {
        const [kept, transient] = bothWays(text, options);
        assert.equal(transient, kept, text.slice(0, 80));
      }
    }
  });

  it('gives the same plan on generated documents', () => {
    fc.assert(
      fc.property(markdownDocArb, fc.boolean(), (text, assumePlan) => {
        const [kept, transient] = bothWays(text, { assumePlan });
        assert.equal(transient, kept);
      }),
      { numRuns: 400 },
    );
  });
});
