import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { withReadablePickerErrors } from '../../shared/pickerErrors';
import { events, trackers } from '../transport/api';

/** Tracker picker: the user's trackers, filtered by label or ID (Navixy filters labels itself). */
export async function searchTrackers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const list = await withReadablePickerErrors(this, async () => await trackers.list(this));
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: list
			.filter((tracker) => needle === '' || `${String(tracker.label)} ${String(tracker.id)}`.toLowerCase().includes(needle))
			.map((tracker) => ({
				name: `${String(tracker.label)}${tracker.clone === true ? ' (clone)' : ''}`,
				value: String(tracker.id),
				description: `ID ${String(tracker.id)}`,
			})),
	};
}

/** Model picker for registration and replacement: every model Navixy can register (tracker/list_models). */
export async function getModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const models = await withReadablePickerErrors(this, async () => await trackers.listModels(this));
	return models
		.map((model) => ({
			name: `${String(model.vendor ?? '')} ${String(model.name ?? model.code)}`.trim(),
			value: String(model.code),
			description: `Code ${String(model.code)}${model.id_type ? `, ID type ${String(model.id_type)}` : ''}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Event type picker: the tracker event types of the account's platform (history/type/list), by description. */
export async function getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const types = await withReadablePickerErrors(this, async () => await events.types(this));
	return types
		.filter((entry) => typeof entry.type === 'string' && entry.type !== '')
		.map((entry) => ({
			name: String(entry.description ?? entry.type),
			value: String(entry.type),
			description: `Type ${String(entry.type)}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
