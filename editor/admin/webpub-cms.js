// Starts Decap CMS with webpub's page format. A file (never inline) so the admin page
// holds under a strict content security policy (script-src 'self').
//
// config.yml is generated from schema/ (`webpub editor config --write`); its `webpub`
// section (schema key order, sections each topic adds, their fill-in marker) is for this file only and is taken
// out before the configuration reaches the CMS.
import { parse } from './vendor/yaml/index.js';
import { makeFormat, withTopicSections } from './webpub-format.js';

const response = await fetch('config.yml', { cache: 'no-store' });
const config = parse(await response.text());
const webpub = config.webpub || {};
delete config.webpub;

const CMS = window.CMS;
CMS.registerCustomFormat('webpub-page', 'md', makeFormat(parse, webpub.key_order || []));
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    const data = entry.get('data');
    const sections = ((webpub.topic_sections || {})[entry.get('collection')] || {})[data.get('topic')];
    if (!sections) return data;
    return data.set('body', withTopicSections(data.get('body'), sections, webpub.section_placeholder));
  },
});
CMS.init({ config: { ...config, load_config_file: false } });
