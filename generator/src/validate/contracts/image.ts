// Container image references: `[registry[:port]/][path/]repository[:tag][@digest]`, matched by
// repository path and tag whatever registry or mirror prefix serves them.

export interface ImageRef {
  /** everything before the tag/digest, registry and mirror prefix included */
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // a tag is a `:` after the last `/` (a `:` before it is a registry port)
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * True when the image is `repository` (e.g. `kubevirt/csi-driver`) from any registry or mirror:
 * its name is the repository or ends with `/<repository>`.
 */
export function isRepository(ref: ImageRef, repository: string): boolean {
  return ref.name === repository || ref.name.endsWith(`/${repository}`);
}

/** Build-timestamp tags (`YYYYMMDDhhmmss`, as kubevirt/csi-driver publishes): comparable as strings. */
export const TIMESTAMP_TAG = /^\d{14}$/;
