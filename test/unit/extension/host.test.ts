import * as assert from 'node:assert/strict';
import { platformIgnoresCase } from '../../../src/extension/host';

describe('platformIgnoresCase', () => {
  const cases: ReadonlyArray<readonly [string, boolean]> = [
    // Node's process.platform (the Node entry)
    ['win32', true],
    ['darwin', true],
    ['linux', false],
    ['freebsd', false],
    // a web worker's navigator.userAgent (the browser entry)
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36', true],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15', true],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36', false],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36', false],
    ['', false],
  ];
  for (const [platform, expected] of cases) {
    it(`${JSON.stringify(platform.slice(0, 40))} → ${expected}`, () => {
      assert.equal(platformIgnoresCase(platform), expected);
    });
  }
});
