// The network page: wires the map, the district panel and the program search together.

import { COVERAGE_QUERY, DONG_OPENINGS_QUERY, gql } from './api.js';
import { graphLegendHtml, renderDistrict, showDistrict } from './district.js';
import { applyLanguage, lang, nameOf, onLanguageChange, setLanguage, t } from './i18n.js';
import { drawMap, legendHtml } from './map.js';
import { showNotices } from './notices.js';
import { setUpSearch } from './search.js';
import { firstOpenings } from './timeline.js';

const $ = (id) => document.getElementById(id);

/** What the map can be coloured by: a value per district from its coverage. */
const METRICS = {
  programsPerDong: { value: (c) => c.publishedProgramCount / c.dongCount, format: (v) => v.toFixed(1) },
  partnershipsPerCenter: {
    value: (c) => (c.centerCount ? c.activePartnershipCount / c.centerCount : 0),
    format: (v) => v.toFixed(2),
  },
  centerShare: { value: (c) => (100 * c.dongsWithCenter) / c.dongCount, format: (v) => v.toFixed(0) },
  experts: { value: (c) => c.expertCount, format: (v) => v.toFixed(0) },
};

const state = {
  coverage: null,
  byCode: new Map(),
  map: null,
  metric: 'programsPerDong',
  view: null,
  selected: null,
  openedOn: new Map(),
};

function fillMetricSelect() {
  const select = $('metric');
  select.innerHTML = Object.keys(METRICS)
    .map((key) => `<option value="${key}">${t(`metric_${key}`)}</option>`)
    .join('');
  select.value = state.metric;
}

function fillDistrictSelect() {
  const select = $('district-select');
  const options = [...state.byCode.values()].map(
    ({ district }) => `<option value="${district.code}">${nameOf(district)}</option>`,
  );
  select.innerHTML = `<option value="">—</option>${options.join('')}`;
  select.value = state.selected ?? '';
}

function colourMap() {
  if (!state.map) return;
  const metric = METRICS[state.metric];
  const values = new Map([...state.byCode].map(([code, coverage]) => [code, metric.value(coverage)]));
  const classes = state.map.colour(values, metric.format);
  state.map.relabel(state.byCode, t(`metric_${state.metric}`));
  $('legend').innerHTML = legendHtml(classes, metric.format, t(`metric_${state.metric}`));
  $('city-summary').textContent = t('citySummary', state.coverage);
}

/** The timeline: the rollout of the chosen year, and the dongs whose center had opened by its counted day. */
function showYear() {
  const year = state.coverage?.rollout.find((y) => y.year === Number($('timeline').value));
  if (!year || !state.map) return;
  $('timeline-year').textContent = String(year.year);
  $('timeline-summary').textContent = t('timelineSummary', year);
  state.map.markDongs((code) => (state.openedOn.get(code) ?? '9999') <= year.countedOn);
}

function setUpTimeline() {
  const years = state.coverage.rollout.map((y) => y.year);
  const slider = $('timeline');
  slider.min = String(years[0]);
  slider.max = String(years.at(-1));
  slider.value = slider.max;
  slider.addEventListener('input', showYear);
  showYear();
}

async function select(code) {
  if (!code) return;
  state.selected = code;
  state.map.select(code);
  $('district-select').value = code;
  const panel = $('district');
  panel.setAttribute('aria-busy', 'true');
  try {
    $('graph-section').hidden = false; // cytoscape needs a visible container to lay out
    state.view = await showDistrict(code, state.byCode.get(code), panel, $('graph'));
  } catch (error) {
    panel.innerHTML = `<p class="error" role="alert">${t('error', error.message)}</p>`;
  } finally {
    panel.removeAttribute('aria-busy');
  }
}

async function start() {
  applyLanguage();
  fillMetricSelect();
  $('graph-legend').innerHTML = graphLegendHtml();
  $('language').addEventListener('click', () => setLanguage(lang() === 'ko' ? 'en' : 'ko'));

  const search = setUpSearch({
    form: $('search-form'),
    list: $('results'),
    count: $('search-count'),
    more: $('more'),
    trackSelect: $('search-track'),
    districtSelect: $('search-district'),
  });
  search.fill([]);

  try {
    const [guGeo, dongGeo, data, openings] = await Promise.all([
      fetch('/assets/geo/seoul_gu.geojson').then((r) => r.json()),
      fetch('/assets/geo/seoul_dong_2021.geojson').then((r) => r.json()),
      gql(COVERAGE_QUERY),
      gql(DONG_OPENINGS_QUERY),
    ]);
    state.openedOn = firstOpenings(openings.districts);
    state.coverage = data.coverage;
    state.byCode = new Map(data.coverage.districts.map((c) => [c.district.code, c]));
    state.map = drawMap($('map'), guGeo, dongGeo, (code) => void select(code));
    search.fill(data.coverage.districts.map((c) => c.district));
    fillDistrictSelect();
    colourMap();
    setUpTimeline();
    $('map').dataset.ready = 'true';
  } catch (error) {
    $('map').innerHTML = `<p class="error" role="alert">${t('error', error.message)}</p>`;
    return;
  }

  $('metric').addEventListener('change', (event) => {
    state.metric = event.target.value;
    colourMap();
  });
  $('show-dongs').addEventListener('change', (event) => state.map.showDongs(event.target.checked));
  $('district-select').addEventListener('change', (event) => void select(event.target.value));
  void showNotices($('notices'), state.coverage.asOf);

  onLanguageChange(() => {
    fillMetricSelect();
    fillDistrictSelect();
    $('graph-legend').innerHTML = graphLegendHtml();
    colourMap();
    showYear();
    void showNotices($('notices'), state.coverage.asOf);
    search.rerender();
    if (state.view) renderDistrict(state.view, $('district'), $('graph'));
  });
}

void start();
