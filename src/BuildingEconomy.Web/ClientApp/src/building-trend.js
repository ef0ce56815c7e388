// The building page's 24-month trend: vacancy and residence rates from the data attribute the page renders.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

for (const element of document.querySelectorAll('[data-trend]')) {
  const data = JSON.parse(element.dataset.trend);
  const chart = echarts.init(element, null, { renderer: 'svg' });
  chart.setOption({
    tooltip: { trigger: 'axis', valueFormatter: v => (v == null ? '—' : `${v}%`) },
    legend: { data: [element.dataset.labelVacancy, element.dataset.labelResidence] },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: data.periods },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: element.dataset.labelVacancy, type: 'line', data: data.vacancy, connectNulls: false },
      { name: element.dataset.labelResidence, type: 'line', data: data.residence, connectNulls: false },
    ],
  });
  window.addEventListener('resize', () => chart.resize());
}
