// The page format of webpub for Decap CMS: what the form saves is what `webpub check`
// accepts, written the way the project's own writer writes it (webpub new:
// scripts/webpub/commands/new.py, yaml_lines/yaml_scalar), with no churn on keys the
// officer did not touch.
//
// Why not Decap's built-in "frontmatter" format: it re-serialises the whole block with
// its own YAML emitter (other quoting, folded long lines), so an edit would rewrite the
// approval records and every untouched key. Here the frontmatter text read from the file
// is kept beside the data; on save each top-level key whose value is unchanged is written
// back as its original lines, byte for byte (the approvals block above all: the records
// stay intact and simply become stale, as designed), and only changed or new keys are
// written, in the schema's key order, with the project's quoting.
//
// A pure ES module with no import: the YAML reader is passed in, so the same file runs in
// the browser (webpub-cms.js) and under node in the tests (tests/test_editor_format.py).

const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/m;
const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:/;
const PLAIN_SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const NUMERIC = /^[0-9.]+$/;
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
export const RAW_KEY = '__webpub_source';

export function yamlScalar(value) {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  if (PLAIN_SAFE.test(text) && !NUMERIC.test(text)) return text;
  if (ISO_DATE.test(text)) return text;
  return JSON.stringify(text);
}

export function yamlLines(value, indent) {
  const pad = ' '.repeat(indent);
  const lines = [];
  for (const [key, item] of Object.entries(value)) {
    if (Array.isArray(item)) {
      lines.push(`${pad}${key}:`);
      for (const element of item) {
        if (element !== null && typeof element === 'object') {
          const inner = yamlLines(element, indent + 4);
          lines.push(`${pad}  - ${inner[0].trim()}`, ...inner.slice(1));
        } else {
          lines.push(`${pad}  - ${yamlScalar(element)}`);
        }
      }
    } else if (item !== null && typeof item === 'object') {
      lines.push(`${pad}${key}:`, ...yamlLines(item, indent + 2));
    } else {
      lines.push(`${pad}${key}: ${yamlScalar(item)}`);
    }
  }
  return lines;
}

// Empty form fields are not written: an untouched optional field leaves no key behind.
export function clean(value) {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map(clean).filter(v => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

function same(a, b) {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.keys(value).sort().reduce((o, k) => { o[k] = canonical(value[k]); return o; }, {});
  }
  return value;
}

// The frontmatter's top-level keys, each with its own lines as written (continuation
// lines, comments and blank lines stay with the key above them).
export function blocks(frontmatter) {
  const out = new Map();
  let current = '';
  out.set(current, []);
  const lines = frontmatter.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const match = TOP_KEY.exec(line);
    if (match) {
      current = match[1];
      out.set(current, []);
    }
    out.get(current).push(line);
  }
  return out;
}

export function split(content) {
  const text = content.replace(/^\uFEFF/, '');
  const firstEnd = text.indexOf('\n') + 1;
  if (!firstEnd || text.slice(0, firstEnd).trimEnd() !== '---') return null;
  const rest = text.slice(firstEnd);
  const match = CLOSING.exec(rest);
  if (!match) return null;
  const frontmatter = rest.slice(0, match.index);
  let after = rest.slice(match.index + match[0].length);
  if (after.startsWith('\n')) after = after.slice(1);
  const gap = after.match(/^\n*/)[0];
  return { frontmatter, gap, body: after.slice(gap.length) };
}

export function makeFormat(parse, keyOrder) {
  const rank = key => {
    const at = keyOrder.indexOf(key);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return {
    fromFile(content) {
      const parts = split(content);
      if (!parts) return { body: content };
      const data = parse(parts.frontmatter) || {};
      return { ...data, body: parts.body, [RAW_KEY]: { frontmatter: parts.frontmatter, gap: parts.gap } };
    },
    toFile(data) {
      const source = data[RAW_KEY];
      const values = {};
      for (const [key, value] of Object.entries(data)) {
        if (key === RAW_KEY || key === 'body') continue;
        const c = clean(value);
        if (c !== undefined) values[key] = c;
      }
      const original = source ? (parse(source.frontmatter) || {}) : {};
      const written = source ? blocks(source.frontmatter) : new Map([['', []]]);
      const order = [...written.keys()].filter(k => k !== '');
      const added = Object.keys(values).filter(k => !written.has(k)).sort((a, b) => rank(a) - rank(b));
      for (const key of added) {
        const at = order.findIndex(k => rank(k) > rank(key));
        if (at < 0) order.push(key); else order.splice(at, 0, key);
      }
      const lines = [...written.get('')];
      for (const key of order) {
        if (!(key in values)) continue;
        if (written.has(key) && key in original && same(original[key], values[key])) {
          lines.push(...written.get(key));
        } else {
          lines.push(...yamlLines({ [key]: values[key] }, 0));
        }
      }
      let body = typeof data.body === 'string' ? data.body.replace(/\r\n/g, '\n') : '';
      if (body && !body.endsWith('\n')) body += '\n';
      const gap = source ? source.gap : '\n';
      return `---\n${lines.join('\n')}\n---\n${gap}${body}`;
    },
  };
}

// The sections a topic adds to its category's (schema/categories.yml): appended with a
// fill-in marker when the chosen topic needs them and the body lacks them (WP010, WP029).
// The marker's text comes from the catalogue through config.yml (webpub.section_placeholder,
// "{section}" stands for the heading): this file holds no Thai.
export function withTopicSections(body, sections, marker) {
  let text = body || '';
  for (const section of sections || []) {
    const escaped = section.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`^ {0,3}##[ \\t]+${escaped}[ \\t]*#*[ \\t]*$`, 'm').test(text)) continue;
    if (text && !text.endsWith('\n')) text += '\n';
    text += `${text ? '\n' : ''}## ${section}\n\n${String(marker).split('{section}').join(section)}\n`;
  }
  return text;
}
