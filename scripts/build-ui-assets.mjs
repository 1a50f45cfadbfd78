// Bundles the UI's browser code (libs/ui/client) and styles (libs/ui/styles) into
// dist/ui-assets with content-hashed names, and writes manifest.json (logical name → file) that
// the server reads to link them. Run by `npm run build`.
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'ui-assets');

// Logical name → source. Pages link logical names (`app.js`); the manifest maps them.
const entries = {
  app: 'libs/ui/client/app.ts',
  // The graph's force layout runs in a Web Worker: its own entry (graph-layout.js).
  'graph-layout': 'libs/ui/client/graph/layout.worker.ts',
  'app-style': 'libs/ui/styles/app.css',
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: entries,
  bundle: true,
  format: 'esm',
  splitting: true,
  // UI_NO_MINIFY=1: readable function names in profiles (bench:ui-graph --profile).
  minify: !process.env.UI_NO_MINIFY,
  sourcemap: 'linked',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  outdir,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});

const manifest = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.map')) continue;
  const name = output.entryPoint
    ? Object.keys(entries).find((key) => join(root, entries[key]) === join(root, output.entryPoint))
    : undefined;
  if (!name) {
    // A shared chunk or a lazily imported page module: listed under its own name to be served.
    const chunk = basename(file);
    manifest[chunk] = chunk;
    continue;
  }
  const ext = file.endsWith('.css') ? '.css' : '.js';
  manifest[`${name.replace(/-style$/, '')}${ext}`] = basename(relative(outdir, join(root, file)));
}
await writeFile(join(outdir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(
  `ui assets: ${Object.keys(manifest).length} entries in ${relative(root, outdir)}\n`,
);
