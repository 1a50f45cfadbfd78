// Run by apps/platform/test/embedded-footprint.e2e-spec.ts on the build (dist/): every relative
// dynamic import of the compiled apps and libraries (`await import('./x.js')`, what loads a
// distributed adapter, a connector's heavy part or a role on demand) is imported here as Node
// does it, and each name read from it is checked to be there. Prints one JSON line:
// { checked: ["file -> specifier: name", …], failures: […] }.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
// `const { A, B } = await import("./x.js")` or `(await import("./x.js")).A`.
const DESTRUCTURED = /const \{([^}]+)\}\s*=\s*await import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const MEMBER = /\(await import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)\)\.(\w+)/g;

function* jsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

const checked = [];
const failures = [];
for (const root of ['apps', 'libs']) {
  for (const file of jsFiles(join(dist, root))) {
    const source = readFileSync(file, 'utf8');
    const uses = [
      ...[...source.matchAll(DESTRUCTURED)].flatMap(([, names, specifier]) =>
        names.split(',').map((name) => ({ specifier, name: name.split(':')[0].trim() })),
      ),
      ...[...source.matchAll(MEMBER)].map(([, specifier, name]) => ({ specifier, name })),
    ];
    for (const { specifier, name } of uses) {
      const label = `${relative(dist, file)} -> ${specifier}: ${name}`;
      checked.push(label);
      try {
        const loaded = await import(pathToFileURL(join(dirname(file), specifier)).href);
        if (loaded[name] === undefined) failures.push(`${label}: not exported`);
      } catch (error) {
        failures.push(`${label}: ${error?.code ?? error?.message ?? error}`);
      }
    }
  }
}
process.stdout.write(`${JSON.stringify({ checked, failures })}\n`);
process.exit(0);
