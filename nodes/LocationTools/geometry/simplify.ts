/**
 * Ramer–Douglas–Peucker simplification with a tolerance in metres, keeping the first and last point.
 * Distances are great-circle: from a point to the great-circle segment between the two kept points
 * around it (unit vectors, no trigonometry in the inner loop). Iterative with an explicit stack, so
 * 50,000 points or more cannot overflow the call stack. Every dropped point lies within the tolerance
 * of the simplified line segment that replaced it.
 */
import { EARTH_RADIUS_M, type LatLon } from '../../shared/location';
import { assertLatLon } from './points';

/** Local bindings: global lookups are slow inside jest's VM context, and these run per point. */
const { cos, sin, sqrt, min, PI } = Math;
const RAD = PI / 180;

function unitVectors(points: readonly LatLon[]): Float64Array {
	const vectors = new Float64Array(points.length * 3);
	points.forEach((point, index) => {
		assertLatLon(point, `Point ${index + 1}`);
		const lat = point.latitude * RAD;
		const lon = point.longitude * RAD;
		const cosLat = cos(lat);
		vectors[index * 3] = cosLat * cos(lon);
		vectors[index * 3 + 1] = cosLat * sin(lon);
		vectors[index * 3 + 2] = sin(lat);
	});
	return vectors;
}

/**
 * 1 − cos(angle) from each point strictly between `first` and `last` to their segment: a measure that
 * grows with the distance (0 to 2) and is computed without trigonometry; returns the farthest point.
 */
function farthest(
	v: Float64Array,
	first: number,
	last: number,
): { index: number; measure: number } {
	const a = first * 3;
	const b = last * 3;
	const [ax, ay, az, bx, by, bz] = [v[a], v[a + 1], v[a + 2], v[b], v[b + 1], v[b + 2]];
	let nx = ay * bz - az * by;
	let ny = az * bx - ax * bz;
	let nz = ax * by - ay * bx;
	const length = sqrt(nx * nx + ny * ny + nz * nz);
	const degenerate = length < 1e-15;
	if (!degenerate) {
		nx /= length;
		ny /= length;
		nz /= length;
	}
	// n × a points ahead of a along the arc, b × n behind b: both ≥ 0 means the foot lies on the arc.
	const [fx, fy, fz] = [ny * az - nz * ay, nz * ax - nx * az, nx * ay - ny * ax];
	const [gx, gy, gz] = [by * nz - bz * ny, bz * nx - bx * nz, bx * ny - by * nx];
	let index = -1;
	let measure = -1;
	for (let k = first + 1, o = (first + 1) * 3; k < last; k++, o += 3) {
		const px = v[o];
		const py = v[o + 1];
		const pz = v[o + 2];
		let m: number;
		if (!degenerate && px * fx + py * fy + pz * fz >= 0 && px * gx + py * gy + pz * gz >= 0) {
			const s = px * nx + py * ny + pz * nz;
			const s2 = s * s;
			m = s2 / (1 + sqrt(1 - min(1, s2)));
		} else {
			const da = (px - ax) ** 2 + (py - ay) ** 2 + (pz - az) ** 2;
			const db = (px - bx) ** 2 + (py - by) ** 2 + (pz - bz) ** 2;
			m = min(da, db) / 2;
		}
		if (m > measure) {
			measure = m;
			index = k;
		}
	}
	return { index, measure };
}

/** Indices of the points kept, ascending; always the first and last. */
export function simplifyIndices(points: readonly LatLon[], toleranceM: number): number[] {
	if (typeof toleranceM !== 'number' || !Number.isFinite(toleranceM) || toleranceM < 0) {
		throw new Error(
			`Tolerance must be a number of metres of at least 0 (got ${String(toleranceM)})`,
		);
	}
	const count = points.length;
	if (count <= 2) return points.map((_, index) => index);
	const vectors = unitVectors(points);
	const angle = toleranceM / EARTH_RADIUS_M;
	const limit = 2 * sin(min(angle, PI) / 2) ** 2; // 1 − cos(angle), without cancellation
	const keep = new Uint8Array(count);
	keep[0] = 1;
	keep[count - 1] = 1;
	const stack: number[] = [0, count - 1];
	while (stack.length > 0) {
		const last = stack.pop() as number;
		const first = stack.pop() as number;
		if (last - first < 2) continue;
		const { index, measure } = farthest(vectors, first, last);
		if (measure > limit) {
			keep[index] = 1;
			stack.push(first, index, index, last);
		}
	}
	const kept: number[] = [];
	for (let index = 0; index < count; index++) if (keep[index]) kept.push(index);
	return kept;
}

/** The kept points themselves (same objects, same order). */
export function simplifyRoute<T extends LatLon>(points: readonly T[], toleranceM: number): T[] {
	return simplifyIndices(points, toleranceM).map((index) => points[index]);
}
