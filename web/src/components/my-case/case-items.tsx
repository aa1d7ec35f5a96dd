import { useRef } from 'preact/hooks';
import type { MediaType } from '../../i18n/media-count.js';
import { useLocale, useMessages } from '../../i18n/messages.js';
import type { CaseItemView } from '../../lib/api.js';
import { formatDate } from './format-date.js';
import { messages } from './messages.js';
import { Confirm } from './confirm.js';

export interface CaseItemsProps {
  items: readonly CaseItemView[];
  busy: boolean;
  confirming: number | undefined;
  onAsk: (itemId: number | undefined) => void;
  onWithdraw: (itemId: number, type: MediaType, position: number) => void;
}

/** "Photo 1, Photo 2, Vidéo 1": each item's number among the items of its kind, in the order added. */
export function numberByKind(items: readonly Pick<CaseItemView, 'type'>[]): number[] {
  const seen = { image: 0, video: 0 };
  return items.map((item) => ++seen[item.type]);
}

/** The items of a case, numbered by kind in the order they were added, each withdrawable on its own. */
export function CaseItems({ items, busy, confirming, onAsk, onWithdraw }: CaseItemsProps) {
  const t = useMessages(messages);
  const locale = useLocale();
  const status = { active: t.itemActive, disabled: t.itemDisabled, withdrawn: t.itemWithdrawn } as const;
  // "Keep" puts the withdraw button back in place of the confirmation: it takes the focus back,
  // which would otherwise fall to the top of the page.
  const refocus = useRef<number | undefined>(undefined);
  const numbers = numberByKind(items);
  return (
    <ol class="case-items">
      {items.map((item, index) => {
        const n = numbers[index]!;
        const type = item.type;
        return (
          <li key={item.itemId} data-item={item.itemId} data-status={item.status}>
            <span class="item-name">{t.item(type, n)}</span>, {t.addedOn(formatDate(item.addedAt, locale))} —{' '}
            <span class="item-status">{status[item.status]}</span>
            {!item.reliable && item.status !== 'withdrawn' && <span class="hint"> ({t.itemLowQuality})</span>}
            {item.status !== 'withdrawn' &&
              (confirming === item.itemId ? (
                <Confirm
                  question={t.confirmItem(type, n)}
                  busy={busy}
                  onYes={() => onWithdraw(item.itemId, type, n)}
                  onNo={() => {
                    refocus.current = item.itemId;
                    onAsk(undefined);
                  }}
                />
              ) : (
                <button
                  type="button"
                  class="link"
                  aria-label={t.withdrawItemLabel(type, n)}
                  disabled={busy}
                  onClick={() => onAsk(item.itemId)}
                  ref={(button) => {
                    if (button && refocus.current === item.itemId) {
                      refocus.current = undefined;
                      button.focus();
                    }
                  }}
                >
                  {t.withdrawItem}
                </button>
              ))}
          </li>
        );
      })}
    </ol>
  );
}
