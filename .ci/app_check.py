"""Start `diffedit-app` on loopback and check it: the `edit` endpoint through gradio_client, five concurrent calls,
bad input, and the page itself in headless Chromium driven by Playwright (Debian's `chromium`: Playwright's own
browser download cannot run here). Prints what it saw; exit 0 when every check passed.

    python .ci/app_check.py [--screenshot images/app.png] [--no-browser]
"""
import argparse, os, shutil, socket, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.request import urlopen

import numpy as np
from PIL import Image

from diffedit_nbs.app import EXAMPLE_TEXTS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "images" / "red_circle_on_blue.png"
Q, R = "a green circle on a blue background", "a red circle on a blue background"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok: failures.append(what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); return s.getsockname()[1]


def wait_up(url, proc, timeout=300) -> bool:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None: return False
        try:
            with urlopen(url, timeout=5) as r:
                if r.status == 200: return True
        except OSError: time.sleep(1)
    return False


def up(url) -> bool:
    try:
        with urlopen(url, timeout=10) as r: return r.status == 200
    except OSError: return False


def object_pixels(path) -> np.ndarray:
    "The object's pixels in a shapes scene: those the judge does not read as background."
    from diffedit_nbs.judge import read_scene
    return read_scene(Image.open(path).convert("RGB")).mask


def thread_cost(c, calls=50):
    "Why the app runs the model on its main thread (tools/app_profile.py measures and records it)."
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from app_profile import thread_cost as measure
    t = measure(c, calls)
    print(f"     {calls} UNet calls: main thread {t['main thread']:.2f} s, another thread {t['another thread']:.2f} s "
          f"({t['another thread'] / t['main thread']:.1f}x), another thread with one PyTorch thread "
          f"{t['another thread, one torch thread']:.2f} s")


def client_checks(url):
    from gradio_client import Client, handle_file
    client = Client(url, verbose=False)
    t0 = time.perf_counter()
    soft, mask, edit = client.predict(handle_file(str(EXAMPLE)), Q, R, 0.5, 0.5, 7.5, 50, 0, api_name="/edit")
    app_seconds = time.perf_counter() - t0
    size = Image.open(EXAMPLE).size
    check(Image.open(edit).size == size and Image.open(mask).size == size,
          f"client: /edit returns an edit and a mask of the input's size {size}")
    m, obj = np.asarray(Image.open(mask).convert("L")) > 127, object_pixels(EXAMPLE)
    recall, precision = (m & obj).sum() / obj.sum(), (m & obj).sum() / max(m.sum(), 1)
    check(recall >= 0.8 and precision >= 0.5,
          f"client: the mask is where the object is (covers {recall:.0%} of it; {precision:.0%} of the mask is on it)")

    # the same edit in this process, without the app, for the time ratio: on two images the app has not seen (nothing
    # kept); the app runs the model on its main thread (ModelThread). tools/app_profile.py: medians and where the rest goes
    from diffedit_nbs.diffedit import diffedit
    from diffedit_nbs.components import load_components
    c = load_components()
    diffedit(EXAMPLE, Q, R, components=c, progress=False)                         # warm up, as the app's start did
    for name in ("white_square_on_green.png", "yellow_triangle_on_purple.png"):
        path, (q, r) = ROOT / "images" / name, EXAMPLE_TEXTS[name]
        t0 = time.perf_counter(); diffedit(path, q, r, components=c, seed=1, progress=False)
        direct = time.perf_counter() - t0
        t0 = time.perf_counter(); client.predict(handle_file(str(path)), q, r, 0.5, 0.5, 7.5, 50, 1, api_name="/edit")
        app_seconds = time.perf_counter() - t0
        print(f"     one edit of {name}: through the app {app_seconds:.2f} s, diffedit() {direct:.2f} s, "
              f"ratio {app_seconds / direct:.2f} (target <= 1.2)")
    thread_cost(c)

    # five at once: Gradio's queue serves them in turn
    t0 = time.perf_counter()
    with ThreadPoolExecutor(5) as pool:
        jobs = [pool.submit(Client(url, verbose=False).predict, handle_file(str(EXAMPLE)), Q, R, 0.5, 0.5, 7.5, 20,
                            100 + i, api_name="/edit") for i in range(5)]
        done = [j.result(timeout=600) for j in jobs]
    check(len(done) == 5 and all(Path(d[2]).is_file() for d in done) and up(url),
          f"client: five concurrent calls all returned ({time.perf_counter() - t0:.1f} s) and the server is up")

    # bad input: an error in words, and the server keeps serving
    bad = tempfile.NamedTemporaryFile(suffix=".png", delete=False); bad.write(b"not an image"); bad.close()
    for args, want in [((handle_file(str(EXAMPLE)), "", R), "query is empty"),
                       ((handle_file(str(EXAMPLE)), R, R), "nothing to edit"),
                       ((handle_file(bad.name), Q, R), "not an image")]:
        try: client.predict(*args, 0.5, 0.5, 7.5, 10, 0, api_name="/edit"); msg = "no error"
        except Exception as e: msg = str(e)
        check(want in msg and up(url), f"client: bad input {args[1:]!r} -> {msg.strip()[:90]!r}; server up")
    os.unlink(bad.name)


