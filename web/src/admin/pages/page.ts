import type { FunctionComponent } from 'preact';
import type { Route } from '../lib/route.js';
import type { OperatorView, Role } from '../lib/types.js';

/** What every console page receives: the route (its query holds the page's filters), the path parameters, and who is signed in. */
export interface PageProps {
  route: Route;
  params: Record<string, string>;
  operator: OperatorView;
}

export interface PageDefinition {
  /** `/items/:id` style: `:name` segments become `params`. */
  pattern: string;
  roles: readonly Role[];
  /** The key of its title in the navigation catalogue; absent for pages reached from others (details). */
  nav?: 'dashboard' | 'matches' | 'alerts' | 'platforms' | 'operators' | 'ngos' | 'audit' | 'transparency' | 'account' | 'ngoSpace';
  component: FunctionComponent<PageProps>;
}

export function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(':')) params[want[i]!.slice(1)] = decodeURIComponent(have[i]!);
    else if (want[i] !== have[i]) return undefined;
  }
  return params;
}
