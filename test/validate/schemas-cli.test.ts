import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../generator/src/cli/command.ts';
import { command as schemas } from '../../generator/src/cli/commands/schemas.ts';
import { sharedDir } from '../../generator/src/validate/index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-schemas-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('matryoshka schemas (CLI)', () => {
  it('sync converts the local CRD folder and copies the core schemas into --out', async () => {
    const out = join(tmp, 'out');
    expect(await schemas.run(['sync', '--crds', join(sharedDir, 'crds'), '--k8s', join(sharedDir, 'k8s-schemas'), '--out', out])).toBe(0);
    expect(readdirSync(join(out, 'helm.toolkit.fluxcd.io'))).toEqual(['helmrelease_v2.json']);
    expect(readdirSync(out).filter((f) => f.endsWith('.json'))).toHaveLength(23);
  });

  it('rejects --online combined with local folders, a missing folder, and unknown subcommands', async () => {
    await expect(schemas.run(['sync', '--online', '--crds', tmp])).rejects.toThrow(UsageError);
    await expect(schemas.run(['sync', '--crds', join(tmp, 'nope'), '--out', join(tmp, 'x')])).rejects.toThrow(/does not exist/);
    await expect(schemas.run(['frobnicate'])).rejects.toThrow(UsageError);
  });
});
