// A hash of every source file the bundles are made from: the "parser version" of the plan caches
// (src/core/cache.ts, src/extension/planIndex/snapshot.ts). Any change to the sources makes a new
// build id, so no cache outlives the code that wrote it. Used by esbuild.js and by the benchmark
// that bundles its own copy of the index (bench/extension-index/run.mjs).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

function buildId(root) {
  const hash = crypto.createHash('sha256');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.ts$/.test(entry.name)) hash.update(path.relative(root, file)).update(fs.readFileSync(file));
    }
  };
  walk(path.join(root, 'src'));
  return hash.digest('hex').slice(0, 16);
}

module.exports = { buildId };
