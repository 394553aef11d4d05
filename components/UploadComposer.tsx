/**
 * Choosing what to upload: license files (dropped, picked, or a whole folder)
 * and pasted text, then the preview, one line per item, and the confirmation.
 * Reading happens here, in the popup's page, with or without an account to
 * send to; sending is the background's job, and needs the account's tab.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { codeKey } from '@/utils/upload/activation-code';
import { t, type MessageName } from '@/utils/shared/i18n';
import { problemText } from '@/utils/upload/item-problems';
import { createJob, codesKnownInAccount } from '@/utils/upload/job-store';
import { MAX_LICENSE_FILE_BYTES } from '@/utils/upload/license-file';
import { loadList } from '@/utils/reading/list-cache';
import { sendMessage } from '@/utils/shared/messaging';
import { ACCOUNT_HOME } from '@/utils/site/vendor-hosts';
import type { AccountTab, MissingStep } from '@/utils/upload/account-tabs';
import {
  buildPreview, itemsToSend, previewCounts, readChosenFiles, willSend, type ChosenFile, type PreviewItem, type Verdict,
} from '@/utils/upload/upload-preview';

const VERDICT_TEXT: Record<Verdict, MessageName> = {
  new: 'verdictNew',
  duplicate: 'verdictDuplicate',
  present: 'verdictPresent',
  unreadable: 'verdictUnreadable',
};

/**
 * Reads the files' bytes in one go: a Blob of the chosen files, read once and
 * cut back into files, costs one read where a thousand `arrayBuffer()` calls
 * cost a thousand (about a second for 1,000 license files). No file gives more
 * than one byte past the size cap: a 2 GB file picked by mistake is not loaded
 * whole only to be refused.
 */
