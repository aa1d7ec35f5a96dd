import { useMessages } from '../../../i18n/messages.js';
import { navigate } from '../../lib/route.js';
import { useSignals } from '../../lib/signals.js';
import { FEEDBACKS, ORDERS, REVIEWS } from './api.js';
import { messages } from './messages.js';
import { FILTER_KEYS, type Filters } from './query.js';

const ORDER_KEYS = { newest: 'orderNewest', oldest: 'orderOldest', closest: 'orderClosest', farthest: 'orderFarthest' } as const;

/** The log's filters, as a form that writes them into the page's address. */
export function FilterForm({ filters, platforms }: { filters: Filters; platforms: readonly { id: number; name: string }[] }) {
  const t = useMessages(messages);
  // Every signal a match can be recorded under: photos', their variants', video frames'.
  const known = useSignals().map((s) => s.name);
  const submit = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const query: Record<string, string> = {};
    for (const key of FILTER_KEYS) {
      const value = String(data.get(key) ?? '').trim();
      if (value && !(key === 'order' && value === 'newest')) query[key] = value;
    }
    navigate('/matches', query);
  };
  const signals = filters.signal && !known.includes(filters.signal) ? [...known, filters.signal] : known;
  const knownPlatform = platforms.some((p) => String(p.id) === filters.platform);
  return (
    <form class="filters" id="match-filters" aria-label={t.filters} onSubmit={submit}>
      <div>
        <label for="filter-from">{t.from}</label>
        <input type="date" name="from" id="filter-from" value={filters.from ?? ''} />
      </div>
      <div>
        <label for="filter-to">{t.to}</label>
        <input type="date" name="to" id="filter-to" value={filters.to ?? ''} />
      </div>
      <div>
        <label for="filter-platform">{t.platform}</label>
        <select name="platform" id="filter-platform" value={filters.platform ?? ''}>
          <option value="">{t.any}</option>
          {platforms.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.name}
            </option>
          ))}
          {filters.platform && !knownPlatform && <option value={filters.platform}>#{filters.platform}</option>}
        </select>
      </div>
      <div>
        <label for="filter-signal">{t.signal}</label>
        <select name="signal" id="filter-signal" value={filters.signal ?? ''}>
          <option value="">{t.any}</option>
          {signals.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="filter-min-distance">{t.minDistance}</label>
        <input type="number" name="minDistance" id="filter-min-distance" min={0} max={1024} size={5} value={filters.minDistance ?? ''} />
      </div>
      <div>
        <label for="filter-max-distance">{t.maxDistance}</label>
        <input type="number" name="maxDistance" id="filter-max-distance" min={0} max={1024} size={5} value={filters.maxDistance ?? ''} />
      </div>
      <div>
        <label for="filter-feedback">{t.feedback}</label>
        <select name="feedback" id="filter-feedback" value={filters.feedback ?? ''}>
          <option value="">{t.any}</option>
          {FEEDBACKS.map((f) => (
            <option key={f} value={f}>
              {t[`feedback_${f}`]}
            </option>
          ))}
          <option value="none">{t.noFeedback}</option>
        </select>
      </div>
      <div>
        <label for="filter-review">{t.review}</label>
        <select name="review" id="filter-review" value={filters.review ?? ''}>
          <option value="">{t.any}</option>
          {REVIEWS.map((r) => (
            <option key={r} value={r}>
              {t[`review_${r}`]}
            </option>
          ))}
          <option value="none">{t.notReviewed}</option>
        </select>
      </div>
      <div>
        <label for="filter-order">{t.order}</label>
        <select name="order" id="filter-order" value={filters.order ?? 'newest'}>
          {ORDERS.map((o) => (
            <option key={o} value={o}>
              {t[ORDER_KEYS[o]]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="primary" id="apply-filters">
        {t.apply}
      </button>
      <button type="button" class="secondary" id="reset-filters" onClick={() => navigate('/matches')}>
        {t.reset}
      </button>
    </form>
  );
}
