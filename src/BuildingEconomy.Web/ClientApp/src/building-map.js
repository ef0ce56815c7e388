// Location entry on the building form: click the map to place the building, drag the marker to adjust, or type
// coordinates in the chosen system (WGS-84, GCJ-02 of AMap/Tencent, BD-09 of Baidu). The map itself is WGS-84:
// district and subdistrict boundaries from the register as the base layer, plus tiles when Map:TileUrl is set.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import { toWgs84, fromWgs84 } from './lib/coordinates.js';

const container = document.getElementById('location-map');
if (container) {
  const lonInput = document.getElementById(container.dataset.longitude);
  const latInput = document.getElementById(container.dataset.latitude);
  const systemSelect = document.getElementById(container.dataset.system);
  const map = L.map(container, { zoomControl: true }).setView([30, 120], 12);
  if (container.dataset.tileUrl) {
    L.tileLayer(container.dataset.tileUrl, { maxZoom: 19 }).addTo(map);
  }
  // A div icon needs no image files and no inline style attribute (the CSP allows neither).
  const icon = L.divIcon({ className: 'building-marker', iconSize: [18, 18], iconAnchor: [9, 9] });
  let marker = null;
  let system = systemSelect.value;

  const typed = () => {
    const lon = parseFloat(lonInput.value);
    const lat = parseFloat(latInput.value);
    return Number.isFinite(lon) && Number.isFinite(lat) ? [lon, lat] : null;
  };

  const writeInputs = wgs => {
    const [lon, lat] = fromWgs84(wgs, systemSelect.value);
    lonInput.value = lon.toFixed(6);
    latInput.value = lat.toFixed(6);
    lonInput.dispatchEvent(new Event('change'));
  };

  const place = (wgs, pan) => {
    const latLng = L.latLng(wgs[1], wgs[0]);
    if (!marker) {
      marker = L.marker(latLng, { draggable: true, icon, keyboard: true }).addTo(map);
      marker.on('dragend', () => { const p = marker.getLatLng(); writeInputs([p.lng, p.lat]); });
    } else {
      marker.setLatLng(latLng);
    }
    if (pan) map.setView(latLng, Math.max(map.getZoom(), 15));
    container.dataset.markerLongitude = wgs[0].toFixed(7);
    container.dataset.markerLatitude = wgs[1].toFixed(7);
  };

  // The footprint: drawn, edited or removed with Geoman, carried to the server as GeoJSON (WGS-84) in a hidden field.
  const footprintInput = document.getElementById(container.dataset.footprint);
  let footprint = null;
  const writeFootprint = () => {
    footprintInput.value = footprint ? JSON.stringify(footprint.toGeoJSON(7).geometry) : '';
    container.dataset.footprintVertices = footprint ? String(footprint.getLatLngs().flat(2).length) : '0';
  };
  const adopt = layer => {
    if (footprint && footprint !== layer) footprint.remove();
    footprint = layer;
    footprint.setStyle({ color: '#1d4ed8', weight: 2, fillOpacity: 0.2 });
    footprint.on('pm:edit', writeFootprint);
    writeFootprint();
  };
  if (footprintInput) {
    map.pm.setLang(document.documentElement.lang.startsWith('en') ? 'en' : 'zh');
    map.pm.addControls({
      position: 'topleft', drawPolygon: true, editMode: true, removalMode: true, drawMarker: false, drawCircleMarker: false,
      drawPolyline: false, drawRectangle: false, drawCircle: false, drawText: false, dragMode: false, cutPolygon: false, rotateMode: false,
    });
    map.on('pm:create', e => { if (e.shape === 'Polygon') adopt(e.layer); });
    map.on('pm:remove', e => { if (e.layer === footprint) { footprint = null; writeFootprint(); } });
    if (footprintInput.value) {
      try {
        L.geoJSON(JSON.parse(footprintInput.value)).eachLayer(layer => { if (!footprint) { layer.addTo(map); adopt(layer); } });
      } catch {
        // A value the server refused stays in the field so that its message still applies; there is nothing to draw.
      }
    }
  }
  const drawing = () => map.pm.globalDrawModeEnabled() || map.pm.globalEditModeEnabled() || map.pm.globalRemovalModeEnabled();

  map.on('click', e => { if (drawing()) return; place([e.latlng.lng, e.latlng.lat], false); writeInputs([e.latlng.lng, e.latlng.lat]); });
  const fromInputs = () => { const p = typed(); if (p) place(toWgs84(p, systemSelect.value), true); };
  lonInput.addEventListener('input', fromInputs);
  latInput.addEventListener('input', fromInputs);
  // Switching the system re-expresses the same place in the new system rather than moving the building.
  systemSelect.addEventListener('change', () => {
    const p = typed();
    if (p) writeInputs(toWgs84(p, system));
    system = systemSelect.value;
  });

  fetch(container.dataset.boundariesUrl, { credentials: 'same-origin' })
    .then(r => (r.ok ? r.json() : null))
    .then(geojson => {
      if (!geojson) return;
      const layer = L.geoJSON(geojson, {
        // Boundaries are a backdrop: Geoman must not snap to them, edit them or remove them.
        pmIgnore: true,
        snapIgnore: true,
        style: f => (f.properties.kind === 'district'
          ? { color: '#b3261e', weight: 2, fill: false }
          : { color: '#52606d', weight: 1, fillOpacity: 0.05 }),
        onEachFeature: (f, l) => l.bindTooltip(f.properties.name, { sticky: true }),
      }).addTo(map);
      // Clicks on a subdistrict polygon place the building too.
      layer.on('click', e => { if (drawing()) return; place([e.latlng.lng, e.latlng.lat], false); writeInputs([e.latlng.lng, e.latlng.lat]); });
      if (!typed() && layer.getBounds().isValid()) map.fitBounds(layer.getBounds());
      layer.bringToBack();
      container.dataset.ready = 'true';
    })
    .catch(() => { container.dataset.ready = 'true'; });

  const start = typed();
  if (start) place(toWgs84(start, systemSelect.value), true);
}
