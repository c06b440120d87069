/** The README's GraphQL examples, extracted at build time (the readme-operations plugin in vite.config.mts). */
declare module 'virtual:readme-operations' {
  export const README_OPERATIONS: string[];
}
