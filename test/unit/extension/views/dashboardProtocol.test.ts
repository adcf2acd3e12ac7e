import * as assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../../src/extension/views/dashboardProtocol';

const URI = 'file:///ws/docs/plans/a.md';

describe('extension/views/dashboardProtocol parseWebviewMessage', () => {
  const accepted: [string, unknown, unknown][] = [
    ['ready', { type: 'ready' }, { type: 'ready' }],
    ['newPlan', { type: 'newPlan' }, { type: 'newPlan' }],
    ['openLocation', { type: 'openLocation', uri: URI, line: 3 }, { type: 'openLocation', uri: URI, line: 3 }],
    [
      'tickTask',
      { type: 'tickTask', requestId: 1, uri: URI, line: 12, mark: ' ', text: 'Ranking' },
      { type: 'tickTask', requestId: 1, uri: URI, line: 12, mark: ' ', text: 'Ranking' },
    ],
    ['a task text with markup', { type: 'tickTask', requestId: 2, uri: URI, line: 0, mark: '-', text: '</script><b>' }, { type: 'tickTask', requestId: 2, uri: URI, line: 0, mark: '-', text: '</script><b>' }],
    ['extra fields are dropped', { type: 'openLocation', uri: URI, line: 0, evil: 'x' }, { type: 'openLocation', uri: URI, line: 0 }],
  ];
  for (const [name, input, expected] of accepted) {
    it(`accepts ${name}`, () => assert.deepEqual(parseWebviewMessage(input), expected));
  }

  const rejected: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'ready'],
    ['an array', [{ type: 'ready' }]],
    ['no type', { uri: URI, line: 0 }],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
    ['a non-string type', { type: 1 }],
    ['openLocation without a uri', { type: 'openLocation', line: 0 }],
    ['openLocation with a numeric uri', { type: 'openLocation', uri: 123, line: 0 }],
    ['openLocation with a bare path', { type: 'openLocation', uri: '/etc/passwd', line: 0 }],
    ['openLocation with a negative line', { type: 'openLocation', uri: URI, line: -1 }],
    ['openLocation with a fractional line', { type: 'openLocation', uri: URI, line: 1.5 }],
    ['openLocation with a string line', { type: 'openLocation', uri: URI, line: '3' }],
    ['openLocation with NaN', { type: 'openLocation', uri: URI, line: Number.NaN }],
    ['openLocation with a huge uri', { type: 'openLocation', uri: `file:///${'a'.repeat(5000)}`, line: 0 }],
    ['tickTask without requestId', { type: 'tickTask', uri: URI, line: 1, mark: ' ', text: 't' }],
    ['tickTask with a two-character mark', { type: 'tickTask', requestId: 1, uri: URI, line: 1, mark: 'xx', text: 't' }],
    ['tickTask with an empty mark', { type: 'tickTask', requestId: 1, uri: URI, line: 1, mark: '', text: 't' }],
    ['tickTask with a newline mark', { type: 'tickTask', requestId: 1, uri: URI, line: 1, mark: '\n', text: 't' }],
    ['tickTask with a non-string text', { type: 'tickTask', requestId: 1, uri: URI, line: 1, mark: ' ', text: { toString: 'x' } }],
    ['tickTask with an oversized text', { type: 'tickTask', requestId: 1, uri: URI, line: 1, mark: ' ', text: 'x'.repeat(10_001) }],
  ];
  for (const [name, input] of rejected) {
    it(`rejects ${name}`, () => assert.equal(parseWebviewMessage(input), undefined));
  }
});
