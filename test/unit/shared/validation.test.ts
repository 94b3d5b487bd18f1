import { NodeOperationError } from 'n8n-workflow';

import {
	describeValue,
	invalidValue,
	parseIdList,
	requireIntegerInRange,
	requireLatitude,
	requireLongitude,
	requireMatch,
	requireMaxLength,
	requireNonEmptyString,
	requireNumberInRange,
	toFiniteNumber,
} from '../../../nodes/shared/validation';
import type { FieldRef } from '../../../nodes/shared/validation';
import { testNode } from '../test-node';

const node = testNode();
const IMEI = /^\d{8,20}$/;
const IMEI_TEXT = '8 to 20 digits';

function ref(parameter: string, itemIndex?: number): FieldRef {
	return { node, parameter, itemIndex };
}

function thrown(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected a throw');
}

describe('invalidValue', () => {
	it('names parameter, value and expectation and sets the item index', () => {
		const error = invalidValue(ref('IMEIs', 3), '35889905102533A', IMEI_TEXT);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'Invalid value for "IMEIs": "35889905102533A" (expected 8 to 20 digits)',
		);
		expect(error.context.itemIndex).toBe(3);
	});

	it('leaves the item index unset when not given', () => {
		expect(invalidValue(ref('Radius'), 5, 'x').context.itemIndex).toBeUndefined();
	});

	it('truncates long values to about 60 characters', () => {
		const long = 'A'.repeat(200);
		const error = invalidValue(ref('Name'), long, 'short text');
		expect(error.message).toContain(`"${'A'.repeat(60)}..."`);
		expect(error.message).not.toContain('A'.repeat(61));
		expect(error.message.length).toBeLessThan(120);
	});

	it('keeps the message even when the value contains an OS error code', () => {
		// n8n replaces messages containing e.g. "EPERM" with a generic text unless pinned.
		const error = invalidValue(ref('Device Name'), 'SLEEPERMODE', 'letters only');
		expect(error.message).toBe(
			'Invalid value for "Device Name": "SLEEPERMODE" (expected letters only)',
		);
	});

	it('describes non-string values readably', () => {
		expect(describeValue(undefined)).toBe('nothing');
		expect(describeValue(null)).toBe('null');
		expect(describeValue(12.5)).toBe('12.5');
		expect(describeValue({ a: 1 })).toBe('{"a":1}');
		expect(describeValue(new Date(Date.UTC(2024, 0, 2)))).toBe('2024-01-02T00:00:00.000Z');
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		expect(describeValue(circular)).toBe('[object Object]');
	});
});

describe('toFiniteNumber', () => {
	it.each([
		[5, 5],
		[' 42 ', 42],
		['-1.5', -1.5],
		['1e3', 1000],
		['', null],
		['0x10', null],
		['12abc', null],
		[Number.NaN, null],
		[Infinity, null],
		[true, null],
		[null, null],
	])('%p -> %p', (input, expected) => {
		expect(toFiniteNumber(input)).toBe(expected);
	});
});

describe('requireMatch', () => {
	it('returns the trimmed value when it matches', () => {
		expect(requireMatch(ref('IMEI'), ' 358899051025339 ', IMEI, IMEI_TEXT)).toBe('358899051025339');
	});

	it('rejects non-matching strings and non-strings', () => {
		expect(() => requireMatch(ref('IMEI'), '1234567', IMEI, IMEI_TEXT)).toThrow(
			'Invalid value for "IMEI": "1234567" (expected 8 to 20 digits)',
		);
		expect(() => requireMatch(ref('IMEI'), 358899051025339, IMEI, IMEI_TEXT)).toThrow(
			NodeOperationError,
		);
	});

	it('matches the whole value even if the pattern lacks anchors or has the global flag', () => {
		expect(() => requireMatch(ref('IMEI'), '12345678x', /\d{8,20}/, IMEI_TEXT)).toThrow(
			NodeOperationError,
		);
		const globalPattern = /^\d{8,20}$/g;
		expect(requireMatch(ref('IMEI'), '12345678', globalPattern, IMEI_TEXT)).toBe('12345678');
		expect(requireMatch(ref('IMEI'), '12345678', globalPattern, IMEI_TEXT)).toBe('12345678');
	});
});

describe('requireIntegerInRange', () => {
	const radius = (value: unknown) => requireIntegerInRange(ref('Radius', 0), value, 100, 5000, 'm');

	it('accepts the boundaries and numeric strings', () => {
		expect(radius(100)).toBe(100);
		expect(radius(5000)).toBe(5000);
		expect(radius('250')).toBe(250);
	});

	it.each([99, 5001, 150.5, '12abc', '', null, undefined, true])('rejects %p', (value) => {
		const error = thrown(() => radius(value));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Radius"');
		expect(error.message).toContain('(expected a whole number from 100 to 5000 m)');
		expect(error.context.itemIndex).toBe(0);
	});

	it('omits the unit when not given', () => {
		expect(() => requireIntegerInRange(ref('Count'), 11, 1, 10)).toThrow(
			'(expected a whole number from 1 to 10)',
		);
	});
});

