import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The command's version, from apps/cli/package.json (one level above both src and dist). */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
