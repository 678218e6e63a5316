// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { withSlot } from './slot';

afterEach(cleanup);

describe('withSlot', () => {
  it.each([
    ['node in the middle', (slot: string) => `Destination from ${slot} now`, 'Destination from <b>web-1</b> now'],
    ['node first (another word order)', (slot: string) => `${slot} からの宛先`, '<b>web-1</b> からの宛先'],
    ['a sentence that lost the slot keeps the node after it', () => 'No slot', 'No slot <b>web-1</b>'],
  ])('%s', (_name, sentence, html) => {
    const { container } = render(<p>{withSlot(sentence, <b>web-1</b>)}</p>);
    expect(container.querySelector('p')?.innerHTML).toBe(html);
  });
});
