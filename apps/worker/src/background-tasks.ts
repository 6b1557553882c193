import { oneLine, type LogWriter } from '@store-monitor/service';

/**
 * Work started from worker events (progress, marking a report failed). Events do not wait for
 * their listeners, so shutdown waits here before the database client is closed under them.
 */
export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly log: LogWriter) {}

  run(name: string, task: () => Promise<void>): void {
    const promise: Promise<void> = task()
      .catch((error: unknown) => this.log.error({ error: oneLine(error) }, `${name} failed`))
      .finally(() => this.pending.delete(promise));
    this.pending.add(promise);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
