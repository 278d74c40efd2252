/**
 * The network page for analysts and the public: the shell of /network. The
 * page itself is plain JavaScript modules in public/network/ that read the
 * shipped GeoJSON and query /graphql like any other frontend.
 */
export function networkHtml(): string {
  return `<!doctype html>
<html lang="ko">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <title>배움터 협력 네트워크 · Baeumteo cooperation network</title>
  <link rel="stylesheet" href="/assets/network/network.css">
</head>
<body>
  <a class="skip" href="#search" data-i18n="skipToSearch">프로그램 검색으로 건너뛰기</a>
  <header class="top">
    <h1><span data-i18n="title">서울 동네배움터 협력 네트워크</span></h1>
    <nav aria-label="Pages">
      <a href="/graphql" data-i18n="explorer">GraphQL 탐색기</a>
      <button type="button" id="language" aria-describedby="language-hint"></button>
      <span id="language-hint" class="visually-hidden" data-i18n="languageHint">언어 바꾸기</span>
    </nav>
  </header>
  <main class="layout">
    <section class="map-panel" aria-labelledby="map-heading">
      <h2 id="map-heading" data-i18n="mapHeading">자치구별 현황</h2>
      <div class="map-controls">
        <label for="metric" data-i18n="colourBy">색상 기준</label>
        <select id="metric"></select>
        <label><input type="checkbox" id="show-dongs" checked> <span data-i18n="showDongs">행정동 경계</span></label>
      </div>
      <div class="timeline">
        <label for="timeline" data-i18n="timeline">연도별 확산</label>
        <input type="range" id="timeline" min="2019" max="2019" step="1" value="2019" aria-describedby="timeline-summary">
        <output id="timeline-year" for="timeline"></output>
        <p id="timeline-summary" class="status" aria-live="polite"></p>
      </div>
      <div id="map" class="map" role="group" aria-labelledby="map-heading" aria-describedby="map-hint">
        <p class="status" data-i18n="loading">불러오는 중…</p>
      </div>
      <p id="map-hint" class="hint" data-i18n="mapHint">자치구를 누르면(또는 Tab으로 이동해 Enter) 학습센터와 협력기관이 보입니다.</p>
      <div id="legend" class="legend" aria-live="polite"></div>
      <p class="status" id="city-summary" aria-live="polite"></p>
      <section class="notices" aria-labelledby="notices-heading">
        <h3 id="notices-heading" data-i18n="noticesHeading">지금 알림</h3>
        <ul id="notices" class="notice-list"></ul>
      </section>
    </section>
    <section class="district-panel" aria-labelledby="district-heading" aria-live="polite">
      <h2 id="district-heading" data-i18n="districtHeading">자치구</h2>
      <label for="district-select" data-i18n="chooseDistrict">자치구 선택</label>
      <select id="district-select"></select>
      <div id="district"><p class="hint" data-i18n="pickDistrict">지도에서 자치구를 고르세요.</p></div>
      <div id="graph-section" hidden>
        <h3 data-i18n="graphHeading">연결 그래프</h3>
        <div id="graph" class="graph" role="img" aria-label=""></div>
        <div id="graph-legend" class="legend"></div>
      </div>
    </section>
    <section class="search-panel" id="search" aria-labelledby="search-heading">
      <h2 id="search-heading" data-i18n="searchHeading">프로그램 검색</h2>
      <form id="search-form" class="search-form" role="search">
        <label><span data-i18n="searchText">제목</span> <input type="search" name="text" id="search-text" autocomplete="off"></label>
        <label><span data-i18n="track">분야(트랙)</span> <select name="track" id="search-track"></select></label>
        <label><span data-i18n="district">자치구</span> <select name="district" id="search-district"></select></label>
        <label><input type="checkbox" name="seats" id="search-seats"> <span data-i18n="seatsOnly">자리 있는 것만</span></label>
        <button type="submit" data-i18n="searchButton">검색</button>
      </form>
      <p id="search-count" class="status" aria-live="polite"></p>
      <ol id="results" class="results"></ol>
      <button type="button" id="more" hidden data-i18n="more">더 보기</button>
    </section>
  </main>
  <footer class="foot"><p data-i18n="attribution">지도: 통계청 SGIS 행정구역 경계(vuski/admdongkor, CC BY 4.0). 학습센터·협력·프로그램은 생성된 예시 데이터입니다.</p></footer>
  <script src="/assets/vendor/cytoscape.min.js"></script>
  <script type="module" src="/assets/network/main.js"></script>
</body>
</html>
`;
}
