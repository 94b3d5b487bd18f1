/**
 * Point in zone.
 *
 * Polygon edges follow GeoJSON (RFC 7946 §3.1.1): a straight line in longitude/latitude between two
 * positions, the same reading as turf, PostGIS geometry and shapely, so a state border drawn along a
 * parallel stays on that parallel. Two extensions make the antimeridian and the poles work:
 *
 * - Antimeridian: an edge whose longitudes differ by more than 180° goes the short way, across ±180°
 *   ([179, 0] → [-179, 0] is 2° wide, not 358°; [180, 0] → [-180, 5] runs along the antimeridian).
 *   Exception: an edge from longitude ±180 to ∓180 at the same latitude goes all the way round (read
 *   the short way it would have no length), so the RFC 7946 way of drawing a polar cap
 *   ([-180, 80] → [180, 80] → [180, 90] → [-180, 90]) and datasets such as Natural Earth's Antarctica work.
 * - Poles: when the edges of a ring, each taken as above, add up to a full turn of longitude, the ring
 *   goes around a pole and encloses it: the north pole when the mean latitude of its corners is ≥ 0,
 *   otherwise the south pole. Ring orientation is ignored everywhere (as turf does). A point at
 *   latitude ±90 is tested just off the pole, so a cap drawn the RFC 7946 way holds its pole.
 *
 * Method: each ring is "unwrapped" once (longitudes made continuous along the ring) and a ray is cast
 * north from the point, counting the edges above it at the point's longitude and its ±360° copies that
 * fall inside the ring's longitude span. A point exactly on an edge may fall either side (use a buffer
 * in metres where that matters). Circles use the great-circle (haversine) distance from the centre.
 */
import { EARTH_RADIUS_M, haversineMeters, type LatLon } from '../../shared/location';
import type {
	CircleZone,
	PolygonGeometry,
	PolygonRings,
	PolygonZone,
	Position,
	Ring,
	Zone,
} from './zones';

const { floor, abs, round, PI } = Math;

export interface PreparedRing {
	/** Unwrapped longitudes (may leave -180..180) and latitudes of the ring's positions, last = first. */
	lons: Float64Array;
	lats: Float64Array;
	minLon: number;
	maxLon: number;
	minLat: number;
	maxLat: number;
	/** The ring goes once around a pole. */
	winds: boolean;
	/** For a ring that winds: it encloses the north pole (else the south pole). */
	north: boolean;
}

export interface PreparedPart {
	outer: PreparedRing;
	holes: PreparedRing[];
}

export interface PreparedPolygon {
	parts: PreparedPart[];
}

export type PreparedZone =
	| { zone: CircleZone; shape: 'circle'; latMarginDeg: number }
	| { zone: PolygonZone; shape: 'polygon'; polygon: PreparedPolygon };

/** Longitude step of one edge (see the top of this file). */
function edgeLonStep(from: Position, to: Position): number {
	const step = to[0] - from[0];
	if (abs(step) <= 180 || (abs(step) === 360 && from[1] === to[1])) return step;
	return step - 360 * Math.sign(step);
}

function extent(values: Float64Array): [number, number] {
	let min = Infinity;
	let max = -Infinity;
	for (const value of values) {
		if (value < min) min = value;
		if (value > max) max = value;
	}
	return [min, max];
}

function prepareRing(ring: Ring): PreparedRing {
	const count = ring.length;
	const lons = new Float64Array(count);
	const lats = new Float64Array(count);
	let latSum = 0;
	lons[0] = ring[0][0];
	lats[0] = ring[0][1];
	for (let index = 1; index < count; index++) {
		lons[index] = lons[index - 1] + edgeLonStep(ring[index - 1], ring[index]);
		lats[index] = ring[index][1];
		latSum += lats[index];
	}
	const turns = round((lons[count - 1] - lons[0]) / 360);
	const [minLon, maxLon] = extent(lons);
	const [minLat, maxLat] = extent(lats);
	return { lons, lats, minLon, maxLon, minLat, maxLat, winds: turns % 2 !== 0, north: latSum >= 0 };
}

function preparePart(rings: PolygonRings): PreparedPart {
	return { outer: prepareRing(rings[0]), holes: rings.slice(1).map(prepareRing) };
}

export function preparePolygon(geometry: PolygonGeometry): PreparedPolygon {
	const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	return { parts: parts.map(preparePart) };
}

/** Whether the ring (alone, as a filled area) contains the point. */
function ringContains(ring: PreparedRing, longitude: number, rawLatitude: number): boolean {
	// A pole is one point at every longitude: look just off it, so a cap drawn the RFC 7946 way (with an
	// edge along latitude ±90) holds its pole.
	const latitude = abs(rawLatitude) === 90 ? rawLatitude * (1 - 1e-12) : rawLatitude;
	if (latitude > ring.maxLat) return ring.winds && ring.north;
	if (latitude < ring.minLat) return ring.winds && !ring.north;
	const { lons, lats, maxLon } = ring;
	const last = lons.length - 1;
	let inside = ring.winds && ring.north;
	let x = longitude - 360 * floor((longitude - ring.minLon) / 360);
	for (; x <= maxLon; x += 360) {
		let x0 = lons[0];
		let y0 = lats[0];
		for (let index = 1; index <= last; index++) {
			const x1 = lons[index];
			const y1 = lats[index];
			if (x0 > x !== x1 > x && latitude < y0 + ((x - x0) * (y1 - y0)) / (x1 - x0)) inside = !inside;
			x0 = x1;
			y0 = y1;
		}
	}
	return inside;
}

export function polygonContains(polygon: PreparedPolygon, point: LatLon): boolean {
	const { longitude, latitude } = point;
	for (const part of polygon.parts) {
		if (!ringContains(part.outer, longitude, latitude)) continue;
		let inHole = false;
		for (const hole of part.holes) {
			if (ringContains(hole, longitude, latitude)) {
				inHole = true;
				break;
			}
		}
		if (!inHole) return true;
	}
	return false;
}

export function circleContains(center: LatLon, radiusM: number, point: LatLon): boolean {
	return haversineMeters(center, point) <= radiusM;
}

const DEGREES_PER_METRE = 180 / (PI * EARTH_RADIUS_M);

export function prepareZone(zone: Zone): PreparedZone {
	if (zone.shape === 'circle') {
		return { zone, shape: 'circle', latMarginDeg: zone.radiusM * DEGREES_PER_METRE * 1.000001 };
	}
	return { zone, shape: 'polygon', polygon: preparePolygon(zone.polygon) };
}

export function zoneContains(prepared: PreparedZone, point: LatLon): boolean {
	if (prepared.shape === 'polygon') return polygonContains(prepared.polygon, point);
	const { center, radiusM } = prepared.zone;
	if (abs(point.latitude - center.latitude) > prepared.latMarginDeg) return false;
	return circleContains(center, radiusM, point);
}

/** Ids of the zones containing the point, in the order given. */
export function zonesContaining(prepared: readonly PreparedZone[], point: LatLon): string[] {
	const ids: string[] = [];
	for (const zone of prepared) if (zoneContains(zone, point)) ids.push(zone.zone.id);
	return ids;
}
