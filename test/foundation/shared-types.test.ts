// The charts' values types declare what several charts share once, in generator/src/types/shared.ts.
import { describe, expect, it } from 'vitest';
import { shareDeclarations } from '../../generator/src/schema/typescript.ts';

const doc = (text: string) => `/**\n * ${text}\n */\n`;
const labelValue = `${doc('A label value.')}export type LabelValue = string;`;
const labelMap = `${doc('Labels by key.')}export interface LabelMap {\n  [k: string]: LabelValue | undefined;\n}`;
const module = (path: string, ...declarations: string[]) => ({ path, content: `/* header of ${path} */\n\n${declarations.join('\n')}\n` });

describe('shareDeclarations', () => {
  it('moves a declaration two charts declare alike to shared.ts; each chart imports what it uses', () => {
    const a = module('types/a-values.ts', labelValue, `export interface AValues {\n  labels?: LabelMap;\n}`, labelMap);
    const b = module('types/b-values.ts', labelValue, `export interface BValues {\n  value?: LabelValue;\n}`, labelMap);
    const other = { path: 'charts/a/values.yaml', content: 'x: 1\n' };
    const out = shareDeclarations([a, other, b], 'types', 'shared header');
    expect(out.map((f) => f.path)).toEqual(['types/a-values.ts', 'charts/a/values.yaml', 'types/b-values.ts', 'types/shared.ts']);
    expect(out[0]!.content).toBe(`/* header of types/a-values.ts */\nimport type {LabelMap} from './shared.ts';\n\nexport interface AValues {\n  labels?: LabelMap;\n}\n`);
    expect(out[2]!.content).toBe(`/* header of types/b-values.ts */\nimport type {LabelValue} from './shared.ts';\n\nexport interface BValues {\n  value?: LabelValue;\n}\n`);
    expect(out[3]!.content).toBe(`/* shared header */\n\n${labelValue}\n${labelMap}\n`);
    expect(out[1]).toBe(other);
  });

  it('keeps a name two charts declare differently with each chart, and what refers to it', () => {
    const a = module('types/a-values.ts', `${doc('A label value.')}export type LabelValue = string;`, labelMap, `export interface AValues {\n  labels?: LabelMap;\n}`);
    const b = module('types/b-values.ts', `${doc('Another label value.')}export type LabelValue = string;`, labelMap, `export interface BValues {\n  labels?: LabelMap;\n}`);
    expect(shareDeclarations([a, b], 'types', 'shared header')).toEqual([a, b]);
  });

  it('leaves a declaration only one chart has where it is', () => {
    const a = module('types/a-values.ts', labelValue, `export interface AValues {\n  value?: LabelValue;\n}`);
    const b = module('types/b-values.ts', `export interface BValues {\n  n?: number;\n}`);
    expect(shareDeclarations([a, b], 'types', 'shared header')).toEqual([a, b]);
  });
});
