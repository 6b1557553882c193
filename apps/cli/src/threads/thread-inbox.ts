import type { Worker } from 'node:worker_threads';
import type { ThreadMessage } from './thread-messages';

/**
 * A thread's messages, kept until asked for: a thread may send before the main thread waits (it
 * reads its files while the polls are read), and a message nobody listens for is lost. A thread
 * that dies fails whatever is waited for, then and after.
 */
export class ThreadInbox {
  private readonly messages: ThreadMessage[] = [];
  private waiting: ((message: ThreadMessage) => void) | undefined;
  private died: ThreadMessage | undefined;

  constructor(worker: Worker) {
    worker.on('message', (message: ThreadMessage) => this.deliver(message));
    worker.on('error', (error: Error) => this.die(`a report thread failed: ${error.message}`));
    worker.on('exit', (code: number) => this.die(`a report thread stopped (exit code ${code})`));
  }

  /** The next message, in the order sent. */
  next(): Promise<ThreadMessage> {
    const message = this.messages.shift() ?? this.died;
    if (message !== undefined) return Promise.resolve(message);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  private deliver(message: ThreadMessage): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(message);
    else this.messages.push(message);
  }

  private die(message: string): void {
    if (this.died) return;
    this.died = { kind: 'failed', message, inputError: false };
    this.deliver(this.died);
  }
}
