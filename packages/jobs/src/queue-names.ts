/**
 * The two queues of a report. `reports` holds a report's plan job and, once planned, its merge
 * job (the parent of a flow); `report-chunks` holds the flow's children, one per range of stores,
 * so any number of workers share one report.
 */
export const REPORT_QUEUE = 'reports';
export const CHUNK_QUEUE = 'report-chunks';

/** Job names inside those queues. */
export const JOB = { plan: 'plan', merge: 'merge', chunk: 'chunk' } as const;
