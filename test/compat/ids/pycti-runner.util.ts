import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CompatCase } from './compat-case.types';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(__dirname, 'pycti_ids.py');

/** Runs pycti_ids.py under one virtualenv of `.cache/venvs` and returns `{name: id | null}`. */
export function runPycti(
  venv: string,
  cases: readonly CompatCase[],
): Record<string, string | null> {
  const python = join(ROOT, '.cache', 'venvs', venv, 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(`${python} is missing: run scripts/services to create the pycti virtualenvs`);
  }
  const input = JSON.stringify(
    cases.map(({ name, entityType, data }) => ({ name, entityType, data })),
  );
  const run = spawnSync(python, [SCRIPT], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) {
    throw new Error(
      `pycti_ids.py failed under ${venv} (${run.status}): ${run.error?.message ?? run.stderr}`,
    );
  }
  return JSON.parse(run.stdout) as Record<string, string | null>;
}
