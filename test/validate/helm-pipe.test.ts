import { describe, expect, it } from 'vitest';
import { runValidate } from '../../generator/src/cli/commands/validate.ts';
import { HELM_MAJORS, renderChartText } from '../support/render.ts';

describe.each(HELM_MAJORS)('helm %s template | matryoshka validate -', (major) => {
  it('the default tenant render is valid once the platform-provided chart sources are declared external', async () => {
    const text = await renderChartText('kubernetes', { major });
    const out: string[] = [];
    const code = await runValidate(['-n', 'tenant-a', '--external', 'HelmRepository/matryoshka-system/*', '-'], { readStdin: async () => text, out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(out.join('\n')).toMatch(/^✓ \d+ object\(s\) valid$/);
    expect(code).toBe(0);
  });
});
