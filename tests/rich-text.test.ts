import { describe, expect, it, vi } from 'vitest';
import { renderRichText } from '../src/render/rich-text.js';
import { parserCalls } from './helpers/parser-calls.js';

vi.mock('remark-parse', async (original) => (await import('./helpers/parser-calls.js')).countingRemarkParse(await original()));

const html = (markdown: string) => renderRichText(markdown, 'HTML');
const text = (markdown: string) => renderRichText(markdown, 'TEXT');

describe('renderRichText HTML sanitizing', () => {
  it('drops <script> together with its code', () => {
    const out = html('before\n\n<script>alert(1)</script>\n\nafter');
    expect(out).toBe('<p>before</p>\n\n<p>after</p>');
  });

  it('drops event-handler attributes from raw <img>', () => {
    expect(html('<img src=x onerror=alert(1)>')).toBe('<img src="x">');
  });

  it('drops javascript: URLs from markdown links', () => {
    expect(html('[x](javascript:alert(1))')).toBe('<p><a>x</a></p>');
  });

  it('drops javascript: URLs from raw <a>, whatever the case or encoding', () => {
    expect(html('<a href="javascript:alert(1)">y</a>')).toBe('<p><a>y</a></p>');
    expect(html('<a href="JaVaScRiPt:alert(1)">y</a>')).toBe('<p><a>y</a></p>');
    expect(html('<a href="&#106;avascript:alert(1)">y</a>')).toBe('<p><a>y</a></p>');
  });

  it('drops <iframe> and <style> with their content', () => {
    const out = html('<iframe src="https://evil.example/"></iframe>\n\n<style>body{display:none}</style>\n\nok');
    expect(out).not.toMatch(/iframe|style|display/i);
    expect(out).toContain('<p>ok</p>');
  });
});

describe('renderRichText HTML safe markup', () => {
  it('renders a GFM table', () => {
    expect(html('| 时间 | 议题 |\n| --- | --- |\n| 13:30 | 签到 |')).toBe(
      '<table>\n<thead>\n<tr>\n<th>时间</th>\n<th>议题</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td>13:30</td>\n<td>签到</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it('renders emphasis, strong and http(s) links', () => {
    expect(html('**bold**, *it* and [site](https://example.com/a?b=1)')).toBe(
      '<p><strong>bold</strong>, <em>it</em> and <a href="https://example.com/a?b=1">site</a></p>',
    );
  });

  it('renders a list', () => {
    expect(html('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
  });

  it('keeps inline <br/> as <br>', () => {
    expect(html('a<br/>b')).toBe('<p>a<br>b</p>');
  });
});

describe('renderRichText TEXT', () => {
  it('separates blocks, puts list items on their own lines and drops syntax, tags and URLs', () => {
    const markdown = [
      '# Meetup *9*',
      '',
      'Join us at [Ant Space](https://example.com/venue) &amp; bring a <span>laptop</span>.',
      '',
      '- **Talk** one',
      '- Talk `two`',
      '',
      '<div align="center"><img src="poster.png"></div>',
      '',
      'Line one<br/>line two',
    ].join('\n');
    expect(text(markdown)).toBe(
      'Meetup 9\n\nJoin us at Ant Space & bring a laptop.\n\nTalk one\nTalk two\n\nLine one\nline two',
    );
  });

  it('passes Chinese text through untouched', () => {
    const chinese = '本期 SOFAStack Meetup 将在上海举办，欢迎报名参加！';
    expect(text(chinese)).toBe(chinese);
    expect(html(chinese)).toBe(`<p>${chinese}</p>`);
  });
});

describe('renderRichText of markdown the parser would take too long on', () => {
  it('returns it unparsed and escaped, without running the parser', () => {
    // The parser took seconds on this; counting its runs (not timing them) shows it is not run.
    const slow = `<b>x</b> ${'a]'.repeat(16000)}`;
    const before = parserCalls.count;
    expect(html(slow)).toBe(`<p>&lt;b&gt;x&lt;/b&gt; ${'a]'.repeat(16000)}</p>`);
    expect(text(slow)).toBe(slow);
    expect(parserCalls.count - before).toBe(0);
    // The counter does see the renderer's parses: the zero above is not a dead counter.
    html(`<b>x</b> ${'a]'.repeat(10)}`);
    expect(parserCalls.count - before).toBe(1);
  });
});

describe('renderRichText MARKDOWN and caching', () => {
  it('returns the markdown unchanged', () => {
    const markdown = '# Title\n\n<script>x</script> **b** [l](javascript:alert(1))\n';
    expect(renderRichText(markdown, 'MARKDOWN')).toBe(markdown);
  });

  it('keeps answers per format and per input once the cache has evicted entries', () => {
    expect(text('**first**')).toBe('first');
    for (let i = 0; i < 2100; i += 1) text(`item ${i}`);
    expect(text('**first**')).toBe('first');
    expect(html('**first**')).toBe('<p><strong>first</strong></p>');
    expect(text('item 5')).toBe('item 5');
  });
});
