// Runs `prisma generate` when the schema is newer than the generated client (the build calls it
// every time). Quiet on success: the CLI's banner must not land in a report's standard output.
const { spawnSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '../..');
const schema = join(root, 'prisma/schema.prisma');
const client = join(__dirname, 'src/generated/client.ts');

const fresh = existsSync(client) && statSync(client).mtimeMs >= statSync(schema).mtimeMs;
if (!fresh) {
  const cli = join(dirname(require.resolve('prisma/package.json')), 'build/index.js');
  const run = spawnSync(process.execPath, [cli, 'generate', '--no-hints'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(`prisma generate failed:\n${run.stdout}${run.stderr}`);
    process.exit(run.status ?? 1);
  }
}
