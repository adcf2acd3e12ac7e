/**
 * The extension host thread's CPU time in ms, for the plan index's stats (a slice's wall time also
 * counts the moments the OS ran other processes, as on a busy machine while the workbench starts;
 * its CPU time is what the index itself took). From `process.threadCpuUsage` (Node 23.9 and later;
 * `getrusage(RUSAGE_THREAD)`, which Linux may count in scheduler ticks of a few ms); undefined
 * where Node has none (VS Code's Electron may ship an older Node).
 */
export function threadCpuMs(): (() => number) | undefined {
  const usage = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;
  if (typeof usage !== 'function') return undefined;
  return () => {
    const { user, system } = usage.call(process);
    return (user + system) / 1000;
  };
}
