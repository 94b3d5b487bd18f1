/** IMEIs for simulated trackers: a type allocation code, a serial and the Luhn check digit. */

/** A 15-digit IMEI from a TAC (at most 14 digits) and a serial (its low digits fill the rest). */
export function makeImei(tac: string, serial: number): string {
	const serialDigits = 14 - tac.length;
	const body = tac + String(serial % 10 ** serialDigits).padStart(serialDigits, '0');
	return body + String(luhnCheckDigit(body));
}

export function luhnCheckDigit(body: string): number {
	let sum = 0;
	for (let offset = 0; offset < body.length; offset++) {
		let digit = Number(body[body.length - 1 - offset]);
		if (offset % 2 === 0) {
			digit *= 2;
			if (digit > 9) {
				digit -= 9;
			}
		}
		sum += digit;
	}
	return (10 - (sum % 10)) % 10;
}
