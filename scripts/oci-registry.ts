// Starts the loopback OCI registry the tests use (Debian's docker-registry on a free port, storage
// in a temp dir) for trying `matryoshka package --push` by hand; Ctrl-C stops and cleans it.
//
//   npx tsx scripts/oci-registry.ts
//   npm run matryoshka -- package --push oci://127.0.0.1:<port>/charts --plain-http
import { startRegistry } from '../test/support/oci-registry.ts';

const registry = await startRegistry();
console.log(`OCI registry on ${registry.host} — push with: npm run matryoshka -- package --push oci://${registry.host}/charts --plain-http`);
console.log('Ctrl-C stops it and removes its storage.');
const stop = async () => {
  await registry.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
