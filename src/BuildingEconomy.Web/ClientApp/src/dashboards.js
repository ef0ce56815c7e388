// Dashboard pages: charts drawn from the data tables the server renders, sortable tables, and live updates.
// Every number shown comes from the server already formatted (data-value holds the exact value); nothing here
// computes a figure, so a chart can never disagree with its table.
import * as echarts from 'echarts/core';
import { LineChart, BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const POLL_MILLISECONDS = 3000;
const charts = new Set();

const number = text => (text === undefined || text === null || text === '' ? null : Number(text));

// Rates are fractions in data-value; charts plot them as percentages, rounded as the tables show them.
const plotted = (unit, value) => (value === null ? null : unit === 'rate' ? Math.round(value * 1000) / 10 : value);

function seriesCell(row, id) {
  return row.querySelector(`[data-series="${CSS.escape(id)}"],[data-column="${CSS.escape(id)}"]`);
}

function initChart(figure) {
  const canvas = figure.querySelector('[data-chart-canvas]');
  const table = figure.querySelector('table');
  if (!canvas || !table || !table.tHead || !table.tBodies.length) return;
  const kind = figure.dataset.chart;
  const unit = figure.dataset.unit;
  const wanted = (figure.dataset.chartColumns || '').split(/\s+/).filter(Boolean);
  const rows = [...table.tBodies[0].rows];
  const labels = rows.map(row => (row.dataset.name || row.cells[0].textContent).trim());
  const headers = [...table.tHead.rows[0].cells]
    .map(cell => ({ id: cell.dataset.series || cell.dataset.column, name: cell.textContent.trim() }))
    .filter(header => header.id && (wanted.length === 0 || wanted.includes(header.id)));
  const series = headers.map(header => ({
    name: header.name,
    type: kind === 'line' ? 'line' : 'bar',
    stack: kind === 'stacked-bar' ? 'total' : undefined,
    connectNulls: false,
    data: rows.map(row => {
      const cell = seriesCell(row, header.id);
      return { value: plotted(unit, number(cell?.dataset.value)), display: cell ? cell.textContent.trim() : '' };
    }),
  }));
  const chart = echarts.init(canvas, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    grid: { left: 70, right: 20, top: 40, bottom: 50 },
    legend: { top: 0 },
    // A text-only tooltip of the table's own cells: exact, and no inline styles for the CSP to block.
    tooltip: {
      trigger: 'axis',
      formatter: items => [items[0]?.axisValueLabel ?? '', ...items.map(item => `${item.seriesName}: ${item.data?.display ?? ''}`)]
        .map(escapeHtml).join('<br>'),
    },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 12 ? 45 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: unit === 'rate' ? '{value}%' : '{value}' }, scale: unit === 'rate' },
    series,
  });
  charts.add(chart);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function disposeCharts(root) {
  for (const chart of [...charts]) {
    if (root.contains(chart.getDom())) {
      chart.dispose();
      charts.delete(chart);
    }
  }
}

// Sorting by the clicked column's data-sort-value: numbers as numbers, "no data" last either way.
function initSorting(root) {
  for (const button of root.querySelectorAll('table[data-sortable] thead button[data-sort-key]')) {
    button.addEventListener('click', () => {
      const th = button.closest('th');
      const table = button.closest('table');
      const index = th.cellIndex;
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of table.tHead.rows[0].cells) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const body = table.tBodies[0];
      const keyOf = row => {
        const cell = row.cells[index];
        const raw = cell?.dataset.sortValue ?? cell?.textContent.trim() ?? '';
        return raw;
      };
      const rows = [...body.rows];
      const numeric = rows.every(row => keyOf(row) === '' || !Number.isNaN(Number(keyOf(row))));
      rows.sort((a, b) => {
        const x = keyOf(a);
        const y = keyOf(b);
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        const order = numeric ? Number(x) - Number(y) : x.localeCompare(y, document.documentElement.lang);
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  }
}

function init(root) {
  for (const figure of root.querySelectorAll('figure[data-chart]')) initChart(figure);
  initSorting(root);
  root.dispatchEvent(new CustomEvent('dashboard:ready', { bubbles: true }));
}

// Live updates: poll the data version; when it moves, fetch this same page and swap its live regions in place.
async function refresh() {
  const response = await fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new Error(`refresh failed: ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const region of document.querySelectorAll('[data-live][id]')) {
    const fresh = page.getElementById(region.id);
    if (!fresh) continue;
    region.dispatchEvent(new CustomEvent('dashboard:replacing', { bubbles: true }));
    disposeCharts(region);
    region.replaceWith(fresh);
    init(fresh);
  }
}

function startLiveUpdates() {
  const status = document.querySelector('[data-live-status]');
  if (!status) return;
  let version = status.dataset.version || null;
  let busy = false;
  setInterval(async () => {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const response = await fetch(status.dataset.versionUrl, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) throw new Error(`version: ${response.status}`);
      const current = (await response.json()).version;
      if (version !== null && current !== version) {
        await refresh();
        status.textContent = `${status.dataset.textUpdated} ${new Date().toLocaleTimeString(document.documentElement.lang)}`;
        document.body.dataset.dashboardVersion = current;
      }
      version = current;
      status.classList.remove('offline');
    } catch {
      status.textContent = status.dataset.textOffline;
      status.classList.add('offline');
    } finally {
      busy = false;
    }
  }, POLL_MILLISECONDS);
}

function initPage() {
  for (const form of document.querySelectorAll('form[data-auto-submit]')) {
    for (const select of form.querySelectorAll('select')) select.addEventListener('change', () => form.requestSubmit());
  }
  for (const button of document.querySelectorAll('[data-print]')) button.addEventListener('click', () => window.print());
  window.addEventListener('resize', () => charts.forEach(chart => chart.resize()));
  window.addEventListener('beforeprint', () => charts.forEach(chart => chart.resize()));
  window.addEventListener('afterprint', () => charts.forEach(chart => chart.resize()));
  init(document.body);
  startLiveUpdates();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', initPage);
else initPage();
