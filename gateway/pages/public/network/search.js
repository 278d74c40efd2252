// Program search: title text, track, district and seats, a results list and "more" paging
// with the connection's endCursor.

import { PROGRAMS_QUERY, gql } from './api.js';
import { escapeHtml } from './district.js';
import { nameOf, t } from './i18n.js';

export const TRACKS = ['LIFE_CULTURE', 'VOCATIONAL_CAPACITY', 'LOCAL_PROBLEM_SOLVING'];
const PAGE_SIZE = 20;

/** The ProgramFilter of the form's current values. */
export function filterOf(form) {
  const values = new FormData(form);
  const filter = {};
  const text = String(values.get('text') ?? '').trim();
  if (text) filter.titleContains = text;
  if (values.get('track')) filter.track = values.get('track');
  if (values.get('district')) filter.districtCode = values.get('district');
  if (values.get('seats')) filter.hasSeatsLeft = true;
  return filter;
}

function resultHtml(program) {
  const fee = program.feeKrw === 0 ? t('free') : t('fee', program.feeKrw);
  const where = [nameOf(program.center.district), nameOf(program.center.dong), program.center.name]
    .map(escapeHtml)
    .join(' · ');
  return `<li class="result" data-id="${escapeHtml(program.id)}">
    <h3 class="result-title">${escapeHtml(program.title)}</h3>
    <p class="muted"><span class="track track-${program.track}">${t(program.track)}</span> · ${escapeHtml(nameOf(program.field))}</p>
    <p>${where}</p>
    <p class="muted"><time datetime="${program.startsOn}">${program.startsOn}</time> – <time datetime="${program.endsOn}">${program.endsOn}</time> · ${t('seatsLeft', program.seatsLeft, program.capacity)} · ${fee}</p>
  </li>`;
}

/** Wires the search form; returns { fill(districts), rerender() }. */
export function setUpSearch({ form, list, count, more, trackSelect, districtSelect }) {
  const state = { filter: {}, programs: [], totalCount: null, endCursor: null, hasNextPage: false, districts: [] };

  function fillSelects() {
    const selectedTrack = trackSelect.value;
    trackSelect.innerHTML =
      `<option value="">${t('any')}</option>` +
      TRACKS.map((track) => `<option value="${track}">${t(track)}</option>`).join('');
    trackSelect.value = selectedTrack;
    const selectedDistrict = districtSelect.value;
    districtSelect.innerHTML =
      `<option value="">${t('any')}</option>` +
      state.districts.map((d) => `<option value="${d.code}">${escapeHtml(nameOf(d))}</option>`).join('');
    districtSelect.value = selectedDistrict;
  }

  function render() {
    list.innerHTML = state.programs.map(resultHtml).join('');
    // Which search the list shows (the filter with sorted keys): lets tests and scripts wait for it.
    list.dataset.filter = JSON.stringify(Object.fromEntries(Object.entries(state.filter).sort()));
    count.textContent =
      state.totalCount === null ? '' : state.totalCount === 0 ? t('noResults') : t('resultCount', state.totalCount);
    more.hidden = !state.hasNextPage;
  }

  async function load(append) {
    form.setAttribute('aria-busy', 'true');
    more.disabled = true;
    try {
      const data = await gql(PROGRAMS_QUERY, {
        filter: state.filter,
        first: PAGE_SIZE,
        after: append ? state.endCursor : null,
      });
      const page = data.programs;
      state.programs = append ? [...state.programs, ...page.edges.map((e) => e.node)] : page.edges.map((e) => e.node);
      state.totalCount = page.totalCount;
      state.endCursor = page.pageInfo.endCursor;
      state.hasNextPage = page.pageInfo.hasNextPage;
      render();
      if (append)
        list.children[state.programs.length - page.edges.length]?.querySelector('h3')?.setAttribute('tabindex', '-1');
    } catch (error) {
      count.textContent = t('error', error.message);
      count.setAttribute('role', 'alert');
    } finally {
      form.removeAttribute('aria-busy');
      more.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filter = filterOf(form);
    void load(false);
  });
  more.addEventListener('click', () => void load(true));

  return {
    fill(districts) {
      state.districts = districts;
      fillSelects();
    },
    rerender() {
      fillSelects();
      render();
    },
  };
}
