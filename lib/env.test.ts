import { afterEach, describe, expect, it } from 'vitest';

import { GET as healthz } from '@/app/api/healthz/route';

import { ConfigurationError, envProblems, getEnv, resetEnvForTests } from './env';

const names = ['EGRESS_DOCTOR_FIXES_ENABLED', 'EGRESS_DOCTOR_PUBLIC_ORIGIN', 'EGRESS_DOCTOR_SECRET', 'EGRESS_DOCTOR_TRUSTED_PROXY', 'EGRESS_DOCTOR_REQUIRE_IDENTITY'] as const;
const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));

function setEnv(values: Partial<Record<(typeof names)[number], string>>): void {
  for (const name of names) {
    const value = values[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
}

afterEach(() => {
  for (const name of names) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetEnvForTests();
});

describe('settings', () => {
  const rows: Array<{ name: string; env: Parameters<typeof setEnv>[0]; problems: string[] }> = [
    { name: 'defaults parse', env: {}, problems: [] },
    { name: 'EGRESS_DOCTOR_FIXES_ENABLED=yes is named', env: { EGRESS_DOCTOR_FIXES_ENABLED: 'yes' }, problems: ['EGRESS_DOCTOR_FIXES_ENABLED: must be true or false (or 1 / 0)'] },
    { name: 'a short secret is refused without echoing it', env: { EGRESS_DOCTOR_SECRET: 'hunter2' }, problems: ['EGRESS_DOCTOR_SECRET: must be at least 32 characters (e.g. openssl rand -base64 48)'] },
    {
      name: 'a public origin with a path is refused',
      env: { EGRESS_DOCTOR_PUBLIC_ORIGIN: 'https://doctor.example.com/app' },
      problems: ['EGRESS_DOCTOR_PUBLIC_ORIGIN: “https://doctor.example.com/app” is not an origin: write scheme://host[:port], e.g. https://egress-doctor.example.com'],
    },
    {
      name: 'requiring an identity needs the trusted proxy',
      env: { EGRESS_DOCTOR_REQUIRE_IDENTITY: 'true' },
      problems: ['EGRESS_DOCTOR_REQUIRE_IDENTITY: needs EGRESS_DOCTOR_TRUSTED_PROXY=true (the identity header is believed only from a trusted proxy)'],
    },
  ];
  it.each(rows)('$name', ({ env, problems }) => {
    setEnv(env);
    expect(envProblems()).toStrictEqual(problems);
  });

  it('getEnv throws a ConfigurationError (503), not a ZodError (400)', () => {
    setEnv({ EGRESS_DOCTOR_FIXES_ENABLED: 'yes' });
    expect(() => getEnv()).toThrow(ConfigurationError);
  });

  it('parses the public origins into a list', () => {
    setEnv({ EGRESS_DOCTOR_PUBLIC_ORIGIN: 'https://doctor.example.com/, http://10.0.0.5:3000' });
    expect(getEnv().EGRESS_DOCTOR_PUBLIC_ORIGIN).toStrictEqual(['https://doctor.example.com', 'http://10.0.0.5:3000']);
  });

  it('/api/healthz answers 503 with the problems, 200 when they are fixed', async () => {
    setEnv({ EGRESS_DOCTOR_FIXES_ENABLED: 'yes' });
    const bad = healthz();
    setEnv({});
    const good = healthz();
    expect([bad.status, await bad.json(), good.status, await good.json()]).toStrictEqual([
      503,
      { status: 'invalid_configuration', problems: ['EGRESS_DOCTOR_FIXES_ENABLED: must be true or false (or 1 / 0)'] },
      200,
      { status: 'ok' },
    ]);
  });
});
