/**
 * Choosing what to upload: license files (dropped, picked, or a whole folder)
 * and pasted text, then the preview, one line per item, and the confirmation.
 * Reading happens here, in the popup's page, with or without an account to
 * send to; sending is the background's job, and needs the account's tab.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { codeKey, CYRILLIC_LOOK_ALIKES, withLatinTwins } from '@/utils/upload/activation-code';
import { t, type MessageName } from '@/utils/shared/i18n';
import { doubtText, ignoredText, problemText, skippedText, untickedText } from '@/utils/upload/item-problems';
import { createJob, codesKnownInAccount } from '@/utils/upload/job-store';
import { ownFileName, readLimitOf } from '@/utils/upload/license-file';
import { clearDraft, loadDraft, saveDraftChoice, saveDraftFiles, type Draft } from '@/utils/upload/draft-store';
import { loadList } from '@/utils/accounts/account-store';
import { sendMessage } from '@/utils/shared/messaging';
import { ACCOUNT_HOME } from '@/utils/site/vendor-hosts';
import type { AccountTab, MissingStep } from '@/utils/upload/account-tabs';
import {
  filesDropped, itemsToSend, previewCounts, previewOf, readChosenFiles, sortFolderFiles, willSend,
  type ChosenFile, type IgnoredInPreview, type PreviewItem, type SkippedFile, type SkipReason, type Verdict,
} from '@/utils/upload/upload-preview';

const VERDICT_TEXT: Record<Verdict, MessageName> = {
  new: 'verdictNew',
  duplicate: 'verdictDuplicate',
  present: 'verdictPresent',
  unreadable: 'verdictUnreadable',
  maybe: 'verdictMaybe',
};

/** What the tick of a line that does not go by default means. */
const TICK_TEXT: Record<Verdict, MessageName> = {
  new: 'tickToSend',
  duplicate: 'sendAnyway',
  present: 'sendAnyway',
  unreadable: 'tickToSend',
  maybe: 'confirmCode',
};

const SKIPPED_COUNT_TEXT: Record<SkipReason, MessageName> = {
  'not-xml': 'skippedNotXml',
  'too-large': 'skippedTooLarge',
  'unreadable': 'skippedUnreadable',
};

/**
 * Reads the files' bytes in one go: a Blob of the chosen files, read once and
 * cut back into files, costs one read where a thousand `arrayBuffer()` calls
 * cost a thousand (about a second for 1,000 license files). No file gives more
 * than one byte past the size cap: a 2 GB file picked by mistake is not loaded
 * whole only to be refused.
 */
async function chosenFiles(files: readonly File[]): Promise<ChosenFile[]> {
  const parts = files.map((file) => (file.size > readLimitOf(file.name) ? file.slice(0, readLimitOf(file.name) + 1) : file));
  const all = new Uint8Array(await new Blob(parts).arrayBuffer());
  let offset = 0;
  return files.map((file, index) => {
    // A copy, not a view: a view would carry the whole batch's buffer into IndexedDB with each file.
    const bytes = all.slice(offset, offset + parts[index]!.size);
    offset += parts[index]!.size;
    // Its own name only: a folder's path (webkitRelativePath) is never sent, nor shown as its name.
    return { name: ownFileName(file.name), bytes, size: file.size };
  });
}

/**
 * New lines shown before «Показать все»: lines that need a look (duplicates,
 * present, unreadable) are always shown; a thousand fine ones are a count.
 */
const NEW_LINES_SHOWN = 100;

/**
 * Reading the first files costs twice what the next ones do: the browser
 * compiles and tunes the XML reader on first use. It is done while the user
 * is still choosing, on a made-up card, when the popup has nothing else to do.
 */
