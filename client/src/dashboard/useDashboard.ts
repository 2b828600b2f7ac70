import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { AppDataProvider, DashboardTile } from '../api/dataProvider';

/**
 * One tile's aggregate: asked again each time the dashboard opens (coming back from a call shows that call)
 * and every minute while it stays open (the queues move).
 */
export function useDashboard<K extends DashboardTile>(tile: K) {
  const dataProvider = useDataProvider<AppDataProvider>();
  return useQuery({
    queryKey: ['dashboard', tile],
    queryFn: () => dataProvider.dashboard(tile),
    refetchOnMount: 'always',
    refetchInterval: 60_000,
  });
}

/** The address of a list behind a tile, filtered the way react-admin reads it from the URL. */
export function listLink(resource: string, filter: Record<string, unknown> = {}): string {
  const query = Object.keys(filter).length ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : '';
  return `/${resource}${query}`;
}
