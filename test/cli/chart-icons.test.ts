// Every chart's Chart.yaml `icon` (what Artifact Hub and chart UIs show) points at a file that is
// committed in this repository, through the raw URL of the repository the chart names as its home.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listCharts } from '../../generator/src/package/build.ts';
import { chartsDir, repoRoot } from '../../generator/src/paths.ts';

describe.each(listCharts())('charts/%s/Chart.yaml icon', (chart) => {
  const meta = parse(readFileSync(join(chartsDir, chart, 'Chart.yaml'), 'utf8')) as { icon?: string; home?: string };

  it('is the raw URL of a committed SVG in the repository the chart calls home', async () => {
    const m = /^https:\/\/raw\.githubusercontent\.com\/([^/]+\/[^/]+)\/main\/(.+)$/.exec(meta.icon ?? '');
    expect(m, meta.icon).not.toBeNull();
    const [, repo, path] = m!;
    expect(meta.home).toBe(`https://github.com/${repo}`);
    expect(existsSync(join(repoRoot, path!)), path).toBe(true);
    const tracked = await execa('git', ['ls-files', '--error-unmatch', path!], { cwd: repoRoot, reject: false });
    expect(tracked.exitCode, `${path} is not committed`).toBe(0);
    const svg = readFileSync(join(repoRoot, path!), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
