/**
 * A jest reporter that ends a run with one line, `<suite>: N passed, N failed, N skipped`, and writes the
 * same figures with every failure's title to test-artifacts/<suite>.json (CI keeps test-artifacts/).
 */
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
	constructor(globalConfig, options = {}) {
		this.suite = options.suite ?? 'jest';
		this.dir = join(__dirname, '..', 'test-artifacts');
	}

	onRunComplete(_contexts, results) {
		const failures = results.testResults.flatMap((file) =>
			file.testResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
		);
		const broken = results.testResults.filter((file) => file.testExecError).map((file) => file.testFilePath);
		mkdirSync(this.dir, { recursive: true });
		writeFileSync(
			join(this.dir, `${this.suite}.json`),
			JSON.stringify(
				{
					passed: results.numPassedTests,
					failed: results.numFailedTests,
					skipped: results.numPendingTests,
					failedSuites: results.numFailedTestSuites,
					failures,
					brokenFiles: broken,
				},
				null,
				2,
			),
		);
		console.log(
			`${this.suite}: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped` +
				(broken.length ? `, ${broken.length} file(s) could not run` : ''),
		);
	}
}

module.exports = SummaryReporter;
