import * as assert from 'node:assert/strict';
import { errorText, fileNameOf, labelText } from '../../../src/core';

describe('core/text', () => {
  it('labelText keeps the words of emphasis, code and links', () => {
    assert.equal(labelText('Run `./stack check` on **all** [files](http://x) ~~now~~'), 'Run ./stack check on all files now');
  });

  it('fileNameOf: the last segment of a path or URI path', () => {
    assert.equal(fileNameOf('/ws/docs/plans/auth.md'), 'auth.md');
    assert.equal(fileNameOf('auth.md'), 'auth.md');
    assert.equal(fileNameOf('docs/plans/'), '');
  });

  it('errorText: the message of an Error, anything else as a string', () => {
    assert.equal(errorText(new Error('disk full')), 'disk full');
    assert.equal(errorText('plain'), 'plain');
    assert.equal(errorText(42), '42');
  });
});
