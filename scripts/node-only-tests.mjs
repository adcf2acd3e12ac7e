// The integration tests that run in the Node extension host only, relative to test/integration/
// (a folder ends with `/`). One list for the two places that need it: scripts/build-tests.mjs leaves
// them out of the web worker's bundle, and eslint.config.mjs lets them use Node.
//   restricted/          Restricted Mode's own run (the Node host's untrusted workspace)
//   gitDrift.test.ts     makes a git repository with the git command line
//   links.test.ts        makes symlinks with Node's fs and a local process
//   planWrites.test.ts   a concurrent reader in a child process, file modes, another writer's fs writes
export const NODE_ONLY_TESTS = ['restricted/', 'gitDrift.test.ts', 'links.test.ts', 'planWrites.test.ts'];

/** Whether `file` (relative to test/integration/, `/`-separated) is a Node-only test. */
export function isNodeOnlyTest(file) {
  return NODE_ONLY_TESTS.some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));
}
