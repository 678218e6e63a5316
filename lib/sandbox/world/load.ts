/**
 * Reads a world file (YAML or JSON), validates it against `worldSchema` and checks
 * its cross-references. Every failure is a `WorldFileError` naming the file, the
 * path inside it and the problem.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseDocument } from 'yaml';
import type { z } from 'zod';

import { worldSchema, type World } from '@/lib/schemas/world';

import { findCrossReferenceProblems } from './cross-references';
import { formatPath, WorldFileError, type WorldProblem } from './world-file-error';

export { WorldFileError, type WorldProblem } from './world-file-error';

type FileFormat = 'yaml' | 'json';

function formatOf(fileName: string): FileFormat | null {
  const extension = path.extname(fileName).toLowerCase();
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  if (extension === '.json') return 'json';
  return null;
}

function toProblems(issues: ReadonlyArray<z.core.$ZodIssue>): WorldProblem[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Parses the text as YAML (or, for `.json`, with the JSON schema of the yaml package). */
function parseText(text: string, fileName: string, format: FileFormat): unknown {
  const document = parseDocument(text, { schema: format === 'json' ? 'json' : 'core', prettyErrors: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const position = error.linePos?.[0];
      const where = position === undefined ? '' : `line ${position.line}, column ${position.col}: `;
      return { path: '', message: `${where}${error.message.split('\n')[0] ?? error.code}` };
    });
    throw new WorldFileError(fileName, problems);
  }
  return document.toJS({ maxAliasCount: 1000 });
}

/**
 * Parses and validates world text. `fileName` picks the format by extension
 * (`.yaml`, `.yml`, `.json`) and names the file in error messages.
 * Throws `WorldFileError` for a syntax error, every schema issue (the message lists
 * the first ten) and every broken cross-reference or duplicate id.
 */
export function parseWorld(text: string, fileName: string): World {
  const format = formatOf(fileName);
  if (format === null) {
    throw new WorldFileError(fileName, [{ path: '', message: 'unknown file type: use .yaml, .yml or .json' }]);
  }
  const data = parseText(text, fileName, format);
  const result = worldSchema.safeParse(data);
  if (!result.success) {
    throw new WorldFileError(fileName, toProblems(result.error.issues), { cause: result.error });
  }
  const problems = findCrossReferenceProblems(result.data);
  if (problems.length > 0) throw new WorldFileError(fileName, problems);
  return result.data;
}

/** Reads the world file at `filePath` (YAML or JSON by extension) and validates it like `parseWorld`. */
export function loadWorldFile(filePath: string): World {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new WorldFileError(filePath, [{ path: '', message: `cannot read the file: ${message}` }], { cause: error });
  }
  return parseWorld(text, filePath);
}
