/**
 * Zones for Location Tools: circles (centre and radius in metres) and polygons (GeoJSON Polygon or
 * MultiPolygon coordinates, [longitude, latitude], exterior ring first and then its holes).
 * Everything here validates and throws a plain `Error` whose message names what is wrong; the node
 * turns it into an error naming the item and field.
 */
import type { LatLon } from '../../shared/location';

/** [longitude, latitude] in WGS84 degrees, GeoJSON order. */
export type Position = [number, number];
/** Closed ring: at least 4 positions, the last equal to the first. */
export type Ring = Position[];
/** Exterior ring, then holes. */
export type PolygonRings = Ring[];

export type PolygonGeometry =
	| { type: 'Polygon'; coordinates: PolygonRings }
	| { type: 'MultiPolygon'; coordinates: PolygonRings[] };

export interface CircleZone {
	shape: 'circle';
	id: string;
	name: string;
	center: LatLon;
	radiusM: number;
}

export interface PolygonZone {
	shape: 'polygon';
	id: string;
	name: string;
	polygon: PolygonGeometry;
}

export type Zone = CircleZone | PolygonZone;

export interface ZoneLabel {
	id?: string | number;
	name?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

function coordinate(value: unknown, what: 'latitude' | 'longitude', where: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new Error(`${where}: ${what} must be a number (got ${show(value)})`);
	}
	const limit = what === 'latitude' ? 90 : 180;
	if (value < -limit || value > limit) {
		throw new Error(`${where}: ${what} ${value} is out of range (-${limit} to ${limit})`);
	}
	return value;
}

/** A position given as [longitude, latitude(, altitude)] or {latitude, longitude}. */
export function parsePosition(value: unknown, where: string): Position {
	if (Array.isArray(value)) {
		if (value.length < 2) {
			throw new Error(`${where}: a position needs [longitude, latitude] (got ${show(value)})`);
		}
		return [coordinate(value[0], 'longitude', where), coordinate(value[1], 'latitude', where)];
	}
	if (isObject(value) && 'latitude' in value && 'longitude' in value) {
		return [
			coordinate(value.longitude, 'longitude', where),
			coordinate(value.latitude, 'latitude', where),
		];
	}
	throw new Error(
		`${where}: a position must be [longitude, latitude] or {latitude, longitude} (got ${show(value)})`,
	);
}

function parseRing(value: unknown, where: string, closeRing: boolean): Ring {
	if (!Array.isArray(value)) throw new Error(`${where} must be a list of positions`);
	const ring = value.map((position, index) =>
		parsePosition(position, `${where}, position ${index + 1}`),
	);
	const first = ring[0];
	const last = ring[ring.length - 1];
	const closed = ring.length > 0 && first[0] === last[0] && first[1] === last[1];
	if (!closed && closeRing && ring.length > 0) ring.push([first[0], first[1]]);
	if (ring.length < 4) {
		throw new Error(
			`${where} has ${value.length} position(s); a ring needs at least 4 (3 corners and the first repeated at the end)`,
		);
	}
	if (!closed && !closeRing) {
		throw new Error(
			`${where} is not closed: the first position ${show(first)} differs from the last ${show(last)}`,
		);
	}
	return ring;
}

function parsePolygonRings(value: unknown, where: string): PolygonRings {
	if (!Array.isArray(value) || value.length === 0) {
		throw new Error(`${where} must be a list of rings (exterior first, then holes)`);
	}
	return value.map((ring, index) =>
		parseRing(ring, index === 0 ? `${where}, exterior ring` : `${where}, hole ${index}`, false),
	);
}

/** Validates GeoJSON Polygon or MultiPolygon geometry. */
export function parsePolygonGeometry(value: unknown, where = 'Polygon'): PolygonGeometry {
	if (!isObject(value)) throw new Error(`${where} must be a GeoJSON Polygon or MultiPolygon`);
	if (value.type === 'Polygon') {
		return { type: 'Polygon', coordinates: parsePolygonRings(value.coordinates, where) };
	}
	if (value.type === 'MultiPolygon') {
		const parts = value.coordinates;
		if (!Array.isArray(parts) || parts.length === 0) {
			throw new Error(`${where}: a MultiPolygon needs at least one polygon`);
		}
		return {
			type: 'MultiPolygon',
			coordinates: parts.map((part, index) =>
				parsePolygonRings(part, `${where}, polygon ${index + 1}`),
			),
		};
	}
	throw new Error(`${where} has type ${show(value.type)}; expected Polygon or MultiPolygon`);
}

function labelOf(label: ZoneLabel, fallbackId: string): { id: string; name: string } {
	const id = label.id === undefined || label.id === '' ? fallbackId : String(label.id);
	return { id, name: label.name === undefined || label.name === '' ? id : label.name };
}