function warmUpReader(): void {
  const sample = new TextEncoder().encode('<?xml version="1.0" encoding="utf-8"?>\r\n<LicenseCard version="1"><Product>Mobile SMARTS</Product>'
    + '<Kind>main</Kind><ActivationCode>AB1CD-EF2GH-JK3LM-NP4QR-ST5UV</ActivationCode><Device id=""/><Issued>2025-01-01</Issued></LicenseCard>');
  for (let round = 0; round < WARM_UP_ROUNDS; round++) readChosenFiles([{ name: 'warm-up.xml', bytes: sample }]);
}
const WARM_UP_ROUNDS = 200;

/** The dropped items, taken while the drop event lasts (its DataTransfer is emptied after it). */
function droppedItems(transfer: DataTransfer) {
  return [...transfer.items].filter((item) => item.kind === 'file').map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
}

/** Where a code was found, when it was in a text file. */
const whereFrom = (item: PreviewItem) => (item.source !== undefined ? t('codeFromFile', item.source, item.line ?? '') : '');

/** A code as typed, its Cyrillic look-alike letters marked: the user sees which letter is wrong. */
function LookAlikeLabel({ label }: { label: string }) {
  return (
    <span class="label code" title={label}>
      {[...label].map((character, index) => (CYRILLIC_LOOK_ALIKES.has(character)
        ? <mark key={index} class="look-alike" title={t('lookAlikeLetter', character)}>{character}</mark>
        : character))}
    </span>
  );
}

function PreviewLine({ item, sending, onTick, onFix }: {
  item: PreviewItem;
  sending: boolean;
  onTick: (on: boolean) => void;
  /** Replaces the code as typed with its Latin spelling in the pasted text; only for a pasted code with look-alike letters. */
  onFix?: (typed: string, latin: string) => void;
}) {
  const lookAlike = item.problem?.code === 'cyrillic-look-alike';
  const why = item.verdict === 'unreadable' && item.problem ? problemText(item.problem)
    : item.verdict === 'duplicate' ? t(item.doubt ? 'verdictSameCode' : 'verdictDuplicateOf', item.sameAs ?? '')
      : item.verdict === 'present' ? t('verdictPresentWhy')
        : item.verdict === 'maybe' && item.doubt ? doubtText(item.doubt, item.code ?? item.label) : item.product ?? '';
  const from = whereFrom(item);
  return (
    <li class={`item ${item.verdict}`} data-clh-item={item.verdict} data-clh-key={item.key}
      {...(item.doubt ? { 'data-clh-doubt': item.doubt.code } : {})} {...(item.source !== undefined ? { 'data-clh-source': item.source } : {})}>
      <label class="tick">
        <input type="checkbox" data-clh-tick checked={sending} disabled={item.verdict === 'unreadable'}
          title={t(TICK_TEXT[item.verdict])} onChange={(event) => onTick(event.currentTarget.checked)} />
        {lookAlike ? <LookAlikeLabel label={item.label} /> : <span class={`label ${item.way}`} title={item.label}>{item.label}</span>}
      </label>
      {item.way === 'file' && item.code && <code>{item.code}</code>}
      <span class="verdict">{t(VERDICT_TEXT[item.verdict])}</span>
      {why && <span class="why">{why}</span>}
      {from && <span class="why from">{from}</span>}
      {lookAlike && onFix && (
        <button type="button" class="fix" data-clh-fix-look-alike onClick={() => onFix(item.label, withLatinTwins(item.label))}>
          {t('fixLookAlike', withLatinTwins(item.label))}
        </button>
      )}
    </li>
  );
}

