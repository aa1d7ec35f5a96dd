import type { ApiError } from '../../lib/api.js';
import { useMessages } from '../../i18n/messages.js';
import { messages } from './messages.js';

/** A failed request, said in the person's language; `role="alert"` so it is announced at once. */
export function ApiErrorMessage({ error }: { error: ApiError }) {
  const t = useMessages(messages);
  const text = error.kind === 'throttled' ? t.throttled(error.retryAfterSeconds ?? 60) : t[error.kind];
  return (
    <p class="problem" role="alert" data-error={error.kind}>
      {text}
    </p>
  );
}
