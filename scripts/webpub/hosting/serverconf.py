"""nginx and Apache configuration for the built site, and its log rotation, from
``schema/hosting.yml``: one description of how the site is served, written twice.

What both say (docs/hosting.md explains it to the server administrator, in Thai):

- the document root is ``<root>/current``, the link ``webpub deploy`` switches;
- security headers on every response, errors included: HSTS, ``X-Content-Type-Options``,
  ``Referrer-Policy``, ``Permissions-Policy``, ``X-Frame-Options`` and the header half of
  the content security policy (``webpub.hosting.csp``: ``frame-ancestors``; each page
  carries its own script and style hashes);
- cache rules: a year (immutable) for the theme's hashed bundles, a month for fonts,
  five minutes (revalidated) for pages, feeds and the search index, an hour otherwise;
- the build's precompressed ``.br`` and ``.gz`` copies sent when the browser accepts
  them (``Vary: Accept-Encoding``), never compressed per request. Debian's nginx has
  no ``brotli_static`` without an extra module, so ``.br`` is chosen by a ``map`` on
  ``Accept-Encoding`` and ``try_files``, with the content type set per extension;
- the site's own 404 page; Thai paths (percent-encoded UTF-8, decoded by the server to
  the UTF-8 names the build wrote); nothing but the site: no dotfiles (the release's
  ``.webpub-manifest.sha256``), no Markdown or other source files, no directory listings;
- an access log with ISO 8601 times and the request duration, rotated daily and kept
  ``log_days`` days (the Computer Crime Act asks for at least 90).
"""

from __future__ import annotations

from webpub.hosting.config import ServerSettings
from webpub.hosting.csp import header_policy

# Extensions the build precompresses and that are sent compressed, with their types.
TYPES = (
    ("html", "text/html"),
    ("css", "text/css"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("xml", "application/xml"),
    ("svg", "image/svg+xml"),
    ("txt", "text/plain"),
    ("csv", "text/csv"),
)
CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
CACHE_FONTS = "public, max-age=2592000"
CACHE_SHORT = "public, max-age=300, must-revalidate"
CACHE_DEFAULT = "public, max-age=3600"
HASHED = r"\.[0-9a-f]{8,}\.min\.(css|js)"
DENIED = r"\.(md|markdown|ya?ml|py|sh|bak|orig|swp|tmp)$"
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)"
REFERRER = "strict-origin-when-cross-origin"
LOG_FIELDS = ('$remote_addr - $remote_user [$time_iso8601] "$request" $status $body_bytes_sent '
              '"$http_referer" "$http_user_agent" $request_time $host')


