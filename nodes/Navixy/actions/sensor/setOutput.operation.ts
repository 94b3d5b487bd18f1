import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { invalidValue } from '../../../shared/validation';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { sensors } from '../../transport/api';
import { outputNumberField, readOutputNumber } from './renameOutput.operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'This switches a physical output of the device, which may drive a relay such as an engine immobiliser or a door lock. The device must be online.',
		name: 'setOutputNotice',
		type: 'notice',
		default: '',
	},
	trackerLocator({}),
	outputNumberField('The digital output to switch, counted from 1 (Sensor › Get Outputs lists them)'),
	{
		displayName: 'Switch To',
		name: 'switchTo',
		type: 'options',
		options: [
			{ name: 'On', value: 'on', description: 'Turn the output on' },
			{ name: 'Off', value: 'off', description: 'Turn the output off' },
		],
		default: 'on',
		description: 'Whether to turn the output on or off',
	},
];

const displayOptions = { show: { resource: ['sensor'], operation: ['setOutput'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface Switch {
	trackerId: number;
	output: number;
	enable: boolean;
}

function readSwitch(context: IExecuteFunctions, itemIndex: number): Switch {
	const choice = context.getNodeParameter('switchTo', itemIndex);
	if (choice !== 'on' && choice !== 'off') {
		throw invalidValue({ node: context.getNode(), parameter: 'Switch To', itemIndex }, choice, '"on" or "off"');
	}
	return { trackerId: readTrackerId(context, itemIndex), output: readOutputNumber(context, itemIndex), enable: choice === 'on' };
}

/** Says in words what 213 (offline) and 214 (not supported) mean for this tracker and output. */
function explained(context: IExecuteFunctions, error: unknown, { trackerId, output }: Switch): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (!(error instanceof NodeApiError)) return new NodeOperationError(context.getNode(), error as Error);
	const code = error.context.providerCode;
	if (code === '213') {
		error.message = `Navixy error 213: tracker ${trackerId} is offline, so output ${output} was not switched`;
		error.description = 'Navixy switches outputs only while the device is connected. Try again once it is online (State › Get shows its connection_status).';
	} else if (code === '214') {
		error.message = `Navixy error 214: tracker ${trackerId} cannot switch output ${output}`;
		error.description =
			'The device does not support switching outputs, has no output with this number, or the output is reserved for engine blocking. Sensor › Get Outputs lists its outputs.';
	}
	return error;
}

/**
 * Switches digital output N of a tracker on or off (tracker/output/set), one per input item, every item
 * checked before the first request. Navixy accepts the switch and sends it to the device: success means
 * accepted, and the output's actual state shows later in State › Get (`outputs`). Not repeated
 * automatically when the answer is lost.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readSwitch(this, itemIndex),
		async (input, itemIndex) => {
			try {
				await sensors.setOutput(this, input.trackerId, input.output, input.enable, itemIndex);
			} catch (error) {
				throw explained(this, error, input);
			}
			return { trackerId: input.trackerId, output: input.output, enable: input.enable, accepted: true };
		},
	);
}
