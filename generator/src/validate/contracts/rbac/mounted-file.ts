// The content of a file a container reads, when it comes from a ConfigMap or Secret of the input
// mounted as a volume (items and subPath honoured).
import { arr, get, record, str } from '../../wiring.ts';
import type { ContainerInput } from './types.ts';

export interface MountedFile {
  text: string;
  /** e.g. `ConfigMap tenant-a/tenant-a-ccm key cloud-config` */
  from: string;
}

export function mountedFile(input: ContainerInput, path: string): MountedFile | undefined {
  for (const m of arr(input.container.volumeMounts)) {
    const mount = record(m) ?? {};
    const mountPath = str(mount.mountPath)?.replace(/\/+$/, '');
    const volumeName = str(mount.name);
    if (!mountPath || !volumeName) continue;
    const subPath = str(mount.subPath);
    let rel: string;
    if (subPath) {
      if (path !== mountPath) continue;
      rel = subPath;
    } else if (path.startsWith(`${mountPath}/`)) rel = path.slice(mountPath.length + 1);
    else continue;
    const volume = arr(input.podSpec.volumes).map((v) => record(v) ?? {}).find((v) => v.name === volumeName);
    if (!volume) return undefined;
    for (const [field, kind, nameKey] of [['configMap', 'ConfigMap', 'name'], ['secret', 'Secret', 'secretName']] as const) {
      const src = record(volume[field]);
      if (!src) continue;
      const name = str(src[nameKey]);
      if (!name) return undefined;
      const items = arr(src.items).map((i) => record(i) ?? {});
      const key = items.length ? str(items.find((i) => i.path === rel)?.key) : rel;
      if (!key) return undefined;
      const obj = input.ctx.find(kind, input.doc.namespace, name, '');
      if (!obj) return undefined;
      const data = record(get(obj.object, 'data')) ?? {};
      const stringData = record(get(obj.object, 'stringData')) ?? {};
      let text: string | undefined;
      if (kind === 'Secret') {
        text = typeof stringData[key] === 'string' ? (stringData[key] as string) : typeof data[key] === 'string' ? Buffer.from(data[key] as string, 'base64').toString('utf8') : undefined;
      } else text = typeof data[key] === 'string' ? (data[key] as string) : undefined;
      return text === undefined ? undefined : { text, from: `${kind} ${input.doc.namespace}/${name} key ${key}` };
    }
    return undefined;
  }
  return undefined;
}
