// Issue 3 target: 10,000 objects validated (strict schemas + wiring linter) in under 2 s.
import type { ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { formatReport, validateDocs } from '../../generator/src/validate/index.ts';
import type { BenchCase } from './_case.ts';
import { CORPUS_EXTERNALS, buildCorpus } from './_corpus.ts';

export const bench: BenchCase<ManifestDoc[]> = {
  name: 'validate',
  description: '10,000 parsed objects (CAPI, Kamaji, KubeVirt, HelmReleases, Deployments, RBAC): strict schemas + wiring',
  unit: 'objects',
  targetMs: 2000,
  setup() {
    const docs = buildCorpus(10_000);
    return docs;
  },
  run(docs) {
    const report = validateDocs(docs, { external: CORPUS_EXTERNALS });
    // the corpus is clean except the tenant cut in half at the end; a slow path must not hide behind errors
    if (report.errors.length > 30) throw new Error(`bench corpus is not clean:\n${formatReport(report).split('\n').slice(0, 10).join('\n')}`);
    return { items: docs.length };
  },
};
