/**
 * What the crash test's clients were told by the server: a submission, an addition or a
 * withdrawal counts as acknowledged only once its success answer was read in full. A request cut
 * by the kill has an unknown outcome: either state is then allowed, but the case's view and the
 * matcher must still agree with each other.
 */
import type { ImageItem, VideoItem } from '@disrupt/hash-core';

/** present: acknowledged and not withdrawn · withdrawn: its withdrawal was acknowledged · unknown: a withdrawal was cut. */
export type ItemState = 'present' | 'withdrawn' | 'unknown';

export interface LedgerItem {
  itemId: number;
  item: ImageItem | VideoItem;
  state: ItemState;
}

export interface LedgerCase {
  caseId: string;
  secret: string;
  /** The victim's address, sent as X-Forwarded-For (the server trusts the proxy, as deployed). */
  address: string;
  /** active, withdrawn (acknowledged), or unknown (a whole-case withdrawal was cut). */
  state: 'active' | 'withdrawn' | 'unknown';
  items: Map<number, LedgerItem>;
}

export interface FeedSighting {
  op: string;
  itemId: number;
  signal: string;
}

export class Ledger {
  readonly cases: LedgerCase[] = [];
  /** Feed records a platform has read during the run: each must still be there, the same. */
  readonly feedSeen = new Map<number, FeedSighting>();
  /** The feed reader's cursor (`next` of its last page). */
  feedCursor = '0';
  readonly counts = {
    submissions: 0,
    itemsAcknowledged: 0,
    videosAcknowledged: 0,
    additions: 0,
    itemWithdrawals: 0,
    caseWithdrawals: 0,
    /** Requests whose answer never came (cut by the kill): their outcome is left open. */
    unknownOutcomes: 0,
    rejected: 0,
  };

  addCase(caseId: string, secret: string, address: string, stored: { itemId: number }[], items: (ImageItem | VideoItem)[]): LedgerCase {
    const record: LedgerCase = { caseId, secret, address, state: 'active', items: new Map() };
    this.cases.push(record);
    this.counts.submissions++;
    this.addItems(record, stored, items);
    return record;
  }

  addItems(record: LedgerCase, stored: { itemId: number }[], items: (ImageItem | VideoItem)[]): void {
    stored.forEach(({ itemId }, i) => {
      record.items.set(itemId, { itemId, item: items[i]!, state: 'present' });
      this.counts.itemsAcknowledged++;
      if (items[i]!.type === 'video') this.counts.videosAcknowledged++;
    });
  }

  activeItems(): { record: LedgerCase; item: LedgerItem }[] {
    return this.cases.flatMap((record) => (record.state === 'active' ? [...record.items.values()].filter((i) => i.state === 'present').map((item) => ({ record, item })) : []));
  }
}