const zoneWhere = (label: ZoneLabel) =>
	label.name || label.id !== undefined ? `Zone "${label.name || label.id}"` : 'Zone';

export function circleZone(
	input: ZoneLabel & { center: unknown; radiusM: unknown },
	fallbackId = 'circle',
): CircleZone {
	const where = zoneWhere(input);
	const [longitude, latitude] = parsePosition(input.center, `${where}, centre`);
	const radiusM = input.radiusM;
	if (typeof radiusM !== 'number' || !Number.isFinite(radiusM) || radiusM <= 0) {
		throw new Error(
			`${where}: radius must be a number of metres greater than 0 (got ${show(radiusM)})`,
		);
	}
	return {
		shape: 'circle',
		...labelOf(input, fallbackId),
		center: { latitude, longitude },
		radiusM,
	};
}

/** A polygon from a list of corners; `closeRing` appends the first corner when the list is open. */
export function polygonZoneFromPoints(
	points: unknown,
	label: ZoneLabel & { closeRing?: boolean } = {},
	fallbackId = 'polygon',
): PolygonZone {
	const ring = parseRing(points, `${zoneWhere(label)}, points`, label.closeRing ?? false);
	return {
		shape: 'polygon',
		...labelOf(label, fallbackId),
		polygon: { type: 'Polygon', coordinates: [ring] },
	};
}

function radiusOf(properties: Json): unknown {
	return properties.radiusM ?? properties.radius;
}

function zoneFromFeature(feature: Json, fallbackId: string): Zone {
	const properties = isObject(feature.properties) ? feature.properties : {};
	const label: ZoneLabel = {
		id: (feature.id ?? properties.id) as string | number | undefined,
		name: typeof properties.name === 'string' ? properties.name : undefined,
	};
	const geometry = feature.geometry;
	if (isObject(geometry) && geometry.type === 'Point' && radiusOf(properties) !== undefined) {
		return circleZone(
			{ ...label, center: geometry.coordinates, radiusM: radiusOf(properties) },
			fallbackId,
		);
	}
	const { id, name } = labelOf(label, fallbackId);
	return { shape: 'polygon', id, name, polygon: parsePolygonGeometry(geometry, zoneWhere(label)) };
}

/**
 * Zones from GeoJSON: a Polygon or MultiPolygon geometry, a Feature, or a FeatureCollection. A Point
 * Feature with a `radiusM` (or `radius`) property, in metres, becomes a circle. Ids come from the
 * Feature's `id` or `properties.id` (else `zone-1`, `zone-2`, ...), names from `properties.name`.
 */
export function zonesFromGeoJson(value: unknown, label: ZoneLabel = {}): Zone[] {
	if (!isObject(value)) throw new Error('Zones must be a GeoJSON object');
	let zones: Zone[];
	if (value.type === 'FeatureCollection') {
		if (!Array.isArray(value.features)) throw new Error('FeatureCollection has no "features" list');
		zones = value.features.map((feature, index) => {
			if (!isObject(feature)) throw new Error(`Feature ${index + 1} is not an object`);
			return zoneFromFeature(feature, `zone-${index + 1}`);
		});
	} else if (value.type === 'Feature') {
		zones = [zoneFromFeature({ id: label.id, ...value }, 'zone-1')];
	} else {
		const { id, name } = labelOf(label, 'zone-1');
		zones = [
			{ shape: 'polygon', id, name, polygon: parsePolygonGeometry(value, zoneWhere(label)) },
		];
	}
	assertUniqueZoneIds(zones);
	return zones;
}

/** Zone ids key the remembered geofence state, so two zones may not share one. */
export function assertUniqueZoneIds(zones: readonly Zone[]): void {
	const seen = new Set<string>();
	for (const zone of zones) {
		if (seen.has(zone.id))
			throw new Error(`Two zones share the id "${zone.id}"; zone ids must be unique`);
		seen.add(zone.id);
	}
}

/**
 * One zone from any accepted form: GeoJSON (see `zonesFromGeoJson`, exactly one zone), a circle
 * `{center, radiusM}`, or a list of points (see `polygonZoneFromPoints`).
 */
export function parseZone(value: unknown, label: ZoneLabel & { closeRing?: boolean } = {}): Zone {
	if (Array.isArray(value)) return polygonZoneFromPoints(value, label);
	if (isObject(value) && value.type === undefined && 'center' in value) {
		return circleZone({ ...label, center: value.center, radiusM: value.radiusM ?? value.radius });
	}
	const zones = zonesFromGeoJson(value, label);
	if (zones.length !== 1) throw new Error(`Expected one zone, got ${zones.length}`);
	return zones[0];
}
