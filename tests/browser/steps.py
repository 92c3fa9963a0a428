"""What the browser tests share beside the fixtures of conftest.py: the three languages as
a browser names them, and the selection's steps as a manager takes them."""

import re

from playwright.sync_api import expect

from jumelage.selection.models import Nomination

LANGUAGES = ["zh-hant", "fr", "en"]
HTML_LANG = {"zh-hant": "zh-Hant", "fr": "fr", "en": "en"}
LOCALES = {"zh-hant": "zh-TW", "fr": "fr-FR", "en": "en-GB"}


def wait_until(page, check, what, timeout=10.0):
    """Poll `check` (typically a database read) while the browser keeps running."""
    for _ in range(int(timeout * 10)):
        if check():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"timed out waiting for {what}")


def shot(page, name):
    page.screenshot(path=f"/tmp/sel-{name}.png", full_page=True)


class Selection:
    """The addresses of the cycle's selection pages, in one language."""

    def __init__(self, live_server, world):
        self.base = live_server.url
        self.cycle = f"selection/{world.partnership.slug}/{world.cycle.slug}"

    def __call__(self, language, path=""):
        return f"{self.base}/{language}/{self.cycle}/{path}"


def nominate(page, urls, language, side, applications):
    page.goto(urls(language, f"{side}/nominate/"))
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
    for application in applications:
        page.select_option(f"#id_kind_{application.pk}", "nominated")
        page.fill(f"#id_justification_{application.pk}", f"Top of the ranking: {application}")
        page.fill(f"#id_partner_summary_{application.pk}", f"In short: {application}")
    expect(page.locator("#nominated-count")).to_have_attribute("data-count", "5")
    shot(page, f"nominate-{side}-{language}")
    page.locator("#send").click()
    expect(page.locator("#pick")).to_be_visible()
    shot(page, f"nominated-{side}-{language}")


def pick(page, urls, language, side, world):
    """Select the first two of `side`'s nominees and keep the third in reserve."""
    page.goto(urls(language, f"{side}/pick/"))
    nomination = Nomination.objects.get(cycle=world.cycle, side__slug=side)
    entries = list(nomination.entries.order_by("order"))
    page.locator(f'a[href$="/pick/{entries[0].application_id}/"]').click()
    expect(page.locator("#privacy-note")).to_be_visible()
    shot(page, f"application-{side}-{language}")
    page.go_back()
    for entry in entries[:2]:
        page.select_option(f"#id_choice_{entry.pk}", "selected")
        page.fill(f"#id_reason_{entry.pk}", "Fits our incubators")
    page.select_option(f"#id_choice_{entries[2].pk}", "reserve")
    page.fill(f"#id_order_{entries[2].pk}", "1")
    expect(page.locator("#selected-count")).to_have_attribute("data-count", "2")
    for hidden in world.ranked[side][5:]:
        expect(page.locator("main")).not_to_contain_text(hidden.team_name)
    shot(page, f"pick-{side}-{language}")
    page.locator("#propose").click()
    expect(page.locator("#pick-state")).to_have_class(re.compile(r"\bproposed\b"))
    shot(page, f"proposed-{side}-{language}")


def confirm(page, urls, language, side):
    page.goto(urls(language, f"{side}/nominate/"))
    page.locator("#confirm-pick").click()
    expect(page.locator("#pick-state")).to_have_class(re.compile(r"\bsent\b"))
    shot(page, f"confirmed-{side}-{language}")


def cross_select(page, urls, log_in, managers, world):
    """Each side's manager (Taichung's in Chinese, Toulouse's in French) nominates its top
    five, picks from the partner's nomination, and confirms the partner's pick."""
    log_in(managers["taichung"])
    nominate(page, urls, "zh-hant", "taichung", world.ranked["taichung"][:5])
    log_in(managers["toulouse"])
    pick(page, urls, "fr", "taichung", world)
    nominate(page, urls, "fr", "toulouse", world.ranked["toulouse"][:5])
    log_in(managers["taichung"])
    pick(page, urls, "zh-hant", "toulouse", world)
    confirm(page, urls, "zh-hant", "taichung")
    log_in(managers["toulouse"])
    confirm(page, urls, "fr", "toulouse")
