// Compiles the polls reader's line scan, assembly/poll-lines.ts, to wasm/poll-lines.wasm (or to
// the path given): `npm run build:wasm`. The .wasm is committed, so installing and building need
// no compiler; a test builds it again with these same flags and checks that the bytes match.
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = process.argv[2] ?? here('./wasm/poll-lines.wasm');

// -O3: speed first. No runtime beyond the stub: the scan allocates nothing managed. No asserts:
// the scan has none, and this keeps the module free of imports.
const { error, stderr } = await asc.main([
  here('./assembly/poll-lines.ts'),
  '-O3',
  '--runtime',
  'stub',
  '--noAssert',
  '-o',
  out,
]);
if (error) {
  process.stderr.write(`${stderr.toString()}\nbuild-wasm: ${error.message}\n`);
  process.exitCode = 1;
}