async function chosenFiles(files: readonly File[]): Promise<ChosenFile[]> {
  const parts = files.map((file) => (file.size > MAX_LICENSE_FILE_BYTES ? file.slice(0, MAX_LICENSE_FILE_BYTES + 1) : file));
  const all = new Uint8Array(await new Blob(parts).arrayBuffer());
  let offset = 0;
  return files.map((file, index) => {
    // A copy, not a view: a view would carry the whole batch's buffer into IndexedDB with each file.
    const bytes = all.slice(offset, offset + parts[index]!.size);
    offset += parts[index]!.size;
    return { name: file.webkitRelativePath || file.name, bytes };
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

const isXmlName = (name: string) => /\.xml$/i.test(name);

/** Every file in what was dropped, folders walked through (a dropped folder is an entry, not a file). */
async function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((entry) => !!entry);
  if (entries.length === 0) return [...transfer.files];
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      files.push(await new Promise<File>((done, fail) => (entry as FileSystemFileEntry).file(done, fail)));
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((done, fail) => reader.readEntries(done, fail));
      if (batch.length === 0) break;
      for (const child of batch) if (child.isDirectory || isXmlName(child.name)) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}

function PreviewLine({ item, ticked, onTick }: { item: PreviewItem; ticked: boolean; onTick: (on: boolean) => void }) {
  const why = item.verdict === 'unreadable' && item.problem ? problemText(item.problem)
    : item.verdict === 'duplicate' ? t('verdictDuplicateOf', item.sameAs ?? '')
      : item.verdict === 'present' ? t('verdictPresentWhy') : item.product ?? '';
  const optional = item.verdict === 'duplicate' || item.verdict === 'present';
  return (
    <li class={`item ${item.verdict}`} data-clh-item={item.verdict} data-clh-key={item.key}>
      <span class={`label ${item.way}`} title={item.label}>{item.label}</span>
      {item.way === 'file' && item.code && <code>{item.code}</code>}
      <span class="verdict">{t(VERDICT_TEXT[item.verdict])}</span>
      {why && <span class="why">{why}</span>}
      {optional && (
        <label class="anyway">
          <input type="checkbox" checked={ticked} onChange={(event) => onTick(event.currentTarget.checked)} /> {t('sendAnyway')}
        </label>
      )}
    </li>
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

export function Composer({ target, missing, onStarted }: { target?: AccountTab; missing?: MissingStep; onStarted: (jobId: string) => void }) {
  const account = target?.account;
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [text, setText] = useState('');
  const [known, setKnown] = useState<ReadonlySet<string>>(new Set());
  const [sendAnyway, setSendAnyway] = useState<ReadonlySet<string>>(new Set());
  const [skippedNotXml, setSkippedNotXml] = useState(0);
  const [busy, setBusy] = useState<'reading' | 'starting' | undefined>();
  const [failure, setFailure] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [allLines, setAllLines] = useState(false);

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
      for (const license of saved?.items ?? []) if (license.activationCode) codes.add(codeKey(license.activationCode));
      for (const code of await codesKnownInAccount(account.origin, account.login)) codes.add(code);
      setKnown(codes);
    })();
  }, [account?.origin, account?.login]);

  useEffect(() => {
    const idle = requestIdleCallback(warmUpReader, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, []);

  const preview = useMemo(() => buildPreview(files, text, known), [files, text, known]);
  const counts = previewCounts(preview);
  let newShown = 0;
  const shown = allLines ? preview : preview.filter((item) => item.verdict !== 'new' || newShown++ < NEW_LINES_SHOWN);
  const toSend = preview.filter((item) => willSend(item, sendAnyway)).length;

  const addFiles = async (chosen: readonly File[], onlyXml: boolean) => {
    const taken = onlyXml ? chosen.filter((file) => isXmlName(file.name)) : chosen;
    if (onlyXml) setSkippedNotXml((count) => count + chosen.length - taken.length);
    setBusy('reading');
    try {
      // Read once, here: the preview is worked out again as the user types, from what each file said.
      const read = readChosenFiles(await chosenFiles(taken));
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
      const { items, files: kept } = itemsToSend(preview, sendAnyway, problemText);
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
    } catch (error) {
      setFailure(t('jobNotStarted', String(error)));
    } finally {
      setBusy(undefined);
    }
  };

  const clear = () => {
    setFiles([]);
    setText('');
    setSendAnyway(new Set());
    setSkippedNotXml(0);
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
          if (event.dataTransfer) void droppedFiles(event.dataTransfer).then((dropped) => addFiles(dropped, false));
        }}
      >
        <p>{t('dropHere')}</p>
        <label class="button">
          {t('chooseFiles')}
          <input type="file" multiple accept=".xml,text/xml,application/xml" data-clh-files
            onChange={(event) => {
              const input = event.currentTarget;
              void addFiles([...(input.files ?? [])], false).then(() => (input.value = ''));
            }} />
        </label>
        <label class="button">
          {t('chooseFolder')}
          <input type="file" multiple {...{ webkitdirectory: true }} data-clh-folder
            onChange={(event) => {
              const input = event.currentTarget;
              void addFiles([...(input.files ?? [])], true).then(() => (input.value = ''));
            }} />
        </label>
      </div>
      <label class="paste">
        <span>{t('pasteLabel')}</span>
        <textarea data-clh-paste rows={4} placeholder={t('pastePlaceholder')} value={text} onInput={(event) => setText(event.currentTarget.value)} spellcheck={false} />
      </label>
      {text.trim() && !preview.some((item) => item.way === 'code') && <p class="notice" data-clh-no-codes>{t('noCodesFound')}</p>}
      {skippedNotXml > 0 && <p class="muted">{t('skippedNotXml', skippedNotXml)}</p>}
      {busy === 'reading' && <p class="muted">{t('readingFiles')}</p>}

      {preview.length > 0 && (
        <>
          <p class="summary" data-clh-preview-counts={`new=${counts.new} duplicate=${counts.duplicate} present=${counts.present} unreadable=${counts.unreadable}`}>
            {t('previewCounts', counts.new, counts.duplicate, counts.present, counts.unreadable)}
          </p>
          <ul class="items">
            {shown.map((item) => (
              <PreviewLine key={item.key} item={item} ticked={sendAnyway.has(item.key)} onTick={(on) => {
                const next = new Set(sendAnyway);
                if (on) next.add(item.key);
                else next.delete(item.key);
                setSendAnyway(next);
              }} />
            ))}
          </ul>
          {shown.length < preview.length && (
            <button type="button" class="link" data-clh-show-all onClick={() => setAllLines(true)}>{t('showAllLines', preview.length)}</button>
          )}
        </>
      )}
      {failure && <p class="notice" role="alert">{failure}</p>}
      {!target && missing && <Missing missing={missing} />}
      <div class="actions">
        <button type="button" class="primary" data-clh-send disabled={!target || toSend === 0 || busy !== undefined} onClick={() => void start()}>
          {t('sendItems', toSend)}
        </button>
        {(files.length > 0 || text) && <button type="button" onClick={clear}>{t('clearChoice')}</button>}
      </div>
    </section>
  );
}
