/**
 * Every console page, its address and who may open it. The server enforces the same roles on
 * every API route; hiding what a role cannot use only keeps the console honest about it.
 */
import { Account } from './account/index.js';
import { Alerts } from './alerts/index.js';
import { AuditLog } from './audit/index.js';
import { CaseDetail } from './case/index.js';
import { Dashboard } from './dashboard/index.js';
import { ItemDetail } from './item/index.js';
import { MatchLog } from './matches/index.js';
import { NgoSpace } from './ngo-space/index.js';
import { Ngos } from './ngos/index.js';
import { Operators } from './operators/index.js';
import type { PageDefinition } from './page.js';
import { Platforms } from './platforms/index.js';
import { Transparency } from './transparency/index.js';

const STAFF = ['admin', 'reviewer'] as const;
const ADMIN = ['admin'] as const;

export const PAGES: readonly PageDefinition[] = [
  { pattern: '/dashboard', roles: STAFF, nav: 'dashboard', component: Dashboard },
  { pattern: '/matches', roles: STAFF, nav: 'matches', component: MatchLog },
  { pattern: '/alerts', roles: STAFF, nav: 'alerts', component: Alerts },
  { pattern: '/items/:id', roles: STAFF, component: ItemDetail },
  { pattern: '/cases/:caseId', roles: STAFF, component: CaseDetail },
  { pattern: '/transparency', roles: ADMIN, nav: 'transparency', component: Transparency },
  { pattern: '/platforms', roles: ADMIN, nav: 'platforms', component: Platforms },
  { pattern: '/operators', roles: ADMIN, nav: 'operators', component: Operators },
  { pattern: '/ngos', roles: ADMIN, nav: 'ngos', component: Ngos },
  { pattern: '/audit', roles: ADMIN, nav: 'audit', component: AuditLog },
  { pattern: '/ngo', roles: ['ngo'], nav: 'ngoSpace', component: NgoSpace },
  { pattern: '/account', roles: ['admin', 'reviewer', 'ngo'], nav: 'account', component: Account },
];

/** Where an operator lands after signing in. */
export function homePath(role: string): string {
  return role === 'ngo' ? '/ngo' : '/dashboard';
}
