import 'leaflet/dist/leaflet.css';
import { Box, Text } from '@mantine/core';
import type { LatLngBoundsExpression, LatLngExpression, LeafletMouseEvent } from 'leaflet';
import { latLngBounds } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Circle,
  CircleMarker,
  MapContainer,
  Polygon,
  Polyline,
  TileLayer,
  Tooltip,
  useMap,
  useMapEvents,
} from 'react-leaflet';
import type { LatLonPoint } from '../../../api/types.ts';

/** A fence to draw: a circle (centre + radius) or a polygon, with a label. */
export interface MapFence {
  id: string;
  label: string;
  color?: string;
  center: LatLonPoint;
  radiusM: number;
  polygon?: LatLonPoint[] | null;
}

export const TILE_URL = import.meta.env.VITE_TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const TILE_ATTRIBUTION =
  import.meta.env.VITE_TILE_ATTRIBUTION ||
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

/** Indonesia, for a map with nothing on it yet. */
const INDONESIA: LatLngBoundsExpression = [
  [-11, 95],
  [6, 141],
];

function FitBounds({ points }: { points: LatLonPoint[] }) {
  const map = useMap();
  const key = points.map((p) => `${p.lat},${p.lon}`).join(';');
  useEffect(() => {
    if (points.length === 0) return;
    const bounds = latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number]));
    map.fitBounds(bounds.pad(0.4), { maxZoom: 18, animate: false });
    // Only when the set of points changes.
  }, [key]);
  return null;
}

function ClickHandler({ onClick }: { onClick: (point: LatLonPoint) => void }) {
  useMapEvents({
    click: (event: LeafletMouseEvent) =>
      onClick({ lat: Number(event.latlng.lat.toFixed(6)), lon: Number(event.latlng.lng.toFixed(6)) }),
  });
  return null;
}

/** Points that bound a circle (its four compass extremes) for fitting the view. */
function circleExtent(center: LatLonPoint, radiusM: number): LatLonPoint[] {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.max(0.1, Math.cos((center.lat * Math.PI) / 180)));
  return [
    { lat: center.lat + dLat, lon: center.lon },
    { lat: center.lat - dLat, lon: center.lon },
    { lat: center.lat, lon: center.lon + dLon },
    { lat: center.lat, lon: center.lon - dLon },
  ];
}

interface FenceMapProps {
  fences: MapFence[];
  /** A fence being drawn: its centre/radius and polygon corners so far. */
  draft?: { center: LatLonPoint | null; radiusM: number; polygon: LatLonPoint[] } | null;
  onMapClick?: (point: LatLonPoint) => void;
  height?: number;
}

/**
 * Geofences on a Leaflet map (circles and polygons). The tile URL comes from VITE_TILE_URL (OpenStreetMap by
 * default); when tiles cannot load (no network) the fences are still drawn on a blank map, and clicks still
 * give coordinates.
 */
export function FenceMap({ fences, draft, onMapClick, height = 360 }: FenceMapProps) {
  const { t } = useTranslation();
  const [tilesFailed, setTilesFailed] = useState(false);
  const extent = useMemo(() => {
    const points: LatLonPoint[] = [];
    for (const fence of fences) {
      if (fence.polygon && fence.polygon.length >= 3) points.push(...fence.polygon);
      else points.push(...circleExtent(fence.center, fence.radiusM));
    }
    // The draft circle is fitted (clicking sets the centre); polygon corners are not, or the view would move
    // under the pointer while drawing.
    if (draft?.center) points.push(...circleExtent(draft.center, draft.radiusM));
    return points;
  }, [fences, draft?.center?.lat, draft?.center?.lon, draft?.radiusM]);

  return (
    <Box pos="relative" data-testid="fence-map" data-fences={fences.length}>
      <MapContainer
        bounds={INDONESIA}
        style={{ height, width: '100%', borderRadius: 'var(--mantine-radius-md)', background: '#e9ecef' }}
        scrollWheelZoom={false}
        attributionControl
      >
        <TileLayer
          url={TILE_URL}
          attribution={TILE_ATTRIBUTION}
          maxZoom={19}
          eventHandlers={{ tileerror: () => setTilesFailed(true) }}
        />
        <FitBounds points={extent} />
        {onMapClick && <ClickHandler onClick={onMapClick} />}
        {fences.map((fence) => {
          const color = fence.color ?? '#0ca678';
          // While the map is a picker, clicks must reach it through the existing fences.
          const interactive = !onMapClick;
          const tooltip = (
            <Tooltip sticky>
              {fence.label}
              {!(fence.polygon && fence.polygon.length >= 3) && ` · ${fence.radiusM} m`}
            </Tooltip>
          );
          return fence.polygon && fence.polygon.length >= 3 ? (
            <Polygon
              key={fence.id}
              // Creation options (className, interactive) are read once by Leaflet; pathOptions only restyle.
              className="abdi-fence abdi-fence-polygon"
              interactive={interactive}
              positions={fence.polygon.map((p) => [p.lat, p.lon] as LatLngExpression)}
              pathOptions={{
                color,
                weight: 2,
                fillOpacity: 0.2,
                className: 'abdi-fence abdi-fence-polygon',
                interactive,
              }}
            >
              {tooltip}
            </Polygon>
          ) : (
            <Circle
              key={fence.id}
              className="abdi-fence abdi-fence-circle"
              interactive={interactive}
              center={[fence.center.lat, fence.center.lon]}
              radius={fence.radiusM}
              pathOptions={{
                color,
                weight: 2,
                fillOpacity: 0.2,
                className: 'abdi-fence abdi-fence-circle',
                interactive,
              }}
            >
              {tooltip}
            </Circle>
          );
        })}
        {draft?.center && draft.polygon.length < 3 && (
          <Circle
            center={[draft.center.lat, draft.center.lon]}
            radius={draft.radiusM}
            pathOptions={{
              color: '#fd7e14',
              dashArray: '6 4',
              weight: 2,
              fillOpacity: 0.1,
              className: 'abdi-draft',
              interactive: false,
            }}
          />
        )}
        {draft &&
          draft.polygon.length >= 2 &&
          (draft.polygon.length >= 3 ? (
            <Polygon
              positions={draft.polygon.map((p) => [p.lat, p.lon] as LatLngExpression)}
              pathOptions={{
                color: '#fd7e14',
                dashArray: '6 4',
                weight: 2,
                fillOpacity: 0.1,
                className: 'abdi-draft',
                interactive: false,
              }}
            />
          ) : (
            <Polyline
              positions={draft.polygon.map((p) => [p.lat, p.lon] as LatLngExpression)}
              pathOptions={{
                color: '#fd7e14',
                dashArray: '6 4',
                weight: 2,
                className: 'abdi-draft',
                interactive: false,
              }}
            />
          ))}
        {draft?.polygon.map((p, i) => (
          <CircleMarker
            key={`${p.lat},${p.lon},${i}`}
            center={[p.lat, p.lon]}
            radius={5}
            pathOptions={{
              color: '#fd7e14',
              fillOpacity: 1,
              className: 'abdi-draft-vertex',
              interactive: false,
            }}
          />
        ))}
      </MapContainer>
      {tilesFailed && (
        <Text
          size="xs"
          pos="absolute"
          top={8}
          left={56}
          right={8}
          bg="rgba(255,255,255,0.9)"
          px={6}
          py={2}
          style={{ zIndex: 500, borderRadius: 4 }}
          data-testid="tiles-failed"
        >
          {t('places.tilesFailed')}
        </Text>
      )}
    </Box>
  );
}
