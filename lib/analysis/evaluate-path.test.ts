import { describe, expect, it } from 'vitest';

import { destination, pathFacts } from './__fixtures__/path-builders';
import { evaluatePath } from './evaluate-path';

describe('evaluatePath (default wiring)', () => {
  it('runs every hop in path order on an Internet IP destination', () => {
    const diagnosis = evaluatePath(pathFacts(), destination('internet', ['203.0.113.10']));
    expect(diagnosis.hops.map((hop) => hop.kind)).toStrictEqual([
      'dns',
      'networkPolicy',
      'securityGroup',
      'networkAcl',
      'natEip',
      'destinationAcl',
      'whitelist',
      'lbPolicy',
    ]);
    expect(diagnosis.hops.map((hop) => [hop.kind, hop.verdict])).toStrictEqual([
      ['dns', 'skip'],
      ['networkPolicy', 'pass'],
      ['securityGroup', 'pass'],
      ['networkAcl', 'pass'],
      ['natEip', 'pass'],
      ['destinationAcl', 'skip'],
      ['whitelist', 'skip'],
      ['lbPolicy', 'skip'],
    ]);
    expect(diagnosis.verdict).toBe('reachable');
  });
});
