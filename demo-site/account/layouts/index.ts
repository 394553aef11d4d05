/**
 * Which markup the lists get. `?layout=table|grid|client` on any account URL
 * chooses one and a `layout` cookie keeps it; otherwise the account's default.
 * The `broken` account always shows its own unreadable rows.
 */
import type { Layout, SeededAccount } from '../../seed.ts';
import { gridLayout } from './grid.ts';
import type { ServerLayout } from './server-layout.ts';
import { tableLayout } from './table.ts';
import { unreadableLayout } from './unreadable.ts';

export const LAYOUT_COOKIE = 'layout';

/** The layouts a user may choose; `unreadable` belongs to `broken` alone. */
export type ChosenLayout = Exclude<Layout, 'unreadable'>;
const CHOOSABLE: readonly string[] = ['table', 'grid', 'client'] satisfies ChosenLayout[];

export function isChosenLayout(value: string | undefined): value is ChosenLayout {
  return value !== undefined && CHOOSABLE.includes(value);
}

export function layoutFor(account: SeededAccount, chosen: ChosenLayout | undefined): Layout {
  if (account.defaultLayout === 'unreadable') return 'unreadable';
  return chosen ?? account.defaultLayout;
}

export const SERVER_LAYOUTS: Record<Exclude<Layout, 'client'>, ServerLayout> = {
  table: tableLayout,
  grid: gridLayout,
  unreadable: unreadableLayout,
};
