/** @type {import('jest').Config} */
const common = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};

/** @type {import('jest').Config} */
module.exports = {
	// Every run (npm test, npx jest <file>, test:unit, test:engine) tests the build of the current sources.
	globalSetup: '<rootDir>/test/support/globalSetup.js',
	maxWorkers: 2,
	testTimeout: 60000,
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...common, displayName: 'engine', testMatch: ['<rootDir>/test/engine/**/*.test.ts'] },
	],
};
