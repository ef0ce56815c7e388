// WGS-84 / GCJ-02 / BD-09 conversions, the same formulas as the server's CoordinateConversion (which tests them
// against published reference points); the map works in WGS-84 and the form speaks the chosen system.
const A = 6378245.0;
const EE = 0.00669342162296594323;
const X_PI = Math.PI * 3000.0 / 180.0;

const outOfChina = (lon, lat) => lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;

function shiftLat(x, y) {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
  return r;
}

function shiftLon(x, y) {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
  return r;
}

export function wgs84ToGcj02([lon, lat]) {
  if (outOfChina(lon, lat)) return [lon, lat];
  let dLat = shiftLat(lon - 105.0, lat - 35.0);
  let dLon = shiftLon(lon - 105.0, lat - 35.0);
  const radLat = lat / 180.0 * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
  dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

function invert(forward, target) {
  let guess = target;
  for (let i = 0; i < 30; i++) {
    const f = forward(guess);
    const e = [f[0] - target[0], f[1] - target[1]];
    guess = [guess[0] - e[0], guess[1] - e[1]];
    if (Math.abs(e[0]) < 1e-10 && Math.abs(e[1]) < 1e-10) break;
  }
  return guess;
}

export function gcj02ToBd09([lon, lat]) {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

export const gcj02ToWgs84 = p => (outOfChina(p[0], p[1]) ? p : invert(wgs84ToGcj02, p));
export const bd09ToGcj02 = p => invert(gcj02ToBd09, p);

export function toWgs84(point, system) {
  if (system === 'Gcj02') return gcj02ToWgs84(point);
  if (system === 'Bd09') return gcj02ToWgs84(bd09ToGcj02(point));
  return point;
}

export function fromWgs84(point, system) {
  if (system === 'Gcj02') return wgs84ToGcj02(point);
  if (system === 'Bd09') return gcj02ToBd09(wgs84ToGcj02(point));
  return point;
}
