/** Pagination loops of the Describe* actions: every adapter reads to the last page. */
import 'server-only';

/** Upper bound on pages read for one listing; more means a paging bug, not a big account. */
const maxPages = 1000;

/** Reads pages by NextToken until the token comes back empty. */
export async function collectByToken<T>(
  fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const { items, nextToken } = await fetchPage(token);
    all.push(...items);
    if (!nextToken) return all;
    token = nextToken;
  }
  throw new Error(`invariant: more than ${maxPages} pages (NextToken never came back empty)`);
}

/** Reads pages by PageNumber until a short page or TotalCount is reached. */
export async function collectByNumber<T>(
  pageSize: number,
  fetchPage: (pageNumber: number) => Promise<{ items: T[]; totalCount?: number }>,
): Promise<T[]> {
  const all: T[] = [];
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber += 1) {
    const { items, totalCount } = await fetchPage(pageNumber);
    all.push(...items);
    if (items.length < pageSize || (totalCount !== undefined && all.length >= totalCount)) return all;
  }
  throw new Error(`invariant: more than ${maxPages} pages of ${pageSize}`);
}
