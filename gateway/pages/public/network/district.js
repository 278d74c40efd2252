// The district panel: its coverage, its learning centers, their partners (named through the
// Institution union) and the link graph of centers and partners, drawn with cytoscape.

import { DISTRICT_QUERY, gql } from './api.js';
import { nameOf, t } from './i18n.js';

export const TYPE_COLOURS = {
  LearningCenter: '#d1495b',
  School: '#edae49',
  Library: '#00798c',
  CulturalCenter: '#7b4fa0',
  CivilProvider: '#30638e',
  EducationOffice: '#6b7280',
};
const KIND_COLOURS = {
  VENUE_SHARING: '#4d7c0f',
  CO_HOSTING: '#b45309',
  INSTRUCTOR_EXCHANGE: '#1d4ed8',
  RESOURCE_SHARING: '#6b7280',
};

/** Text made safe to put in HTML. */
export function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

const keyOf = (institution) => `${institution.__typename}:${institution.id}`;

/** Centers, partners and links of a district, as the page shows them. */
export function networkOf(district) {
  const partners = new Map();
  const links = [];
  for (const center of district.learningCenters) {
    for (const partnership of center.partnerships) {
      const partner = partnership.partner;
      if (!partner?.id) continue; // an institution its subgraph could not resolve
      const key = keyOf(partner);
      if (!partners.has(key)) partners.set(key, { ...partner, key, links: 0 });
      partners.get(key).links += 1;
      links.push({
        id: partnership.id,
        source: `LearningCenter:${center.id}`,
        target: key,
        kind: partnership.kind,
        active: partnership.active,
      });
    }
  }
  return { centers: district.learningCenters, partners: [...partners.values()], links };
}

