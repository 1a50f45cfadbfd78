import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

/** The pycti virtualenvs the suite runs against (created by scripts/services). */
export const PYCTI_VENVS = ['pycti-6.9.10', 'pycti-7.261026.0'] as const;

/**
 * Runs one of this directory's Python scripts under a pycti virtualenv, asynchronously (the
 * platform under test answers from this same process), and parses its JSON output.
 */
export async function runPyctiScript<T>(
  venv: string,
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<T> {
  const python = join(ROOT, '.cache', 'venvs', venv, 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(`${python} is missing: run scripts/services to create the pycti virtualenvs`);
  }
  const path = script.includes('/') ? script : join(__dirname, script);
  const { stdout } = await run(python, [path, ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  return JSON.parse(stdout) as T;
}
