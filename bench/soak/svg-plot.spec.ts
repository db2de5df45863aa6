import { lineChart, ticks } from './svg-plot.ts';

describe('lineChart', () => {
  it('chooses round ticks that reach the maximum', () => {
    expect(ticks(430)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(ticks(7, 6)).toEqual([0, 2, 4, 6, 8]);
    expect(ticks(0)).toEqual([0, 1]);
  });

  it('draws one polyline per series, scaled into the plot, with a legend and the warm-up marker', () => {
    const svg = lineChart({
      title: 'RSS <per process>',
      unit: 'MB',
      series: [
        { name: 'order', points: [{ minute: 0, value: 0 }, { minute: 60, value: 200 }] },
        { name: 'kafka', points: [{ minute: 0, value: 100 }, { minute: 60, value: 100 }] },
      ],
      markerMinute: 10,
      width: 400,
      height: 200,
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="400" height="200"/);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    // x: 70 + minute/60 × 160; y: 30 + 130 − value/200 × 130 (ticks 0..200)
    expect(svg).toContain('points="70.0,160.0 230.0,30.0"');
    expect(svg).toContain('points="70.0,95.0 230.0,95.0"');
    expect(svg).toContain('>RSS &lt;per process&gt;</text>');
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).toMatch(/>order<\/text>[\s\S]*>kafka<\/text>/);
  });
});
