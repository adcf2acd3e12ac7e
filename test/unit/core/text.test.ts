import * as assert from 'node:assert/strict';
import { labelText } from '../../../src/core';

describe('core/text', () => {
  it('labelText keeps the words of emphasis, code and links', () => {
    assert.equal(labelText('Run `./stack check` on **all** [files](http://x) ~~now~~'), 'Run ./stack check on all files now');
  });
});
