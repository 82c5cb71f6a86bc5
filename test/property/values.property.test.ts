// A fixed, seeded sample of the property runs (the full run is `npm run fuzz`):
// random schema-valid values render with Helm 3 and 4 and validate; random invalid values are
// rejected with a message naming the offending key, never with a template panic; hostile strings in
// every free-text slot leave the objects unchanged and arrive verbatim.
import { describe, expect, it } from 'vitest';
import { HELM_MAJORS } from '../../generator/src/helm/binary.ts';
import { checkHostile } from '../support/fuzz/hostile.ts';
import { checkInvalid, checkValid } from '../support/fuzz/property.ts';
import { PROFILES } from './profiles/index.ts';

const SAMPLES = Number(process.env.PROPERTY_SAMPLES ?? 6);
const seeds = Array.from({ length: SAMPLES }, (_, i) => 1000 + i);

describe.each(PROFILES)('$chart values under property test', (profile) => {
  describe.each(HELM_MAJORS)('Helm %i', (major) => {
    it.each(seeds)('random valid values (seed %i) render and validate', async (seed) => {
      const r = await checkValid(profile, seed, major);
      expect(r.detail, JSON.stringify(r.values)).toBeUndefined();
      expect(r.ok).toBe(true);
    });

    it.each(seeds)('hostile strings in every free-text slot (seed %i) stay data', async (seed) => {
      const r = await checkHostile(profile, seed, major);
      expect(r.detail, JSON.stringify(r.values)).toBeUndefined();
      expect(r.ok).toBe(true);
    });

    it.each(seeds)('random invalid values (seed %i) are rejected naming the key', async (seed) => {
      const r = await checkInvalid(profile, seed, major);
      expect(r.detail, JSON.stringify(r.values)).toBeUndefined();
      expect(r.ok).toBe(true);
    });
  });
});
