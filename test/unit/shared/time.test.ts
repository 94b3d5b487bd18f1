import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';

import {
	epochToIso,
	formatTime,
	isValidTimeZone,
	parseDateTimeInput,
	parseProviderTime,
	requireTimeZone,
	toEpochMillis,
	toEpochSeconds,
	tryParseDateTime,
	withIsoTimes,
} from '../../../nodes/shared/time';
import type { TimeFormat } from '../../../nodes/shared/time';
import { testNode } from '../test-node';

const node = testNode();
const ref = { node, parameter: 'Start Time', itemIndex: 1 };
/** 2014-12-30T02:20:52.000Z */
const SAMPLE_SECONDS = 1419906052;
const SAMPLE_MS = SAMPLE_SECONDS * 1000;

const millisOf = (value: unknown) => parseDateTimeInput(ref, value).toMillis();

describe('parseDateTimeInput', () => {
	it('reads ISO strings, treating a missing zone as UTC', () => {
		expect(millisOf('2014-12-30T02:20:52Z')).toBe(SAMPLE_MS);
		expect(millisOf('2014-12-30T02:20:52')).toBe(SAMPLE_MS);
		expect(millisOf('2014-12-30T03:20:52.000+01:00')).toBe(SAMPLE_MS);
		expect(millisOf('2014-12-30')).toBe(Date.UTC(2014, 11, 30));
	});

	it('keeps the zone given in the input', () => {
		expect(parseDateTimeInput(ref, '2014-12-30T03:20:52.000+01:00').offset).toBe(60);
	});

	it('reads other date strings n8n users produce', () => {
		expect(millisOf('2014-12-30 02:20:52')).toBe(SAMPLE_MS);
		expect(millisOf('Tue, 30 Dec 2014 02:20:52 GMT')).toBe(SAMPLE_MS);
		expect(millisOf('Tue Dec 30 2014 03:20:52 GMT+0100 (Central European Standard Time)')).toBe(
			SAMPLE_MS,
		);
	});

	it('reads epoch numbers: below 1e11 as seconds, otherwise milliseconds', () => {
		expect(millisOf(SAMPLE_SECONDS)).toBe(SAMPLE_MS);
		expect(millisOf(String(SAMPLE_SECONDS))).toBe(SAMPLE_MS);
		expect(millisOf(SAMPLE_MS)).toBe(SAMPLE_MS);
		expect(millisOf(` ${SAMPLE_MS} `)).toBe(SAMPLE_MS);
		expect(millisOf(99_999_999_999)).toBe(99_999_999_999_000);
		expect(millisOf(100_000_000_000)).toBe(100_000_000_000);
	});

	it('reads DateTime objects, foreign luxon copies and JS Dates', () => {
		const dt = DateTime.fromMillis(SAMPLE_MS, { zone: 'Europe/Berlin' });
		expect(parseDateTimeInput(ref, dt)).toBe(dt);
		const foreign = { isLuxonDateTime: true, toMillis: () => SAMPLE_MS, zoneName: 'Asia/Tokyo' };
		const converted = parseDateTimeInput(ref, foreign);
		expect(converted).toBeInstanceOf(DateTime);
		expect(converted.toMillis()).toBe(SAMPLE_MS);
		expect(converted.zoneName).toBe('Asia/Tokyo');
		expect(millisOf(new Date(SAMPLE_MS))).toBe(SAMPLE_MS);
	});

	it.each([
		'tomorrow-ish',
		'',
		'2014-13-45T00:00:00Z',
		Number.NaN,
		null,
		undefined,
		{},
		new Date(Number.NaN),
		{ isLuxonDateTime: true, toMillis: () => Number.NaN },
		DateTime.invalid('test'),
	])('rejects %p with a NodeOperationError naming the parameter', (value) => {
		let error: unknown;
		try {
			parseDateTimeInput(ref, value);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toContain('"Start Time"');
		expect((error as Error).message).toContain(
			'(expected an ISO 8601 date-time or a Unix timestamp)',
		);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
	});

	it('tryParseDateTime returns null instead of throwing', () => {
		expect(tryParseDateTime('nope')).toBeNull();
		expect(tryParseDateTime(SAMPLE_SECONDS)?.toMillis()).toBe(SAMPLE_MS);
	});
});

describe('epoch helpers', () => {
	it('toEpochSeconds floors, toEpochMillis is exact', () => {
		const dt = DateTime.fromMillis(SAMPLE_MS + 999, { zone: 'utc' });
		expect(toEpochSeconds(dt)).toBe(SAMPLE_SECONDS);
		expect(toEpochMillis(dt)).toBe(SAMPLE_MS + 999);
		expect(toEpochSeconds(DateTime.fromMillis(-1500, { zone: 'utc' }))).toBe(-2);
	});

	it('epochToIso formats seconds and milliseconds in UTC with milliseconds', () => {
		expect(epochToIso(SAMPLE_SECONDS)).toBe('2014-12-30T02:20:52.000Z');
		expect(epochToIso(String(SAMPLE_SECONDS))).toBe('2014-12-30T02:20:52.000Z');
		expect(epochToIso(SAMPLE_MS + 5, 'ms')).toBe('2014-12-30T02:20:52.005Z');
		expect(epochToIso(1)).toBe('1970-01-01T00:00:01.000Z');
	});

	it.each([0, -5, '0', null, undefined, 'abc', '', Number.NaN, 1e300])(
		'epochToIso(%p) is null',
		(value) => {
			expect(epochToIso(value)).toBeNull();
		},
	);
});

describe('withIsoTimes', () => {
	it('adds <field>Iso right after each present field and leaves the input alone', () => {
		const record = { imei: '1', gpstime: SAMPLE_SECONDS, name: 'x', systime: 0 };
		const result = withIsoTimes(record, ['gpstime', 'systime', 'missing']);
		expect(Object.keys(result)).toEqual([
			'imei',
			'gpstime',
			'gpstimeIso',
			'name',
			'systime',
			'systimeIso',
		]);
		expect(result.gpstimeIso).toBe('2014-12-30T02:20:52.000Z');
		expect(result.systimeIso).toBeNull();
		expect(result).not.toHaveProperty('missingIso');
		expect(record).toEqual({ imei: '1', gpstime: SAMPLE_SECONDS, name: 'x', systime: 0 });
	});

	it('supports milliseconds and replaces a stale existing Iso field', () => {
		const result = withIsoTimes({ tIso: 'old', t: SAMPLE_MS }, ['t'], 'ms');
		expect(Object.keys(result)).toEqual(['t', 'tIso']);
		expect(result.tIso).toBe('2014-12-30T02:20:52.000Z');
	});

	it('does not let a "__proto__" key change the prototype', () => {
		const record = JSON.parse('{"__proto__": {"polluted": true}, "t": 1}') as Record<
			string,
			unknown
		>;
		const result = withIsoTimes(record, ['t']);
		expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
		expect((result as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('formatTime / parseProviderTime', () => {
	const dt = DateTime.fromMillis(SAMPLE_MS, { zone: 'utc' });

	it('formats every TimeFormat', () => {
		expect(formatTime(dt, 'epochSeconds')).toBe(SAMPLE_SECONDS);
		expect(formatTime(dt, 'epochMillis')).toBe(SAMPLE_MS);
		expect(formatTime(dt, 'iso')).toBe('2014-12-30T02:20:52.000Z');
		expect(formatTime(dt, 'iso', 'Europe/Berlin')).toBe('2014-12-30T03:20:52.000+01:00');
		expect(formatTime(dt, 'dateTime')).toBe('2014-12-30 02:20:52');
		expect(formatTime(dt, 'dateTime', 'Asia/Shanghai')).toBe('2014-12-30 10:20:52');
		expect(formatTime(dt, 'compact')).toBe('20141230022052');
		expect(formatTime(dt.setZone('America/New_York'), 'compact', 'Asia/Shanghai')).toBe(
			'20141230022052',
		);
	});

	it('rejects an invalid DateTime, zone or format with a plain Error', () => {
		expect(() => formatTime(DateTime.invalid('x'), 'iso')).toThrow('Invalid date-time');
		expect(() => formatTime(dt, 'dateTime', 'Mars/Olympus')).toThrow(
			'Unknown time zone "Mars/Olympus"',
		);
		expect(() => formatTime(dt, 'weird' as TimeFormat)).toThrow('Unknown time format');
	});

	it.each<[TimeFormat, string | undefined]>([
		['epochSeconds', undefined],
		['epochMillis', undefined],
		['iso', undefined],
		['iso', 'Europe/Berlin'],
		['dateTime', undefined],
		['dateTime', 'Asia/Shanghai'],
		['compact', undefined],
	])('parseProviderTime inverts formatTime for %s (zone %s)', (format, zone) => {
		const written = formatTime(dt, format, zone);
		const read = parseProviderTime(written, format, zone);
		expect(read?.toMillis()).toBe(SAMPLE_MS);
		expect(read?.zoneName).toBe('UTC');
	});

	it('reads provider times in their own zone', () => {
		expect(parseProviderTime('2014-12-30 10:20:52', 'dateTime', 'Asia/Shanghai')?.toMillis()).toBe(
			SAMPLE_MS,
		);
		expect(parseProviderTime(20141230022052, 'compact')?.toMillis()).toBe(SAMPLE_MS);
		expect(parseProviderTime(String(SAMPLE_SECONDS), 'epochSeconds')?.toMillis()).toBe(SAMPLE_MS);
	});

	it.each<[unknown, TimeFormat, string | undefined]>([
		['garbage', 'iso', undefined],
		['2014-12-30T02:20:52Z', 'dateTime', undefined],
		['2014-12-30 02:20:52', 'compact', undefined],
		[0, 'epochSeconds', undefined],
		['-1', 'epochMillis', undefined],
		[null, 'iso', undefined],
		['', 'dateTime', undefined],
		['2014-12-30 02:20:52', 'dateTime', 'Not/AZone'],
	])('parseProviderTime(%p, %s, %s) is null', (value, format, zone) => {
		expect(parseProviderTime(value, format, zone)).toBeNull();
	});
});

describe('time zones', () => {
	it('validates zone names', () => {
		expect(isValidTimeZone('Europe/Berlin')).toBe(true);
		expect(isValidTimeZone('UTC')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
		expect(isValidTimeZone('')).toBe(false);
		expect(requireTimeZone({ node, parameter: 'Time Zone' }, ' Asia/Tokyo ')).toBe('Asia/Tokyo');
		expect(() => requireTimeZone({ node, parameter: 'Time Zone' }, 'Nowhere')).toThrow(
			'Invalid value for "Time Zone": "Nowhere"',
		);
	});
});

describe('parseDateTimeInput with a workflow time zone', () => {
	const ref = {
		node: testNode(),
		parameter: 'Start',
	};

	it('reads a zone-less value (as n8n date-time fields give it) in the given zone', () => {
		const dt = parseDateTimeInput(ref, '2024-01-15T10:30:00', 'Asia/Kolkata');
		expect(dt.toUTC().toISO()).toBe('2024-01-15T05:00:00.000Z');
	});

	it('keeps an explicit offset whatever the zone', () => {
		const dt = parseDateTimeInput(ref, '2024-01-15T10:30:00Z', 'Asia/Kolkata');
		expect(dt.toUTC().toISO()).toBe('2024-01-15T10:30:00.000Z');
	});
});
