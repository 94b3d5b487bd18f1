/**
 * A route (points in order, drawn as a line) or a set of points as GeoJSON (RFC 7946
 * FeatureCollection), GPX 1.1 or KML 2.2 text. Times, when parseable, are written as ISO 8601 UTC;
 * coordinates with up to 9 decimals and never in exponent notation; names are XML-escaped and
 * characters XML 1.0 forbids are removed.
 */
import { toLineStringFeature, type LatLon } from '../../shared/location';
import { assertLatLon } from './points';

export interface ExportPoint extends LatLon {
	time?: string | null;
	altitudeM?: number | null;
	name?: string | null;
	/** Extra GeoJSON properties of the point's Feature (GeoJSON only). */
	properties?: Record<string, unknown>;
}

export interface ExportOptions {
	/** 'route': a line through the points (and the points); 'points': the points only. */
	kind: 'route' | 'points';
	name?: string;
	/** With `kind: 'route'`, also write each point (GeoJSON Point features, KML point Placemarks). */
	includePoints?: boolean;
}

export interface GeoJsonPointFeature {
	type: 'Feature';
	geometry: { type: 'Point'; coordinates: number[] };
	properties: Record<string, unknown>;
}

export interface GeoJsonFeatureCollection {
	type: 'FeatureCollection';
	features: Array<GeoJsonPointFeature | ReturnType<typeof toLineStringFeature>>;
}

const CREATOR = 'n8n-nodes-location-tracking';

/** Up to 9 decimals (sub-millimetre), trailing zeros dropped, never "1e-7". */
export function formatNumber(value: number): string {
	const text = value.toFixed(9).replace(/\.?0+$/, '');
	return text === '-0' ? '0' : text;
}

function isoTime(time: string | null | undefined): string | null {
	if (typeof time !== 'string') return null;
	const millis = Date.parse(time);
	return Number.isFinite(millis) ? new Date(millis).toISOString() : null;
}

const hasAltitude = (point: ExportPoint): point is ExportPoint & { altitudeM: number } =>
	typeof point.altitudeM === 'number' && Number.isFinite(point.altitudeM);

/** Text for XML content and attribute values. */
export function escapeXml(text: string): string {
	return text
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

const element = (tag: string, text: string | null | undefined) =>
	text === null || text === undefined || text === '' ? '' : `<${tag}>${escapeXml(text)}</${tag}>`;

function checked(points: readonly ExportPoint[]): readonly ExportPoint[] {
	points.forEach((point, index) => assertLatLon(point, `Point ${index + 1}`));
	return points;
}

function pointFeature(point: ExportPoint): GeoJsonPointFeature {
	const coordinates = [point.longitude, point.latitude];
	if (hasAltitude(point)) coordinates.push(point.altitudeM);
	const properties: Record<string, unknown> = { ...(point.properties ?? {}) };
	if (point.name) properties.name = point.name;
	const time = isoTime(point.time);
	if (time) properties.time = time;
	return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties };
}

export function toGeoJson(
	points: readonly ExportPoint[],
	options: ExportOptions,
): GeoJsonFeatureCollection {
	checked(points);
	const features: GeoJsonFeatureCollection['features'] = [];
	if (options.kind === 'route') {
		const times = points.map((point) => isoTime(point.time));
		const properties: Record<string, unknown> = options.name ? { name: options.name } : {};
		if (times.some((time) => time !== null)) properties.coordTimes = times;
		features.push(toLineStringFeature(points, properties));
	}
	if (options.kind === 'points' || options.includePoints !== false)
		features.push(...points.map(pointFeature));
	return { type: 'FeatureCollection', features };
}

function gpxPoint(tag: 'trkpt' | 'wpt', point: ExportPoint): string {
	const children =
		(hasAltitude(point) ? `<ele>${formatNumber(point.altitudeM)}</ele>` : '') +
		element('time', isoTime(point.time)) +
		(tag === 'wpt' ? element('name', point.name) : '');
	return `<${tag} lat="${formatNumber(point.latitude)}" lon="${formatNumber(point.longitude)}">${children}</${tag}>`;
}

/** GPX 1.1: a route is one track of one segment (trk/trkseg/trkpt); points are waypoints (wpt). */
export function toGpx(points: readonly ExportPoint[], options: ExportOptions): string {
	checked(points);
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<gpx version="1.1" creator="${CREATOR}" xmlns="http://www.topografix.com/GPX/1/1">`,
	];
	if (options.name) lines.push(`<metadata>${element('name', options.name)}</metadata>`);
	if (options.kind === 'points') {
		lines.push(...points.map((point) => gpxPoint('wpt', point)));
	} else {
		lines.push(`<trk>${element('name', options.name)}<trkseg>`);
		lines.push(...points.map((point) => gpxPoint('trkpt', point)));
		lines.push('</trkseg></trk>');
	}
	lines.push('</gpx>', '');
	return lines.join('\n');
}

const kmlCoordinates = (point: ExportPoint) =>
	`${formatNumber(point.longitude)},${formatNumber(point.latitude)}` +
	(hasAltitude(point) ? `,${formatNumber(point.altitudeM)}` : '');

function kmlPointPlacemark(point: ExportPoint): string {
	const time = isoTime(point.time);
	return (
		'<Placemark>' +
		element('name', point.name) +
		(time ? `<TimeStamp><when>${time}</when></TimeStamp>` : '') +
		`<Point><coordinates>${kmlCoordinates(point)}</coordinates></Point>` +
		'</Placemark>'
	);
}

/** KML 2.2: a route is a LineString Placemark (plus a Placemark per point); points are Placemarks. */
export function toKml(points: readonly ExportPoint[], options: ExportOptions): string {
	checked(points);
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<kml xmlns="http://www.opengis.net/kml/2.2">',
		`<Document>${element('name', options.name)}`,
	];
	if (options.kind === 'route') {
		const coordinates = points.map(kmlCoordinates).join(' ');
		lines.push(
			`<Placemark>${element('name', options.name)}<LineString><tessellate>1</tessellate>` +
				`<coordinates>${coordinates}</coordinates></LineString></Placemark>`,
		);
	}
	if (options.kind === 'points' || options.includePoints !== false)
		lines.push(...points.map(kmlPointPlacemark));
	lines.push('</Document>', '</kml>', '');
	return lines.join('\n');
}
