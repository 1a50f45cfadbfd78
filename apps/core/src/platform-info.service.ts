import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type PackageJson = { version: string; dependencies?: Record<string, string> };

function readPackage(): PackageJson {
  // The root package.json is two levels above apps/core/src, in sources and in dist alike.
  for (const up of ['../../..', '../../../..']) {
    try {
      return JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as PackageJson;
    } catch (cause) {
      if (!(cause instanceof Error && 'code' in cause && cause.code === 'ENOENT')) {
        throw cause;
      }
    }
  }
  throw new Error('package.json not found');
}

@Injectable()
export class PlatformInfoService {
  private readonly pkg = readPackage();

  about() {
    const deps = this.pkg.dependencies ?? {};
    return {
      version: this.pkg.version,
      dependencies: ['better-sqlite3', '@nestjs/core', 'graphql']
        .filter((n) => deps[n])
        .map((name) => ({ name, version: String(deps[name]) })),
    };
  }
}
