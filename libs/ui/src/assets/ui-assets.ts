import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Logical asset name (`app.js`) → the content-hashed file `npm run build` wrote. */
export type AssetManifest = Readonly<Record<string, string>>;

const MANIFEST = 'manifest.json';

/** The checkout or image root: the nearest directory above `from` holding package.json. */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/**
 * The UI's static files (dist/ui-assets, built by scripts/build-ui-assets.mjs). Pages link them by
 * logical name; the hashed names let browsers cache them for a year.
 */
export class UiAssets {
  private readonly files: ReadonlySet<string>;

  constructor(
    readonly directory: string,
    private readonly manifest: AssetManifest,
  ) {
    this.files = new Set(Object.values(manifest));
  }

  /** Reads the built manifest; without a build, an empty one (pages render, assets are 404). */
  static load(directory = join(projectRoot(__dirname), 'dist', 'ui-assets')): UiAssets {
    const path = join(directory, MANIFEST);
    if (!existsSync(path)) return new UiAssets(directory, {});
    return new UiAssets(directory, JSON.parse(readFileSync(path, 'utf8')) as AssetManifest);
  }

  get built(): boolean {
    return this.files.size > 0;
  }

  /** The URL of a logical asset (`app.js`, `app.css`, `graph-layout.js`). */
  url(name: string): string {
    return `/static/${this.manifest[name] ?? name}`;
  }

  /** The path of a served file, or undefined when the name is not one the build wrote. */
  pathOf(file: string): string | undefined {
    if (this.files.has(file)) return join(this.directory, file);
    // Source maps sit beside their files.
    if (file.endsWith('.map') && this.files.has(file.slice(0, -4))) {
      return join(this.directory, file);
    }
    return undefined;
  }
}
