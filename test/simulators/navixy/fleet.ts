/**
 * The seeded fleets. In a fleet of n (n >= 12): the last three trackers are clones of trackers 2, 3
 * and 4 (the third bound to rule 10); trackers 5 and 6 are blocked; every tenth tracker from the
 * 8th is offline and every tenth from the 9th idle; models, groups and tags vary by position.
 */
import { WORLD_CITIES, placeNear } from '../common/geo';
import { makeImei } from '../common/imei';
import { SeededRandom, hashSeed } from '../common/random';
import { DAY_SECONDS } from '../common/time';
import {
	NAVIXY_GROUP_IDS,
	NAVIXY_MODELS,
	NAVIXY_TAG_IDS,
	outputTitlesOf,
	type NavixyModel,
} from './catalogue';
import type { NavixyTracker, NavixyUser, TrackerSource } from './types';

const KINDS = ['Truck', 'Van', 'Courier', 'Bus', 'Car', 'Trailer'];
/** Models of the generated fleets, by position (bundles are only ever registered). */
const FLEET_MODELS = NAVIXY_MODELS.filter((model) => !model.check_bundle);
const CLONES = 3;
const BLOCKED = [4, 5];
const CLONE_RULE_ID = 10;

const isoDay = (epochSeconds: number): string =>
	new Date(epochSeconds * 1000).toISOString().slice(0, 10);

/** A device ID of the model's ID type. */
export function deviceIdFor(model: NavixyModel, serial: number): string {
	if (model.id_type === 'imei') {
		return makeImei('35630704', serial);
	}
	const [kind, digits] = model.id_type.split(',');
	const length = Number(kind === 'id' ? digits : kind);
	const prefix = kind === 'id' ? '7' : digits;
	return prefix + String(serial).padStart(length - prefix.length, '0');
}

export interface FleetStart {
	seed: number;
	anchor: number;
	firstTrackerId: number;
	firstSourceId: number;
}

export function generateFleet(user: NavixyUser, start: FleetStart): NavixyTracker[] {
	const random = new SeededRandom(hashSeed(start.seed, user.id));
	const city = WORLD_CITIES[user.timeZone === 'Europe/Berlin' ? 1 : 2];
	const count = user.trackerCount;
	const withSpecials = count >= 12;
	const originals = withSpecials ? count - CLONES : count;
	const trackers: NavixyTracker[] = [];
	for (let index = 0; index < originals; index++) {
		const model = FLEET_MODELS[index % FLEET_MODELS.length];
		const serial = user.id * 1000 + index;
		const home = placeNear(city, random);
		const source: TrackerSource = {
			id: start.firstSourceId + index,
			device_id: deviceIdFor(model, serial),
			model: model.code,
			blocked: withSpecials && BLOCKED.includes(index),
			tariff_id: 1294 + (index % 3),
			status_listing_id: null,
			creation_date: isoDay(start.anchor - random.int(30, 400) * DAY_SECONDS),
			tariff_end_date: isoDay(start.anchor + random.int(5, 200) * DAY_SECONDS),
			phone: model.has_phone ? `4915${String(10000000 + serial).slice(-8)}` : null,
		};
		const profile = index % 10 === 7 ? 'offline' : index % 10 === 8 ? 'idle' : 'active';
		trackers.push({
			id: start.firstTrackerId + index,
			owner: user.id,
			label: `${KINDS[index % KINDS.length]} ${String(index + 1).padStart(2, '0')}`,
			clone: false,
			group_id: NAVIXY_GROUP_IDS[index % NAVIXY_GROUP_IDS.length],
			source,
			tag_bindings:
				index % 4 === 0
					? [
							{
								tag_id: NAVIXY_TAG_IDS[index % NAVIXY_TAG_IDS.length],
								ordinal: 1,
							},
						]
					: [],
			profile,
			profileTime:
				profile === 'offline'
					? start.anchor - random.int(2, 72) * 3600
					: profile === 'idle'
						? random.int(900, 3000)
						: 0,
			home: { lat: home.latitude, lng: home.longitude },
			sourceSeed: hashSeed(start.seed, source.id),
			outputTitles: outputTitlesOf(model),
			apn: { name: 'internet', user: '', password: '' },
			rules: [],
			corrupted: false,
			deleted: false,
		});
	}
	if (withSpecials) {
		for (let clone = 0; clone < CLONES; clone++) {
			const original = trackers[clone + 1];
			trackers.push({
				...original,
				id: start.firstTrackerId + originals + clone,
				label: `${original.label} (clone)`,
				clone: true,
				tag_bindings: [],
				outputTitles: [...original.outputTitles],
				apn: { ...original.apn },
				rules: clone === CLONES - 1 ? [CLONE_RULE_ID] : [],
			});
		}
	}
	return trackers;
}
