import { describe, expect, it } from 'vitest';

import { nameAndId } from './entry-label';

describe('nameAndId', () => {
  it.each([
    ['a name before its id', 'sg-bp1sb7', 'acs-prod-payments-egress', 'acs-prod-payments-egress (sg-bp1sb7)'],
    ['no name: the id alone', 'ngw-1', null, 'ngw-1'],
    ['no name (undefined): the id alone', 'ngw-1', undefined, 'ngw-1'],
    ['an empty name: the id alone', 'nacl-1', '', 'nacl-1'],
    ['a blank name: the id alone', 'nacl-1', '   ', 'nacl-1'],
    ['a name equal to the id: said once', 'reports/egress-https-only', 'reports/egress-https-only', 'reports/egress-https-only'],
    ['a name equal to the id but for spaces: said once', 'lb-1', ' lb-1 ', 'lb-1'],
    ['a name with spaces kept, trimmed at the ends', 'sgr-9', ' SEC-2291 egress proxy ', 'SEC-2291 egress proxy (sgr-9)'],
  ])('%s', (_name, id, name, expected) => {
    expect(nameAndId(id, name)).toBe(expected);
  });
});
