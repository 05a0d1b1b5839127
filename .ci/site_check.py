"""The course's website (`bash tools/docs.sh` -> _docs/html) in headless Chromium driven by Playwright (Debian's
`chromium`, as .ci/app_check.py uses it): every page loads with no console error and no request to another host,
every image on it is displayed, the math of a lesson is typeset, the site's search finds "DiffEdit", and the API page
of `diffedit` lists `diffedit`'s parameters with their comments. With --screenshot FILE, writes a lesson page's picture.

    python .ci/site_check.py [--site _docs/html] [--screenshot images/site_lesson.png]"""
import argparse, functools, http.server, shutil, sys, threading
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
failures = []


def check(ok, what):
    print(f"{'ok  ' if ok else 'FAIL'} {what}")
    if not ok: failures.append(what)


def serve(site) -> str:
    "The site on a local port, from a thread; its base URL."
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args): pass
    handler = functools.partial(Quiet, directory=str(site))
    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address): pass      # a page left before its last file was sent
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def main():
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--site", default=str(ROOT / "_docs" / "html"))
    a.add_argument("--screenshot", default=None, help="write a lesson page's screenshot (PNG) here")
    args = a.parse_args()
    site = Path(args.site)
    if not (site / "index.html").exists(): sys.exit(f"site_check: no site at {site}: run bash tools/docs.sh first")
    pages = sorted(p.relative_to(site).as_posix() for p in site.glob("nbs/*.html"))
    pages += sorted(p.relative_to(site).as_posix() for p in site.glob("api/*.html"))
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20
    check(size < 40, f"the site is {size:.1f} MB (target: under 40)")
    from playwright.sync_api import sync_playwright
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None: sys.exit("site_check: Debian's chromium is not installed (apt-get install chromium)")
    url = serve(site)
    host = urlparse(url).netloc
    with sync_playwright() as p:
        flags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=flags)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        errors, foreign = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        def route(r):                                   # the site must load nothing from another host
            if urlparse(r.request.url).netloc != host: foreign.append(r.request.url); return r.abort()
            return r.continue_()
        page.route("**/*", route)
        bad_pages = []
        for rel in pages:
            errors.clear(); foreign.clear()
            page.goto(url + rel, wait_until="load")
            broken = page.evaluate("""() => Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))
                                                .map(i => i.src)""")
            if errors or foreign or broken: bad_pages.append((rel, errors[:2], foreign[:2], broken[:2]))
        for rel, e, f, b in bad_pages: print(f"     {rel}: console errors {e}, other hosts {f}, broken images {b}")
        check(not bad_pages, f"{len(pages)} pages (lessons, appendices, API) load with no console error, no request to "
                             "another host, every image displayed")
        # math: lesson 07 writes the DDIM step as an equation; MathJax 2 typesets it from the site itself
        page.goto(url + "nbs/07_ddim.html", wait_until="load")
        page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0 && "
                               "document.querySelectorAll('.MathJax, .MathJax_Display').length > 0", timeout=60_000)
        n = page.evaluate("() => document.querySelectorAll('.MathJax').length")
        check(n > 0, f"lesson 07's math is typeset ({n} formulas)")
        # search: Sphinx's own index, in the page
        page.goto(url + "search.html?q=DiffEdit", wait_until="load")
        page.wait_for_function("() => (document.querySelector('#search-results p.search-summary, #search-progress') || "
                               "{textContent: ''}).textContent.includes('found')", timeout=60_000)
        hits = page.evaluate("() => Array.from(document.querySelectorAll('#search-results li a')).map(a => a.textContent)")
        check(len(hits) >= 5, f"the search finds 'DiffEdit' on {len(hits)} pages (first: {hits[:3]})")
        # the API page of diffedit: the signature and each parameter with its comment
        page.goto(url + "api/diffedit.html", wait_until="load")
        entry = page.locator("dl.py.function:has(> dt#diffedit_nbs\\.diffedit\\.diffedit)")
        text = entry.inner_text() if entry.count() else ""
        params = ("image", "query", "ref", "components", "num_inference_steps", "guidance_scale", "encode_ratio", "mask",
                  "mask_threshold", "paste_back", "seed")
        missing = [k for k in params if f"{k} –" not in text and f"{k} —" not in text]
        check(entry.count() == 1 and not missing, f"api/diffedit: `diffedit` lists its parameters with their comments "
                                                  f"(missing: {missing})")
        # each lesson links its module's API page
        page.goto(url + "nbs/06_mask.html", wait_until="load")
        check(page.locator("a[href$='api/mask.html']").count() > 0 and page.locator("img[src*='colab-badge']").count() > 0,
              "lesson 06 links the API page of `mask` and keeps its Colab badge")
        if args.screenshot:
            page.set_viewport_size({"width": 1280, "height": 800})
            page.goto(url + "nbs/08_diffedit.html", wait_until="load")
            page.wait_for_timeout(1500)
            page.screenshot(path=args.screenshot)
            print(f"     screenshot: {args.screenshot}")
        browser.close()
    print(f"site: {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__": main()