describe('requireNumberInRange', () => {
	it('accepts fractions within the bounds and rejects beyond them', () => {
		expect(requireNumberInRange(ref('Speed'), '12.5', 0, 300, 'km/h')).toBe(12.5);
		expect(requireNumberInRange(ref('Speed'), 300, 0, 300)).toBe(300);
		expect(() => requireNumberInRange(ref('Speed'), 300.01, 0, 300, 'km/h')).toThrow(
			'(expected a number from 0 to 300 km/h)',
		);
		expect(() => requireNumberInRange(ref('Speed'), -0.01, 0, 300)).toThrow(NodeOperationError);
		expect(() => requireNumberInRange(ref('Speed'), Number.NaN, 0, 300)).toThrow(
			NodeOperationError,
		);
	});
});

describe('requireLatitude / requireLongitude', () => {
	it('accepts the extreme values', () => {
		expect(requireLatitude(ref('Latitude'), -90)).toBe(-90);
		expect(requireLatitude(ref('Latitude'), '90')).toBe(90);
		expect(requireLongitude(ref('Longitude'), -180)).toBe(-180);
		expect(requireLongitude(ref('Longitude'), 180)).toBe(180);
	});

	it('rejects values just outside', () => {
		expect(() => requireLatitude(ref('Latitude'), 90.000001)).toThrow('"Latitude"');
		expect(() => requireLatitude(ref('Latitude'), -90.5)).toThrow(NodeOperationError);
		expect(() => requireLongitude(ref('Longitude'), 180.1)).toThrow('-180 to 180');
		expect(() => requireLongitude(ref('Longitude'), 'east')).toThrow(NodeOperationError);
	});
});

describe('requireMaxLength', () => {
	it('accepts exactly max characters and rejects one more', () => {
		expect(requireMaxLength(ref('Name'), 'abcde', 5)).toBe('abcde');
		expect(() => requireMaxLength(ref('Name'), 'abcdef', 5)).toThrow('at most 5 characters, got 6');
	});

	it('counts characters, not UTF-16 units', () => {
		expect(requireMaxLength(ref('Name'), '🚚🚚', 2)).toBe('🚚🚚');
	});
});

describe('requireNonEmptyString', () => {
	it('trims and rejects blank or non-string values', () => {
		expect(requireNonEmptyString(ref('Name'), '  Truck 1 ')).toBe('Truck 1');
		expect(() => requireNonEmptyString(ref('Name'), '   ')).toThrow(
			'(expected a non-empty text value)',
		);
		expect(() => requireNonEmptyString(ref('Name'), 5)).toThrow(NodeOperationError);
	});
});

describe('parseIdList', () => {
	const parse = (raw: unknown) => parseIdList(ref('IMEIs', 2), raw, IMEI, IMEI_TEXT);

	it('splits on commas, semicolons, spaces and newlines, keeping order and duplicates', () => {
		expect(parse(' 11111111, 22222222;33333333\n44444444\t11111111 ,, ')).toEqual([
			'11111111',
			'22222222',
			'33333333',
			'44444444',
			'11111111',
		]);
	});

	it('accepts numbers and arrays of strings and numbers', () => {
		expect(parse(358899051025339)).toEqual(['358899051025339']);
		expect(parse(['11111111', 22222222, ' 33333333 ', '', null])).toEqual([
			'11111111',
			'22222222',
			'33333333',
		]);
		expect(parse(['11111111,22222222'])).toEqual(['11111111', '22222222']);
	});

	it('names the first bad entry', () => {
		const error = thrown(() => parse('11111111, 35889905102533A, bad'));
		expect(error.message).toBe(
			'Invalid value for "IMEIs": "35889905102533A" (expected 8 to 20 digits)',
		);
		expect(error.context.itemIndex).toBe(2);
	});

	it('rejects empty input', () => {
		for (const raw of ['', ' , ; ', [], undefined, null]) {
			expect(() => parse(raw)).toThrow('(expected at least one entry (8 to 20 digits))');
		}
	});

	it('rejects numbers too large to be exact and other types', () => {
		expect(() => parse(2 ** 64)).toThrow('pass them as text');
		expect(() => parse({ imei: '11111111' })).toThrow(NodeOperationError);
		expect(() => parse([{ imei: '11111111' }])).toThrow(NodeOperationError);
	});
});
