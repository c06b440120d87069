/**
 * Model answers and judgments are markdown written by models: rendered with `marked`, then
 * sanitised with DOMPurify. Images, styles, forms and embeds are removed (an image would be a
 * request to another origin; inline style would break the Content-Security-Policy); links open
 * in a new tab without a referrer.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

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

export function renderMarkdown(text: string): string {
  return sanitise(marked.parse(text, { async: false, gfm: true, breaks: false }));
}

export function Markdown({ text, label }: { text: string; label: string }) {
  return (
    <div
      class="markdown"
      aria-label={label}
      dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }}
    />
  );
}
