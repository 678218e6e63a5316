import type { ReactNode } from 'react';

/** A character no message contains, standing for the node while the sentence is rendered. */
const MARKER = '\uE000';

/**
 * A translated sentence with one element inside it (an id in monospace, a link), where the
 * languages put that element in different places: `sentence` renders the message with the
 * given stand-in as the parameter, and the node takes the stand-in's place. A sentence that
 * lost the stand-in shows as it is, followed by the node.
 */
export function withSlot(sentence: (slot: string) => string, node: ReactNode): ReactNode {
  const text = sentence(MARKER);
  const at = text.indexOf(MARKER);
  if (at < 0) return <>{text} {node}</>;
  return (
    <>
      {text.slice(0, at)}
      {node}
      {text.slice(at + MARKER.length)}
    </>
  );
}
