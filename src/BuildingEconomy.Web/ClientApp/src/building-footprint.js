// The building page's small map: the building's point and, when one is stored, its footprint (read-only).
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

const container = document.getElementById('footprint-map');
if (container) {
  const point = L.latLng(parseFloat(container.dataset.latitude), parseFloat(container.dataset.longitude));
  const map = L.map(container, { zoomControl: true, scrollWheelZoom: false }).setView(point, 17);
  if (container.dataset.tileUrl) {
    L.tileLayer(container.dataset.tileUrl, { maxZoom: 19 }).addTo(map);
  }
  const icon = L.divIcon({ className: 'building-marker', iconSize: [18, 18], iconAnchor: [9, 9] });
  L.marker(point, { icon, keyboard: false }).addTo(map);
  if (container.dataset.footprint) {
    const outline = L.geoJSON(JSON.parse(container.dataset.footprint), {
      style: { color: '#1d4ed8', weight: 2, fillOpacity: 0.2, className: 'building-footprint' },
    }).addTo(map);
    map.fitBounds(outline.getBounds().extend(point), { maxZoom: 18, padding: [20, 20] });
  }
  container.dataset.ready = 'true';
}
