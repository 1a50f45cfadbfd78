#!/usr/bin/env node
// The registry reachable here serves only the linux-x64 builds of packages that ship one binary
// package per platform (@swc/core-*, @unrs/resolver-binding-*), so `npm install` leaves the other
// platforms' optional packages out of package-lock.json, and `npm ci` then refuses the lock as
// "out of sync". This adds an entry for each of them, with the os/cpu/libc npm uses to skip a
// package on other platforms: `npm ci` then installs the linux-x64 one and skips the rest, as it
// would with a lock made against the full registry. Run it after every `npm install` that changes
// the lock (`npm run lock:fix`).
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OS = [
  'darwin',
  'linux',
  'win32',
  'android',
  'freebsd',
  'openharmony',
  'sunos',
  'aix',
  'netbsd',
  'openbsd',
];
const CPU = [
  'arm64',
  'x64',
  'ia32',
  'arm',
  'ppc64',
  's390x',
  'riscv64',
  'loong64',
  'wasm32',
  'mips64el',
];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) {
    return undefined;
  }
  const platform = { os: [os], cpu: [cpu] };
  if (os === 'linux') {
    const libc = parts.find((p) => p.startsWith('gnu') || p.startsWith('musl'));
    if (libc) {
      platform.libc = [libc.startsWith('musl') ? 'musl' : 'glibc'];
    }
  }
  return platform;
}

const path = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(path, 'utf8'));
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) {
      continue;
    }
    const platform = platformOf(name);
    if (!platform) {
      continue;
    }
    lock.packages[`node_modules/${name}`] = { version, optional: true, ...platform };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  ),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`lock-platform-entries: ${added} platform entries added\n`);