def headers(settings: ServerSettings) -> dict[str, str]:
    """The fixed security headers every response carries (the CSP and cache vary)."""
    return {
        "Strict-Transport-Security": f"max-age={settings.hsts_max_age}; includeSubDomains",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": REFERRER,
        "Permissions-Policy": PERMISSIONS,
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def nginx(settings: ServerSettings, *, listen: str | None = None, root: str | None = None,
          log_dir: str | None = None) -> str:
    """The nginx file for ``/etc/nginx/conf.d/`` (it goes in the ``http`` block).

    ``listen`` (``127.0.0.1:8080``) serves plain HTTP only, for tests and the benchmark on
    one machine; without it the site is HTTPS on 443 with a port-80 redirect."""
    docroot = (root or settings.root).rstrip("/") + "/current"
    logs = (log_dir or settings.log_dir).rstrip("/")
    fixed = "".join(f'        add_header {name} "{value}" always;\n' for name, value in headers(settings).items())
    common = (fixed
              + '        add_header Content-Security-Policy $webpub_csp always;\n'
              + '        add_header Cache-Control $webpub_cache always;\n')
    typed = ""
    for ext, mime in TYPES:
        typed += (f"    location ~ \\.{ext}$ {{\n"
                  f"        types {{ }}\n        default_type \"{mime}\";\n"
                  f"{common}"
                  f"        add_header Vary Accept-Encoding always;\n"
                  # "always": the 404 page is served precompressed too, and without the header
                  # a browser that accepts br would get the compressed bytes as the page
                  f"        add_header Content-Encoding $webpub_encoding always;\n"
                  f"        try_files $uri$webpub_br $uri =404;\n"
                  f"    }}\n")
    if listen:
        head = f"    listen {listen};\n"
        redirect = ""
    else:
        # "listen … http2" (not "http2 on"): Debian 12's nginx 1.22 knows only this form.
        head = ("    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n"
                f"    ssl_certificate {settings.tls_certificate};\n"
                f"    ssl_certificate_key {settings.tls_certificate_key};\n"
                "    ssl_protocols TLSv1.2 TLSv1.3;\n")
        redirect = ("server {\n    listen 80;\n    listen [::]:80;\n"
                    f"    server_name {settings.name};\n"
                    f"    access_log {logs}/access.log webpub;\n"
                    "    return 301 https://$host$request_uri;\n}\n\n")
    html_csp = header_policy(html=True)
    other_csp = header_policy(html=False)
    return f"""# Generated by `webpub server-config` from schema/hosting.yml: regenerate, do not edit.
# Goes in nginx's http block (Debian: /etc/nginx/conf.d/webpub.conf). Guide: docs/hosting.md
map $http_accept_encoding $webpub_br {{
    default "";
    "~*(^|[,\\s])br([,;\\s]|$)" ".br";
}}
map $uri $webpub_encoding {{
    default "";
    "~\\.br$" "br";
}}
map $uri $webpub_csp {{
    default "{other_csp}";
    "~\\.html(\\.br)?$" "{html_csp}";
}}
map $uri $webpub_cache {{
    default "{CACHE_DEFAULT}";
    "~{HASHED}(\\.br)?$" "{CACHE_IMMUTABLE}";
    "~^/assets/fonts/" "{CACHE_FONTS}";
    "~\\.(html|xml|json)(\\.br)?$" "{CACHE_SHORT}";
}}
log_format webpub '{LOG_FIELDS}';

{redirect}server {{
{head}    server_name {settings.name};
    root {docroot};
    index index.html;
    charset utf-8;
    charset_types text/css text/plain text/csv text/javascript application/json application/xml image/svg+xml;
    server_tokens off;
    absolute_redirect off;
    autoindex off;
    gzip off;
    gzip_static on;
    access_log {logs}/access.log webpub;
    error_log {logs}/error.log warn;
    error_page 404 /404.html;
    error_page 403 =404 /404.html;  # a folder without a page: not found, never a listing

    # Nothing but the site: no dotfiles, no sources.
    location ~ /\\. {{
        return 404;
    }}
    location ~* {DENIED} {{
        return 404;
    }}
{typed}    # Pages without a <link rel="icon"> (the printable request forms): the theme's icon.
    location = /favicon.ico {{
{common}        log_not_found off;
        try_files $uri /assets/images/favicon.png =404;
    }}
    location / {{
{common}        try_files $uri $uri/ =404;
    }}
}}
"""


def apache(settings: ServerSettings, *, listen: str | None = None, root: str | None = None,
           log_dir: str | None = None) -> str:
    """The Apache file for ``/etc/apache2/sites-available/`` (modules: headers, rewrite,
    ssl, mime, dir, alias; ``a2enmod headers rewrite ssl``)."""
    docroot = (root or settings.root).rstrip("/") + "/current"
    logs = (log_dir or settings.log_dir).rstrip("/")
    fixed = "".join(f'    Header always set {name} "{value}"\n' for name, value in headers(settings).items())
    html_csp = header_policy(html=True)
    other_csp = header_policy(html=False)
    if listen:
        vhost_open = f"Listen {listen}\n<VirtualHost {listen}>\n"
        tls = ""
        redirect = ""
    else:
        vhost_open = "<VirtualHost *:443>\n"
        tls = (f"    SSLEngine on\n    SSLCertificateFile {settings.tls_certificate}\n"
               f"    SSLCertificateKeyFile {settings.tls_certificate_key}\n"
               "    SSLProtocol -all +TLSv1.2 +TLSv1.3\n")
        redirect = (f"<VirtualHost *:80>\n    ServerName {settings.name}\n"
                    f"    Redirect permanent / https://{settings.name}/\n</VirtualHost>\n\n")
    # UTF-8 declared for every text type, as nginx's charset_types does (a script or a CSV
    # with Thai in it must not be read in another encoding), the precompressed copies included.
    types = "".join(
        f'    <FilesMatch "\\.{ext}\\.(br|gz)$">\n        ForceType "{mime}; charset=utf-8"\n    </FilesMatch>\n'
        for ext, mime in TYPES)
    charsets = " ".join(f".{ext}" for ext, _ in TYPES)
    exts = "|".join(ext for ext, _ in TYPES)
    return f"""# Generated by `webpub server-config` from schema/hosting.yml: regenerate, do not edit.
# Debian: /etc/apache2/sites-available/webpub.conf; a2enmod headers rewrite ssl; a2ensite webpub. Guide: docs/hosting.md
LogFormat "%h %l %u [%{{%Y-%m-%dT%H:%M:%S%z}}t] \\"%r\\" %>s %O \\"%{{Referer}}i\\" \\"%{{User-Agent}}i\\" %D %v" webpub

{redirect}{vhost_open}    ServerName {settings.name}
    DocumentRoot {docroot}
{tls}    ServerSignature Off
    AddDefaultCharset utf-8
    AddCharset utf-8 {charsets}
    ErrorDocument 404 /404.html
    CustomLog {logs}/access.log webpub
    ErrorLog {logs}/error.log
{fixed}    Header always set Content-Security-Policy "{other_csp}"
    Header always set Content-Security-Policy "{html_csp}" "expr=%{{CONTENT_TYPE}} =~ m#^text/html#"
    Header always set Cache-Control "{CACHE_DEFAULT}"
    Header always set Cache-Control "{CACHE_SHORT}" "expr=%{{REQUEST_URI}} =~ m#(/|\\.(html|xml|json))(\\.(br|gz))?$#"
    Header always set Cache-Control "{CACHE_FONTS}" "expr=%{{REQUEST_URI}} =~ m#^/assets/fonts/#"
    Header always set Cache-Control "{CACHE_IMMUTABLE}" "expr=%{{REQUEST_URI}} =~ m#{HASHED}(\\.(br|gz))?$#"
    # Nothing but the site: no dotfiles, no sources.
    RedirectMatch 404 "/\\."
    RedirectMatch 404 "(?i){DENIED}"
    <Directory {docroot}>
        Options -Indexes +FollowSymLinks
        AllowOverride None
        Require all granted
        DirectoryIndex index.html
        RewriteEngine On
        # The build's precompressed copies, when the browser accepts them.
        RewriteCond %{{HTTP:Accept-Encoding}} "\\bbr\\b"
        RewriteCond %{{REQUEST_FILENAME}}.br -f
        RewriteRule "\\.({exts})$" "%{{REQUEST_URI}}.br" [L]
        RewriteCond %{{HTTP:Accept-Encoding}} "\\bgzip\\b"
        RewriteCond %{{REQUEST_FILENAME}}.gz -f
        RewriteRule "\\.({exts})$" "%{{REQUEST_URI}}.gz" [L]
        RewriteRule "\\.br$" "-" [E=no-gzip:1,E=webpub_br:1]
        RewriteRule "\\.gz$" "-" [E=no-gzip:1,E=webpub_gz:1]
    </Directory>
{types}    Header always set Content-Encoding br env=REDIRECT_webpub_br
    Header always set Content-Encoding gzip env=REDIRECT_webpub_gz
    Header always set Content-Encoding br env=webpub_br
    Header always set Content-Encoding gzip env=webpub_gz
    Header always merge Vary Accept-Encoding "expr=%{{REQUEST_URI}} =~ m#(/|\\.({exts})(\\.(br|gz))?)$#"
</VirtualHost>
"""


def logrotate(settings: ServerSettings, server: str = "nginx") -> str:
    """``/etc/logrotate.d/webpub``: daily, ``log_days`` kept, compressed."""
    reload = ("[ -s /run/nginx.pid ] && kill -USR1 $(cat /run/nginx.pid)" if server == "nginx"
              else "systemctl reload apache2 > /dev/null 2>&1 || true")
    return f"""# Generated by `webpub server-config`: the site's logs, kept {settings.log_days} days
# (Computer Crime Act B.E. 2550 s.26: traffic data at least 90 days). Guide: docs/hosting.md
{settings.log_dir.rstrip('/')}/*.log {{
    daily
    rotate {settings.log_days}
    maxage {settings.log_days}
    missingok
    notifempty
    compress
    delaycompress
    dateext
    create 0640 root adm
    sharedscripts
    postrotate
        {reload}
    endscript
}}
"""
