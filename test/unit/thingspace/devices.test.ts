import { parseDeviceList, readMdn, requireImei, resolveAccountName } from '../../../nodes/ThingSpace/helpers/devices';
import { testNode } from '../test-node';

const ref = (parameter: string) => ({ node: testNode(), parameter, itemIndex: 2 });

describe('ThingSpace device lists and identifiers', () => {
	it('reads IMEI and IMEI:MDN entries separated by commas, semicolons, spaces and new lines', () => {
		expect(parseDeviceList(ref('Devices'), '354677790000001:5557330000, 354677790000019\n354677790000027;354677790000035:5557330003')).toEqual([
			{ id: '354677790000001', kind: 'imei', mdn: '5557330000' },
			{ id: '354677790000019', kind: 'imei' },
			{ id: '354677790000027', kind: 'imei' },
			{ id: '354677790000035', kind: 'imei', mdn: '5557330003' },
		]);
		expect(parseDeviceList(ref('Devices'), ['354677790000001', '354677790000001'])).toEqual([{ id: '354677790000001', kind: 'imei' }]);
	});

	it('refuses other identifier kinds, bad entries, one IMEI with two MDNs, and an empty list', () => {
		expect(() => parseDeviceList(ref('Devices'), '354677790000001, 5557330001')).toThrow(/"Devices": "5557330001" \(expected IMEIs \(15 digits\) only, one identifier kind per list/);
		expect(() => parseDeviceList(ref('Devices'), '354677790000001:555')).toThrow(/"Devices": "354677790000001:555"/);
		expect(() => parseDeviceList(ref('Devices'), '354677790000001:5557330000, 354677790000001:5557330009')).toThrow(/one MDN per IMEI: 354677790000001 is also listed as 354677790000001:5557330000/);
		expect(() => parseDeviceList(ref('Devices'), ' , ')).toThrow(/at least one entry/);
	});

	it('checks IMEIs (15 digits; an MDN in the IMEI field says so) and MDNs (10 digits, usual separators removed)', () => {
		expect(requireImei(ref('IMEI'), ' 354677790000001 ')).toBe('354677790000001');
		expect(requireImei(ref('IMEI'), 354677790000001)).toBe('354677790000001');
		expect(() => requireImei(ref('IMEI'), '5557330000')).toThrow(/looks like an MDN/);
		expect(() => requireImei(ref('IMEI'), '3546777900000011')).toThrow(/"IMEI": "3546777900000011" \(expected an IMEI: 15 digits/);
		expect(readMdn(ref('MDN'), '(555) 733-0000', false)).toBe('5557330000');
		expect(readMdn(ref('MDN'), '+1 555 733 0000', false)).toBe('5557330000');
		expect(readMdn(ref('MDN'), 5557330000, true)).toBe('5557330000');
		expect(readMdn(ref('MDN'), '', false)).toBeUndefined();
		expect(() => readMdn(ref('MDN'), undefined, true)).toThrow(/ThingSpace stops periodic location by MDN/);
		expect(() => readMdn(ref('MDN'), '555733000', false)).toThrow(/"MDN": "555733000" \(expected an MDN: 10 digits/);
	});

	it("takes the node's account name, or the credential's default when empty; both must be ##########-#####", () => {
		expect(resolveAccountName(ref('Account Name'), ' 0000654321-00001 ', '0000123456-00001')).toBe('0000654321-00001');
		expect(resolveAccountName(ref('Account Name'), '', '0000123456-00001')).toBe('0000123456-00001');
		expect(() => resolveAccountName(ref('Account Name'), '', '')).toThrow(/"Default Account Name \(credential\)": ""/);
		expect(() => resolveAccountName(ref('Account Name'), '123456789-00001', '0000123456-00001')).toThrow(/leading zeros included/);
	});
});
