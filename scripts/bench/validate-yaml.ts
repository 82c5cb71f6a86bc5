// End to end as `matryoshka validate file.yaml` does it: parse 10,000 objects of YAML, then validate.
import { stringify } from 'yaml';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { validateDocs } from '../../generator/src/validate/index.ts';
import type { BenchCase } from './_case.ts';
import { CORPUS_EXTERNALS, buildCorpus } from './_corpus.ts';

export const bench: BenchCase<string> = {
  name: 'validate-yaml',
  description: 'the same 10,000 objects as one YAML stream: parse + strict schemas + wiring',
  unit: 'objects',
  iterations: 3,
  setup() {
    return buildCorpus(10_000)
      .map((d) => `---\n# Source: ${d.source}\n${stringify(d.object)}`)
      .join('');
  },
  run(text) {
    const docs = parseManifests(text);
    validateDocs(docs, { external: CORPUS_EXTERNALS });
    return { items: docs.length };
  },
};
