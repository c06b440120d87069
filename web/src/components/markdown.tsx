/**
 * Model answers and judgments are markdown written by models: rendered with `marked`, then
 * sanitised with DOMPurify. Images, styles, forms and embeds are removed (an image would be a
 * request to another origin; inline style would break the Content-Security-Policy); links open
 * in a new tab without a referrer. Single line breaks are kept. HTML written in the text is
 * shown as text, as the model wrote it: never parsed, so a handler or style in it never reaches
 * even DOMPurify's inert document (Chromium reports those to the console as CSP violations).
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { count } from '../format';
import { markdownChunks } from './markdown-chunks';

const FORBIDDEN_TAGS = [
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'style',
  'link',
  'svg',
  'math',
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

// `breaks`: a single line break is a break (a haiku keeps its lines), as the models meant it.
const parser = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

let hooked = false;

function sanitise(html: string): string {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node instanceof HTMLAnchorElement) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    });
    hooked = true;
  }
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: ['style', 'class', 'id', 'srcset'],
    ALLOW_DATA_ATTR: false,
  });
}

/**
 * The last few renderings, by text: a view re-rendered by live updates, or opened again, does
 * not parse and sanitise the same megabytes again.
 */
const rendered = new Map<string, string>();
const KEPT_RENDERINGS = 64;

export function renderMarkdown(text: string): string {
  const known = rendered.get(text);
  if (known !== undefined) return known;
  const html = sanitise(parser.parse(text, { async: false }));
  if (rendered.size >= KEPT_RENDERINGS) {
    const oldest = rendered.keys().next();
    if (oldest.done !== true) rendered.delete(oldest.value);
  }
  rendered.set(text, html);
  return html;
}

function MarkdownChunk({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div class="markdown-chunk" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A piece past the first is parsed and laid out only once it scrolls into view. */
function LazyChunk({ text }: { text: string }) {
  const [visible, setVisible] = useState(false);
  const placeholder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = placeholder.current;
    if (visible || element === null) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setVisible(true);
      },
      { rootMargin: '400px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);
  if (visible) return <MarkdownChunk text={text} />;
  return (
    <div class="markdown-chunk pending" ref={placeholder} aria-busy="true">
      {count(text.length)} more characters…
    </div>
  );
}

/**
 * Markdown of any length. Past one piece (markdown-chunks.ts) only the first is shown, with how
 * much is hidden and a "Show all" button; shown all, each further piece renders as it comes into
 * view, so even a 2 MB answer never blocks the page.
 */
export function Markdown({ text, label }: { text: string; label: string }) {
  const chunks = useMemo(() => markdownChunks(text), [text]);
  const [showAll, setShowAll] = useState(false);
  const [first = '', ...rest] = chunks;
  return (
    <div class="markdown" aria-label={label} data-chunks={chunks.length}>
      <MarkdownChunk text={first} />
      {rest.length > 0 &&
        (showAll ? (
          rest.map((chunk, index) => <LazyChunk key={index} text={chunk} />)
        ) : (
          <p class="truncated">
            Showing the first {count(first.length)} of {count(text.length)} characters.{' '}
            <button type="button" class="link-button show-all" onClick={() => setShowAll(true)}>
              Show all
            </button>
          </p>
        ))}
    </div>
  );
}
