import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import vue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

const nodeOnly = ['electron', 'electron-store', 'axios', 'conf', 'electron-log']

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'e2e/screenshots/**',
      'test-results/**',
      'playwright-report/**',
      'bin/**',
      '.reports/**',
      '.tools/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    // Plain Node scripts (the test runner).
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } }
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } }
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' }
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'vue/no-v-html': 'error',
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/multi-word-component-names': 'off'
    }
  },
  {
    // The core, shared code, CLI and sandbox never touch Electron (DESIGN.md §1).
    files: ['src/core/**', 'src/shared/**', 'src/cli/**', 'src/sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Core code takes Electron services as interfaces (DESIGN.md §1).'
            },
            { name: 'electron-store', message: 'Open stores through the injected store factory.' },
            { name: 'electron-log', message: 'Log through the injected logger.' }
          ]
        }
      ]
    }
  },
  {
    // The renderer is untrusted and has no Node: it talks to main through window.flowx only.
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly.map((name) => ({
            name,
            message: 'The renderer reaches main only through window.flowx.'
          })),
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'http', 'https', 'crypto'],
              message: 'No Node modules in the renderer.'
            }
          ]
        }
      ]
    }
  },
  {
    // Only the stores reach the bridge (STYLE.md A8).
    files: [
      'src/renderer/src/**/*.vue',
      'src/renderer/src/components/**',
      'src/renderer/src/views/**'
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'flowx',
          message: 'Use a Pinia store; only stores call the bridge.'
        }
      ]
    }
  },
  {
    // Timers are globals in Node and in the renderer; declared, so no-implied-eval sees
    // setTimeout('code') and window.setTimeout('code') (the DOM types accept a string).
    files: ['src/**', 'e2e/**', 'scripts/**'],
    languageOptions: {
      globals: {
        setTimeout: 'readonly',
        setInterval: 'readonly',
        window: 'readonly',
        globalThis: 'readonly'
      }
    }
  },
  {
    // One wrapper registers every IPC handler (security.md IPC-2).
    files: ['src/main/**'],
    ignores: ['src/main/ipc.ts', 'src/main/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='handle'][callee.object.name='ipcMain']",
          message: 'Register handlers through registerHandlers in src/main/ipc.ts.'
        }
      ]
    }
  },
  prettier
)
