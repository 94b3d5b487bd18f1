import { periodicFields, readCacheMode, readPeriodicSettings } from '../../../nodes/ThingSpace/helpers/periodicRequest';
import { testNode } from '../test-node';

const node = testNode();
const valid = { numberOfFixes: 12, fixInterval: 3600, startDelay: 0, maxLocationAge: 120 };

describe('ThingSpace periodic request', () => {
	it('accepts the documented ranges at both ends', () => {
		for (const [field, min, max] of [
			['numberOfFixes', 0, 1000],
			['fixInterval', 1, 1036800],
			['startDelay', 0, 86400],
			['maxLocationAge', 0, 3600],
		] as const) {
			expect(readPeriodicSettings(node, { ...valid, [field]: min })[field]).toBe(min);
			expect(readPeriodicSettings(node, { ...valid, [field]: max })[field]).toBe(max);
		}
	});

	it('refuses values outside them, fractions and text, naming the field, the value and the range', () => {
		expect(() => readPeriodicSettings(node, { ...valid, numberOfFixes: -1 })).toThrow('Invalid value for "Number of Fixes": -1 (expected a whole number from 0 to 1000 fixes (0 = until stopped))');
		expect(() => readPeriodicSettings(node, { ...valid, fixInterval: 1036801 })).toThrow(/"Fix Interval \(Seconds\)": 1036801 \(expected a whole number from 1 to 1036800 seconds/);
		expect(() => readPeriodicSettings(node, { ...valid, startDelay: 1.5 })).toThrow(/"Start Delay \(Seconds\)": 1.5/);
		expect(() => readPeriodicSettings(node, { ...valid, maxLocationAge: 'soon' })).toThrow(/"Maximum Location Age \(Seconds\)": "soon"/);
		expect(() => readCacheMode(node, '3')).toThrow(/"Cache Mode": "3" \(expected 0 \(cached only\), 1 \(current\) or 2 \(cached or current\)\)/);
	});

	it('writes the fields as the node reads the document: strings, maxLocAge, numberOfFixes always, cacheMode only when chosen', () => {
		expect(periodicFields(readPeriodicSettings(node, valid))).toEqual({ maxLocAge: '120', numberOfFixes: '12', fixInterval: '3600', startTime: '0' });
		expect(periodicFields(readPeriodicSettings(node, { numberOfFixes: 0, fixInterval: 60, startDelay: 25, maxLocationAge: 30, cacheMode: '2' }))).toEqual({
			maxLocAge: '30',
			numberOfFixes: '0',
			fixInterval: '60',
			startTime: '25',
			cacheMode: '2',
		});
	});
});
