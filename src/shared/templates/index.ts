/** The template engine: `{{variables}}`, `{{$built-ins}}` and `{{?prompts}}` (DESIGN.md §8). */
export * from './scan'
export * from './resolve'
export * from './builtins'
export * from './launch'
export * from './shown-value'
