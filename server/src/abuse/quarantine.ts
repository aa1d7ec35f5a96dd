/**
 * Quarantine and its decisions. Quarantining disables the item exactly as an operator would
 * (items.ts): it stops matching at once (out of the in-memory indexes; the store records no match
 * for a disabled item) and leaves the feed with `remove` records, so mirroring platforms drop it
 * too. `restore` puts it back (`add` records), `disable` keeps it out under the operator's name.
 * The hashes stay either way: only the victim deletes them.
 */
import type { FastifyInstance } from 'fastify';
import { problems } from '../errors.js';
import { feedAddsFor, feedSignalsFor } from '../store/feed-records.js';
import type { Quarantine, QuarantineDecision } from '../store/quarantine-repository.js';
import { quarantineReason, quarantineSettings } from './quarantine-rules.js';

const HOUR_MS = 3_600_000;

/**
 * Looks at each item again (after a `not_ncii` feedback, or after it matched) and quarantines the
 * ones the rules designate. Returns the new quarantines.
 */
export function considerQuarantine(app: FastifyInstance, itemIds: Iterable<number>, now = Date.now()): Quarantine[] {
  const settings = quarantineSettings(app.config.quarantine);
  const created: Quarantine[] = [];
  for (const itemId of new Set(itemIds)) {
    const since = app.store.quarantine.restoredAt(itemId) ?? 0;
    const evidence = app.store.quarantine.evidence(itemId, since, Math.max(since + 1, now - settings.hours * HOUR_MS));
    const reason = quarantineReason(evidence, settings);
    if (reason === null) continue;
    const quarantine = app.store.transaction(() => {
      const item = app.store.moderation.item(itemId);
      if (!item || item.status !== 'active' || app.store.quarantine.openFor(itemId)) return undefined;
      app.store.moderation.disable(itemId, null, `quarantined automatically (${reason})`);
      app.store.feed.appendRemoves(itemId, feedSignalsFor(item));
      const made = app.store.quarantine.create(itemId, reason, evidence);
      const { disputingPlatforms, windowMatches, matchingPlatforms } = evidence;
      app.store.audit.record('system', 'item.quarantine', `item:${itemId}`, { alert: made.id, reason, disputingPlatforms, windowMatches, matchingPlatforms });
      return made;
    });
    if (!quarantine) continue;
    app.bank.remove(itemId); // after the commit, like a disable
    app.log.warn({ itemId, alert: quarantine.id, reason }, 'quarantine: item disabled until an operator decides');
    created.push(quarantine);
  }
  return created;
}

/**
 * An operator's decision on an open quarantine, recorded with its audit entry in one transaction.
 * `audit` writes the entry as the signed-in operator.
 */
export function decideQuarantine(
  app: FastifyInstance,
  id: number,
  decision: QuarantineDecision,
  operatorId: number,
  note: string | null,
  audit: (action: string, target: string, detail: Record<string, unknown>) => void,
): Quarantine {
  let restored: ReturnType<typeof app.store.moderation.enable> = null;
  let removed = false;
  const result = app.store.transaction(() => {
    const quarantine = app.store.quarantine.get(id);
    if (!quarantine) throw problems.notFound(`alert ${id}`);
    if (quarantine.decision !== null) throw problems.conflict(`alert ${id} was already decided (${quarantine.decision})`);
    const item = app.store.moderation.item(quarantine.itemId)!;
    if (decision === 'restore') {
      if (item.status === 'withdrawn') throw problems.conflict(`item ${item.itemId} was withdrawn by its owner: there is nothing to restore`);
      if (item.status === 'disabled') {
        restored = app.store.moderation.enable(item.itemId);
        app.store.feed.appendAdds(item.itemId, feedAddsFor(restored!));
      }
    } else if (item.status === 'disabled') {
      app.store.quarantine.adoptDisable(item.itemId, operatorId, note ?? 'quarantine confirmed');
    } else if (item.status === 'active') {
      // Enabled from the item page meanwhile: the decision takes it out again.
      app.store.moderation.disable(item.itemId, operatorId, note ?? 'quarantine confirmed');
      app.store.feed.appendRemoves(item.itemId, feedSignalsFor(item));
      removed = true;
    }
    app.store.quarantine.decide(id, decision, operatorId, note);
    audit(`quarantine.${decision}`, `item:${item.itemId}`, { alert: id, note: note ?? undefined });
    return app.store.quarantine.get(id)!;
  });
  const back = restored as ReturnType<typeof app.store.moderation.enable>;
  if (back) {
    for (const { signal, value } of back.signals) app.bank.add({ itemId: back.itemId, signal, value, quality: back.quality });
    app.bank.frames.add(back.itemId, back.frames);
  }
  if (removed) app.bank.remove(result.itemId);
  return result;
}
