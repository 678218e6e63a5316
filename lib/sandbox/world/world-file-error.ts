/**
 * The error a broken world file raises: one message that names the file, and for
 * each problem the path inside the file and what is wrong with it.
 */

/** One problem found in a world file. */
export interface WorldProblem {
  /** Path inside the file, e.g. `clusters[0].objects[3].metadata.name`; empty for the whole file. */
  path: string;
  /** What is wrong, in plain words. */
  message: string;
}

/** How many problems the message lists before it summarises the rest. */
export const MAX_LISTED_PROBLEMS = 10;

/** Formats a path of keys and indexes the way the message shows it: `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
    } else {
      const name = String(key);
      text += /^[A-Za-z_$][\w$-]*$/.test(name) ? (text === '' ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    }
  }
  return text;
}

function formatMessage(fileName: string, problems: ReadonlyArray<WorldProblem>): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => {
    const where = problem.path === '' ? '(file)' : problem.path;
    return `  - ${where}: ${problem.message}`;
  });
  const rest = problems.length - listed.length;
  if (rest > 0) listed.push(`  … and ${rest} more`);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${fileName}: invalid world file, ${count}:\n${listed.join('\n')}`;
}

/** A world file that cannot be read, does not match the schema, or refers to things it does not hold. */
export class WorldFileError extends Error {
  /** The file name as given to the loader. */
  readonly fileName: string;
  /** Every problem found (the message lists the first ten). */
  readonly problems: ReadonlyArray<WorldProblem>;

  constructor(fileName: string, problems: ReadonlyArray<WorldProblem>, options?: { cause?: unknown }) {
    super(formatMessage(fileName, problems), options);
    this.name = 'WorldFileError';
    this.fileName = fileName;
    this.problems = problems;
  }
}