def browser_checks(url, screenshot):
    from playwright.sync_api import sync_playwright
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None: check(False, "browser: Debian's chromium is not installed (apt-get install chromium)"); return
    with sync_playwright() as p:
        # flags for a machine without a network: no background connections that would be refused at every start
        flags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=flags)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(url, wait_until="networkidle")
        page.locator("#input-image input[type=file]").set_input_files(str(EXAMPLE))
        page.locator("#query textarea").fill(Q)
        page.locator("#ref textarea").fill(R)
        page.locator("#edit-button").click()
        result = page.locator("#result img")
        result.wait_for(state="visible", timeout=300_000)
        overlay = page.locator("#overlay img")
        before = overlay.get_attribute("src")
        status = page.locator("#status").inner_text()
        check(bool(result.get_attribute("src")), f"browser: upload, query, Edit -> an edit appeared ({status.strip()})")
        # drag the threshold slider from 0.5 down to about 0.1: on release only the decoding runs again
        slider = page.locator("#threshold input[type=range]")
        box = slider.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] * 0.5, y); page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.1, y, steps=8); page.mouse.up()
        t0, changed = time.time(), False
        while time.time() - t0 < 300 and not changed:
            time.sleep(1); changed = overlay.get_attribute("src") != before
        value = page.locator("#threshold input[type=number]").input_value()
        status = page.locator("#status").inner_text()
        check(changed, f"browser: threshold moved to {value} -> the mask changed ({status.strip()})")
        if screenshot:
            page.screenshot(path=str(screenshot), full_page=False)
            print(f"     screenshot: {screenshot}")
        browser.close()


def main(argv=None) -> int:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--screenshot", default=None, help="save a screenshot of the page after the edit here")
    a.add_argument("--no-browser", action="store_true", help="skip the Playwright checks")
    args = a.parse_args(argv)
    port, tmp = free_port(), tempfile.mkdtemp(prefix="diffedit-app-check-")
    env = dict(os.environ, GRADIO_TEMP_DIR=tmp, GRADIO_ANALYTICS_ENABLED="False")
    log = open(Path(tmp) / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "diffedit_nbs.app", "--port", str(port)], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        check(wait_up(url, proc), f"the app serves {url}")
        if not failures:
            client_checks(url)
            if not args.no_browser: browser_checks(url, args.screenshot)
            check(proc.poll() is None and up(url), "the server is still up at the end")
    finally:
        proc.terminate(); proc.wait(timeout=30); log.close()
        if failures: print((Path(tmp) / "server.log").read_text()[-3000:])
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"app checks: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__": sys.exit(main())
