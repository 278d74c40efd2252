// The map: district and dong polygons from the shipped GeoJSON, drawn as SVG with a simple
// equirectangular projection (longitude scaled by cos(latitude)); no tile server.

import { nameOf } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
/** A sequential palette, light (low) to dark (high). */
export const PALETTE = ['#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8'];

function rings(geometry) {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

export function projection(features) {
  let minLng = Infinity,
    maxLng = -Infinity,
    minLat = Infinity,
    maxLat = -Infinity;
  for (const feature of features) {
    for (const ring of rings(feature.geometry)) {
      for (const [lng, lat] of ring) {
        minLng = Math.min(minLng, lng);
        maxLng = Math.max(maxLng, lng);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  const kx = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const scale = WIDTH / ((maxLng - minLng) * kx);
  const height = Math.ceil((maxLat - minLat) * scale);
  const project = ([lng, lat]) => [(lng - minLng) * kx * scale, (maxLat - lat) * scale];
  return { project, width: WIDTH, height };
}

function pathData(geometry, project) {
  return rings(geometry)
    .map(
      (ring) =>
        'M' +
        ring
          .map((point) =>
            project(point)
              .map((v) => v.toFixed(1))
              .join(','),
          )
          .join('L') +
        'Z',
    )
    .join('');
}

function element(name, attributes = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

/**
 * Draws the map into container. onSelect(code) is called when a district is clicked or
 * activated with the keyboard. Returns { colour(valueByCode, format), select(code), relabel(districtsByCode) }.
 */
export function drawMap(container, guGeo, dongGeo, onSelect) {
  const { project, width, height } = projection(guGeo.features);
  const svg = element('svg', { viewBox: `0 0 ${width} ${height}`, class: 'map-svg', 'aria-hidden': 'false' });
  const districtLayer = element('g', { class: 'districts' });
  const dongLayer = element('g', { class: 'dongs', 'aria-hidden': 'true' });
  const labelLayer = element('g', { class: 'labels', 'aria-hidden': 'true' });
  const shapes = new Map();

  for (const feature of guGeo.features) {
    const code = feature.properties.gu_code;
    const path = element('path', {
      d: pathData(feature.geometry, project),
      class: 'district',
      'data-code': code,
      role: 'button',
      tabindex: '0',
      'aria-pressed': 'false',
    });
    const title = element('title');
    path.append(title);
    path.addEventListener('click', () => onSelect(code));
    path.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect(code);
      }
    });
    districtLayer.append(path);
    shapes.set(code, { path, title, feature });
  }
  for (const feature of dongGeo.features) {
    dongLayer.append(
      element('path', {
        d: pathData(feature.geometry, project),
        class: 'dong',
        'data-code': feature.properties.adm_cd2,
      }),
    );
  }
  svg.append(districtLayer, dongLayer, labelLayer);
  container.replaceChildren(svg);

  return {
    svg,
    /** Fills each district by its value (classes of equal width between min and max) and returns the legend's classes. */
    colour(valueByCode, format) {
      const values = [...valueByCode.values()];
      const min = Math.min(...values);
      const max = Math.max(...values);
      const step = (max - min) / PALETTE.length || 1;
      const classOf = (value) => Math.min(PALETTE.length - 1, Math.floor((value - min) / step));
      for (const [code, { path }] of shapes) {
        const value = valueByCode.get(code);
        path.style.fill = value === undefined ? '#ddd' : PALETTE[classOf(value)];
        path.dataset.value = value === undefined ? '' : format(value);
      }
      return PALETTE.map((colour, i) => ({
        colour,
        from: min + i * step,
        to: i === PALETTE.length - 1 ? max : min + (i + 1) * step,
      }));
    },
    /** Names, tooltips and labels in the current language; districts: code -> { district, ... }. */
    relabel(districts, metricLabel) {
      labelLayer.replaceChildren();
      for (const [code, { path, title }] of shapes) {
        const entry = districts.get(code);
        if (!entry) continue;
        const name = nameOf(entry.district);
        const text = `${name}: ${metricLabel} ${path.dataset.value ?? ''}`;
        title.textContent = text;
        path.setAttribute('aria-label', text);
        const [x, y] = project([entry.district.location.lng, entry.district.location.lat]);
        const label = element('text', { x: x.toFixed(1), y: y.toFixed(1), class: 'label' });
        label.textContent = name.replace(/-gu$/, '');
        labelLayer.append(label);
      }
    },
    select(code) {
      for (const [key, { path }] of shapes) {
        path.classList.toggle('selected', key === code);
        path.setAttribute('aria-pressed', String(key === code));
      }
      // Keep the selected outline on top of its neighbours.
      const selected = shapes.get(code);
      if (selected) districtLayer.append(selected.path);
    },
    /** Fades the dongs that had no center yet: hasCenter(code) says which had one. */
    markDongs(hasCenter) {
      for (const path of dongLayer.children) path.classList.toggle('without-center', !hasCenter(path.dataset.code));
    },
    showDongs(visible) {
      dongLayer.style.display = visible ? '' : 'none';
    },
  };
}

export function legendHtml(classes, format, metricLabel) {
  const items = classes
    .map(
      ({ colour, from, to }) =>
        `<li><span class="swatch" style="background:${colour}"></span>${format(from)} – ${format(to)}</li>`,
    )
    .join('');
  return `<p class="legend-title">${metricLabel}</p><ul>${items}</ul>`;
}
