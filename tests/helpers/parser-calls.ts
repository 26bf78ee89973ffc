import MarkdownIt from 'markdown-it';

/**
 * Counts the markdown parses (remark-parse's parser) of a test file, so a test can show that a
 * page was refused before the parser ran: work counted, not timed. In the test file:
 *
 *   vi.mock('remark-parse', async (original) => (await import('./helpers/parser-calls.js')).countingRemarkParse(await original()));
 *
 * then read `parserCalls.count` (every processor built with remark-parse counts, including the
 * renderer's and the page reader's, and every markdown-it parse).
 */
export const parserCalls = { count: 0 };

// Pages are read with markdown-it (see src/content/markdown.ts): its parses count too.
const markdownItParse = MarkdownIt.prototype.parse;
MarkdownIt.prototype.parse = function countingParse(this: MarkdownIt, ...args: Parameters<MarkdownIt['parse']>) {
  parserCalls.count++;
  return markdownItParse.apply(this, args);
};

type Attacher = (this: { parser?: (doc: string, ...rest: unknown[]) => unknown }, ...options: unknown[]) => void;

export function countingRemarkParse(original: { default: Attacher }): { default: Attacher } {
  return {
    ...original,
    default: function countingAttacher(this: { parser?: (doc: string, ...rest: unknown[]) => unknown }, ...options: unknown[]) {
      original.default.apply(this, options);
      const parse = this.parser;
      if (!parse) throw new Error('remark-parse set no parser: the counting wrapper needs updating');
      this.parser = (doc: string, ...rest: unknown[]) => {
        parserCalls.count++;
        return parse(doc, ...rest);
      };
    },
  };
}
