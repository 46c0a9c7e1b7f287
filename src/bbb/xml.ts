// XML -> plain object for BBB responses (fast-xml-parser v5).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The text is not well-formed XML, or not a BBB `<response>` document. */
export class NotBbbXmlError extends Error {}

// Repeating elements, declared by "parent.child" so that a one-element list is still an array.
// Keyed on the parent on purpose: metadata/customdata tag names are chosen by users
// (meta_format=x comes back as <metadata><format>x</format>), and must stay plain strings.
const ARRAY_PATHS = new Set([
  'meetings.meeting',
  'attendees.attendee',
  'recordings.recording',
  'playback.format',
  'images.image',
  'errors.error',
  'breakoutRooms.breakout',
  'hooks.hook',
]);

const parser = new XMLParser({
  // IDs, passwords and voiceBridge ("09746") must stay strings; the zod schemas convert.
  parseTagValue: false,
  parseAttributeValue: false,
  // Preview <image alt="" width="" height=""> carries data in attributes.
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // <message> often carries stray newlines/indentation; CDATA (older recordings) is merged into
  // the text of its element (cdataPropName: false) and trimmed with it.
  trimValues: true,
  cdataPropName: false,
  // &amp; in playback URLs must become &.
  processEntities: true,
  htmlEntities: false,
  isArray: (_name, jPath, _isLeaf, isAttribute) => {
    if (isAttribute || typeof jPath !== 'string') return false;
    const parts = jPath.split('.');
    return ARRAY_PATHS.has(parts.slice(-2).join('.'));
  },
});

/** Parse a BBB answer and return the content of its `<response>` root element. */
export function parseResponseXml(text: string): Record<string, unknown> {
  const body = text.trim();
  if (!body) throw new NotBbbXmlError('empty body');
  if (!body.startsWith('<')) throw new NotBbbXmlError('not XML');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new NotBbbXmlError(`malformed XML: ${valid.err.msg}`);

  const doc: unknown = parser.parse(body);
  const root = isRecord(doc) ? doc['response'] : undefined;
  if (!isRecord(root)) {
    const first = isRecord(doc) ? Object.keys(doc).find((k) => !k.startsWith('?')) : undefined;
    throw new NotBbbXmlError(first ? `root element <${first}> is not <response>` : 'no <response> element');
  }
  return root;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
