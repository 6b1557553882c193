import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Watches one file while a test runs, two ways, to prove a reader only ever sees no file or the
 * whole file: it reads the file over and over, keeping every distinct content seen, and it
 * records the kernel's events for that name. A file written in place shows `change` events (a
 * reader could have caught it half-written); one renamed into place shows a single `rename`.
 */
export class FileWatch {
  readonly seen = new Set<string>();
  readonly events: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly watcher: FSWatcher;

  constructor(private readonly path: string) {
    const name = basename(path);
    this.watcher = watch(dirname(path), (event, file) => {
      if (file === name) this.events.push(event);
    });
    const tick = () => {
      this.read();
      this.timer = setTimeout(tick, 2);
    };
    tick();
  }

  private read(): void {
    try {
      this.seen.add(readFileSync(this.path, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher.close();
    this.read();
  }
}
