/**
 * The CPU time this process spends in `work`, in milliseconds. Unlike wall-clock time, it does
 * not grow when other processes load the machine: a bound on it checks how much work a
 * function does (linear or quadratic), not how busy the machine happens to be.
 */
export function cpuTimeMs(work: () => unknown): number {
  const before = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}
