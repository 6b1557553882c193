/** One jest run over every workspace; tests import sibling packages from source, so no build is needed. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/apps'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleNameMapper: {
    '^@store-monitor/(engine|csv|generator)$': '<rootDir>/packages/$1/src',
  },
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/jest.reporter.js'],
};
