/**
 * A parser for CoreDNS's Corefile (the Caddyfile syntax): server blocks with their keys, and
 * in each the directives with their arguments and nested blocks. Snippets `(name) { … }` are
 * expanded where `import name` names them; `#` starts a comment; double quotes group a token.
 * It knows nothing of the plugins: corefile-plugins.ts reads those. Pure.
 */

/** One directive line: `forward . 10.0.0.53 { policy sequential }`. */
export interface CorefileDirective {
  name: string;
  args: string[];
  /** The lines of its `{ … }` block, empty when it has none. */
  block: CorefileDirective[];
  /** 1-based line of the directive in the Corefile. */
  line: number;
}

/** One server block: `example.org:53 example.net:53 { … }`. */
export interface CorefileServerBlock {
  /** The keys as written (`.:53`, `dns://example.org`, `10.0.0.0/8`). */
  keys: string[];
  directives: CorefileDirective[];
  /** 1-based lines of the keys and of the closing brace. */
  line: number;
  endLine: number;
}

export type CorefileParse = { kind: 'ok'; blocks: CorefileServerBlock[] } | { kind: 'invalid'; message: string; line: number };

interface Token {
  text: string;
  line: number;
  quoted: boolean;
}

class CorefileSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function readQuoted(text: string, start: number, line: number): { value: string; end: number; lines: number } {
  let value = '';
  let lines = 0;
  for (let index = start + 1; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\\' && text[index + 1] === '"') {
      value += '"';
      index += 1;
    } else if (char === '"') {
      return { value, end: index + 1, lines };
    } else {
      if (char === '\n') lines += 1;
      value += char;
    }
  }
  throw new CorefileSyntaxError('a quoted token is not closed', line);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char === '\n') {
      line += 1;
      index += 1;
    } else if (/\s/.test(char)) {
      index += 1;
    } else if (char === '#') {
      while (index < text.length && text[index] !== '\n') index += 1;
    } else if (char === '"') {
      const quoted = readQuoted(text, index, line);
      tokens.push({ text: quoted.value, line, quoted: true });
      line += quoted.lines;
      index = quoted.end;
    } else {
      let end = index;
      while (end < text.length && !/\s/.test(text[end] ?? '') && text[end] !== '"') end += 1;
      const word = text.slice(index, end);
      // NOTE: `.:53{` and `}` glued to a word are accepted, as Caddy accepts them.
      if (word.length > 1 && word.endsWith('{')) tokens.push({ text: word.slice(0, -1), line, quoted: false }, { text: '{', line, quoted: false });
      else tokens.push({ text: word, line, quoted: false });
      index = end;
    }
  }
  return tokens;
}

const isOpen = (token: Token | undefined): boolean => token?.text === '{' && !token.quoted;
const isClose = (token: Token | undefined): boolean => token?.text === '}' && !token.quoted;

/** Directives until the closing brace at `start` depth; returns them and the index after the brace. */
function parseBody(tokens: Token[], start: number, openLine: number): { directives: CorefileDirective[]; next: number; endLine: number } {
  const directives: CorefileDirective[] = [];
  let index = start;
  while (index < tokens.length) {
    const first = tokens[index];
    if (first === undefined) break;
    if (isClose(first)) return { directives, next: index + 1, endLine: first.line };
    if (isOpen(first)) throw new CorefileSyntaxError('a block opens without a directive', first.line);
    const args: string[] = [];
    let cursor = index + 1;
    while (cursor < tokens.length && tokens[cursor]?.line === first.line && !isOpen(tokens[cursor]) && !isClose(tokens[cursor])) {
      args.push(tokens[cursor]?.text ?? '');
      cursor += 1;
    }
    let block: CorefileDirective[] = [];
    if (isOpen(tokens[cursor])) {
      const nested = parseBody(tokens, cursor + 1, first.line);
      block = nested.directives;
      cursor = nested.next;
    }
    directives.push({ name: first.text, args, block, line: first.line });
    index = cursor;
  }
  throw new CorefileSyntaxError('a block is not closed', openLine);
}

function expandImports(directives: CorefileDirective[], snippets: ReadonlyMap<string, CorefileDirective[]>, depth = 0): CorefileDirective[] {
  if (depth > 10) throw new CorefileSyntaxError('snippets import each other in a loop', directives[0]?.line ?? 0);
  return directives.flatMap((directive) => {
    if (directive.name !== 'import') return [{ ...directive, block: expandImports(directive.block, snippets, depth) }];
    const snippet = snippets.get(directive.args[0] ?? '');
    // NOTE: `import` of a file cannot be followed here; it is kept as a directive so the caller can say so.
    return snippet ? expandImports(snippet, snippets, depth + 1) : [directive];
  });
}

/**
 * The server blocks of `text`, snippets expanded; `invalid` with the line when the braces or
 * quotes do not balance (CoreDNS would refuse to start or to reload such a Corefile).
 */
export function parseCorefile(text: string): CorefileParse {
  try {
    const tokens = tokenize(text);
    const snippets = new Map<string, CorefileDirective[]>();
    const raw: CorefileServerBlock[] = [];
    let index = 0;
    while (index < tokens.length) {
      const first = tokens[index];
      if (first === undefined) break;
      const keys: string[] = [];
      while (index < tokens.length && !isOpen(tokens[index])) {
        const token = tokens[index];
        if (isClose(token)) throw new CorefileSyntaxError('a closing brace without a block', token?.line ?? first.line);
        keys.push(...(token?.text ?? '').split(',').filter((key) => key !== ''));
        index += 1;
      }
      if (index >= tokens.length) throw new CorefileSyntaxError(`server block ${keys.join(' ')} has no { … }`, first.line);
      const body = parseBody(tokens, index + 1, first.line);
      index = body.next;
      const name = /^\((.+)\)$/.exec(keys[0] ?? '')?.[1];
      if (name !== undefined && keys.length === 1) snippets.set(name, body.directives);
      else raw.push({ keys, directives: body.directives, line: first.line, endLine: body.endLine });
    }
    return { kind: 'ok', blocks: raw.map((block) => ({ ...block, directives: expandImports(block.directives, snippets) })) };
  } catch (error) {
    if (error instanceof CorefileSyntaxError) return { kind: 'invalid', message: error.message, line: error.line };
    throw error;
  }
}

/** Sub-directives whose arguments are credentials (route53, tsig, etcd, azure, clouddns, forward/tls). */
const SECRET_DIRECTIVES = new Set(['aws_access_key', 'secret', 'credentials', 'client_secret', 'password', 'tenant', 'subscription']);

/**
 * The Corefile with the arguments of credential-bearing lines (`aws_access_key`, `secret`,
 * `credentials`, `client_secret`, `password`, …) replaced by `<redacted>`, so it can be saved
 * beside a diagnosis; the name-resolution plugins are left as they are.
 */
export function redactCorefile(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const match = /^(\s*)(\S+)(\s+)(.*)$/.exec(line);
      return match && SECRET_DIRECTIVES.has(match[2] ?? '') ? `${match[1]}${match[2]}${match[3]}<redacted>` : line;
    })
    .join('\n');
}
