/**
 * The sentences of a diagnosis, each with its message when the analysis gave one, and their
 * rendering in a language. A message is used only while it still renders to the English text
 * it came with: a hop rewritten after it was built (or a diagnosis saved by an older version)
 * shows its English text rather than a translation of something else. Pure.
 */
import { englishCatalog, formatMessage, type Message } from '@/lib/analysis/message';
import type { Diagnosis, Hop } from '@/lib/analysis/model';

import { catalogFor } from './catalogs';
import type { Locale } from './locales';

/** `text` in `locale`: its message rendered from the locale's catalog when the message matches the text, else the text. */
export function renderText(locale: Locale, text: string, message: Message | null | undefined): string {
  if (!message || formatMessage(englishCatalog, 'en', message) !== text) return text;
  return formatMessage(catalogFor(locale), locale, message) ?? text;
}

/** One sentence of a diagnosis: where it is, its English text, its message if any. */
export interface Sentence {
  where: string;
  text: string;
  message: Message | undefined;
}

/** Every sentence of a hop: summary, reason, notes, table titles, fact labels, and its fixes' title, description, risk, steps and blast radius. */
export function sentencesOfHop(hop: Hop): Sentence[] {
  const at = (where: string) => `${hop.kind}.${where}`;
  const { evidence } = hop;
  const sentences: Sentence[] = [{ where: at('summary'), text: hop.summary, message: hop.summaryMessage }];
  if (hop.reason !== null) sentences.push({ where: at('reason'), text: hop.reason, message: hop.reasonMessage });
  evidence.notes.forEach((text, index) => sentences.push({ where: at(`notes[${index}]`), text, message: evidence.noteMessages?.[index] ?? undefined }));
  evidence.tables.forEach((table, index) => sentences.push({ where: at(`tables[${index}].title`), text: table.title, message: table.titleMessage }));
  const refs = [...evidence.facts, ...(evidence.decidedBy ? [evidence.decidedBy] : []), ...(evidence.intent ? [evidence.intent.control] : [])];
  refs.filter((ref) => ref.labelMessage).forEach((ref) => sentences.push({ where: at(`ref ${ref.id}`), text: ref.label, message: ref.labelMessage }));
  for (const fix of hop.fixes) {
    const fixAt = (where: string) => at(`fix ${fix.id}.${where}`);
    sentences.push(
      { where: fixAt('title'), text: fix.title, message: fix.titleMessage },
      { where: fixAt('description'), text: fix.description, message: fix.descriptionMessage },
      { where: fixAt('risk'), text: fix.risk, message: fix.riskMessage },
    );
    if (fix.exception) sentences.push({ where: fixAt('blastRadius'), text: fix.exception.blastRadius, message: fix.exception.blastRadiusMessage });
    if (fix.kind === 'manual') fix.steps.forEach((text, index) => sentences.push({ where: fixAt(`steps[${index}]`), text, message: fix.stepMessages?.[index] ?? undefined }));
  }
  return sentences;
}

/** Every sentence of every hop of a diagnosis, in path order. */
export function sentencesOf(diagnosis: Pick<Diagnosis, 'hops'>): Sentence[] {
  return diagnosis.hops.flatMap(sentencesOfHop);
}
