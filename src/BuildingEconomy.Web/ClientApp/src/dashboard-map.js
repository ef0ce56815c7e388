// The subdistrict map: boundaries from the GeoJSON endpoint (no tile layer is needed or loaded), each filled by
// the chosen figure's value in the table beside it. The table is the map's data: hover shows its cell text.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

const PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const NO_DATA = '#d9d9d9';
const maps = new Map();

function valuesFromTable(table, column) {
  const values = new Map();
  for (const row of table.tBodies[0].rows) {
    const cell = row.querySelector(`td[data-column="${CSS.escape(column)}"]`);
    const raw = cell?.dataset.value;
    values.set(row.dataset.key, {
      value: raw === undefined || raw === '' ? null : Number(raw),
      display: cell ? cell.textContent.trim() : '',
      name: row.dataset.name,
      link: row.querySelector('a[href]')?.href ?? null,
    });
  }
  return values;
}

function colourOf(value, min, max) {
  if (value === null) return NO_DATA;
  if (max === min) return PALETTE[2];
  const index = Math.min(PALETTE.length - 1, Math.floor(((value - min) / (max - min)) * PALETTE.length));
  return PALETTE[index];
}

function legend(element, min, max, format, noDataText) {
  const list = document.createElement('ul');
  list.className = 'map-legend';
  const steps = PALETTE.length;
  PALETTE.forEach((colour, i) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = colour;
    item.append(swatch, document.createTextNode(` ${format(min + ((max - min) * i) / steps)} – ${format(min + ((max - min) * (i + 1)) / steps)}`));
    list.append(item);
  });
  const none = document.createElement('li');
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.style.backgroundColor = NO_DATA;
  none.append(swatch, document.createTextNode(` ${noDataText}`));
  list.append(none);
  element.after(list);
}

async function initMap(element) {
  const table = document.getElementById(element.dataset.table);
  if (!table) return;
  const values = valuesFromTable(table, element.dataset.column);
  const numbers = [...values.values()].map(v => v.value).filter(v => v !== null);
  const min = numbers.length ? Math.min(...numbers) : 0;
  const max = numbers.length ? Math.max(...numbers) : 0;
  const rate = element.dataset.unit === 'rate';
  const format = v => (rate ? `${(v * 100).toFixed(1)}%` : Math.round(v).toLocaleString(document.documentElement.lang));
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
  maps.set(element, map);
  const response = await fetch(element.dataset.geojsonUrl, { credentials: 'same-origin' });
  if (!response.ok) return;
  const layer = L.geoJSON(await response.json(), {
    style: feature => ({
      color: '#334e68',
      weight: 1,
      fillOpacity: 0.8,
      fillColor: colourOf(values.get(String(feature.properties.id))?.value ?? null, min, max),
    }),
    onEachFeature: (feature, shape) => {
      const entry = values.get(String(feature.properties.id));
      // A text node, never HTML: names come from the register.
      const label = document.createElement('span');
      label.textContent = `${entry?.name ?? feature.properties.name}: ${entry?.display || element.dataset.textNoData}`;
      shape.bindTooltip(label, { sticky: true });
      if (entry?.link) shape.on('click', () => window.location.assign(entry.link));
      shape.feature.properties.testKey = feature.properties.id;
    },
  }).addTo(map);
  if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  element.dataset.mapReady = String(layer.getLayers().length);
  legend(element, min, max, format, element.dataset.textNoData);
}

function initMaps(root) {
  for (const element of root.querySelectorAll('[data-map]')) {
    if (!maps.has(element)) initMap(element);
  }
}

document.addEventListener('dashboard:replacing', event => {
  for (const [element, map] of maps) {
    if (event.target.contains(element)) {
      map.remove();
      maps.delete(element);
    }
  }
});
document.addEventListener('dashboard:ready', event => initMaps(event.target));
if (document.readyState !== 'loading') initMaps(document.body);
