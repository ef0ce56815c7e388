// The search page's map: the matching buildings as clustered markers, the district and subdistrict boundaries as
// the base layer (tiles too when Map:TileUrl is set), and tools that turn a drawn polygon, a drawn circle or the
// current view into the search form's hidden fields. The form is a plain GET form, so every search is a URL:
// shareable, and the back button returns to the previous one.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';

const form = document.getElementById('search-form');
const container = document.getElementById('search-map');

// Empty fields stay out of the URL, so a shared link reads as the search it is.
if (form) {
  form.addEventListener('submit', () => {
    for (const field of form.elements) {
      if (field.name && !field.disabled && field.value === '' && field.type !== 'checkbox') field.disabled = true;
    }
  });
  // Fields outside the form (the sort box) submit it when changed.
  for (const field of document.querySelectorAll('[data-autosubmit]')) {
    field.addEventListener('change', () => form.requestSubmit());
  }
  // Back to this page from the history cache: fields disabled on submit must be usable again.
  window.addEventListener('pageshow', () => { for (const field of form.elements) field.disabled = false; });
}

const round = (value, digits) => Number(value.toFixed(digits)).toString();

const setSpatial = values => {
  for (const input of form.querySelectorAll('[data-spatial]')) input.value = values[input.name] ?? '';
  // A drawn area replaces a building-centred radius.
  if (values.near || values.polygon || values.bbox || values.clear) {
    form.elements.nearBuilding.value = '';
    if (!values.near) form.elements.radius.value = '';
  }
  if (values.near) {
    const radius = form.elements.radius;
    let option = [...radius.options].find(o => o.value === String(values.radius));
    if (!option) {
      option = new Option(`${round(values.radius / 1000, 2)} km`, String(values.radius));
      radius.add(option);
    }
    radius.value = String(values.radius);
  }
  form.requestSubmit();
};

// WKT keeps the URL short; longitude first, rings closed.
const polygonWkt = layer => {
  const rings = layer.getLatLngs();
  const outer = Array.isArray(rings[0]) ? rings : [rings];
  const ring = points => {
    const closed = [...points, points[0]];
    return '(' + closed.map(p => `${round(p.lng, 6)} ${round(p.lat, 6)}`).join(', ') + ')';
  };
  return 'POLYGON(' + outer.map(ring).join(', ') + ')';
};

if (container && form) {
  // maxZoom on the map itself: clustering needs one, and without tiles no layer supplies it.
  const map = L.map(container, { zoomControl: true, maxZoom: 19 }).setView([30, 120], 12);
  if (container.dataset.tileUrl) L.tileLayer(container.dataset.tileUrl, { maxZoom: 19 }).addTo(map);
  map.pm.setLang(document.documentElement.lang.startsWith('en') ? 'en' : 'zh');

  const bounds = L.latLngBounds([]);
  const area = L.featureGroup().addTo(map);
  const style = { className: 'search-area' };

  if (container.dataset.polygon) {
    L.geoJSON(JSON.parse(container.dataset.polygon), { style: () => style }).eachLayer(l => area.addLayer(l));
  }
  if (container.dataset.near) {
    const [lon, lat] = container.dataset.near.split(',').map(Number);
    const radius = Number(container.dataset.radius);
    if (radius > 0) area.addLayer(L.circle([lat, lon], { radius, ...style }));
    area.addLayer(L.circleMarker([lat, lon], { radius: 4, className: 'search-centre' }));
  }
  if (container.dataset.bbox) {
    const [w, s, e, n] = container.dataset.bbox.split(',').map(Number);
    area.addLayer(L.rectangle([[s, w], [n, e]], style));
  }
  if (area.getLayers().length > 0) bounds.extend(area.getBounds());

  const boundaries = fetch(container.dataset.boundariesUrl, { credentials: 'same-origin' })
    .then(r => (r.ok ? r.json() : null))
    .then(geojson => {
      if (!geojson) return;
      const layer = L.geoJSON(geojson, {
        style: f => ({ className: f.properties.kind === 'district' ? 'boundary-district' : 'boundary-subdistrict' }),
        onEachFeature: (f, l) => {
          if (f.properties.kind === 'subdistrict') l.bindTooltip(document.documentElement.lang.startsWith('en') ? f.properties.nameEn : f.properties.name, { sticky: true });
        },
        interactive: true,
      }).addTo(map);
      layer.bringToBack();
      if (!bounds.isValid()) map.fitBounds(layer.getBounds());
    })
    .catch(() => {});

  const markers = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  map.addLayer(markers);
  const icon = L.divIcon({ className: 'search-marker', iconSize: [16, 16], iconAnchor: [8, 8] });
  const spacesLabel = container.dataset.labelSpaces || '{0}';
  const points = container.dataset.pointsUrl
    ? fetch(container.dataset.pointsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(r => (r.ok ? r.json() : []))
        .then(list => {
          const pointBounds = L.latLngBounds([]);
          for (const p of list) {
            const marker = L.marker([p.latitude, p.longitude], { icon, title: p.name, keyboard: true });
            const popup = document.createElement('div');
            const name = document.createElement('strong');
            name.textContent = p.name;
            const count = document.createElement('div');
            count.textContent = spacesLabel.replace('{0}', p.matchingSpaces);
            popup.append(name, count);
            const onPage = document.getElementById(`b-${p.buildingId}`);
            if (onPage) {
              const link = document.createElement('a');
              link.href = `#b-${p.buildingId}`;
              link.textContent = '↓';
              popup.append(link);
            }
            marker.bindPopup(popup);
            marker.buildingId = p.buildingId;
            markers.addLayer(marker);
            pointBounds.extend(marker.getLatLng());
          }
          container.dataset.markers = String(list.length);
          if (!bounds.isValid() && pointBounds.isValid()) bounds.extend(pointBounds);
        })
        .catch(() => { container.dataset.markers = '0'; })
    : Promise.resolve();

  Promise.all([boundaries, points]).then(() => {
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.1), { maxZoom: 16 });
    container.dataset.ready = 'true';
  });

  map.on('pm:create', e => {
    if (e.shape === 'Circle') {
      const c = e.layer.getLatLng();
      setSpatial({ near: `${round(c.lng, 6)},${round(c.lat, 6)}`, radius: Math.max(1, Math.round(e.layer.getRadius())) });
    } else if (e.shape === 'Polygon' || e.shape === 'Rectangle') {
      setSpatial({ polygon: polygonWkt(e.layer) });
    }
  });

  const button = id => document.getElementById(id);
  button('draw-polygon')?.addEventListener('click', () => map.pm.enableDraw('Polygon', { snappable: false }));
  button('draw-circle')?.addEventListener('click', () => map.pm.enableDraw('Circle', { snappable: false }));
  button('search-view')?.addEventListener('click', () => {
    const b = map.getBounds();
    setSpatial({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(v => round(v, 6)).join(',') });
  });
  button('clear-area')?.addEventListener('click', () => setSpatial({ clear: true }));

  // Hovering a result highlights its marker.
  for (const item of document.querySelectorAll('.result-building')) {
    item.addEventListener('mouseenter', () => {
      const id = Number(item.dataset.buildingId);
      markers.eachLayer(m => { if (m.buildingId === id) markers.zoomToShowLayer(m, () => m.openPopup()); });
    });
  }
  window.searchMap = map;
}
