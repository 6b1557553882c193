import { z } from 'zod';

/**
 * What a chunk job returns: its CSV lines, carried through Redis to the merge job (the parent's
 * children values), so workers need no shared disk for partial results.
 */
export const chunkResultSchema = z.object({
  index: z.number().int().nonnegative(),
  lines: z.array(z.string()),
});
export type ChunkResult = z.infer<typeof chunkResultSchema>;
