/**
 * Which markup the lists get. `?layout=` on any account URL chooses one and a
 * `layout` cookie keeps it; otherwise the account's default. The choices:
 * `table`, `grid` and `client` (the demo's own three), `gen-N` (the N-th
 * generated rendering, generated.ts), and `canvas`, `image`, `prose` (a
 * Лицензии list no reader of text can read, unreadable-lists.ts). The
 * `broken` account always shows its own unreadable rows.
 */
import type { Layout, SeededAccount } from '../../seed.ts';
import { GENERATED_LAYOUT, generatedLayout } from './generated.ts';
import { gridLayout } from './grid.ts';
import type { ServerLayout } from './server-layout.ts';
import { tableLayout } from './table.ts';
import { unreadableLayout } from './unreadable.ts';
import { UNREADABLE_LISTS, unreadableListLayout, type UnreadableList } from './unreadable-lists.ts';

export const LAYOUT_COOKIE = 'layout';

/** The layouts a user may choose; `unreadable` belongs to `broken` alone. */
export type ChosenLayout = Exclude<Layout, 'unreadable'>;
const CHOOSABLE: readonly string[] = ['table', 'grid', 'client', ...UNREADABLE_LISTS];

export function isChosenLayout(value: string | undefined): value is ChosenLayout {
  return value !== undefined && (CHOOSABLE.includes(value) || GENERATED_LAYOUT.test(value));
}

export function layoutFor(account: SeededAccount, chosen: ChosenLayout | undefined): Layout {
  if (account.defaultLayout === 'unreadable') return 'unreadable';
  return chosen ?? account.defaultLayout;
}

const FIXED: Record<'table' | 'grid' | 'unreadable', ServerLayout> = { table: tableLayout, grid: gridLayout, unreadable: unreadableLayout };

/** The markup of a server-rendered layout (all but `client`); `drawAfterMs` for generated rows drawn by script. */
export function serverLayout(layout: Exclude<Layout, 'client'>, drawAfterMs?: number): ServerLayout {
  const generated = GENERATED_LAYOUT.exec(layout);
  if (generated) return generatedLayout(Number(generated[1]), drawAfterMs);
  if ((UNREADABLE_LISTS as readonly string[]).includes(layout)) return unreadableListLayout(layout as UnreadableList);
  return FIXED[layout as keyof typeof FIXED];
}
