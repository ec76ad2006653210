import { spawn } from 'node:child_process';

/**
 * `npm test`: every check the project has, one stage after another. A stage that fails does
 * not stop the others (a type error says nothing about the end-to-end tests), and the end
 * prints what each stage took and whether it passed; the exit code fails if any stage did.
 */
const STAGES: [name: string, script: string][] = [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['format', 'format:check'],
  ['unit tests', 'test:unit'],
  ['end-to-end tests', 'test:e2e'],
];

function run(script: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const started = performance.now();
const results: { name: string; ok: boolean; ms: number }[] = [];
for (const [name, script] of STAGES) {
  console.log(`\n▶ ${name} (npm run ${script})`);
  const at = performance.now();
  const code = await run(script);
  results.push({ name, ok: code === 0, ms: performance.now() - at });
}

const width = Math.max(...results.map(({ name }) => name.length));
console.log('\nnpm test, by stage:');
for (const { name, ok, ms } of results) {
  console.log(`  ${name.padEnd(width)}  ${ok ? 'passed' : 'FAILED'}  ${seconds(ms).padStart(8)}`);
}
const failed = results.filter(({ ok }) => !ok);
console.log(
  `  ${'total'.padEnd(width)}  ${failed.length ? 'FAILED' : 'passed'}  ${seconds(performance.now() - started).padStart(8)}`,
);
process.exitCode = failed.length ? 1 : 0;
