/**
 * `npm run test:e2e`: the package in a real n8n (see e2e/lib). One file at a time (--runInBand): each
 * starts its own simulators and n8n processes. The global setup installs the n8n runtime when this
 * checkout's pinned version is not cached yet, and builds the package.
 */
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	roots: ['<rootDir>/tests'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	globalSetup: '<rootDir>/lib/globalSetup.ts',
	testTimeout: 15 * 60 * 1000,
	setupFiles: ['<rootDir>/../test/setup-env.js'],
	reporters: ['default', ['<rootDir>/../test/summary-reporter.js', { suite: 'e2e tests' }]],
};
