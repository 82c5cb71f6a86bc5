// The flags a container passes to its binary, read with the image's flag table when there is one.
import { readFlags } from '../flags/check.ts';
import { flagTableFor } from '../flags/index.ts';
import { str } from '../../wiring.ts';
import type { ContainerInput } from './types.ts';

export function flagValues(input: ContainerInput): Map<string, string[]> {
  const image = str(input.container.image);
  return readFlags(image ? flagTableFor(image) : undefined, input.argv);
}
