/**
 * Ends every jest run with one plain line, `N passed, N failed`, which CI reads as the run's
 * verdict. Written at process exit so that it comes after jest's own summary.
 */
class PassFailLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = PassFailLineReporter;
