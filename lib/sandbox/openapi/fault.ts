/**
 * Errors the sandbox OpenAPI endpoint answers with, in the shape Alibaba Cloud uses:
 * an HTTP status plus `{ RequestId, HostId, Code, Message, Recommend }`.
 */

/** An error response the sandbox sends instead of a result. */
export class OpenApiFault extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'OpenApiFault';
    this.status = status;
    this.code = code;
  }
}

/** 400 MissingParameter, worded like the real gateway. */
export function missingParameter(name: string): OpenApiFault {
  return new OpenApiFault(
    400,
    'MissingParameter',
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );
}

/** 400 InvalidParameter (or a more specific `code`) for a malformed value. */
export function invalidParameter(name: string, value: string, code = 'InvalidParameter'): OpenApiFault {
  return new OpenApiFault(400, code, `The specified parameter "${name}" is not valid: "${value}".`);
}

/** 404 for a resource id the world does not hold, with the action's real error code. */
export function resourceNotFound(code: string, id: string): OpenApiFault {
  return new OpenApiFault(404, code, `The specified resource "${id}" does not exist.`);
}
