/**
 * The command line: the same diagnosis as the dashboard, from a terminal or CI.
 *
 *   npm run cli -- diagnose --from <namespace>/<pod> --to <destination> [--port N] [--protocol tcp|udp|sctp] [--cluster C] [--json] [--world FILE]
 *   npm run cli -- diagnose --batch requests.jsonl [--world FILE]
 *   npm run cli -- scenarios [--world FILE] [--json]
 *   npm run cli -- audit --cluster C (--namespace N | --workload ns/kind/name | --all) (--to D | --to-file F) [--port P] [--json|--csv] [--world FILE]
 *
 * It reads the current kubeconfig and cloud credentials like the server does; with
 * `--world` it starts a sandbox for that world on free loopback ports first.
 * Exit codes: 0 reachable, 1 blocked, 2 unknown, 3 bad input (an audit: 0 when every pod
 * reaches every destination, 1 when any is blocked, else 2).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { Diagnosis, Protocol, Verdict } from '@/lib/analysis/model';
import { localeFromEnvironment } from '@/lib/i18n/locales';

import { auditBody, auditCsv, AuditUsageError, formatAudit, type AuditOptions } from './cli-audit';
import { formatDiagnosis, formatScenarioTable, type ScenarioOutcome } from './cli-format';

const EXIT = { reachable: 0, blocked: 1, unknown: 2, badInput: 3 } as const;

class UsageError extends Error {}

const usage = `Usage:
  npm run cli -- diagnose --from <namespace>/<pod> --to <destination> [--port N] [--protocol tcp|udp|sctp] [--cluster C] [--json] [--world FILE]
  npm run cli -- diagnose --batch <requests.jsonl> [--world FILE]
  npm run cli -- scenarios [--world FILE] [--json]
  npm run cli -- audit [--cluster C] (--namespace N | --workload ns/kind/name | --all) (--to D | --to-file F) [--port P] [--protocol tcp|udp|sctp] [--json | --csv] [--world FILE]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      port: { type: 'string' },
      protocol: { type: 'string' },
      cluster: { type: 'string' },
      json: { type: 'boolean', default: false },
      world: { type: 'string' },
      batch: { type: 'string' },
      namespace: { type: 'string' },
      workload: { type: 'string' },
      all: { type: 'boolean', default: false },
      'to-file': { type: 'string' },
      csv: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help || command === undefined) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : EXIT.badInput;
  }
  if (command !== 'diagnose' && command !== 'scenarios' && command !== 'audit') throw new UsageError(`Unknown command “${command}”.`);

  const sandbox = values.world || command === 'scenarios' ? await startWorldSandbox(values.world ?? 'lib/sandbox/worlds/demo.yaml') : null;
  try {
    if (command === 'scenarios') return await runScenarios(sandbox?.scenarios ?? [], values.json);
    if (command === 'audit') return await runAuditCommand({ ...values, to: values.to === undefined ? undefined : [values.to] });
    if (values.batch) return await runBatch(values.batch);
    return await runOne(values);
  } finally {
    await sandbox?.close();
  }
}

interface WorldSandbox {
  scenarios: Array<{ id: string; cluster: string; namespace: string; pod: string; destination: string; port: number; protocol: Protocol; expect: { verdict: Verdict; blockingHop: string | null } }>;
  close(): Promise<void>;
}

/** Starts the sandbox and points this process's environment at it, as the demo does for the server. */
async function startWorldSandbox(worldFile: string): Promise<WorldSandbox> {
  const [{ loadWorldFile }, { startSandbox }] = await Promise.all([import('@/lib/sandbox/world/load'), import('@/lib/sandbox')]);
  const world = loadWorldFile(worldFile);
  const outDir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-'));
  const sandbox = await startSandbox({ world, outDir });
  Object.assign(process.env, sandbox.env);
  return {
    scenarios: world.scenarios,
    async close() {
      await sandbox.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

async function diagnoseBody(body: unknown): Promise<Diagnosis> {
  const [{ diagnosisRequestSchema }, { diagnose }, { defaultCluster }] = await Promise.all([
    import('@/lib/schemas/destination'),
    import('@/lib/diagnose/diagnose'),
    import('@/lib/diagnose/clusters'),
  ]);
  const parsed = diagnosisRequestSchema.safeParse(body);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '));
  const request = parsed.data;
  return diagnose({ cluster: request.cluster ?? defaultCluster(), namespace: request.namespace, pod: request.pod, destination: request.destination, host: request.host, port: request.port, protocol: request.protocol });
}

async function runOne(values: { from?: string; to?: string; port?: string; protocol?: string; cluster?: string; json: boolean }): Promise<number> {
  if (!values.from || !values.to) throw new UsageError('diagnose needs --from <namespace>/<pod> and --to <destination>.');
  const [namespace, pod, extra] = values.from.split('/');
  if (!namespace || !pod || extra !== undefined) throw new UsageError(`--from must be <namespace>/<pod>, not “${values.from}”.`);
  const diagnosis = await diagnoseBody({ cluster: values.cluster, namespace, pod, destination: values.to, port: values.port, protocol: values.protocol });
  process.stdout.write(values.json ? `${JSON.stringify(diagnosis, null, 2)}\n` : formatDiagnosis(diagnosis, localeFromEnvironment(process.env)));
  return EXIT[diagnosis.verdict];
}

/**
 * One JSON request a line in, one Diagnosis a line out. A line that cannot be diagnosed (not
 * JSON, not a request, an unknown pod, an upstream failure) gives one error record
 * `{ line, error: { code, message } }` and the batch goes on; the exit code is the worst one.
 */
async function runBatch(file: string): Promise<number> {
  const lines = (await readFile(file, 'utf8')).split('\n').map((text, index) => ({ number: index + 1, text: text.trim() }));
  let worst: number = EXIT.reachable;
  for (const { number, text } of lines) {
    if (text === '' || text.startsWith('#')) continue;
    const outcome = await diagnoseLine(text);
    process.stdout.write(`${JSON.stringify('diagnosis' in outcome ? outcome.diagnosis : { line: number, error: outcome.error })}\n`);
    worst = Math.max(worst, 'diagnosis' in outcome ? EXIT[outcome.diagnosis.verdict] : outcome.exit);
  }
  return worst;
}

async function diagnoseLine(text: string): Promise<{ diagnosis: Diagnosis } | { error: { code: string; message: string }; exit: number }> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { error: { code: 'bad_input', message: `not JSON (${error instanceof Error ? error.message : String(error)})` }, exit: EXIT.badInput };
  }
  try {
    return { diagnosis: await diagnoseBody(body) };
  } catch (error) {
    if (error instanceof UsageError) return { error: { code: 'bad_input', message: error.message }, exit: EXIT.badInput };
    if (error instanceof Error && error.name === 'BadRequestError') {
      const code = 'code' in error && typeof error.code === 'string' ? error.code : 'bad_input';
      return { error: { code, message: error.message }, exit: EXIT.badInput };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { error: { code: 'upstream', message }, exit: EXIT.unknown };
  }
}

async function runAuditCommand(options: AuditOptions): Promise<number> {
  const [{ auditRequestSchema, auditVerdict }, { runAudit }, { defaultCluster, requireCluster }] = await Promise.all([
    import('@/lib/schemas/audit'),
    import('@/lib/fleet/run-audit'),
    import('@/lib/diagnose/clusters'),
  ]);
  let body: unknown;
  try {
    body = await auditBody(options);
  } catch (error) {
    throw error instanceof AuditUsageError ? new UsageError(error.message) : error;
  }
  const parsed = auditRequestSchema.safeParse(body);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '));
  const cluster = parsed.data.cluster ?? defaultCluster();
  requireCluster(cluster);
  const result = await runAudit({ cluster, scope: parsed.data.scope, destinations: parsed.data.destinations });
  process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : options.csv ? auditCsv(result) : formatAudit(result));
  if (result.podCount === 0) {
    process.stderr.write('no running or pending pod in scope: nothing was checked\n');
    return EXIT.unknown;
  }
  return EXIT[auditVerdict(result)];
}

async function runScenarios(scenarios: WorldSandbox['scenarios'], json: boolean): Promise<number> {
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of scenarios) {
    const diagnosis = await diagnoseBody(scenario);
    outcomes.push({
      id: scenario.id,
      expected: scenario.expect,
      actual: { verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop },
      matches: diagnosis.verdict === scenario.expect.verdict && diagnosis.blockingHop === scenario.expect.blockingHop,
    });
  }
  process.stdout.write(json ? `${JSON.stringify(outcomes, null, 2)}\n` : formatScenarioTable(outcomes));
  return outcomes.every((outcome) => outcome.matches) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`error: ${error.message}\n\n${usage}\n`);
      process.exit(EXIT.badInput);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exit(error instanceof Error && error.name === 'BadRequestError' ? EXIT.badInput : EXIT.unknown);
  },
);
