/**
 * What the page shows, kept in the URL's fragment (`#report=<id>&store=<id>`) so a reload or a
 * shared link opens the same report and store. Only ids: never the API key.
 */
export interface Route {
  report: string | null;
  store: string | null;
}

export function readRoute(): Route {
  const params = new URLSearchParams(location.hash.slice(1));
  return { report: params.get('report'), store: params.get('store') };
}

export function writeRoute(route: Route): void {
  const params = new URLSearchParams();
  if (route.report !== null) params.set('report', route.report);
  if (route.store !== null) params.set('store', route.store);
  const hash = `#${params}`;
  if (location.hash !== hash) location.hash = hash;
}
