import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest directory above this file holding nest-cli.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nest-cli.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No repository root (nest-cli.json) above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}

/** A path in the shared test corpora, `../shared/data` beside the repository. */
export function sharedData(...segments: string[]): string {
  return join(repoRoot(), '..', 'shared', 'data', ...segments);
}

/** The python of one of the virtualenvs scripts/services makes (e.g. `pycti-6.9.10`). */
export function venvPython(name: string): string {
  return join(repoRoot(), '.cache', 'venvs', name, 'bin', 'python');
}
