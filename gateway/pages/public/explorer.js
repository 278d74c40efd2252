// Starts GraphiQL (UMD globals React, ReactDOM, GraphiQL) against this gateway's /graphql.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  if (!window.React || !window.ReactDOM || !window.GraphiQL) {
    root.textContent = 'The explorer scripts did not load. · 탐색기 스크립트를 불러오지 못했습니다.';
    return;
  }
  var fetcher = window.GraphiQL.createFetcher({ url: root.getAttribute('data-endpoint') });
  window.ReactDOM.createRoot(root).render(
    window.React.createElement(window.GraphiQL, {
      fetcher: fetcher,
      defaultQuery: root.getAttribute('data-default-query'),
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
