import { sha256 } from '../pages/html.js';
import { traceViewPage } from './trace-view-page.js';

describe('the trace view page', () => {
  const page = traceViewPage({ jaegerUiUrl: 'http://localhost:16686', demoSignIn: true });

  it('allows its own style and its own origin’s script, and nothing from elsewhere', () => {
    const style = /<style>([\s\S]*)<\/style>/.exec(page.html)![1]!;
    const csp = page.headers['Content-Security-Policy']!;
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`style-src '${sha256(style)}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(page.html.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/trace-view.js" defer>']);
    expect(page.html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(page.html).not.toMatch(/ style="/);
  });

  it('tells the script where Jaeger’s UI is (escaped; empty for none) and whether the demo sign-in exists', () => {
    expect(page.html).toContain('<meta name="jaeger-ui-url" content="http://localhost:16686">');
    expect(page.html).toContain('<meta name="demo-sign-in" content="on">');
    const elsewhere = traceViewPage({ jaegerUiUrl: '', demoSignIn: false }).html;
    expect(elsewhere).toContain('<meta name="jaeger-ui-url" content="">');
    expect(elsewhere).toContain('<meta name="demo-sign-in" content="off">');
    expect(traceViewPage({ jaegerUiUrl: 'http://x/"><script>', demoSignIn: false }).html).toContain('content="http://x/&#34;&#62;&#60;script&#62;"');
  });

  it('has the places the script fills: the id, the summary, the services, Refresh, the waterfall', () => {
    for (const id of ['trace-id', 'trace-duration', 'span-count', 'services', 'refresh', 'jaeger-link', 'status', 'problem', 'spans']) {
      expect(page.html).toContain(`id="${id}"`);
    }
  });
});
