/**
 * Every failure the property tests found (tests/reading/renderings.test.ts),
 * kept as a fixed case: the rendering's number (renderingFor) and the
 * account, as fast-check shrank them, and what the reader got wrong.
 */
import type { DrawnAccount } from './arbitraries';

export interface Regression {
  rendering: number;
  why: string;
  account: DrawnAccount;
}

const cloudFree = (product: string, id = '200001') => ({
  id, kind: 'cloud' as const, product, status: 'free' as const, date: 20_794, subscriptionEnd: 20_794, activationCode: '', codeKnown: false,
});
const EGAIS = 'Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ + ИСМП (маркировка)';
const ZEBRA = { id: '@ZEBRA-TC21-O-ZZH9B6F772632716C43', name: 'Zebra TC21', database: 'Магазин на Ленина', databaseKind: 'cloud' as const, lastConnection: 29_943_360 };

export const REGRESSIONS: Regression[] = [
  {
    rendering: 1,
    why: 'an ARIA grid whose only row puts its date and «Until» before the kind: read without its headers, it had no status after the kind',
    account: { licenses: [cloudFree(EGAIS)], devices: [ZEBRA] },
  },
  {
    rendering: 19,
    why: 'a table whose subscription end is a bare date under «Subscription until»: only its header says it is the end',
    account: { licenses: [cloudFree(EGAIS)], devices: [] },
  },
  {
    rendering: 1_546_327_290,
    why: 'a comment column saying "Main terminal": a kind word in a column its header calls a comment is no second row',
    account: { licenses: [cloudFree(EGAIS)], devices: [] },
  },
  {
    rendering: 2_147_483_629,
    why: 'a card of <dt>/<dd> labels: a label in its <dt> names the value in the next <dd>',
    account: { licenses: [cloudFree('Mobile SMARTS: Шмотки')], devices: [] },
  },
  {
    rendering: 1_920_725_538,
    why: 'rows read line by line after the first: a later row’s comment «продлить до 01.05.2027» was taken for its subscription end',
    account: {
      licenses: [
        cloudFree(EGAIS),
        { ...cloudFree(EGAIS, '200002'), status: 'activated', deviceId: '@ZEBRA-TC21-O-ZZH9B6F772632716C43' },
        cloudFree(EGAIS, '200003'),
      ],
      devices: [],
    },
  },
  {
    rendering: 1_520_016_316,
    why: 'a table of one <tbody> per group, each opened by the group’s name: a row was widened to its whole <tbody>, header row included, and lost its status',
    account: {
      licenses: [{ ...cloudFree(EGAIS), kind: 'main' }, cloudFree(EGAIS, '200002')],
      devices: [],
    },
  },
];
