import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

/**
 * A job's data checked against its schema. Bad data stays bad however often it is retried, so it
 * fails the job at once (UnrecoverableError) instead of using up the retries.
 */
export function parsePayload<S extends z.ZodType>(schema: S, data: unknown, jobName: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`);
  throw new UnrecoverableError(`invalid ${jobName} job: ${issues.join('; ')}`);
}
