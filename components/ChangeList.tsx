/**
 * What changed in an account, each change named: in the panel's details and
 * in the overview. Page and file text goes in as text only (Preact escapes it).
 */
import { changeSentences } from '@/utils/accounts/change-text';
import type { AccountChanges } from '@/utils/accounts/changes';
import { t } from '@/utils/shared/i18n';

export function ChangeList({ changes }: { changes: AccountChanges }) {
  return (
    <div class="change-list" data-clh-change-list>
      {changeSentences(changes).map(({ kind, title, lines, more }) => (
        <div key={kind} data-clh-change={kind}>
          <p><b>{title}</b></p>
          <ul class="rows">
            {lines.map((line, index) => <li key={index}>{line}</li>)}
          </ul>
          {more > 0 && <p class="more">{t('changesMore', more)}</p>}
        </div>
      ))}
    </div>
  );
}
