import https from 'node:https';

/** GETs `url` trusting only `ca`; resolves with the status and the parsed JSON body. */
export function httpsGetJson(
  url: string,
  options: { ca: string; token?: string; accept?: string },
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    if (options.accept !== undefined) headers.Accept = options.accept;
    https
      .get(url, { ca: options.ca, headers }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
          } catch (error) {
            reject(new Error(`not JSON: ${text}`, { cause: error }));
          }
        });
      })
      .on('error', reject);
  });
}
