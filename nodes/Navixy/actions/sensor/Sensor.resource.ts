import type { INodeProperties } from 'n8n-workflow';

import * as getDiagnostics from './getDiagnostics.operation';
import * as getFuel from './getFuel.operation';
import * as getInputs from './getInputs.operation';
import * as getInputsOfMany from './getInputsOfMany.operation';
import * as getOutputs from './getOutputs.operation';
import * as getOutputsOfMany from './getOutputsOfMany.operation';
import * as getReadings from './getReadings.operation';
import * as renameOutput from './renameOutput.operation';
import * as setOutput from './setOutput.operation';

export const operations = {
	getDiagnostics,
	getFuel,
	getInputs,
	getInputsOfMany,
	getOutputs,
	getOutputsOfMany,
	getReadings,
	renameOutput,
	setOutput,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sensor'] } },
		options: [
			{
				name: 'Get Diagnostics',
				value: 'getDiagnostics',
				description: 'Get the last CAN/OBD values of a tracker (RPM, coolant, engine hours...) and its diagnostic states',
				action: 'Get the diagnostics of a tracker',
			},
			{
				name: 'Get Fuel',
				value: 'getFuel',
				description: 'Get the last values of the fuel sensors of a tracker, with their units',
				action: 'Get the fuel of a tracker',
			},
			{
				name: 'Get Inputs',
				value: 'getInputs',
				description: 'Get the discrete inputs of a tracker (on or off, and what each is used for)',
				action: 'Get the inputs of a tracker',
			},
			{
				name: 'Get Inputs of Many',
				value: 'getInputsOfMany',
				description: 'Get the discrete inputs of a list of trackers in one request',
				action: 'Get the inputs of many trackers',
			},
			{
				name: 'Get Outputs',
				value: 'getOutputs',
				description: 'Get the numbers and titles of the digital outputs of a tracker',
				action: 'Get the outputs of a tracker',
			},
			{
				name: 'Get Outputs of Many',
				value: 'getOutputsOfMany',
				description: 'Get the numbers and titles of the outputs of a list of trackers in one request',
				action: 'Get the outputs of many trackers',
			},
			{
				name: 'Get Readings',
				value: 'getReadings',
				description: 'Get the last values of the metering sensors of a tracker (analog inputs, temperatures, voltage...)',
				action: 'Get the sensor readings of a tracker',
			},
			{
				name: 'Rename Output',
				value: 'renameOutput',
				description: 'Give an output of a tracker a new title (does not switch it)',
				action: 'Rename an output of a tracker',
			},
			{
				name: 'Set Output',
				value: 'setOutput',
				description: 'Switch a digital output of an online tracker on or off (drives the device: e.g. a relay)',
				action: 'Switch an output of a tracker',
			},
		],
		default: 'getReadings',
	},
	...getDiagnostics.description,
	...getFuel.description,
	...getInputs.description,
	...getInputsOfMany.description,
	...getOutputs.description,
	...getOutputsOfMany.description,
	...getReadings.description,
	...renameOutput.description,
	...setOutput.description,
];
