import 'leaflet/dist/leaflet.css';
import { Box, Stack, Text } from '@mantine/core';
import { latLngBounds, type LatLngBoundsExpression } from 'leaflet';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CircleMarker, MapContainer, Popup, TileLayer, useMap } from 'react-leaflet';
import type { MapPoint } from '../../api/command-centre.ts';
import { TILE_URL } from '../PlacesPage/components/FenceMap.tsx';
import { percent, shareColor } from '../DashboardPage/home-ui.tsx';
import { TODAY_CATEGORIES } from '../../../core/oversight/command-centre.ts';

/** Mantine colour names → the map's marker colours. */
const COLORS: Record<string, string> = {
  teal: '#0ca678',
  yellow: '#f59f00',
  red: '#e03131',
  gray: '#868e96',
};
const INDONESIA: LatLngBoundsExpression = [
  [-11, 95],
  [6, 141],
];

function Fit({ points }: { points: MapPoint[] }) {
  const map = useMap();
  const key = points.map((p) => `${p.lat},${p.lon}`).join(';');
  useEffect(() => {
    if (points.length === 0) return;
    map.fitBounds(latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])).pad(0.3), {
      maxZoom: 15,
      animate: false,
    });
  }, [key]);
  return null;
}

/**
 * The units' attendance places on a Leaflet map, each coloured by today's attendance rate of the unit's own
 * employees, with a popup of its figures and a link to its list. Without tiles (offline) the points still show.
 */
export function UnitsMap({ points, height = 320 }: { points: MapPoint[]; height?: number }) {
  const { t } = useTranslation();
  const [tilesFailed, setTilesFailed] = useState(false);
  return (
    <Box pos="relative" data-testid="cc-map" data-points={points.length}>
      <MapContainer
        bounds={INDONESIA}
        style={{ height, width: '100%', borderRadius: 'var(--mantine-radius-md)', background: '#e9ecef' }}
        scrollWheelZoom={false}
      >
        <TileLayer url={TILE_URL} maxZoom={19} eventHandlers={{ tileerror: () => setTilesFailed(true) }} />
        <Fit points={points} />
        {points.map((p) => {
          const color = COLORS[p.usingAbdi ? shareColor(p.rate) : 'gray'] ?? COLORS.gray;
          return (
            <CircleMarker
              key={`${p.unitId}:${p.lat}:${p.lon}`}
              center={[p.lat, p.lon]}
              radius={10}
              pathOptions={{ color, fillColor: color, fillOpacity: 0.7, weight: 2 }}
            >
              <Popup>
                <Stack gap={2} data-testid="cc-map-popup">
                  <Text size="sm" fw={700}>
                    {p.unitName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {p.placeName}
                  </Text>
                  {p.usingAbdi ? (
                    <>
                      <Text size="xs">
                        {t('commandCentre.today.rate', { share: percent(p.rate) })} ·{' '}
                        {t('commandCentre.today.employees', { n: p.total })}
                      </Text>
                      {TODAY_CATEGORIES.filter((c) => p.counts[c] > 0).map((c) => (
                        <Text size="xs" key={c}>
                          {t(`commandCentre.today.categories.${c}`)}: {p.counts[c]}
                        </Text>
                      ))}
                    </>
                  ) : (
                    <Text size="xs">{t('commandCentre.today.notUsing')}</Text>
                  )}
                  <Link to={p.link}>{t('commandCentre.openList')}</Link>
                </Stack>
              </Popup>
            </CircleMarker>
          );
        })}
      </MapContainer>
      {tilesFailed && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('commandCentre.map.tilesOffline')}
        </Text>
      )}
    </Box>
  );
}
