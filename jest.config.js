const { existsSync } = require('node:fs');
const { join } = require('node:path');

// Tests named real-data.test.ts read the public reference data kept beside the repository
// (../shared/data). A clone without it still runs every other test, and says so.
const hasSharedData = existsSync(join(__dirname, '../shared/data'));
if (!hasSharedData) process.stderr.write('note: ../shared/data not found; the real-data tests are skipped\n');

// The fault suite (test/faults: killed workers, Redis and PostgreSQL outages) takes about two
// minutes of real waiting, so it is a project of its own that runs only when FAULTS=1 asks for it:
// `npm run test:faults` runs it alone, CI (FAULTS=1 npm test) runs it with the rest in one run.
const faultsAsked = process.env.FAULTS === '1';
const FAULTS = '/test/faults/';
// The console's browser test drives Debian's chromium. CI installs it and asks for the test
// (BROWSER_TEST=1: then a missing browser fails the test, loudly); elsewhere a machine without it
// skips that one test and says so.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipBrowser = process.env.BROWSER_TEST !== '1' && !existsSync(chromiumPath);
if (skipBrowser) {
  process.stderr.write(
    `note: ${chromiumPath} not found; the console's browser test is skipped (apt-get install chromium)\n`,
  );
}
const ignored = [
  '/node_modules/',
  ...(hasSharedData ? [] : ['/real-data\\.test\\.ts$']),
  ...(skipBrowser ? ['/console-browser\\.test\\.ts$'] : []),
];

/** What both projects share: tests import sibling packages from source, so no build is needed. */
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/apps'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // Dependencies of Bull Board, Swagger UI and inject() that ship only as ES modules: Node loads
    // them natively, jest 29 needs them compiled to CommonJS.
    '/node_modules/(content-disposition|cookie)/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  moduleNameMapper: {
    // Sources written for Node16 resolution (the generated Prisma client) import './x.js' for './x.ts'.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Every workspace under packages/ by its name, so a new one needs no line here.
    '^@store-monitor/([a-z-]+)$': '<rootDir>/packages/$1/src',
  },
};

/** One jest run over every workspace, ending with one `N passed, N failed` line (jest.reporter.js). */
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'default',
      testMatch: ['**/test/**/*.test.ts'],
      testPathIgnorePatterns: [...ignored, FAULTS],
    },
    ...(faultsAsked
      ? [{ ...base, displayName: 'faults', testMatch: [`**${FAULTS}**/*.test.ts`], testPathIgnorePatterns: ignored }]
      : []),
  ],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/jest.reporter.js'],
};
