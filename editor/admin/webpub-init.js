// Decap CMS waits for webpub-cms.js (which registers the page format) before it starts.
window.CMS_MANUAL_INIT = true;
