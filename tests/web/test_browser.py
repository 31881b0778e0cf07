"""The widget in a real browser: Debian's headless Chromium, a real server over the real corpus, a host page on another
origin that embeds widget.js. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from assistant.api import create_app
from assistant.config import Settings
from assistant.service import build_assistant
from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUESTION = "Hvor mye kunne hver næringshage søke om på trinn 1?"
FOLLOW_UP = "Og på trinn 2 og 3?"
W = "programme-assistant"  # the widget's host element; Playwright's CSS selectors pierce its open shadow root

ADMIN_KEY = "browser-test-admin-key-0123456789"  # the feedback export sits behind the admin key


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    import uvicorn

    api_port, host_port = _free_port(), _free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), allowed_origins=[host_origin],
                        admin_api_key=ADMIN_KEY)
    a = build_assistant(settings)
    assert a.ingest([REPO / "corpus"]).ok
    app = create_app(settings, assistant=a)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=api_port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()

    # A host page with aggressive styles of its own: none of them may reach the widget.
    html = f"""<!doctype html><html lang="nb"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1"><title>Intranett</title>
      <style>* {{ font-family: 'Comic Sans MS', cursive !important; }} button {{ background: lime !important; }}
      p {{ color: darkred; font-size: 22px; }} body {{ background: #fafae6; margin: 40px; }}</style></head>
      <body><h1>Intranettet</h1><p>En vanlig side som bygger inn assistenten.</p>
      <script src="http://127.0.0.1:{api_port}/widget.js" data-lang="nb" defer></script></body></html>""".encode()

    class Host(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    host = ThreadingHTTPServer(("127.0.0.1", host_port), Host)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started
    yield {"api": f"http://127.0.0.1:{api_port}", "host": host_origin, "app": app}
    server.should_exit = True
    host.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("/usr/bin/chromium is missing: `make test` installs it (apt-get install chromium)")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _shadow_active_id(page) -> str:
    return page.evaluate(f"document.querySelector('{W}').shadowRoot.activeElement?.id || "
                         f"document.querySelector('{W}').shadowRoot.activeElement?.className || ''")


# Records (ms since asked, answer text length) on every animation frame for the newest answer.
SAMPLER = f"""() => {{
  const root = document.querySelector('{W}').shadowRoot;
  window.__samples = []; window.__t0 = performance.now();
  const n = root.querySelectorAll('.pa-bot').length;
  const tick = () => {{
    const bots = root.querySelectorAll('.pa-bot');
    if (bots.length > n) {{
      const bot = bots[bots.length - 1];
      window.__samples.push([performance.now() - window.__t0, bot.querySelector('.pa-text').textContent.length]);
      if (bot.querySelector('.pa-feedback, .pa-errtext')) return;
    }}
    requestAnimationFrame(tick);
  }};
  requestAnimationFrame(tick);
}}"""


def _ask_and_watch(page, question: str) -> dict:
    page.evaluate(SAMPLER)
    page.locator(f"{W} #pa-q").fill(question)
    page.locator(f"{W} #pa-q").press("Enter")
    answers = page.locator(f"{W} .pa-bot")
    answers.last.locator(".pa-feedback").wait_for(timeout=30_000)
    samples = page.evaluate("window.__samples")
    lengths = [n for _, n in samples]
    first = next(t for t, n in samples if n > 0)
    return {"ttft_ms": first, "total_ms": samples[-1][0], "distinct_lengths": len(set(lengths)),
            "text": answers.last.locator(".pa-text").inner_text()}


def test_embedded_widget_streams_cites_follows_up_and_takes_feedback(servers, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.goto(servers["host"] + "/")
    launcher = page.locator(f"{W} .pa-launcher")
    launcher.wait_for()
    assert "Spør om programmene" in launcher.inner_text()
    # isolation: the host's `button { background: lime !important }` and Comic Sans do not reach the widget
    style = launcher.evaluate("b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).fontFamily]")
    assert style[0] != "rgb(0, 255, 0)" and "Comic" not in style[1]
    page.screenshot(path=ARTIFACTS / "widget-closed-desktop.png")

    launcher.click()
    panel = page.locator(f"{W} [role=dialog]")
    assert panel.is_visible() and panel.get_attribute("aria-labelledby") == "pa-title"
    assert _shadow_active_id(page) == "pa-q"  # focus moves into the panel
    assert page.locator(f"{W} .pa-starter").count() == 3

    first = _ask_and_watch(page, QUESTION)
    assert first["distinct_lengths"] >= 5, first  # the text grew over several frames: it streamed
    assert "350" in first["text"], first["text"]
    assert page.locator(f"{W} [role=log]").get_attribute("aria-live") == "polite"
    (ARTIFACTS / "timing.json").write_text(json.dumps(first | {"text": None}, indent=2))
    page.screenshot(path=ARTIFACTS / "widget-answer-desktop.png")

    # a citation chip opens the page text with the quoted passage highlighted and a link to the original
    chip = page.locator(f"{W} .pa-bot .pa-text .pa-chip").first
    chip.click()
    mark = page.locator(f"{W} .pa-source mark.pa-hl")
    mark.wait_for()
    link = page.locator(f"{W} .pa-src-link")
    assert "#page=" in link.get_attribute("href") and link.get_attribute("href").startswith(servers["api"])
    assert len(mark.inner_text()) > 20 and " ".join(mark.inner_text().split()) in " ".join(first["text"].split())
    page.screenshot(path=ARTIFACTS / "widget-source-desktop.png")
    page.keyboard.press("Escape")  # closes the source view, focus back on the chip
    assert not page.locator(f"{W} .pa-source").is_visible()
    assert "pa-chip" in _shadow_active_id(page)

    # follow-up: the session's history makes "Og på trinn 2 og 3?" about the næringshage support
    second = _ask_and_watch(page, FOLLOW_UP)
    assert "450" in second["text"], second["text"]
    sessions = servers["app"].state.sessions
    assert sessions.count() == 1  # both questions went to one server-side session

    # feedback on the follow-up, with a comment, lands in the store and in the export
    fb = page.locator(f"{W} .pa-bot").last.locator(".pa-feedback")
    fb.get_by_role("button", name="Ikke nyttig").click()
    fb.get_by_label("Kommentar (valgfritt)").fill("Vil ha beløpet per trinn")
    fb.get_by_role("button", name="Send tilbakemelding").click()
    page.locator(f"{W} .pa-feedback >> text=Takk for tilbakemeldingen!").wait_for()
    page.screenshot(path=ARTIFACTS / "widget-feedback-desktop.png")
    export = httpx.get(servers["api"] + "/feedback/export", headers={"X-API-Key": ADMIN_KEY})
    items = [json.loads(x) for x in export.text.splitlines()]
    assert items[-1]["question"] == FOLLOW_UP and items[-1]["verdict"]["comment"] == "Vil ha beløpet per trinn"
    assert items[-1]["history"][0] == {"role": "user", "content": QUESTION} and items[-1]["evidence"]

    page.keyboard.press("Escape")  # Esc closes the panel and gives focus back to the launcher
    assert not panel.is_visible() and "pa-launcher" in _shadow_active_id(page)
    page.close()


def test_phone_width_and_new_conversation(servers, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page.goto(servers["host"] + "/")
    page.locator(f"{W} .pa-launcher").click()
    box = page.locator(f"{W} .pa-panel").bounding_box()
    assert box["width"] == 360 and box["x"] == 0  # the whole screen
    page.screenshot(path=ARTIFACTS / "widget-open-phone.png")
    page.locator(f"{W} .pa-starter").first.click()
    page.locator(f"{W} .pa-feedback").wait_for(timeout=30_000)
    scroll_width = page.evaluate(f"document.querySelector('{W}').shadowRoot.querySelector('.pa-log').scrollWidth")
    assert scroll_width <= 360  # nothing overflows sideways
    page.screenshot(path=ARTIFACTS / "widget-answer-phone.png")
    page.locator(f"{W} .pa-head").get_by_role("button", name="Ny samtale").click()
    assert page.locator(f"{W} .pa-bot").count() == 0 and page.locator(f"{W} .pa-starter").count() == 3
    page.close()


def test_full_page_in_english_and_clear_errors_when_the_service_is_down(servers, browser):
    page = browser.new_page(viewport={"width": 1100, "height": 800}, locale="en-GB")
    page.goto(servers["api"] + "/")
    page.locator(f"{W} .pa-page .pa-panel").wait_for()
    assert page.locator(f"{W} .pa-title").inner_text() == "Programme assistant"
    _ask_and_watch(page, "Who sat on the Advisory Board?")
    page.screenshot(path=ARTIFACTS / "page-answer-desktop-en.png")

    page.route("**/chat/stream", lambda route: route.fulfill(status=503, json={"detail": "not ready: loading"}))
    page.locator(f"{W} #pa-q").fill("Who approved the applications?")
    page.locator(f"{W} #pa-q").press("Enter")
    alert = page.locator(f"{W} .pa-bot").last.get_by_role("alert")
    alert.wait_for()
    assert "not ready" in alert.inner_text()
    page.unroute("**/chat/stream")
    page.route("**/chat/stream", lambda route: route.abort("connectionrefused"))
    page.locator(f"{W} #pa-q").fill("Who approved the applications?")
    page.locator(f"{W} #pa-q").press("Enter")
    page.locator(f"{W} .pa-bot").nth(2).get_by_role("alert").wait_for()
    assert "cannot be reached" in page.locator(f"{W} .pa-bot").nth(2).inner_text()
    page.screenshot(path=ARTIFACTS / "page-errors-desktop-en.png")
    page.close()
