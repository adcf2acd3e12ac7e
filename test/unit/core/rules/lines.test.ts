import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Lines } from '../../../../src/core/rules/outline';
import { lineStarts } from '../../../../src/core/text';

describe('Lines', () => {
  it('lineOf: the line that holds each offset, at any line break, the last line and past the end included', () => {
    const lines = new Lines('ab\r\ncd\re\n\nf');
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((at) => lines.lineOf(at)), [0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 4]);
    assert.equal(lines.startOf(4), 10);
    assert.equal(lines.at(4), 'f');
    // Against a walk over the starts, for generated texts.
    fc.assert(
      fc.property(fc.stringMatching(/^(?:[a-c]|\r\n|\r|\n)*$/), (text) => {
        const l = new Lines(text);
        const starts = lineStarts(text);
        for (let at = 0; at <= text.length; at++) {
          let want = 0;
          while (want + 1 < starts.length && starts[want + 1] <= at) want++;
          assert.equal(l.lineOf(at), want, `offset ${at} of ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
