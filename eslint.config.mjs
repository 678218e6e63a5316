import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const ioModules = [
  'fs', 'node:*', 'http', 'https', 'net', 'dns', 'child_process',
  '@kubernetes/client-node', '@alicloud/*', 'react', 'react-dom', 'next', 'next/*',
  '@/lib/k8s/*', '@/lib/alicloud/*', '@/lib/diagnose/*', '@/lib/store/*', '@/lib/sandbox/*', '@/lib/env',
];

const config = [
  { ignores: ['.next/**', 'node_modules/**', '.sandbox/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTypescript,
  {
    files: ['lib/analysis/**/*.ts', 'lib/fixes/**/*.ts', 'lib/gates/**/*.ts'],
    // The appliers talk to the cluster and the cloud (STYLE.md §1: fix appliers are server only);
    // a gate's reader and sandbox part are its I/O edges (docs/adding-a-gate.md), as are the
    // registry's I/O halves and the gates' tests (which run the sandbox).
    ignores: ['lib/fixes/apply/**', 'lib/gates/readers.ts', 'lib/gates/sandbox.ts', 'lib/gates/*/read.ts', 'lib/gates/*/sandbox.ts', 'lib/gates/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ioModules.map((group) => ({ group: [group], message: 'lib/analysis is pure: no I/O, SDKs, React or Next.js.' })) }],
      'no-restricted-globals': ['error', 'fetch', 'process', 'console'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now' }, { object: 'Math', property: 'random' }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/k8s/**', 'lib/alicloud/**', 'lib/diagnose/**', 'lib/queries/**', 'lib/gates/readers.ts', 'lib/gates/*/read.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/lib/sandbox/*', '@/lib/sandbox'], message: 'The sandbox is started by scripts and tests, never imported by the app.' }] }],
    },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
];

export default config;
