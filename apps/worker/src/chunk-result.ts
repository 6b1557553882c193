import { z } from 'zod';
import { storeRangeSchema } from '@store-monitor/jobs';

/**
 * What a chunk job returns: which stores it read, from which state of the data, and how many
 * rows it wrote to its part file (see report-parts). The rows themselves stay out of Redis,
 * where a job's return value lives on in its hash and the queue's event stream.
 */
export const chunkResultSchema = z.object({
  index: z.number().int().nonnegative(),
  stores: storeRangeSchema,
  dataVersion: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
});
export type ChunkResult = z.infer<typeof chunkResultSchema>;
