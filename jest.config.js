/** Jest runs TypeScript through ts-jest without type-checking (`npm run lint` type-checks). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	testTimeout: 60000,
	setupFiles: ['<rootDir>/test/setup-env.js'],
	reporters: ['default', ['<rootDir>/test/summary-reporter.js', { suite: 'unit tests' }]],
};
