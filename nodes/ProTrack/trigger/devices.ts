import type { IPollFunctions } from 'n8n-workflow';

import { parseIdList } from '../../shared/validation';
import { IMEI_EXPECTED, IMEI_PATTERN } from '../helpers/imei';
import { listDevices } from '../transport/api';

/** The IMEIs a trigger watches: those listed, or every device of the account (read on each poll). */
export async function watchedImeis(context: IPollFunctions): Promise<string[]> {
	const devices = context.getNodeParameter('devices', 'all') as string;
	if (devices === 'selected') {
		const imeis = parseIdList(
			{ node: context.getNode(), parameter: 'IMEIs' },
			context.getNodeParameter('imeis', ''),
			IMEI_PATTERN,
			IMEI_EXPECTED,
		);
		return [...new Set(imeis)];
	}
	return (await listDevices(context)).map((device) => String(device.imei));
}
