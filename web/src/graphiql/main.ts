/**
 * GraphiQL at /graphiql, served from our own assets so that the explorer works without the
 * internet (Apollo Sandbox loads from a CDN). GraphiQL 4 (CodeMirror 5, no web workers) runs
 * under the dashboard's strict CSP; only its inlined fonts need `font-src data:`
 * (src/web/static-site.ts). React is GraphiQL's; the dashboard itself stays Preact.
 */
import 'graphiql/style.css';
import './page.css';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { README_OPERATIONS } from 'virtual:readme-operations';
import { verdictsFetcher } from './fetcher';

/** Where a key goes (`Bearer <key>`); left empty, it is not sent (fetcher.ts). */
const KEY_HEADER = JSON.stringify({ Authorization: '' }, null, 2);

const root = document.getElementById('graphiql');
if (root !== null) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher: verdictsFetcher,
      // The README's examples, one tab each; a key goes in the Headers editor.
      defaultTabs: README_OPERATIONS.map((query) => ({ query, headers: KEY_HEADER })),
      defaultHeaders: KEY_HEADER,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
    }),
  );
}
