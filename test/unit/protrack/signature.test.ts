import { authorizationSignature, md5Hex } from '../../../nodes/ProTrack/helpers/signature';

describe('ProTrack authorization signature', () => {
	it("matches the seed's worked example: md5(md5('Abc@34590') + 1556243443)", () => {
		expect(md5Hex('Abc@34590')).toBe('9d591136280b3ec563e3062dbb6f915b');
		expect(authorizationSignature('Abc@34590', 1556243443)).toBe('3844afd2c3bf68f0f3f4aa0a9ee8ee6c');
	});

	it('changes with the time and the password', () => {
		const base = authorizationSignature('Abc@34590', 1556243443);
		expect(authorizationSignature('Abc@34590', 1556243444)).not.toBe(base);
		expect(authorizationSignature('abc@34590', 1556243443)).not.toBe(base);
		expect(base).toMatch(/^[0-9a-f]{32}$/);
	});
});
