// The notices current today: what the districts' experts and officers tell residents.

import { gql, NOTICES_QUERY } from './api.js';
import { escapeHtml as escape } from './district.js';
import { nameOf, t } from './i18n.js';

export async function showNotices(list, today) {
  try {
    const { notices } = await gql(NOTICES_QUERY, { today });
    const items = notices.edges.map(({ node }) => {
      const where = node.center ? node.center.name : nameOf(node.district);
      return `<li data-id="${escape(node.id)}"><strong>${escape(node.title)}</strong> · ${escape(where)}
        <br><small>${escape(t('noticePeriod', node))}</small><p>${escape(node.body)}</p></li>`;
    });
    list.innerHTML = items.length ? items.join('') : `<li class="hint">${escape(t('noNotices'))}</li>`;
  } catch (error) {
    list.innerHTML = `<li class="error" role="alert">${escape(t('error', error.message))}</li>`;
  }
  list.dataset.ready = 'true';
}
