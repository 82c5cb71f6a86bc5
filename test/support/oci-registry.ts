// Test support: a real OCI registry on loopback — Debian's `docker-registry` package (CNCF
// distribution v2), which .ci/run installs. Started on a free port with its storage in a temp
// dir, stopped by the caller. Where the binary is missing, tests skip locally but FAIL in CI.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BIN = process.env.DOCKER_REGISTRY_BIN ?? '/usr/bin/docker-registry';

export const registryMissingMessage = `OCI registry binary not found at ${REGISTRY_BIN}: install Debian's docker-registry package (\`apt-get install -y docker-registry\`, as .ci/run does) or set DOCKER_REGISTRY_BIN`;

/** true when the registry tests can run; in CI a missing binary is an error, not a skip */
export function registryAvailable(): boolean {
  return existsSync(REGISTRY_BIN);
}

export interface OciRegistry {
  /** host:port, for oci://<host>/charts */
  host: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

async function waitReady(url: string, child: ChildProcess, log: () => string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with code ${child.exitCode}:\n${log()}`);
    try {
      const r = await fetch(url);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`docker-registry did not answer ${url} within ${timeoutMs} ms:\n${log()}`);
}

export async function startRegistry(): Promise<OciRegistry> {
  if (!registryAvailable()) throw new Error(registryMissingMessage);
  const dir = mkdtempSync(join(tmpdir(), 'matryoshka-registry-'));
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const child = spawn(REGISTRY_BIN, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(`http://127.0.0.1:${port}/v2/`, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { host: `127.0.0.1:${port}`, stop };
}