function statsHtml(coverage) {
  const row = (label, value) => `<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return `<dl class="stats">
    ${row(t('dongs'), `${coverage.dongsWithCenter}/${coverage.dongCount}`)}
    ${row(t('centers'), coverage.centerCount)}
    ${row(t('experts'), `${coverage.expertCount} <span class="${coverage.meetsExpertMinimum ? 'ok' : 'warn'}">(${t(coverage.meetsExpertMinimum ? 'meetsMinimum' : 'belowMinimum')})</span>`)}
    ${row(t('partnerships'), t('activeOf', coverage.activePartnershipCount, coverage.partnershipCount))}
    ${row(t('programs'), t('publishedOf', coverage.publishedProgramCount, coverage.programCount))}
  </dl>`;
}

function centersHtml(centers) {
  const items = centers
    .map(
      (c) =>
        `<li data-id="${escapeHtml(c.id)}"><strong>${escapeHtml(c.name)}</strong> <span class="muted">${escapeHtml(nameOf(c.dong))} · ${t('partnerCount', c.partnerships.length)}</span></li>`,
    )
    .join('');
  return `<details class="centers" open><summary>${t('centersHeading', centers.length)}</summary><ul>${items}</ul></details>`;
}

function partnersHtml(partners) {
  const byType = new Map();
  for (const partner of partners) {
    if (!byType.has(partner.__typename)) byType.set(partner.__typename, []);
    byType.get(partner.__typename).push(partner);
  }
  const groups = [...byType]
    .map(([type, list]) => {
      const items = list
        .sort((a, b) => a.name.localeCompare(b.name, 'ko'))
        .map((p) => `<li>${escapeHtml(p.name)} <span class="muted">${t('partnerCount', p.links)}</span></li>`)
        .join('');
      return `<li><span class="swatch" style="background:${TYPE_COLOURS[type] ?? '#999'}"></span><strong>${t(type)}</strong> (${list.length})<ul>${items}</ul></li>`;
    })
    .join('');
  return `<details class="partners"><summary>${t('partnersHeading', partners.length)}</summary><ul class="partner-groups">${groups}</ul></details>`;
}

let cy = null;

function drawGraph(container, network) {
  cy?.destroy();
  const centerIds = new Set(network.centers.map((c) => `LearningCenter:${c.id}`));
  const nodes = [
    ...network.centers.map((c) => ({
      data: { id: `LearningCenter:${c.id}`, label: c.name, type: 'LearningCenter', center: 1 },
    })),
    ...network.partners
      .filter((p) => !centerIds.has(p.key))
      .map((p) => ({ data: { id: p.key, label: p.name, type: p.__typename, center: 0 } })),
  ];
  const edges = network.links.map((l) => ({
    data: { id: `P:${l.id}`, source: l.source, target: l.target, kind: l.kind, active: l.active ? 1 : 0 },
  }));
  cy = window.cytoscape({
    container,
    elements: [...nodes, ...edges],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': (n) => TYPE_COLOURS[n.data('type')] ?? '#999',
          width: 12,
          height: 12,
          label: '',
          'font-size': 9,
        },
      },
      { selector: 'node[center = 1]', style: { shape: 'round-rectangle', width: 18, height: 18 } },
      {
        selector: 'node:selected, node.hover',
        style: {
          label: 'data(label)',
          'text-background-color': '#fff',
          'text-background-opacity': 0.85,
          'z-index': 10,
        },
      },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': (e) => KIND_COLOURS[e.data('kind')] ?? '#999',
          opacity: 0.7,
          'curve-style': 'straight',
        },
      },
      { selector: 'edge[active = 0]', style: { 'line-style': 'dashed', opacity: 0.4 } },
    ],
    layout: {
      name: 'cose',
      animate: false,
      nodeRepulsion: () => 6000,
      idealEdgeLength: () => 40,
      randomize: true,
      fit: true,
      padding: 12,
    },
  });
  cy.on('mouseover', 'node', (event) => event.target.addClass('hover'));
  cy.on('mouseout', 'node', (event) => event.target.removeClass('hover'));
  container.setAttribute('aria-label', t('graphLabel', nodes.length, edges.length));
  container.dataset.nodes = String(nodes.length);
  container.dataset.edges = String(edges.length);
  return cy;
}

export function graphLegendHtml() {
  const types = Object.entries(TYPE_COLOURS)
    .map(([type, colour]) => `<li><span class="swatch" style="background:${colour}"></span>${t(type)}</li>`)
    .join('');
  const kinds = Object.entries(KIND_COLOURS)
    .map(([kind, colour]) => `<li><span class="line" style="border-color:${colour}"></span>${t(kind)}</li>`)
    .join('');
  return `<ul>${types}</ul><ul>${kinds}<li><span class="line dashed"></span>${t('inactive')}</li></ul>`;
}

/** Loads and shows one district; returns what it showed (for re-rendering on a language change). */
export async function showDistrict(code, coverage, panel, graphContainer) {
  const data = await gql(DISTRICT_QUERY, { code });
  if (!data.district) throw new Error(`no district ${code}`);
  const view = { district: data.district, coverage, network: networkOf(data.district) };
  renderDistrict(view, panel, graphContainer);
  return view;
}

export function renderDistrict(view, panel, graphContainer) {
  const { district, coverage, network } = view;
  panel.dataset.code = district.code;
  panel.innerHTML = `<h3 class="district-name"><span lang="ko">${escapeHtml(district.nameKo)}</span> <span lang="en">${escapeHtml(district.nameEn)}</span></h3>
    ${coverage ? statsHtml(coverage) : ''}${centersHtml(network.centers)}${partnersHtml(network.partners)}`;
  // Hovering a center in the list points it out in the graph.
  for (const item of panel.querySelectorAll('.centers li')) {
    const id = `LearningCenter:${item.dataset.id}`;
    item.addEventListener('mouseenter', () => cy?.getElementById(id).addClass('hover'));
    item.addEventListener('mouseleave', () => cy?.getElementById(id).removeClass('hover'));
  }
  drawGraph(graphContainer, network);
}
