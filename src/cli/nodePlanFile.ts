/**
 * The atomic writer's port over Node's `fs` (the algorithm is the core's `editFileAtomically`):
 * the temporary file goes next to the plan (one file system, so the rename is atomic), is created
 * exclusively, with the plan's permission bits, and is renamed over the plan.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { PlanFilePort } from '../core';

export function nodePlanFilePort(file: string): PlanFilePort<string> {
  return {
    read: async () => fs.readFile(file),
    writeTemp: async (bytes) => {
      const { mode } = await fs.stat(file);
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      await fs.writeFile(temp, bytes, { flag: 'wx', mode: mode & 0o7777 });
      // writeFile's mode is filtered by the umask; the plan's own bits are what it should keep.
      await fs.chmod(temp, mode & 0o7777);
      return temp;
    },
    replace: async (temp) => fs.rename(temp, file),
    remove: async (temp) => fs.rm(temp, { force: true }),
  };
}
