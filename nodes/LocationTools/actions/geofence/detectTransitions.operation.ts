import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireNumberInRange } from '../../../shared/validation';
import { detectTransitions, forgetDevices, type GeofenceMemory } from '../../geometry/transitions';
import { flaggedOutput, positionFields, readPositions } from '../../helpers/positions';
import { zoneFields, zoneReader } from '../../helpers/zoneFields';

const properties: INodeProperties[] = [
	{
		displayName:
			'Remembers where each device was between executions (in the workflow, while it is active), so that each enter and exit comes out once. Manual test runs start from an empty memory.',
		name: 'memoryNotice',
		type: 'notice',
		default: '',
	},
	...positionFields,
	...zoneFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Buffer (Metres)',
				name: 'bufferM',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Against GPS jitter: a device must be this far inside to enter and this far outside to leave',
			},
			{
				displayName: 'Emit on First Sighting',
				name: 'emitOnFirstSighting',
				type: 'boolean',
				default: false,
				description: 'Whether a device seen for the first time inside a zone counts as entering it',
			},
			{
				displayName: 'Forget Devices After (Hours)',
				name: 'forgetAfterHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 168,
				description: 'Devices not seen for this long are forgotten (their next fix is a first sighting); keeps the memory small',
			},
			{
				displayName: 'Minimum Dwell (Minutes)',
				name: 'minDwellMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'A change counts only once it has held this long',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['geofence'], operation: ['detectTransitions'] } }, properties);

const MEMORY_KEY = 'geofenceMemory';

interface Options {
	bufferM?: number;
	emitOnFirstSighting?: boolean;
	forgetAfterHours?: number;
	minDwellMinutes?: number;
}

/**
 * Emits only changes: one item per device entering or leaving a zone, with the zone, when it happened,
 * and the previous and current positions. What each device was last seen doing is kept in the workflow's
 * static data, so a scheduled workflow alerts once per change across executions; devices not seen for a
 * chosen time are forgotten. Each transition is paired with the item whose fix made it count.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { positions, flagged } = readPositions(this, true);
	const options = this.getNodeParameter('options', 0, {}) as Options;
	const ref = (parameter: string) => ({ node, parameter, itemIndex: 0 });
	const bufferM = requireNumberInRange(ref('Buffer (Metres)'), options.bufferM ?? 0, 0, 100_000, 'metres');
	const dwellMinutes = requireNumberInRange(ref('Minimum Dwell (Minutes)'), options.minDwellMinutes ?? 0, 0, 525_600, 'minutes');
	const forgetHours = requireNumberInRange(ref('Forget Devices After (Hours)'), options.forgetAfterHours ?? 168, 0, 87_600, 'hours');
	const { zones, prepared } = zoneReader(this)(0);

	const staticData = this.getWorkflowStaticData('node');
	const remembered = staticData[MEMORY_KEY] as GeofenceMemory | undefined;
	const fixes = positions.map((position) => ({ ...position, time: position.time as string, deviceId: position.deviceId }));
	const result = detectTransitions(remembered, fixes, prepared, {
		bufferM,
		minDwellMs: dwellMinutes * 60_000,
		emitOnFirstSighting: options.emitOnFirstSighting === true,
	});
	const { state } = forgetDevices(result.state, Date.now(), forgetHours * 3_600_000);
	staticData[MEMORY_KEY] = JSON.parse(JSON.stringify(state)) as IDataObject;

	const itemOf = new Map(positions.map((position) => [`${position.deviceId}\u0000${position.time}`, position.itemIndex]));
	const zoneById = new Map(zones.map((zone) => [zone.id, zone]));
	const output: INodeExecutionData[] = result.transitions.map((transition) => ({
		json: {
			...transition,
			zone: { id: transition.zoneId, name: transition.zoneName, shape: zoneById.get(transition.zoneId)?.shape ?? null },
		} as unknown as IDataObject,
		pairedItem: { item: itemOf.get(`${transition.deviceId}\u0000${transition.detectedAt}`) ?? 0 },
	}));
	return [...output, ...flaggedOutput(this, flagged)];
}