/** Files a folder held and were not taken, counted by why, and listed by name. */
function SkippedFiles({ skipped }: { skipped: readonly SkippedFile[] }) {
  if (skipped.length === 0) return null;
  const reasons = (['not-xml', 'too-large', 'unreadable'] as const).filter((reason) => skipped.some((file) => file.reason === reason));
  return (
    <div class="skipped" data-clh-skipped={skipped.length}>
      {reasons.map((reason) => (
        <p class="muted" key={reason}>{t(SKIPPED_COUNT_TEXT[reason], skipped.filter((file) => file.reason === reason).length)}</p>
      ))}
      <details>
        <summary>{t('skippedWhich')}</summary>
        <ul class="names">
          {skipped.map((file, index) => (
            <li key={index} data-clh-skipped-file={file.reason}><span class="name">{file.name}</span> — {skippedText(file)}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** Code-shaped texts that are no codes (numbers of orders, links, …): shown, so that nothing goes unsaid. */
function IgnoredTexts({ ignored }: { ignored: readonly IgnoredInPreview[] }) {
  if (ignored.length === 0) return null;
  return (
    <details class="ignored" data-clh-ignored={ignored.length}>
      <summary>{t('ignoredSummary', ignored.length)}</summary>
      <ul class="names">
        {ignored.map((text, index) => (
          <li key={index} data-clh-ignored-text={text.reason.code}>
            <span class="name">{text.text}</span> — {ignoredText(text.reason)}
            {' ('}{text.source !== undefined ? t('ignoredFileLine', text.source, text.line) : t('ignoredLine', text.line)}{')'}
          </li>
        ))}
      </ul>
      <p class="muted">{t('ignoredHint')}</p>
    </details>
  );
}

/** What sending still needs, and the button that does it where it can. */
function Missing({ missing }: { missing: MissingStep }) {
  const goTo = async (tabId: number, url?: string) => {
    const tab = await browser.tabs.update(tabId, { active: true, ...(url ? { url } : {}) });
    if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  };
  const [text, button, act] = missing.step === 'open-account'
    ? [t('popupMissingAccount'), t('popupOpenAccount'), () => browser.tabs.create({ url: ACCOUNT_HOME })]
    : missing.step === 'log-in'
      ? [t('popupMissingLogIn'), t('popupGoToTab'), () => goTo(missing.tabId)]
      : [t('popupMissingUpload'), t(missing.licensesUrl ? 'popupOpenLicenses' : 'popupGoToTab'), () => goTo(missing.tabId, missing.licensesUrl)];
  return (
    <div class="missing" data-clh-missing={missing.step}>
      <p class="notice">{text}</p>
      <button type="button" data-clh-fix onClick={() => void act()}>{button}</button>
    </div>
  );
}

/**
 * The draft kept across closing and opening the popup (draft-store.ts): put
 * back once when the composer comes, then kept as it changes. Nothing is kept
 * before it is back, lest an empty start overwrite it.
 */
function useDraft(state: { files: ChosenFile[]; text: string; ticks: ReadonlyMap<string, boolean>; skipped: SkippedFile[] }, restore: (draft: Draft) => void) {
  const [back, setBack] = useState(false);
  const [unsaved, setUnsaved] = useState<string>();
  useEffect(() => {
    void loadDraft().then((draft) => draft && restore(draft)).catch(() => undefined).finally(() => setBack(true));
  }, []);
  const kept = (saving: Promise<void>) => saving.then(() => setUnsaved(undefined), (error: unknown) => setUnsaved(String(error)));
  useEffect(() => {
    if (back) void kept(saveDraftFiles(state.files));
  }, [back, state.files]);
  useEffect(() => {
    if (back) void kept(saveDraftChoice({ text: state.text, ticks: [...state.ticks], skipped: state.skipped }));
  }, [back, state.text, state.ticks, state.skipped]);
  return unsaved;
}

export function Composer({ target, missing, onStarted, tabUrl }: {
  target?: AccountTab;
  missing?: MissingStep;
  onStarted: (jobId: string) => void;
  /** Where the same popup opens in a tab of its own; undefined when it already is in one. */
  tabUrl?: string;
}) {
  const account = target?.account;
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [text, setText] = useState('');
  const [known, setKnown] = useState<ReadonlySet<string>>(new Set());
  /** The user's ticks, by line key, where they differ from the default (new lines go, the others do not). */
  const [ticks, setTicks] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [skipped, setSkipped] = useState<SkippedFile[]>([]);
  const [busy, setBusy] = useState<'reading' | 'starting' | undefined>();
  const [failure, setFailure] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [allLines, setAllLines] = useState(false);
  const draftUnsaved = useDraft({ files, text, ticks, skipped }, (draft) => {
    // What the user did before the draft came back (a few milliseconds) is kept, not overwritten.
    setFiles((before) => (before.length > 0 ? before : readChosenFiles(draft.files)));
    setText((before) => before || draft.text);
    setTicks((before) => (before.size > 0 ? before : new Map(draft.ticks)));
    setSkipped((before) => (before.length > 0 ? before : draft.skipped));
  });

  // What the preview can tell "already in this account" by: codes the account's
  // list showed (kept by the Лицензии tab), and codes earlier jobs saw it accept.
  useEffect(() => {
    if (!account) {
      setKnown(new Set());
      return;
    }
    void (async () => {
      const codes = new Set<string>();
      const saved = await loadList(`${account.origin} ${account.login}`, 'licenses').catch(() => undefined);
      for (const license of saved?.items ?? []) {
        // The list keeps a code's fingerprint unless the user chose to keep codes (settings.keepCodes).
        if (license.activationCode) codes.add(codeKey(license.activationCode));
        if (license.codeFingerprint) codes.add(license.codeFingerprint);
      }
      for (const code of await codesKnownInAccount(account.origin, account.login)) codes.add(code);
      setKnown(codes);
    })();
  }, [account?.origin, account?.login]);

  useEffect(() => {
    const idle = requestIdleCallback(warmUpReader, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, []);

  const { items: preview, ignored } = useMemo(() => previewOf(files, text, known), [files, text, known]);
  const counts = previewCounts(preview);
  let newShown = 0;
  const shown = allLines ? preview : preview.filter((item) => item.verdict !== 'new' || newShown++ < NEW_LINES_SHOWN);
  const toSend = preview.filter((item) => willSend(item, ticks)).length;
  const pastedCodes = preview.some((item) => item.way === 'code' && item.source === undefined);

  /** Reads what was chosen; `notTaken`: what a folder held and was not taken, said beside the preview. */
  const addFiles = async (chosen: readonly File[], notTaken: readonly SkippedFile[] = []) => {
    if (notTaken.length > 0) setSkipped((before) => [...before, ...notTaken]);
    if (chosen.length === 0) return;
    setBusy('reading');
    try {
      // Read once, here: the preview is worked out again as the user types, from what each file said.
      const read = readChosenFiles(await chosenFiles(chosen));
      setFiles((before) => [...before, ...read]);
    } catch (error) {
      setFailure(t('filesNotRead', String(error)));
    } finally {
      setBusy(undefined);
    }
  };

  const start = async () => {
    if (!target || !account) return;
    setBusy('starting');
    setFailure(undefined);
    try {
      const { items, files: kept } = itemsToSend(preview, ticks, problemText, untickedText);
      const job = {
        id: crypto.randomUUID(),
        tabId: target.tabId,
        origin: account.origin,
        login: account.login,
        uploadUrl: account.uploadUrl,
        createdAt: Date.now(),
        state: 'running' as const,
        items,
      };
      try {
        await createJob(job, kept);
      } catch (error) {
        // Not saved, so nothing was or will be sent: the choice stays as it was, to try again.
        setFailure(t('jobNotStarted', String(error)));
        return;
      }
      // Saved is started: the job is shown from now on, and the background drives every saved running job
      // when it wakes, so a lost start message is sent again, never answered with a second job.
      onStarted(job.id);
      sendMessage('startJob', { jobId: job.id }).catch(() => undefined);
      // Sent: the draft's codes and files now live in the job only.
      void clearDraft().catch(() => undefined);
    } catch (error) {
      setFailure(t('jobNotStarted', String(error)));
    } finally {
      setBusy(undefined);
    }
  };

  const clear = () => {
    void clearDraft().catch(() => undefined);
    setFiles([]);
    setText('');
    setTicks(new Map());
    setSkipped([]);
    setFailure(undefined);
  };

  return (
    <section class="composer">
      <div
        class={`drop ${dragging ? 'over' : ''}`}
        data-clh-drop
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          if (!event.dataTransfer) return;
          void filesDropped(droppedItems(event.dataTransfer))
            .then(({ files: dropped, skipped: notTaken }) => addFiles(dropped, notTaken))
            .catch((error: unknown) => setFailure(t('filesNotRead', String(error))));
        }}
      >
        <p>{t('dropHere')}</p>
        {tabUrl && (
          <p class="in-tab" data-clh-in-tab>
            {t('dropInTab')}{' '}<a href={tabUrl} target="_blank" rel="noreferrer">{t('popupOpenInTab')}</a>
          </p>
        )}
        <label class="button">
          {t('chooseFiles')}
          <input type="file" multiple accept=".xml,text/xml,application/xml,.txt,text/plain,.csv,text/csv" data-clh-files
            onChange={(event) => {
              const input = event.currentTarget;
              void addFiles([...(input.files ?? [])]).then(() => (input.value = ''));
            }} />
        </label>
        <label class="button">
          {t('chooseFolder')}
          <input type="file" multiple {...{ webkitdirectory: true }} data-clh-folder
            onChange={(event) => {
              const input = event.currentTarget;
              const { taken, skipped: notTaken } = sortFolderFiles([...(input.files ?? [])]);
              void addFiles(taken, notTaken).then(() => (input.value = ''));
            }} />
        </label>
      </div>
      <label class="paste">
        <span>{t('pasteLabel')}</span>
        <textarea data-clh-paste rows={4} placeholder={t('pastePlaceholder')} value={text} onInput={(event) => setText(event.currentTarget.value)} spellcheck={false} />
      </label>
      {text.trim() && !pastedCodes && <p class="notice" data-clh-no-codes>{t('noCodesFound')}</p>}
      <SkippedFiles skipped={skipped} />
      {busy === 'reading' && <p class="muted">{t('readingFiles')}</p>}

      {preview.length > 0 && (
        <>
          <p class="summary"
            data-clh-preview-counts={`new=${counts.new} duplicate=${counts.duplicate} present=${counts.present} unreadable=${counts.unreadable} maybe=${counts.maybe}`}>
            {t('previewCounts', counts.new, counts.duplicate, counts.present, counts.unreadable)}
            {counts.maybe > 0 && ` · ${t('previewCountsMaybe', counts.maybe)}`}
          </p>
          <ul class="items">
            {shown.map((item) => (
              <PreviewLine key={item.key} item={item} sending={willSend(item, ticks)}
                // Only what the user pasted can be put right here; a code in a text file is that file's to change.
                onFix={item.source === undefined && text.includes(item.label) ? (typed, latin) => setText(text.split(typed).join(latin)) : undefined}
                onTick={(on) => {
                const next = new Map(ticks);
                next.set(item.key, on);
                setTicks(next);
              }} />
            ))}
          </ul>
          {shown.length < preview.length && (
            <button type="button" class="link" data-clh-show-all onClick={() => setAllLines(true)}>{t('showAllLines', preview.length)}</button>
          )}
        </>
      )}
      <IgnoredTexts ignored={ignored} />
      {failure && <p class="notice" role="alert">{failure}</p>}
      {draftUnsaved && <p class="notice" data-clh-draft-unsaved>{t('draftUnsaved', draftUnsaved)}</p>}
      {!target && missing && <Missing missing={missing} />}
      <div class="actions sending">
        <button type="button" class="primary" data-clh-send disabled={!target || toSend === 0 || busy !== undefined} onClick={() => void start()}>
          {t('sendItems', toSend)}
        </button>
        {(files.length > 0 || text || skipped.length > 0) && <button type="button" onClick={clear}>{t('clearChoice')}</button>}
      </div>
    </section>
  );
}
