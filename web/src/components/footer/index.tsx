import { useMessages } from '../../i18n/messages.js';
import { messages } from './messages.js';

export function Footer() {
  const t = useMessages(messages);
  return (
    <footer class="no-print">
      <p>{t.by}</p>
      <p>{t.privacy}</p>
    </footer>
  );
}
