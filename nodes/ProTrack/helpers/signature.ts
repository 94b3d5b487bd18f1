import { createHash } from 'crypto';

export function md5Hex(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The Open API's login signature: md5(md5(password) + time), 32 lower-case hex characters. */
export function authorizationSignature(password: string, unixSeconds: number): string {
	return md5Hex(md5Hex(password) + String(unixSeconds));
}
