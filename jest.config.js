const { existsSync } = require('node:fs');
const { join } = require('node:path');

// Tests named real-data.test.ts read the public reference data kept beside the repository
// (../shared/data). A clone without it still runs every other test, and says so.
const hasSharedData = existsSync(join(__dirname, '../shared/data'));
if (!hasSharedData) process.stderr.write('note: ../shared/data not found; the real-data tests are skipped\n');

// The fault suite (test/faults: killed workers, Redis and PostgreSQL outages) takes about two
// minutes of real waiting, so plain `jest` leaves it out; `npm run test:faults` (any run naming
// test/faults) or FAULTS=1 runs it.
const faultsAsked = process.env.FAULTS === '1' || process.argv.some((arg) => arg.includes('test/faults'));

/** One jest run over every workspace; tests import sibling packages from source, so no build is needed. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/apps'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(hasSharedData ? [] : ['/real-data\\.test\\.ts$']), ...(faultsAsked ? [] : ['/test/faults/'])],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // Dependencies of Bull Board, Swagger UI and inject() that ship only as ES modules: Node loads
    // them natively, jest 29 needs them compiled to CommonJS.
    '/node_modules/(content-disposition|cookie)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  moduleNameMapper: {
    // Sources written for Node16 resolution (the generated Prisma client) import './x.js' for './x.ts'.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Every workspace under packages/ by its name, so a new one needs no line here.
    '^@store-monitor/([a-z-]+)$': '<rootDir>/packages/$1/src',
  },
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/jest.reporter.js'],
};
