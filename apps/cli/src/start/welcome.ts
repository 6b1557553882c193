/** What `store-monitor start` prints once its own API answers: where everything is. */
export function welcome(base: string, env: NodeJS.ProcessEnv, workers: number, passwordMadeHere: boolean): string {
  const generated = passwordMadeHere ? ' (made for this run; set BULL_BOARD_PASSWORD to choose one)' : '';
  // With API_KEY set the report endpoints need it; the hint names the variable, never the key.
  const auth = env.API_KEY ? ' -H "Authorization: Bearer $API_KEY"' : '';
  return [
    '',
    `store-monitor is running: the API and ${workers} worker${workers === 1 ? '' : 's'}. Ctrl-C stops them.`,
    `  API         ${base}`,
    `  API docs    ${base}/docs`,
    `  Bull Board  ${base}/admin/queues  user ${env.BULL_BOARD_USER}, password ${env.BULL_BOARD_PASSWORD}${generated}`,
    `  try         curl -s${auth} -X POST ${base}/trigger_report`,
    `              curl -s${auth} "${base}/get_report?report_id=<the id it returned>"`,
    '',
  ].join('\n');
}
