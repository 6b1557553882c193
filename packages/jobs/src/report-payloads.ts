import { z } from 'zod';

export const POLICIES = ['nearest', 'forward'] as const;
export type Policy = (typeof POLICIES)[number];

/**
 * The report's max_gap in ms: business time farther than this from its evidence is unknown, and the
 * CSV gains the three unknown columns. Absent for a report without it, whose jobs then carry exactly
 * what they carried before max_gap existed.
 */
const maxGapMsSchema = z.number().int().positive().optional();

/** What the API enqueues: a report row already exists in PostgreSQL under this id. */
export const reportRequestSchema = z.object({
  reportId: z.uuid(),
  /** ISO instant, or null for the contract's default (the latest poll). */
  asOf: z.iso.datetime({ offset: true }).nullable(),
  policy: z.enum(POLICIES),
  maxGapMs: maxGapMsSchema,
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

/**
 * Stores whose ids sort (bytewise) from `from` (included) up to `to` (left out); null is
 * open-ended, so the first and last of a report's ranges take in stores created after planning.
 */
export const storeRangeSchema = z.object({ from: z.string().nullable(), to: z.string().nullable() });

/** One flow child: the stores of one range. */
export const chunkPayloadSchema = z.object({
  reportId: z.uuid(),
  /** The report's now in ms; not whole when it is the latest poll (polls keep microseconds). */
  asOfMs: z.number(),
  policy: z.enum(POLICIES),
  maxGapMs: maxGapMsSchema,
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
  stores: storeRangeSchema,
});
export type ChunkPayload = z.infer<typeof chunkPayloadSchema>;

/**
 * The flow parent: concatenates its children's rows in index order into the final CSV. It keeps
 * the plan's ranges to check that the chunks covered exactly those.
 */
export const mergePayloadSchema = z.object({
  reportId: z.uuid(),
  asOfMs: z.number(),
  policy: z.enum(POLICIES),
  maxGapMs: maxGapMsSchema,
  chunkCount: z.number().int().nonnegative(),
  ranges: z.array(storeRangeSchema),
});
export type MergePayload = z.infer<typeof mergePayloadSchema>;
