/**
 * The GraphQL explorer: GraphiQL 3 from the project's own node_modules (its
 * UMD build on React 18), because Apollo's landing page loads from a CDN and
 * is blank offline. Served on GET /graphql when the browser asks for HTML.
 */
import type { Request } from 'express';

/**
 * A browser navigating to /graphql prefers text/html; curl (Accept: *\/*) and
 * GraphQL clients prefer JSON, so they keep getting the API.
 */
export function wantsHtml(req: Request): boolean {
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/** The query shown on a first visit (GraphiQL keeps the user's tabs in localStorage after that). */
export const EXPLORER_DEFAULT_QUERY = `# Baeumteo: Seoul's lifelong-learning network in one graph.
# Press the run button (or Ctrl-Enter). The Docs panel lists every type.
{
  districts {
    code
    nameKo
    nameEn
    coverage { dongCount dongsWithCenter expertCount programCount }
    educationOffice { nameEn }
  }
}
`;

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function explorerHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <title>Baeumteo GraphQL explorer · 배움터 GraphQL 탐색기</title>
  <link rel="stylesheet" href="/assets/vendor/graphiql.min.css">
  <link rel="stylesheet" href="/assets/explorer.css">
</head>
<body>
  <header class="explorer-bar">
    <strong lang="ko">배움터</strong> <span>Baeumteo GraphQL explorer</span>
    <nav aria-label="Pages"><a href="/network">네트워크 지도 · Network map</a></nav>
  </header>
  <main id="graphiql" data-endpoint="/graphql" data-default-query="${escapeAttribute(EXPLORER_DEFAULT_QUERY)}">
    <p class="explorer-loading">Loading the explorer… · 탐색기를 불러오는 중…</p>
  </main>
  <script src="/assets/vendor/react.production.min.js"></script>
  <script src="/assets/vendor/react-dom.production.min.js"></script>
  <script src="/assets/vendor/graphiql.min.js"></script>
  <script src="/assets/explorer.js"></script>
</body>
</html>
`;
}
