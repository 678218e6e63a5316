/** An error answer of our own HTTP API: `{ error: { code, message } }` with its status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** GETs or POSTs JSON from our API and throws `ApiError` for non-2xx answers. */
export async function fetchJson(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = readErrorBody(body);
    throw new ApiError(response.status, error.code, error.message);
  }
  return body;
}

function readErrorBody(body: unknown): { code: string; message: string } {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
      return { code: String(error.code), message: String(error.message) };
    }
  }
  return { code: 'http_error', message: 'The server answered with an error and no details.' };
}
