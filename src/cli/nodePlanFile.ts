/**
 * The atomic writer's port over Node's `fs` (the algorithm is the core's `editFileAtomically`):
 * the temporary file goes next to the plan (one file system, so the rename is atomic), is created
 * exclusively, with the plan's permission bits, and is renamed over the plan.
 */
import * as path from 'node:path';
import type { PlanFilePort } from '../core';
import { tempSuffix } from './fileNames';

/** Loaded on first use: `fs/promises` (with readline and streams) is not needed by a read-only run. */
const fsp = async (): Promise<typeof import('node:fs/promises')> => import('node:fs/promises');

export function nodePlanFilePort(file: string): PlanFilePort<string> {
  return {
    read: async () => (await fsp()).readFile(file),
    writeTemp: async (bytes) => {
      const fs = await fsp();
      const { mode } = await fs.stat(file);
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.${tempSuffix()}`);
      await fs.writeFile(temp, bytes, { flag: 'wx', mode: mode & 0o7777 });
      // writeFile's mode is filtered by the umask; the plan's own bits are what it should keep.
      await fs.chmod(temp, mode & 0o7777);
      return temp;
    },
    replace: async (temp) => (await fsp()).rename(temp, file),
    remove: async (temp) => (await fsp()).rm(temp, { force: true }),
  };
}
