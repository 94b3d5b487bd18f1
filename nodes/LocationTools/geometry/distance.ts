/**
 * Distances in metres on the sphere (mean Earth radius, as haversineMeters): from a point to a zone's
 * edge (circles: from the centre less the radius; polygons: to the nearest edge of any ring, see
 * edges.ts, accurate to 0.1 mm) and to the nearest of a list of places.
 */
import { haversineMeters, type LatLon } from '../../shared/location';
import { polygonContains, type PreparedPolygon, type PreparedZone } from './contains';
import { distanceToEdgesM, edgeIndex } from './edges';

export interface ZoneDistance {
	inside: boolean;
	/** Always ≥ 0. */
	distanceToEdgeM: number;
	/** Negative inside, positive outside. */
	signedDistanceM: number;
}

/** Distance from the point to the nearest edge of the polygon (holes included). */
export function polygonEdgeDistanceM(polygon: PreparedPolygon, point: LatLon): number {
	return distanceToEdgesM(edgeIndex(polygon), point.longitude, point.latitude);
}

export function zoneDistance(prepared: PreparedZone, point: LatLon): ZoneDistance {
	if (prepared.shape === 'circle') {
		const fromCentre = haversineMeters(prepared.zone.center, point);
		const signedDistanceM = fromCentre - prepared.zone.radiusM;
		return {
			inside: signedDistanceM <= 0,
			distanceToEdgeM: Math.abs(signedDistanceM),
			signedDistanceM,
		};
	}
	const inside = polygonContains(prepared.polygon, point);
	const distanceToEdgeM = polygonEdgeDistanceM(prepared.polygon, point);
	return { inside, distanceToEdgeM, signedDistanceM: inside ? -distanceToEdgeM : distanceToEdgeM };
}

export interface NearestPlace<T> {
	index: number;
	place: T;
	distanceM: number;
}

/** The nearest place (great-circle distance); the first one wins a tie; null for an empty list. */
export function nearestPlace<T extends LatLon>(
	point: LatLon,
	places: readonly T[],
): NearestPlace<T> | null {
	let nearest: NearestPlace<T> | null = null;
	for (let index = 0; index < places.length; index++) {
		const distanceM = haversineMeters(point, places[index]);
		if (nearest === null || distanceM < nearest.distanceM) {
			nearest = { index, place: places[index], distanceM };
		}
	}
	return nearest;
}
